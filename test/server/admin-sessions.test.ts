/**
 * Session expiry and the sign-in throttle of the console's API, on a clock the test moves: the admin
 * API alone (createAdminApi, as service.ts builds it) on real HTTP and a real console.sqlite, with a
 * route mounted after it was made, as the campaign and results modules mount theirs.
 */
import Database from 'better-sqlite3';
import { getRequestListener } from '@hono/node-server';
import { Hono } from 'hono';
import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { after, before, beforeEach, describe, it } from 'node:test';
import { ADMIN_PREFIX, SESSION_COOKIE } from '../../src/contract/admin.js';
import { ACCOUNT_TABLES, AUDIT_TABLES, adminStores, createAdminApi } from '../../src/server/admin/admin-api.js';
import type { AdminEnv } from '../../src/server/admin/admin-env.js';
import { openConsoleDb, type ConsoleDb } from '../../src/server/store/console-db.js';
import { assertError, rawRequest, tempDir } from './helpers.js';
import { ACCOUNT_ROUTES, adminFetch, createUser, signIn, TEST_PASSWORD } from './admin-helpers.js';

const HOUR = 3600_000;
/** The service's public address (PUBLIC_URL) behind a proxy that does not pass the Host header on. */
const PUBLIC = 'https://lantoa.example.gov.vn';
const clock = { now: Date.parse('2026-12-07T08:00:00Z') };
const dir = tempDir();
let db: ConsoleDb;
let server: Server;
let url: string;

before(async () => {
  db = openConsoleDb(dir.path, [ACCOUNT_TABLES, AUDIT_TABLES]);
  const now = () => clock.now;
  const admin = createAdminApi({ ...adminStores(db, now), trustProxy: 0, now, publicUrl: `${PUBLIC}/lantoa` });
  // Mounted after createAdminApi, as service.ts mounts the campaign and results routes.
  const later = new Hono<AdminEnv>();
  later.get('/:campaign/ping', (c) => c.json({ user: c.var.user }));
  later.post('/:campaign/ping', (c) => c.json({ ok: true }));
  admin.route('/campaigns', later);
  const app = new Hono().route(ADMIN_PREFIX, admin);
  server = createServer(getRequestListener(app.fetch));
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  await createUser(dir.path, 'lan', 'admin');
  await createUser(dir.path, 'mai', 'editor');
});
after(async () => {
  server.closeAllConnections();
  await new Promise((resolve) => server.close(resolve));
  db.close();
  dir.remove();
});

const session = (cookie: string) => adminFetch(url, '/session', { cookie });
const lastSeen = (cookie: string): number => {
  const reader = new Database(join(dir.path, 'console.sqlite'), { readonly: true });
  try {
    const hash = createHash('sha256').update(cookie.split('=')[1]).digest('hex');
    const row = reader.prepare('SELECT last_seen FROM sessions WHERE token_hash = ?').get(hash) as
      { last_seen: number } | undefined;
    return row?.last_seen ?? -1;
  } finally {
    reader.close();
  }
};

describe('routes mounted after createAdminApi', () => {
  it('pass the same guard: 401 without a session, 403 from a foreign Origin, c.var.user set', async () => {
    await assertError(await adminFetch(url, '/campaigns/x/ping'), 401, 'unauthenticated');
    const cookie = await signIn(url, 'mai');
    const foreign = await adminFetch(url, '/campaigns/x/ping', {
      method: 'POST',
      cookie,
      body: {},
      origin: 'https://evil.example',
    });
    await assertError(foreign, 403, 'bad_origin');
    const ok = await adminFetch(url, '/campaigns/x/ping', { cookie });
    assert.equal(ok.status, 200);
    assert.equal(ok.headers.get('cache-control'), 'no-store');
    assert.deepEqual(await ok.json(), { user: { name: 'mai', role: 'editor' } });
  });
});

describe('the service’s own origin', () => {
  it('is PUBLIC_URL’s too: a sign-in from that https page gets a Secure cookie; its http twin is refused', async () => {
    const body = { name: 'mai', password: TEST_PASSWORD };
    const response = await adminFetch(url, '/session', { method: 'POST', body, origin: PUBLIC });
    assert.equal(response.status, 200);
    assert.match(response.headers.getSetCookie().join('\n'), /^lantoa_session=[^;]+;.*; Secure/m);
    const plain = await adminFetch(url, '/session', { method: 'POST', body, origin: PUBLIC.replace('https', 'http') });
    await assertError(plain, 403, 'bad_origin');
  });
});

