/**
 * Settings of the public pages (/c/…): the service's public address, which canonical links, Open Graph
 * URLs and QR codes carry, and the clock the share images are dated by (tests inject one).
 */
import { ConfigError } from '../config/config.js';

export interface PagesOptions {
  /**
   * The service's public origin (`https://lantoa.example.gov.vn`, from PUBLIC_URL), as visitors reach it
   * through any proxy; undefined: each request's own origin (its Host header), fine when nothing is in front.
   */
  publicUrl?: string;
  /** Milliseconds since the epoch; the share images are regenerated at most once a minute by this clock. */
  now?: () => number;
}

/**
 * PUBLIC_URL, checked at start: an http(s) origin, optionally with a path prefix, no query or fragment.
 * A trailing slash is dropped. Throws {@link ConfigError} naming the variable.
 */
export function publicUrlFromEnv(env: NodeJS.ProcessEnv = process.env): string | undefined {
  const value = env.PUBLIC_URL;
  if (!value) return undefined;
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    throw new ConfigError(
      `invalid environment:\n  PUBLIC_URL: not a URL ("${value}"); e.g. https://lantoa.example.gov.vn`,
    );
  }
  if (!/^https?:$/.test(url.protocol) || url.search || url.hash || url.username || url.password) {
    throw new ConfigError(
      `invalid environment:\n  PUBLIC_URL: an http(s) address without query, fragment or credentials, e.g. https://lantoa.example.gov.vn`,
    );
  }
  return url.href.replace(/\/+$/, '');
}
