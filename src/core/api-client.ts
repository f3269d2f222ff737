/** Where a widget finds the Lantoa service when the page does not say (`api` attribute). */

/**
 * The origin the widget's own script came from, so a snippet copied from the province's server needs no
 * `api`: the classic bundle is `document.currentScript` while it runs; a module knows `import.meta.url`
 * (this module is in the chunk every widget shares, served from the same place).
 */
const scriptOrigin = (() => {
  try {
    const url = new URL((globalThis.document?.currentScript as HTMLScriptElement | null)?.src || import.meta.url);
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
