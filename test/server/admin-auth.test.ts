/**
 * The console's accounts, sessions, guard and audit log (`/api/v1/admin`), over real HTTP against a
 * real console.sqlite: the whole service for the guard and the routes, and the admin API alone on a
 * clock the test moves for session expiry and the sign-in throttle.
 */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import {
  auditResponseSchema,
  SESSION_COOKIE,
  sessionResponseSchema,
  userSchema,
  usersResponseSchema,
} from '../../src/contract/admin.js';
import { assertError, json, spawnService, startTemp, stopTemp, tempDir, type TestService } from './helpers.js';
import { ACCOUNT_ROUTES, adminFetch, createUser, sessionCookie, signIn, TEST_PASSWORD } from './admin-helpers.js';

let service: TestService;
let adminCookie: string;
let editorCookie: string;

before(async () => {
  service = await startTemp();
  await createUser(service.dataDir, 'lan', 'admin');
  await createUser(service.dataDir, 'mai', 'editor');
  adminCookie = await signIn(service.url, 'lan');
  editorCookie = await signIn(service.url, 'mai');
});
after(() => stopTemp(service));

const STATE_CHANGES = ACCOUNT_ROUTES.filter((route) => route.method !== 'GET');

describe('signing in', () => {
  it('sets an HttpOnly, SameSite=Strict, Path=/ session cookie (not Secure over http) and answers the session', async () => {
    const response = await adminFetch(service.url, '/session', {
      method: 'POST',
      body: { name: 'lan', password: TEST_PASSWORD },
    });
    assert.equal(response.status, 200);
    assert.equal(response.headers.get('cache-control'), 'no-store');
    assert.equal(response.headers.get('x-content-type-options'), 'nosniff');
    assert.equal(response.headers.get('access-control-allow-origin'), null, 'no other site may read it');
    const set = response.headers.getSetCookie().find((cookie) => cookie.startsWith(`${SESSION_COOKIE}=`)) ?? '';
    assert.match(set, /^lantoa_session=[A-Za-z0-9_-]{43};/);
    assert.match(set, /; HttpOnly/);
    assert.match(set, /; SameSite=Strict/);
    assert.match(set, /; Path=\//);
    assert.doesNotMatch(set, /Secure/);
    const session = sessionResponseSchema.parse(await response.json());
    assert.deepEqual(session.user, { name: 'lan', role: 'admin' });
    const expires = Date.parse(session.expiresAt) - Date.now();
    assert.ok(Math.abs(expires - 7 * 24 * 3600_000) < 60_000, session.expiresAt);
    const idle = Date.parse(session.idleExpiresAt) - Date.now();
    assert.ok(Math.abs(idle - 8 * 3600_000) < 60_000, session.idleExpiresAt);
  });

  it('stores only a hash of the token', async () => {
    const cookie = await signIn(service.url, 'lan');
    const token = cookie.split('=')[1];
    const { default: Database } = await import('better-sqlite3');
    const db = new Database(`${service.dataDir}/console.sqlite`, { readonly: true });
    try {
      const rows = db.prepare('SELECT token_hash FROM sessions').all() as { token_hash: string }[];
      assert.ok(rows.length >= 1);
      for (const row of rows) assert.notEqual(row.token_hash, token);
      const { createHash } = await import('node:crypto');
      const hash = createHash('sha256').update(token).digest('hex');
      assert.ok(rows.some((row) => row.token_hash === hash));
    } finally {
      db.close();
    }
  });

  it('is Secure behind a trusted https proxy', async () => {
    const proxied = await startTemp({ trustProxy: 1 });
    try {
      await createUser(proxied.dataDir, 'lan');
      const host = new URL(proxied.url).host;
      const response = await adminFetch(proxied.url, '/session', {
        method: 'POST',
        body: { name: 'lan', password: TEST_PASSWORD },
        origin: `https://${host}`,
        headers: { 'x-forwarded-proto': 'https', 'x-forwarded-for': '203.0.113.9' },
      });
      assert.equal(response.status, 200);
      assert.match(sessionCookie(response) && response.headers.getSetCookie().join('\n'), /; Secure/);
      // The Origin's scheme must be the request's: http from an https page is somebody else.
      const wrongScheme = await adminFetch(proxied.url, '/session', {
        method: 'POST',
        body: { name: 'lan', password: TEST_PASSWORD },
        origin: `http://${host}`,
        headers: { 'x-forwarded-proto': 'https' },
      });
      await assertError(wrongScheme, 403, 'bad_origin');
    } finally {
      await stopTemp(proxied);
    }
  });

  it('refuses a wrong password and an unknown name alike (401 bad_credentials, one message)', async () => {
    const wrong = await adminFetch(service.url, '/session', {
      method: 'POST',
      body: { name: 'lan', password: 'không phải mật khẩu' },
    });
    const unknown = await adminFetch(service.url, '/session', {
      method: 'POST',
      body: { name: 'nobody', password: TEST_PASSWORD },
    });
    const [a, b] = [await json<{ error: unknown }>(wrong), await json<{ error: unknown }>(unknown)];
    assert.equal(wrong.status, 401);
    assert.equal(unknown.status, 401);
    assert.deepEqual(a, b);
    assert.deepEqual(a.error, { code: 'bad_credentials', message: 'Wrong name or password' });
    assert.equal(wrong.headers.getSetCookie().length, 0);
  });

  it('takes the name as typed on a phone: capitalised, with spaces around', async () => {
    const response = await adminFetch(service.url, '/session', {
      method: 'POST',
      body: { name: ' Mai ', password: TEST_PASSWORD },
    });
    assert.equal(response.status, 200);
    assert.deepEqual(sessionResponseSchema.parse(await response.json()).user, { name: 'mai', role: 'editor' });
  });

  it('refuses a body that is not the sign-in shape (400) and not JSON (415)', async () => {
    const missing = await adminFetch(service.url, '/session', { method: 'POST', body: { name: 'lan' } });
    await assertError(missing, 400, 'invalid_field', 'password');
    const broken = await adminFetch(service.url, '/session', { method: 'POST', body: '{"name":' });
    await assertError(broken, 400, 'invalid_json');
    const form = await adminFetch(service.url, '/session', {
      method: 'POST',
      body: 'name=lan&password=x',
      contentType: 'application/x-www-form-urlencoded',
    });
    await assertError(form, 415, 'unsupported_media_type');
  });

  it('GET /session tells who is signed in; DELETE /session signs this browser out', async () => {
    const cookie = await signIn(service.url, 'mai');
    const current = await adminFetch(service.url, '/session', { cookie });
    assert.equal(current.status, 200);
    assert.deepEqual(sessionResponseSchema.parse(await current.json()).user, { name: 'mai', role: 'editor' });
    const out = await adminFetch(service.url, '/session', { method: 'DELETE', cookie });
    assert.equal(out.status, 204);
    assert.match(out.headers.getSetCookie().join('\n'), /^lantoa_session=;.*Max-Age=0/m);
    await assertError(await adminFetch(service.url, '/session', { cookie }), 401, 'unauthenticated');
  });
});

describe('the guard', () => {
  for (const route of ACCOUNT_ROUTES) {
    it(`${route.method} ${route.path} without a session: 401, with a forged one: 401`, async () => {
      const none = await adminFetch(service.url, route.path, { method: route.method, body: route.body });
      assert.equal(none.headers.get('cache-control'), 'no-store');
      await assertError(none, 401, 'unauthenticated');
      const forged = await adminFetch(service.url, route.path, {
        method: route.method,
        body: route.body,
        cookie: `${SESSION_COOKIE}=${'A'.repeat(43)}`,
      });
      await assertError(forged, 401, 'unauthenticated');
    });
  }

  for (const route of ACCOUNT_ROUTES.filter(({ adminOnly }) => adminOnly)) {
    it(`${route.method} ${route.path} as an editor: 403 forbidden, nothing changed`, async () => {
      const response = await adminFetch(service.url, route.path, {
        method: route.method,
        body: route.body,
        cookie: editorCookie,
      });
      await assertError(response, 403, 'forbidden');
    });
  }

  for (const route of [
    ...STATE_CHANGES,
    { method: 'POST', path: '/session', body: { name: 'lan', password: TEST_PASSWORD } },
  ]) {
    it(`${route.method} ${route.path} from a foreign Origin, "null" or none: 403 bad_origin`, async () => {
      for (const origin of ['https://evil.example', 'null', service.url.replace('127.0.0.1', 'localhost'), null]) {
        const response = await adminFetch(service.url, route.path, {
          method: route.method,
          body: route.body,
          cookie: adminCookie,
          origin,
        });
        await assertError(response, 403, 'bad_origin');
      }
    });
  }

  for (const route of STATE_CHANGES.filter(({ body }) => body !== undefined)) {
    it(`${route.method} ${route.path} with a text/plain body: 415`, async () => {
      const response = await adminFetch(service.url, route.path, {
        method: route.method,
        body: JSON.stringify(route.body),
        contentType: 'text/plain',
        cookie: adminCookie,
      });
      await assertError(response, 415, 'unsupported_media_type');
    });
  }

  it('the editor and the admin were not changed by the refused requests', async () => {
    const response = await adminFetch(service.url, '/users', { cookie: adminCookie });
    const { users } = usersResponseSchema.parse(await response.json());
    assert.deepEqual(
      users.map(({ name, role }) => [name, role]),
      [
        ['lan', 'admin'],
        ['mai', 'editor'],
      ],
    );
    // The editor's session (used above) still works: nothing signed it out.
    assert.equal((await adminFetch(service.url, '/session', { cookie: editorCookie })).status, 200);
  });
});

describe('accounts (admin)', () => {
  it('adds, lists, changes and removes an account, each written to the audit log without a secret', async () => {
    const password = 'mật khẩu của Tuấn 12';
    const added = await adminFetch(service.url, '/users', {
      method: 'POST',
      cookie: adminCookie,
      body: { name: 'tuan', role: 'editor', password },
    });
    assert.equal(added.status, 201);
    assert.equal(userSchema.parse(await added.json()).name, 'tuan');
    const again = await adminFetch(service.url, '/users', {
      method: 'POST',
      cookie: adminCookie,
      body: { name: 'tuan', role: 'admin', password },
    });
    await assertError(again, 409, 'in_use', 'name');
    const short = await adminFetch(service.url, '/users', {
      method: 'POST',
      cookie: adminCookie,
      body: { name: 'ngan', role: 'editor', password: 'ngắn quá' },
    });
    await assertError(short, 400, 'invalid_field', 'password');

    const tuan = await signIn(service.url, 'tuan', password);
    const promoted = await adminFetch(service.url, '/users/tuan', {
      method: 'PATCH',
      cookie: adminCookie,
      body: { role: 'admin' },
    });
    assert.equal(promoted.status, 200);
    assert.equal(userSchema.parse(await promoted.json()).role, 'admin');
    // The role is read at every request: tuan's open session is an admin's now.
    assert.equal((await adminFetch(service.url, '/users', { cookie: tuan })).status, 200);

    const newPassword = 'mật khẩu mới của Tuấn';
    const reset = await adminFetch(service.url, '/users/tuan', {
      method: 'PATCH',
      cookie: adminCookie,
      body: { password: newPassword },
    });
    assert.equal(reset.status, 200);
    assert.equal(reset.headers.getSetCookie().length, 0, 'no cookie for the admin: their own session is untouched');
    await assertError(await adminFetch(service.url, '/session', { cookie: tuan }), 401, 'unauthenticated');
    await signIn(service.url, 'tuan', newPassword);

    const removed = await adminFetch(service.url, '/users/tuan', { method: 'DELETE', cookie: adminCookie });
    assert.equal(removed.status, 204);
    await assertError(
      await adminFetch(service.url, '/users/tuan', { method: 'DELETE', cookie: adminCookie }),
      404,
      'not_found',
    );

    const audit = auditResponseSchema.parse(
      await (await adminFetch(service.url, '/audit', { cookie: adminCookie })).json(),
    );
    const mine = audit.entries.filter((entry) => entry.target === 'tuan' && entry.action.startsWith('user.'));
    assert.deepEqual(
      mine.map(({ user, action, before, after }) => ({ user, action, before, after })),
      [
        { user: 'lan', action: 'user.remove', before: { role: 'admin' }, after: null },
        { user: 'lan', action: 'user.update', before: {}, after: { password: 'changed' } },
        { user: 'lan', action: 'user.update', before: { role: 'editor' }, after: { role: 'admin' } },
        { user: 'lan', action: 'user.add', before: null, after: { role: 'editor' } },
      ],
    );
    const text = JSON.stringify(audit);
    for (const secret of [password, newPassword, '$scrypt$']) assert.ok(!text.includes(secret), secret);
  });

  it('an admin cannot remove or demote themselves (409 in_use)', async () => {
    const demote = await adminFetch(service.url, '/users/lan', {
      method: 'PATCH',
      cookie: adminCookie,
      body: { role: 'editor' },
    });
    await assertError(demote, 409, 'in_use', 'role');
    await assertError(
      await adminFetch(service.url, '/users/lan', { method: 'DELETE', cookie: adminCookie }),
      409,
      'in_use',
    );
    assert.equal((await adminFetch(service.url, '/users', { cookie: adminCookie })).status, 200);
  });

  it('PATCH of an unknown account: 404', async () => {
    const response = await adminFetch(service.url, '/users/khong-co', {
      method: 'PATCH',
      cookie: adminCookie,
      body: { role: 'editor' },
    });
    await assertError(response, 404, 'not_found');
  });
});

describe('own password', () => {
  it('ends every session of the account and sets a new one here; the old password stops working', async () => {
    await createUser(service.dataDir, 'hoa', 'editor');
    const here = await signIn(service.url, 'hoa');
    const elsewhere = await signIn(service.url, 'hoa');
    const wrong = await adminFetch(service.url, '/password', {
      method: 'POST',
      cookie: here,
      body: { current: 'không đúng mật khẩu', password: 'mật khẩu mới của Hoa' },
    });
    await assertError(wrong, 401, 'bad_credentials', 'current');
    const changed = await adminFetch(service.url, '/password', {
      method: 'POST',
      cookie: here,
      body: { current: TEST_PASSWORD, password: 'mật khẩu mới của Hoa' },
    });
    assert.equal(changed.status, 200);
    const fresh = sessionCookie(changed);
    assert.notEqual(fresh, here);
    await assertError(await adminFetch(service.url, '/session', { cookie: here }), 401, 'unauthenticated');
    await assertError(await adminFetch(service.url, '/session', { cookie: elsewhere }), 401, 'unauthenticated');
    assert.equal((await adminFetch(service.url, '/session', { cookie: fresh })).status, 200);
    const old = await adminFetch(service.url, '/session', {
      method: 'POST',
      body: { name: 'hoa', password: TEST_PASSWORD },
    });
    await assertError(old, 401, 'bad_credentials');
    await signIn(service.url, 'hoa', 'mật khẩu mới của Hoa');
  });
});

describe('the audit log', () => {
  it('is readable by both roles, newest first, in pages', async () => {
    const first = await adminFetch(service.url, '/audit?limit=2', { cookie: editorCookie });
    assert.equal(first.status, 200);
    const page = auditResponseSchema.parse(await first.json());
    assert.equal(page.entries.length, 2);
    assert.ok(page.entries[0].id > page.entries[1].id);
    assert.equal(page.next, page.entries[1].id);
    const second = auditResponseSchema.parse(
      await (await adminFetch(service.url, `/audit?limit=2&before=${page.next}`, { cookie: adminCookie })).json(),
    );
    assert.equal(second.entries.length, 2);
    assert.ok(second.entries.every((entry) => entry.id < page.entries[1].id));
  });

  it('records every sign-in', async () => {
    const all = auditResponseSchema.parse(
      await (await adminFetch(service.url, '/audit?limit=200', { cookie: adminCookie })).json(),
    );
    assert.ok(all.entries.some((entry) => entry.action === 'session.sign-in' && entry.user === 'mai'));
  });

  it('refuses a bad page (400 naming the field)', async () => {
    await assertError(
      await adminFetch(service.url, '/audit?limit=0', { cookie: adminCookie }),
      400,
      'invalid_field',
      'limit',
    );
    await assertError(
      await adminFetch(service.url, '/audit?before=x', { cookie: adminCookie }),
      400,
      'invalid_field',
      'before',
    );
  });
});

describe('passwords', () => {
  it('are compared after Unicode NFC: a Vietnamese password typed decomposed (NFD) signs in', async () => {
    await createUser(service.dataDir, 'nfc', 'editor', 'Thành đoàn Bến Tre');
    await signIn(service.url, 'nfc', 'Thành đoàn Bến Tre'.normalize('NFD'));
  });

  it('a hash made with weaker parameters still signs in, and is stored again with today’s', async () => {
    const { default: Database } = await import('better-sqlite3');
    const { randomBytes, scryptSync } = await import('node:crypto');
    const salt = randomBytes(16);
    const key = scryptSync(TEST_PASSWORD, salt, 32, { N: 2 ** 12, r: 8, p: 1 });
    const db = new Database(`${service.dataDir}/console.sqlite`);
    const hash = () =>
      (db.prepare("SELECT password_hash FROM users WHERE name = 'cu'").get() as { password_hash: string })
        .password_hash;
    try {
      db.prepare("INSERT INTO users VALUES ('cu', 'editor', ?, '2025-01-01T00:00:00.000Z')").run(
        `$scrypt$ln=12,r=8,p=1$${salt.toString('base64')}$${key.toString('base64')}`,
      );
      await signIn(service.url, 'cu');
      assert.match(hash(), /^\$scrypt\$ln=15,r=8,p=1\$[A-Za-z0-9+/]{22}==\$[A-Za-z0-9+/]{43}=$/);
      await signIn(service.url, 'cu');
    } finally {
      db.close();
    }
  });

  it('a new password of one’s own set by PATCH keeps the admin signed in here with a new session', async () => {
    await createUser(service.dataDir, 'quan', 'admin');
    const cookie = await signIn(service.url, 'quan');
    const response = await adminFetch(service.url, '/users/quan', {
      method: 'PATCH',
      cookie,
      body: { password: 'mật khẩu mới của Quân' },
    });
    assert.equal(response.status, 200);
    const fresh = sessionCookie(response);
    await assertError(await adminFetch(service.url, '/session', { cookie }), 401, 'unauthenticated');
    assert.equal((await adminFetch(service.url, '/session', { cookie: fresh })).status, 200);
  });

  it('a body over 1 MiB: 413, nothing read past it', async () => {
    const response = await adminFetch(service.url, '/users', {
      method: 'POST',
      cookie: adminCookie,
      body: JSON.stringify({ name: 'to', role: 'editor', password: 'x'.repeat(2 * 1024 * 1024) }),
    });
    await assertError(response, 413, 'payload_too_large');
  });
});

describe('the service process', () => {
  it('logs one access line per console request (a 404 too), never the token, and stops cleanly', async () => {
    const dir = tempDir();
    try {
      await createUser(dir.path, 'lan', 'admin');
      const child = spawnService({ DATA_DIR: dir.path, ACCESS_LOG: '1' });
      const base = await child.ready;
      const cookie = await signIn(base, 'lan');
      assert.equal((await adminFetch(base, '/users', { cookie })).status, 200);
      assert.equal((await adminFetch(base, '/khong-co', { cookie })).status, 404);
      assert.equal((await adminFetch(base, '/users')).status, 401);
      child.child.kill('SIGTERM');
      assert.equal((await child.exited).code, 0);
      const access = child.stdout
        .map((line) => JSON.parse(line) as Record<string, unknown>)
        .filter((entry) => entry.msg === 'request');
      assert.deepEqual(
        access.map(({ method, path, status }) => `${method} ${path} ${status}`),
        [
          'POST /api/v1/admin/session 200',
          'GET /api/v1/admin/users 200',
          'GET /api/v1/admin/khong-co 404',
          'GET /api/v1/admin/users 401',
        ],
      );
      assert.ok(!child.stdout.join('\n').includes(cookie.split('=')[1]), 'no session token in the logs');
    } finally {
      dir.remove();
    }
  });
});
