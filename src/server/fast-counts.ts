/**
 * GET /api/v1/campaigns/:campaign/counts without the framework: the most frequent request of all (every
 * page view, every poll) answered straight from node:http with the prepared body. Hono's request and
 * response objects cost about as much as the whole reply (measured: 45% of a bare server's rate
 * through Hono, over 70% here). Only the plain success (200 or 304) is answered here; anything else
 * (unknown campaign, refused origin, over the rate, a query string) falls through to the Hono routes,
 * which give the same decisions (access.ts) and the proper error.
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import { API_PREFIX } from '../contract/pledge.js';
import { allowedOrigin, countsReply } from './access.js';
import type { ApiDeps } from './api.js';
import { log } from './log.js';
import { clientKey } from './rate-limit.js';

/** The same campaigns, counts, read limiter and proxy setting as the Hono routes, so both decide alike. */
export interface FastCountsDeps extends Pick<ApiDeps, 'campaigns' | 'counts' | 'readLimiter' | 'trustProxy'> {
  accessLog: boolean;
}

const PREFIX = `${API_PREFIX}/campaigns/`;
const SUFFIX = '/counts';

/** Returns a request handler that answers and returns true, or returns false to let the app answer. */
export function countsFastPath(deps: FastCountsDeps): (req: IncomingMessage, res: ServerResponse) => boolean {
  return (req, res) => {
    const url = req.url ?? '';
    if (req.method !== 'GET' || !url.startsWith(PREFIX) || !url.endsWith(SUFFIX)) return false;
    const start = deps.accessLog ? performance.now() : 0;
    const id = url.slice(PREFIX.length, -SUFFIX.length);
    const entry = deps.campaigns.get(id);
    const counts = deps.counts.get(id);
    if (!entry || !counts) return false;
    const { headers } = req;
    const origin = allowedOrigin(entry.allowedOrigins, headers.origin, headers.host);
    if (origin === null) return false;
    const forwarded = headers['x-forwarded-for'];
    const client = clientKey(req.socket.remoteAddress, Array.isArray(forwarded) ? forwarded.join(', ') : forwarded, deps.trustProxy);
    if (!deps.readLimiter.take(client).ok) return false;
    const reply = countsReply(counts.snapshot(), origin, headers['if-none-match']);
    res.writeHead(reply.status, reply.headers);
    res.end(reply.body ?? undefined);
    if (deps.accessLog) log.access('GET', url, reply.status, Math.round((performance.now() - start) * 10) / 10);
    return true;
  };
}
