/**
 * Guarded custom-element registration.
 *
 * CMS pages often end up with two copies of a script (a widget pasted twice, or the loader and the
 * classic bundle side by side). `customElements.define` throws on the second call and would take the
 * rest of that script down with it, so we keep the first definition and warn once per tag instead.
 */
const warned = new Set<string>();

export function defineElement(tag: string, ctor: CustomElementConstructor): void {
  const registry = globalThis.customElements;
  if (!registry) return; // not in a browser (SSR, Node tests of pure helpers)
  if (registry.get(tag)) {
    if (!warned.has(tag)) {
      warned.add(tag);
      console.warn(
        `[lantoa] <${tag}> is already defined on this page (the script is probably included twice); keeping the first definition.`,
      );
    }
    return;
  }
  registry.define(tag, ctor);
}
