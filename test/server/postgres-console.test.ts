/**
 * The console through two instances on one PostgreSQL database, over real HTTP (TEST_DATABASE_URL; skipped,
 * saying so, when it is not set): an account made by `npm run admin` with DATABASE_URL (from a third data
 * folder) signs in on A; A's cookie is valid on B; an account added through B is in A's audit log; a
 * password changed through A ends that account's session on B; signed out on B, the cookie fails on A;
 * sites seen by both instances are summed in one list. No sticky sessions needed. The database refusing
 * connections: 503 with Retry-After (not a 500), and the same session works once it is back.
 */
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { auditResponseSchema, sitesResponseSchema } from '../../src/contract/admin.js';
import pg from 'pg';
import { freshDatabase, SKIP_POSTGRES, TEST_DATABASE_URL, withDatabase } from '../helpers/postgres.js';
import { adminFetch, signIn, TEST_PASSWORD } from './admin-helpers.js';
import { CAMPAIGN, ROOT, start, tempDir, type TestService } from './helpers.js';

/** `npm run admin -- args` with `env` (DATABASE_URL, DATA_DIR) and `input` on stdin. */
function admin(args: string[], env: Record<string, string>, input = '') {
  return new Promise<{ code: number | null; stdout: string; stderr: string }>((resolve, reject) => {
    const child = spawn(process.execPath, ['--import', 'tsx', 'scripts/admin.ts', ...args], {
      cwd: ROOT,
      env: { ...process.env, ...env },
    });
    let stdout = '';
    let stderr = '';
    child.stdout.setEncoding('utf8').on('data', (chunk: string) => (stdout += chunk));
    child.stderr.setEncoding('utf8').on('data', (chunk: string) => (stderr += chunk));
    child.on('error', reject);
    child.on('close', (code) => resolve({ code, stdout, stderr }));
    child.stdin.end(input);
  });
}

async function until(check: () => Promise<boolean>, ms: number, what: string): Promise<number> {
  const started = Date.now();
  while (!(await check())) {
    if (Date.now() - started > ms) assert.fail(`not within ${ms} ms: ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  return Date.now() - started;
}

describe('the console through two instances on one PostgreSQL database', { skip: SKIP_POSTGRES }, () => {
  let database: Awaited<ReturnType<typeof freshDatabase>>;
  const dir = tempDir();
  let a: TestService | undefined;
  let b: TestService | undefined;

  before(async () => {
    database = await freshDatabase();
    a = await start(join(dir.path, 'a'), { databaseUrl: database.url });
    b = await start(join(dir.path, 'b'), { databaseUrl: database.url });
  });
  after(async () => {
    await Promise.all([a?.close(), b?.close()]);
    await database?.drop();
    dir.remove();
  });

  it('npm run admin with DATABASE_URL makes an account that signs in on either instance', async () => {
    // A data folder neither instance uses: the account can only reach them through PostgreSQL.
    const env = { DATABASE_URL: database.url, DATA_DIR: join(dir.path, 'cli') };
    const added = await admin(['add-user', 'lan', '--role', 'admin'], env, `${TEST_PASSWORD}\n`);
    assert.equal(added.code, 0, added.stderr);
    assert.match(added.stdout, /Added admin "lan" in postgres/);
    assert.doesNotMatch(added.stdout, /cli/, 'not in the data folder');
    const help = await admin(['--help'], env);
    assert.match(help.stdout, /DATABASE_URL/);
    for (const service of [a!, b!]) assert.ok(await signIn(service.url, 'lan'));
  });

  it("a session from A is valid on B; an edit via B is in A's audit log; signed out on B, the cookie fails on A", async () => {
    const cookie = await signIn(a!.url, 'lan');
    const onB = await adminFetch(b!.url, '/session', { cookie });
    assert.equal(onB.status, 200, 'the cookie A set is valid on B');
    assert.equal(((await onB.json()) as { user: { name: string } }).user.name, 'lan');

    const add = await adminFetch(b!.url, '/users', {
      method: 'POST',
      cookie,
      body: { name: 'tuan', role: 'editor', password: TEST_PASSWORD },
    });
    assert.equal(add.status, 201, await add.clone().text());
    const audit = auditResponseSchema.parse(await (await adminFetch(a!.url, '/audit', { cookie })).json());
    const row = audit.entries.find((entry) => entry.action === 'user.add' && entry.target === 'tuan');
    assert.ok(row, `A's audit log shows the account added through B: ${JSON.stringify(audit.entries)}`);
    assert.equal(row.user, 'lan');
    assert.ok(
      audit.entries.some((entry) => entry.action === 'user.add' && entry.target === 'lan' && entry.user === 'cli'),
      "and npm run admin's row",
    );
    const list = await admin(['list-users'], { DATABASE_URL: database.url, DATA_DIR: join(dir.path, 'cli') });
    assert.match(list.stdout, /^tuan\teditor\t/m, 'npm run admin lists the account added through B');

    // A password changed through A ends the account's sessions everywhere.
    const tuan = await signIn(b!.url, 'tuan');
    assert.equal((await adminFetch(a!.url, '/session', { cookie: tuan })).status, 200);
    const change = await adminFetch(a!.url, '/users/tuan', {
      method: 'PATCH',
      cookie,
      body: { password: 'một mật khẩu mới 2026' },
    });
    assert.equal(change.status, 200);
    assert.equal((await adminFetch(b!.url, '/session', { cookie: tuan })).status, 401);

    assert.equal((await adminFetch(b!.url, '/session', { method: 'DELETE', cookie })).status, 204);
    assert.equal((await adminFetch(a!.url, '/session', { cookie })).status, 401, 'signed out on B: ended on A too');
  });

  it('sites seen by both instances are summed in one list', async () => {
    const origin = 'https://doanthanhnien.bentre.gov.vn';
    for (const service of [a!, b!])
      assert.equal((await fetch(`${service.api}/counts`, { headers: { origin } })).status, 200);
    const cookie = await signIn(a!.url, 'lan');
    // A's own sighting is in its memory; B's reaches the table at B's next flush (every 5 s).
    const waited = await until(
      async () => {
        const response = await adminFetch(a!.url, `/campaigns/${CAMPAIGN}/sites`, { cookie });
        const { sites } = sitesResponseSchema.parse(await response.json());
        return sites.find((site) => site.origin === origin)?.reads === 2;
      },
      8000,
      "A's list counts the reads of both instances",
    );
    console.log(`A listed B's sighting ${waited} ms later (B flushes every 5 s)`);
  });

  it('the database refusing connections: the console answers 503 with Retry-After, then 200 once it is back', async () => {
    const cookie = await signIn(a!.url, 'lan');
    const name = /\/(lantoa_test_[^/?]+)/.exec(database.url)?.[1];
    assert.ok(name);
    const server = new pg.Client({ connectionString: withDatabase(TEST_DATABASE_URL!, 'postgres') });
    await server.connect();
    try {
      await server.query(`ALTER DATABASE ${name} ALLOW_CONNECTIONS false`);
      await server.query('SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = $1', [name]);
      const away = await adminFetch(a!.url, '/session', { cookie });
      assert.equal(away.status, 503, await away.clone().text());
      assert.equal(away.headers.get('retry-after'), '5');
      assert.equal(((await away.json()) as { error: { code: string } }).error.code, 'unavailable');
    } finally {
      await server.query(`ALTER DATABASE ${name} ALLOW_CONNECTIONS true`);
      await server.end();
    }
    assert.equal((await adminFetch(a!.url, '/session', { cookie })).status, 200, 'the same session, once it is back');
  });
});
