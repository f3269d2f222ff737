/**
 * The console's API, `/api/v1/admin` (ADMIN_PREFIX; contract in src/contract/admin.ts): a Hono app
 * whose guard (guard.ts) runs before every route on it, those mounted later with `.route(path, sub)`
 * included, since Hono runs handlers in the order they were added and the guard is added first. Only
 * POST /session is answered before the session check (after the Origin and JSON checks).
 *
 * Mount the other modules' routes on it before mounting it on the app: `app.route` copies the routes
 * present at that moment.
 */
import { Hono } from 'hono';
import * as z from 'zod/mini';
import type { ConsoleDb } from '../store/console-db.js';
import { ConsoleStoreError, type ConsoleSql } from '../store/console-sql.js';
import { log } from '../log/log.js';
import { accountRoutes } from './account-routes.js';
import { Accounts } from './accounts.js';
import type { AdminEnv } from './admin-env.js';
import { AUDIT_PAGE_DEFAULT, AUDIT_PAGE_MAX, AuditLog } from './audit.js';
import { adminHeaders, requireSession, stateChangeChecks } from './guard.js';
import { adminError } from './replies.js';
import { changeOwnPassword, getSession, signIn, signOut } from './session-routes.js';
import { SignInThrottle } from './throttle.js';
import { dummyHash } from './passwords.js';

export { AuditLog } from './audit.js';
export { ACCOUNT_TABLES, Accounts } from './accounts.js';
export { AUDIT_TABLES } from './audit.js';

export interface AdminDeps {
  accounts: Accounts;
  audit: AuditLog;
  /** Proxies in front whose X-Forwarded-For and X-Forwarded-Proto are trusted (0: none). */
  trustProxy: number;
  /** The service's public address (PUBLIC_URL): its origin is the service's own too. */
  publicUrl?: string;
  /** One access-log line per request (log.ts), as for the rest of the service. */
  accessLog?: boolean;
  /** The clock of the sign-in throttle (tests move it); Date.now by default. */
  now?: () => number;
}

/**
 * The console's stores on the port (console.sqlite with tables ACCOUNT_TABLES and AUDIT_TABLES, or
 * PostgreSQL), or on an open console.sqlite.
 */
export function adminStores(
  db: ConsoleSql | ConsoleDb,
  now: () => number = Date.now,
): { accounts: Accounts; audit: AuditLog } {
  return { accounts: new Accounts(db, now), audit: new AuditLog(db, now) };
}

const auditQuery = z.object({
  before: z.optional(z.coerce.number().check(z.int(), z.minimum(1))),
  limit: z.optional(z.coerce.number().check(z.int(), z.minimum(1), z.maximum(AUDIT_PAGE_MAX))),
});

export function createAdminApi(deps: AdminDeps): Hono<AdminEnv> {
  const { accounts, audit, trustProxy } = deps;
  const now = deps.now ?? Date.now;
  const session = { accounts, audit, trustProxy, now, throttle: new SignInThrottle() };
  // Made now rather than at the first unknown name, which would otherwise take twice as long as a wrong password.
  void dummyHash();
  const ownOrigins = new Set(deps.publicUrl ? [new URL(deps.publicUrl).origin] : []);
  const admin = new Hono<AdminEnv>();

  // The console's database away (PostgreSQL restarting, a failover): 503 with Retry-After, as the pledges get,
  // once per request in the log as a warning; anything else is a bug, answered as app.ts answers one.
  admin.onError((error, c) => {
    if (error instanceof ConsoleStoreError) {
      log.warn('console: database unavailable', { path: c.req.path, error: error.message });
      return adminError(c, 503, 'unavailable', 'The console cannot reach its database; try again shortly', {
        retryAfter: 5,
      });
    }
    log.error('unhandled error', error, { method: c.req.method, path: c.req.path });
    return adminError(c, 500, 'internal', 'Internal error');
  });
  admin.use('*', adminHeaders(deps.accessLog ?? false), stateChangeChecks(trustProxy, ownOrigins));
  admin.post('/session', signIn(session));
  // Everything added from here on, on this app or mounted on it, needs a live session.
  admin.use('*', requireSession(accounts));
  admin.get('/session', getSession(session));
  admin.delete('/session', signOut(session));
  admin.post('/password', changeOwnPassword(session));
  admin.route('/users', accountRoutes(session));
  admin.get('/audit', async (c) => {
    const query = auditQuery.safeParse(c.req.query());
    if (!query.success) {
      const field = query.error.issues[0].path.map(String).join('.');
      return adminError(c, 400, 'invalid_field', `${field}: ${query.error.issues[0].message}`, { field });
    }
    return c.json(await audit.page(query.data.before, query.data.limit ?? AUDIT_PAGE_DEFAULT));
  });
  return admin;
}