describe('session expiry', () => {
  it('idle: 8 h after the latest request the session is over (401, cookie cleared, row gone); each request slides it', async () => {
    const cookie = await signIn(url, 'lan');
    clock.now += 8 * HOUR - 1000;
    assert.equal((await session(cookie)).status, 200);
    clock.now += 8 * HOUR - 1000; // 16 h after sign-in, under 8 h after the latest request
    const alive = await session(cookie);
    assert.equal(alive.status, 200);
    const { idleExpiresAt } = (await alive.json()) as { idleExpiresAt: string };
    assert.equal(Date.parse(idleExpiresAt), clock.now + 8 * HOUR);
    clock.now += 8 * HOUR;
    const ended = await session(cookie);
    assert.match(ended.headers.getSetCookie().join('\n'), new RegExp(`^${SESSION_COOKIE}=;.*Max-Age=0`, 'm'));
    await assertError(ended, 401, 'unauthenticated');
    assert.equal(lastSeen(cookie), -1);
  });

  it('writes last_seen at most once a minute', async () => {
    const cookie = await signIn(url, 'lan');
    const signedInAt = clock.now;
    assert.equal(lastSeen(cookie), signedInAt);
    clock.now += 59_000;
    assert.equal((await session(cookie)).status, 200);
    assert.equal(lastSeen(cookie), signedInAt);
    clock.now += 1000;
    assert.equal((await session(cookie)).status, 200);
    assert.equal(lastSeen(cookie), clock.now);
  });

  it('absolute: 7 days after sign-in, however busy', async () => {
    const cookie = await signIn(url, 'lan');
    const end = clock.now + 7 * 24 * HOUR;
    while (clock.now + 7 * HOUR < end) {
      clock.now += 7 * HOUR;
      assert.equal((await session(cookie)).status, 200);
    }
    clock.now = end - 1;
    const last = await session(cookie);
    assert.equal(last.status, 200);
    assert.equal(Date.parse(((await last.json()) as { idleExpiresAt: string }).idleExpiresAt), end);
    clock.now = end;
    await assertError(await session(cookie), 401, 'unauthenticated');
  });

  it('an ended session opens no route (every one of them: 401)', async () => {
    const cookie = await signIn(url, 'lan');
    clock.now += 8 * HOUR;
    for (const route of [...ACCOUNT_ROUTES, { method: 'GET', path: '/campaigns/x/ping', body: undefined }]) {
      const response = await adminFetch(url, route.path, { method: route.method, body: route.body, cookie });
      await assertError(response, 401, 'unauthenticated');
    }
  });
});

describe('sign-in throttle', () => {
  // Each test starts where no earlier failure counts any more (15 min without a failure forgets).
  beforeEach(() => (clock.now += HOUR));

  const attempt = (name: string, password: string, localAddress?: string) =>
    rawRequest(`${url}${ADMIN_PREFIX}/session`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', origin: url },
      body: JSON.stringify({ name, password }),
      localAddress,
    });

  it('5 wrong passwords for an account: 401 each, then 429 with Retry-After (even for the right one), growing', async () => {
    for (let i = 0; i < 5; i++) assert.equal((await attempt('lan', `sai mật khẩu ${i}`)).status, 401);
    const locked = await attempt('lan', TEST_PASSWORD);
    assert.equal(locked.status, 429);
    assert.equal(locked.headers['retry-after'], '30');
    assert.equal((JSON.parse(locked.body) as { error: { code: string } }).error.code, 'rate_limited');
    assert.equal(locked.headers['set-cookie'], undefined);
    clock.now += 30_000;
    assert.equal((await attempt('lan', 'sai lần thứ sáu')).status, 401);
    assert.equal((await attempt('lan', TEST_PASSWORD)).headers['retry-after'], '60');
    // Another account from the same address is not locked by lan's failures.
    assert.equal((await attempt('mai', TEST_PASSWORD)).status, 200);
    clock.now += 60_000;
    assert.equal((await attempt('lan', TEST_PASSWORD)).status, 200);
    // The success cleared lan's count: five more tries before the next lock.
    for (let i = 0; i < 5; i++) assert.equal((await attempt('lan', `sai ${i}`)).status, 401);
    assert.equal((await attempt('lan', 'sai nữa')).status, 429);
  });

  it('20 failures from one address lock that address for every name; another address still signs in', async () => {
    for (let i = 0; i < 20; i++) assert.equal((await attempt(`khach${i}`, 'sai mật khẩu', '127.0.0.3')).status, 401);
    const locked = await attempt('mai', TEST_PASSWORD, '127.0.0.3');
    assert.equal(locked.status, 429);
    assert.equal(locked.headers['retry-after'], '30');
    assert.equal((await attempt('mai', TEST_PASSWORD, '127.0.0.4')).status, 200);
  });

  it('an unknown name takes as long as a wrong password (scrypt against a dummy hash)', async () => {
    const time = async (name: string) => {
      const start = performance.now();
      assert.equal((await attempt(name, 'sai mật khẩu rồi')).status, 401);
      return performance.now() - start;
    };
    const median = (values: number[]) => values.sort((a, b) => a - b)[Math.floor(values.length / 2)];
    const unknown: number[] = [];
    const wrong: number[] = [];
    for (let i = 0; i < 5; i++) {
      unknown.push(await time(`khong-ai-${i}`));
      wrong.push(await time(i % 2 ? 'mai' : 'lan'));
    }
    // Without the dummy an unknown name answers in a millisecond or two, a wrong password in ~100 ms;
    // a loose bound, as other tests may share the machine.
    assert.ok(median(unknown) > median(wrong) * 0.3, `unknown ${unknown.join()} ms, wrong ${wrong.join()} ms`);
  });
});
