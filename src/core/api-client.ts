/** Where a widget finds the Lantoa service when the page does not say (`api` attribute). */

/**
 * The origin the widget's own script came from, so a snippet copied from the province's server needs no
 * `api`: a module knows `import.meta.url` (this module is in the chunk every widget shares, served from the same
 * place); the classic scripts (lantoa.iife.js, banner.js) define it as their own URL (scripts/build.ts).
 */
const scriptOrigin = (() => {
  try {
    const url = new URL(import.meta.url);
    if (url.protocol === 'http:' || url.protocol === 'https:') return url.origin;
  } catch {
    /* no usable script URL: fall through */
  }
  return globalThis.location?.origin ?? '';
})();

/** The service's base URL without a trailing slash: the `api` attribute, else the script's origin. */
export function serviceBase(api: string | undefined): string {
  return (api || scriptOrigin).replace(/\/+$/, '');
}
