/**
 * The pages' own style sheets and script (assets/), read once and written inline, so a page costs one
 * request on 2G; the strict CSP the pages are sent with allows exactly these by their SHA-256 hashes.
 */
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';

export interface InlineAsset {
  text: string;
  /** CSP source expression: 'sha256-…'. */
  source: string;
}

function asset(name: string): InlineAsset {
  const text = readFileSync(new URL(`./assets/${name}`, import.meta.url), 'utf8').trim();
  return { text, source: `'sha256-${createHash('sha256').update(text).digest('base64')}'` };
}

export const PAGE_CSS = asset('page.css');
export const POSTER_CSS = asset('poster.css');
export const SHARE_JS = asset('share.js');
export const EMBED_CSS = asset('embed.css');
