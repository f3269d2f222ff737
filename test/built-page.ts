/**
 * Real pages for the tests of the built files (dist/lantoa): an iframe holding a snippet exactly as a
 * webmaster pastes it, with recorders for errors, console warnings and layout shifts.
 */
export const DIST = '/dist/lantoa';

export interface PageWindow extends Window {
  __errors: string[];
  __warnings: string[];
  __shift: number;
}

/**
 * Opens `body` as a page in an iframe of the given width (700 px high); `frames` collects it for removal; `head`
 * goes first in the page's head (a CSP meta must be there).
 */
export async function openPage(
  body: string,
  width = 1024,
  frames?: HTMLIFrameElement[],
  head = '',
): Promise<HTMLIFrameElement> {
  const frame = document.createElement('iframe');
  frame.style.cssText = `width:${width}px;height:700px;border:0`;
  frame.srcdoc = `<!doctype html><html lang="vi"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width">${head}
    <script>
      window.__errors = []; window.__warnings = []; window.__shift = 0;
      addEventListener('error', (e) => __errors.push(String(e.message)));
      addEventListener('unhandledrejection', (e) => __errors.push(String(e.reason)));
      const warn = console.warn; console.warn = (...a) => { __warnings.push(a.join(' ')); warn(...a); };
      new PerformanceObserver((list) => { for (const e of list.getEntries()) if (!e.hadRecentInput) __shift += e.value; })
        .observe({ type: 'layout-shift', buffered: true });
    </script></head><body style="margin:0">${body}</body></html>`;
  const loaded = new Promise((resolve) => frame.addEventListener('load', resolve, { once: true }));
  document.body.append(frame);
  frames?.push(frame);
  await loaded;
  return frame;
}

export const win = (frame: HTMLIFrameElement) => frame.contentWindow as PageWindow;

/** Names of the dist files the page requested, in order. */
export function requested(frame: HTMLIFrameElement): string[] {
  return win(frame)
    .performance.getEntriesByType('resource')
    .map((entry) => new URL(entry.name).pathname)
    .filter((path) => path.startsWith(`${DIST}/`))
    .map((path) => path.slice(DIST.length + 1));
}
