/**
 * Decisions every API route shares (api.ts, intake.ts, stream.ts): who may call a campaign or quiz
 * (CORS), and the reply of an in-memory aggregate (counts, quiz stats).
 */
import type { Snapshot } from '../campaigns/aggregate.js';
import { JSON_TYPE, notModified, type HeaderMap, type Reply } from './reply.js';

/** Who may embed a campaign: its policy and its list (campaigns.ts CampaignEntry). */
export interface EmbedPolicy {
  embed: 'open' | 'listed';
  allowedOrigins: ReadonlySet<string>;
}

/**
 * The origin to echo in CORS headers: undefined without an Origin header (not a cross-origin browser
 * request), null when the origin is refused. An "open" campaign takes every http or https page (not the
 * "null" origin of sandboxed frames and local files); a "listed" one its `allowedOrigins`. The service's own
 * pages (Origin host equal to the Host the browser asked for, over http or https) are always allowed,
 * whatever name the service runs under; `scheme` is the request's own when known (behind a proxy:
 * X-Forwarded-Proto), and then the Origin's must be the same.
 */
export function allowedOrigin(
  policy: EmbedPolicy,
  origin: string | undefined,
  host: string | undefined,
  scheme?: string,
): string | undefined | null {
  if (origin === undefined || policy.allowedOrigins.has(origin)) return origin;
  // Plain string tests: this runs for every cross-origin read of an open campaign.
  if (policy.embed === 'open' && (origin.startsWith('https://') || origin.startsWith('http://'))) return origin;
  if (sameHost(origin, host, scheme)) return origin;
  return null;
}

/** True when `origin` is exactly the service's own (http or https on the Host asked for): not an embedding site. */
export function ownOrigin(origin: string, host: string | undefined): boolean {
  return host !== undefined && (origin === `https://${host}` || origin === `http://${host}`);
}

function sameHost(origin: string, host: string | undefined, scheme: string | undefined): boolean {
  if (host === undefined) return false;
  try {
    const url = new URL(origin);
    const protocol = url.protocol.slice(0, -1);
    return (
      url.host === host &&
      (protocol === 'http' || protocol === 'https') &&
      (scheme === undefined || protocol === scheme)
    );
  } catch {
    return false;
  }
}

/** Adds the CORS headers for an allowed `origin` (none when undefined) to `headers`, and returns it. */
// By hand, not hono/cors, on GET and POST: that middleware costs a counts read far over 5% (docs/BENCHMARKS.md).
export function withCors(headers: HeaderMap, origin: string | undefined): HeaderMap {
  if (origin !== undefined) {
    headers['access-control-allow-origin'] = origin;
    headers['access-control-expose-headers'] = 'ETag, Retry-After';
    headers.vary = 'Origin';
  }
  return headers;
}

/** GET counts or stats: 200 with the JSON, or 304 when the client has it; short caching (changes are live). */
export function snapshotReply(
  snapshot: Snapshot<unknown>,
  origin: string | undefined,
  ifNoneMatch: string | undefined,
): Reply {
  if (notModified(ifNoneMatch, snapshot.etag)) {
    return {
      status: 304,
      body: null,
      headers: withCors({ etag: snapshot.etag, 'cache-control': 'public, max-age=5' }, origin),
    };
  }
  const headers = withCors(
    { etag: snapshot.etag, 'cache-control': 'public, max-age=5', 'content-type': JSON_TYPE },
    origin,
  );
  return { status: 200, body: snapshot.body, headers, length: snapshot.length };
}
