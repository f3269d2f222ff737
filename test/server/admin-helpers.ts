/**
 * Helpers for tests of the console's API (`/api/v1/admin`): accounts made straight in the data folder's
 * console.sqlite (as `npm run admin` does, beside a running service), sign-in over real HTTP, and
 * requests that carry the session cookie and the service's own Origin as the console's pages do.
 */
import assert from 'node:assert/strict';
import type { Role } from '../../src/contract/admin.js';
import { ADMIN_PREFIX, SESSION_COOKIE } from '../../src/contract/admin.js';
import { ACCOUNT_TABLES, AUDIT_TABLES, adminStores } from '../../src/server/admin/admin-api.js';
import { openConsoleDb } from '../../src/server/store/console-db.js';

/** A password long enough for the contract (12+). */
export const TEST_PASSWORD = 'mật khẩu đủ dài 2026';

/** Creates an account in `dataDir`'s console.sqlite (the service may be running on it). */
export async function createUser(
  dataDir: string,
  name: string,
  role: Role = 'admin',
  password = TEST_PASSWORD,
): Promise<void> {
  const db = openConsoleDb(dataDir, [ACCOUNT_TABLES, AUDIT_TABLES]);
  try {
    const created = await adminStores(db).accounts.add(name, role, password);
    assert.ok(created, `account "${name}" exists already`);
  } finally {
    db.close();
  }
}

/** `url`'s origin (the service's own, which every state change must carry). */
export function originOf(url: string): string {
  return new URL(url).origin;
}

/**
 * Signs in over HTTP (POST /api/v1/admin/session from the service's own Origin) and returns the
 * `Cookie` header value that carries the session (`lantoa_session=…`). Fails the test when refused.
 */
export async function signIn(url: string, name: string, password = TEST_PASSWORD): Promise<string> {
  const response = await fetch(`${originOf(url)}${ADMIN_PREFIX}/session`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', origin: originOf(url) },
    body: JSON.stringify({ name, password }),
  });
  assert.equal(response.status, 200, await response.clone().text());
  return sessionCookie(response);
}

/** The `Cookie` header value for the session a response set (fails when it set none). */
export function sessionCookie(response: Response): string {
  const set = response.headers.getSetCookie().find((cookie) => cookie.startsWith(`${SESSION_COOKIE}=`));
  assert.ok(set, `no ${SESSION_COOKIE} cookie set`);
  return set.split(';')[0];
}

export interface AdminRequest {
  method?: string;
  /** The Cookie header (from signIn); none: no session. */
  cookie?: string;
  /** JSON-encoded unless a string (sent as is). */
  body?: unknown;
  /** The Origin header; the service's own by default, null: none. */
  origin?: string | null;
  contentType?: string;
  headers?: Record<string, string>;
}

/** A request to `${url}/api/v1/admin${path}` as the console makes it (own Origin, JSON body). */
export function adminFetch(url: string, path: string, request: AdminRequest = {}): Promise<Response> {
  const { method = 'GET', cookie, body, origin = originOf(url), contentType = 'application/json' } = request;
  const headers: Record<string, string> = { ...request.headers };
  if (cookie !== undefined) headers.cookie = cookie;
  if (origin !== null) headers.origin = origin;
  if (body !== undefined) headers['content-type'] = contentType;
  return fetch(`${originOf(url)}${ADMIN_PREFIX}${path}`, {
    method,
    headers,
    body: body === undefined ? undefined : typeof body === 'string' ? body : JSON.stringify(body),
  });
}

/** Every route of the accounts module with a body it accepts (for the guard's checks); `mai` is an editor. */
export const ACCOUNT_ROUTES: readonly { method: string; path: string; body?: unknown; adminOnly?: boolean }[] = [
  { method: 'GET', path: '/session' },
  { method: 'DELETE', path: '/session' },
  { method: 'POST', path: '/password', body: { current: TEST_PASSWORD, password: 'một mật khẩu mới 2026' } },
  { method: 'GET', path: '/users', adminOnly: true },
  { method: 'POST', path: '/users', body: { name: 'tuan', role: 'editor', password: TEST_PASSWORD }, adminOnly: true },
  { method: 'PATCH', path: '/users/mai', body: { role: 'editor' }, adminOnly: true },
  { method: 'DELETE', path: '/users/mai', adminOnly: true },
  { method: 'GET', path: '/audit' },
];
