/**
 * Guarded custom-element registration.
 *
 * CMS pages often end up with two copies of a script (a widget pasted twice, or the loader and the
 * classic bundle side by side). `customElements.define` throws on the second call and would take the
 * rest of that script down with it, so we keep the first definition and warn once per tag instead.
 */
const warned = new Set<string>();

/** Resolves in a new task: `scheduler.yield()` where the browser has it (not held back by fake timers), else a timeout. */
export const nextTask = (): Promise<void> => {
  const scheduler = (globalThis as { scheduler?: { yield?: () => Promise<void> } }).scheduler;
  return scheduler?.yield ? scheduler.yield() : new Promise((resolve) => setTimeout(resolve, 0));
};

export function defineElement(tag: string, ctor: CustomElementConstructor): void {
  const registry = globalThis.customElements;
  if (!registry) return; // not in a browser (SSR, Node tests of pure helpers)
  const define = () =>
    registry.get(tag)
      ? warned.has(tag) || (warned.add(tag), console.warn(`[lantoa] <${tag}> is already defined: this copy is ignored`))
      : registry.define(tag, ctor);
  // Elements already in the page upgrade inside define(): their constructors, attributes and styles. On a page load
  // that would join the module's evaluation in one long task on a slow phone, so they upgrade in the next task.
  if (document.querySelector(tag)) void nextTask().then(define);
  else define();
}
