/**
 * Decisions shared by the Hono routes (api.ts) and the counts fast path (fast-counts.ts), so the two
 * cannot answer the same request differently: who may call a campaign (CORS), and the counts reply.
 */
import type { CountsSnapshot } from './counts.js';
import { JSON_TYPE, notModified, type HeaderMap } from './http.js';

const NONE: HeaderMap = Object.freeze({}) as HeaderMap;

/**
 * The CORS headers for a request with this Origin: none without an Origin (not a cross-origin
 * browser request), null when the origin is refused. The service's own pages (Origin host equal to
 * the Host the browser asked) are always allowed, whatever name the service runs under.
 */
export function corsFor(allowed: ReadonlySet<string>, origin: string | undefined, host: string | undefined): HeaderMap | null {
  if (origin === undefined) return NONE;
  if (!allowed.has(origin) && !sameHost(origin, host)) return null;
  return { 'access-control-allow-origin': origin, 'access-control-expose-headers': 'ETag, Retry-After', vary: 'Origin' };
}

function sameHost(origin: string, host: string | undefined): boolean {
  if (host === undefined) return false;
  try {
    return new URL(origin).host === host;
  } catch {
    return false;
  }
}

export interface Reply {
  status: number;
  body: string | null;
  headers: HeaderMap;
}

/** GET counts: 200 with the JSON, or 304 when the client has it; short caching (the stream carries changes). */
export function countsReply(snapshot: CountsSnapshot, cors: HeaderMap, ifNoneMatch: string | undefined): Reply {
  const headers = { ...cors, etag: snapshot.etag, 'cache-control': 'public, max-age=5' };
  if (notModified(ifNoneMatch, snapshot.etag)) return { status: 304, body: null, headers };
  return { status: 200, body: snapshot.body, headers: { ...headers, 'content-type': JSON_TYPE } };
}
