/**
 * GET counts and GET quiz stats without the framework: the most frequent requests of all (every page
 * view, every poll) answered straight from node:http with the prepared body. Hono's request and
 * response objects cost about as much as the whole reply (measured: 45% of a bare server's rate
 * through Hono, over 70% here). Only the plain success (200 or 304) is answered here; anything else
 * (unknown campaign or quiz, refused origin, over the rate, a query string) falls through to the Hono
 * routes, which give the same decisions (access.ts) and the proper error.
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import { API_PREFIX } from '../contract/paths.js';
import { allowedOrigin, snapshotReply } from './access.js';
import type { ApiDeps } from './api.js';
import { log } from './log.js';
import { clientKey } from './rate-limit.js';
import type { Scope } from './scopes.js';

/** The same scopes, read limiter and proxy setting as the Hono routes, so both decide alike. */
export interface FastReadsDeps extends Pick<ApiDeps, 'scopes' | 'readLimiter' | 'trustProxy'> {
  accessLog: boolean;
}

interface Route {
  prefix: string;
  suffix: string;
  scopes: ReadonlyMap<string, Scope>;
}

/** Returns a request handler that answers and returns true, or returns false to let the app answer. */
export function fastReads(deps: FastReadsDeps): (req: IncomingMessage, res: ServerResponse) => boolean {
  const routes: Route[] = [
    { prefix: `${API_PREFIX}/campaigns/`, suffix: '/counts', scopes: deps.scopes.campaigns },
    { prefix: `${API_PREFIX}/quizzes/`, suffix: '/stats', scopes: deps.scopes.quizzes },
  ];
  return (req, res) => {
    if (req.method !== 'GET') return false;
    const url = req.url ?? '';
    const route = routes.find(({ prefix, suffix }) => url.startsWith(prefix) && url.endsWith(suffix));
    if (!route) return false;
    const start = deps.accessLog ? performance.now() : 0;
    const scope = route.scopes.get(url.slice(route.prefix.length, -route.suffix.length));
    if (!scope) return false;
    const { headers } = req;
    const origin = allowedOrigin(scope.entry.allowedOrigins, headers.origin, headers.host);
    if (origin === null) return false;
    const forwarded = headers['x-forwarded-for'];
    const client = clientKey(req.socket.remoteAddress, Array.isArray(forwarded) ? forwarded.join(', ') : forwarded, deps.trustProxy);
    if (!deps.readLimiter.take(client).ok) return false;
    const reply = snapshotReply(scope.aggregate.snapshot(), origin, headers['if-none-match']);
    res.writeHead(reply.status, reply.headers);
    res.end(reply.body ?? undefined);
    if (deps.accessLog) log.access('GET', url, reply.status, Math.round((performance.now() - start) * 10) / 10);
    return true;
  };
}
