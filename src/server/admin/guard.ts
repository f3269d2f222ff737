/**
 * The guard of every `/api/v1/admin` route (admin-api.ts), in the order they run:
 * - {@link adminHeaders}: `Cache-Control: no-store` on every answer (account data never sits in a cache), the
 *   access log;
 * - {@link stateChangeChecks}: POST, PUT, PATCH and DELETE must come from the service's own pages (Origin
 *   of the same host and scheme as the request; a missing Origin is refused too: 403 `bad_origin`) and a
 *   body must be JSON (415). By hand, not hono/csrf: that checks only form content types, and a
 *   cross-site `fetch` with `text/plain` or a JSON body it lets through is what this refuses;
 * - {@link requireSession}: a live session (401 `unauthenticated`), which sets `c.var.user`;
 * - {@link requireAdmin} on account routes (403 `forbidden` for an editor).
 */
import type { Context, MiddlewareHandler } from 'hono';
import { deleteCookie, getCookie, setCookie } from 'hono/cookie';
import { SESSION_COOKIE } from '../../contract/admin.js';
import { forwardedProto } from '../http/api.js';
import { allowedOrigin, type EmbedPolicy } from '../http/cors.js';
import { log } from '../log/log.js';
import type { Accounts, Session } from './accounts.js';
import type { AdminEnv } from './admin-env.js';
import { adminError } from './replies.js';

type AdminContext = Context<AdminEnv>;

const STATE_CHANGES = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);

/** The scheme the client used when the settings know it (behind TRUST_PROXY proxies), else undefined. */
export function requestScheme(c: AdminContext, trustProxy: number): string | undefined {
  return trustProxy > 0 ? forwardedProto(c.env.incoming.headers['x-forwarded-proto']) : undefined;
}

/** `Cache-Control: no-store` on every answer, and its access-log line (log.ts: no address, no query) when `accessLog`. */
export function adminHeaders(accessLog: boolean): MiddlewareHandler<AdminEnv> {
  return async (c, next) => {
    const start = performance.now();
    if (accessLog) c.set('logged', true);
    await next();
    c.res.headers.set('cache-control', 'no-store');
    c.res.headers.set('x-content-type-options', 'nosniff');
    if (accessLog) log.access(c.req.method, c.req.path, c.res.status, performance.now() - start);
  };
}

/**
 * `ownOrigins`: the service's public origin (PUBLIC_URL's) when set, besides the request's own host, which
 * a proxy that does not pass the Host header on would hide.
 */
export function stateChangeChecks(trustProxy: number, ownOrigins: ReadonlySet<string>): MiddlewareHandler<AdminEnv> {
  // A listed policy (cors.ts): the request's own host, and these.
  const own: EmbedPolicy = { embed: 'listed', allowedOrigins: ownOrigins };
  return async (c, next) => {
    if (!STATE_CHANGES.has(c.req.method)) return next();
    const { headers } = c.env.incoming;
    const origin = allowedOrigin(own, headers.origin, headers.host, requestScheme(c, trustProxy));
    if (typeof origin !== 'string')
      return adminError(c, 403, 'bad_origin', 'Changes are accepted only from the console on this service (Origin)');
    const hasBody = (headers['content-length'] ?? '0') !== '0' || headers['transfer-encoding'] !== undefined;
    const type = headers['content-type']?.split(';')[0].trim().toLowerCase();
    if (hasBody && type !== 'application/json')
      return adminError(c, 415, 'unsupported_media_type', 'Send the body as application/json');
    return next();
  };
}

/** The live session of the request's cookie, if any. */
export async function currentSession(c: AdminContext, accounts: Accounts): Promise<Session | undefined> {
  const token = getCookie(c, SESSION_COOKIE);
  // 43 characters: 32 bytes in base64url. Anything else is no token of ours (and is not hashed).
  return token?.length === 43 ? accounts.session(token) : undefined;
}

export function requireSession(accounts: Accounts): MiddlewareHandler<AdminEnv> {
  return async (c, next) => {
    const session = await currentSession(c, accounts);
    if (!session) {
      // A cookie of an ended session is cleared, so the browser stops sending it.
      if (getCookie(c, SESSION_COOKIE) !== undefined) clearSessionCookie(c);
      return adminError(c, 401, 'unauthenticated', 'Sign in first (no session, or it has ended)');
    }
    c.set('user', session.user);
    return next();
  };
}

export const requireAdmin: MiddlewareHandler<AdminEnv> = async (c, next) => {
  if (c.var.user.role !== 'admin') return adminError(c, 403, 'forbidden', 'Only an admin may manage accounts');
  return next();
};

/**
 * Sets the session cookie: HttpOnly, SameSite=Strict, Path=/, Secure when the request came over https: a
 * trusted proxy says so, or the page's Origin (checked by {@link stateChangeChecks}: only state changes set
 * the cookie) is an https one.
 */
export function setSessionCookie(c: AdminContext, token: string, trustProxy: number): void {
  const https = requestScheme(c, trustProxy) === 'https' || c.env.incoming.headers.origin?.startsWith('https://');
  // No Max-Age: the cookie ends with the browser; the server ends the session after 8 h idle or 7 days.
  setCookie(c, SESSION_COOKIE, token, {
    httpOnly: true,
    sameSite: 'Strict',
    path: '/',
    secure: https === true,
  });
}

export function clearSessionCookie(c: AdminContext): void {
  deleteCookie(c, SESSION_COOKIE, { path: '/' });
}
