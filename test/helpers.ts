/** Small helpers shared by the browser tests. */

/** The element of a widget's shadow root carrying `part="name"`, or null. */
export function part(host: Element, name: string): HTMLElement | null {
  return host.shadowRoot!.querySelector(`[part~="${name}"]`);
}

/** What a part shows: slotted text when something is slotted, else its own (fallback) text. */
export function shownText(host: Element, name: string): string {
  const element = part(host, name);
  if (!element) return '';
  const slot = element.querySelector('slot');
  const assigned = slot?.assignedNodes({ flatten: true }) ?? [];
  const text = assigned.length > 0 ? assigned.map((node) => node.textContent).join('') : element.textContent;
  return (text ?? '').replace(/\s+/g, ' ').trim();
}

/** Records console calls of one kind during a test; `restore()` puts the console back. */
export function captureConsole(method: 'warn' | 'error') {
  const original = console[method];
  const calls: string[] = [];
  console[method] = (...args: unknown[]) => {
    calls.push(args.map(String).join(' '));
  };
  return { calls, restore: () => (console[method] = original) };
}

/** Runs `body` with console calls of one kind recorded, and always puts the console back. */
export async function withConsole(
  method: 'warn' | 'error',
  body: (log: { calls: string[] }) => Promise<void>,
): Promise<void> {
  const log = captureConsole(method);
  try {
    await body(log);
  } finally {
    log.restore();
  }
}

/** Resolves once `predicate` is true, polling every 10 ms (not rAF: it stalls in a background tab); rejects after `timeoutMs`. */
export async function until(predicate: () => boolean, timeoutMs = 5000, what = 'condition'): Promise<void> {
  const started = performance.now();
  while (!predicate()) {
    if (performance.now() - started > timeoutMs) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
}
