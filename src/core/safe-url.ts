/**
 * Returns the absolute URL when `value` is an http(s) link, otherwise null.
 * Anything else (`javascript:`, `data:`, `vbscript:`, malformed) must never become an href.
 */
export function httpUrl(value: string | null | undefined, base: string = document.baseURI): string | null {
  if (!value) return null;
  let url: URL;
  try {
    url = new URL(value.trim(), base);
  } catch {
    return null;
  }
  return url.protocol === 'http:' || url.protocol === 'https:' ? url.href : null;
}
