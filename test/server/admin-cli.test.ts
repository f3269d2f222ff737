/**
 * `npm run admin` (scripts/admin.ts) spawned as an operator runs it, beside a running service on the same
 * data folder: the password piped on stdin (or typed at a terminal, through `script`'s pseudo-terminal),
 * the account it makes signing in over HTTP, its changes in the audit log as user "cli".
 */
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { after, before, describe, it } from 'node:test';
import { auditResponseSchema } from '../../src/contract/admin.js';
import { assertError, ROOT, startTemp, stopTemp, type TestService } from './helpers.js';
import { adminFetch, createUser, signIn } from './admin-helpers.js';

let service: TestService;
before(async () => {
  service = await startTemp();
  await createUser(service.dataDir, 'lan', 'admin');
});
after(() => stopTemp(service));

interface Run {
  code: number | null;
  stdout: string;
  stderr: string;
}

/** Runs `scripts/admin.ts args` on the service's data folder with `input` piped to stdin. */
function admin(args: string[], input = ''): Promise<Run> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['--import', 'tsx', 'scripts/admin.ts', ...args], {
      cwd: ROOT,
      env: { ...process.env, DATA_DIR: service.dataDir },
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

/** util-linux's script(1), which runs a command on a pseudo-terminal. */
const SCRIPT = '/usr/bin/script';
const PASSWORD = 'Đoàn Thanh niên Bến Tre 2026';

describe('npm run admin', () => {
  it('add-user with a piped password makes an account that signs in to the running service', async () => {
    const run = await admin(['add-user', 'thao', '--role', 'admin'], `${PASSWORD}\nextra line ignored\n`);
    assert.equal(run.code, 0, run.stderr);
    assert.match(run.stdout, /Added admin "thao"/);
    const cookie = await signIn(service.url, 'thao', PASSWORD);
    const users = await adminFetch(service.url, '/users', { cookie });
    assert.equal(users.status, 200, 'an admin, as --role asked');
  });

  it('is an editor without --role; list-users lists every account', async () => {
    assert.equal((await admin(['add-user', 'vy'], `${PASSWORD}\n`)).code, 0);
    const cookie = await signIn(service.url, 'vy', PASSWORD);
    await assertError(await adminFetch(service.url, '/users', { cookie }), 403, 'forbidden');
    const list = await admin(['list-users']);
    assert.equal(list.code, 0);
    assert.deepEqual(
      list.stdout
        .trim()
        .split('\n')
        .map((line) => line.split('\t').slice(0, 2)),
      [
        ['lan', 'admin'],
        ['thao', 'admin'],
        ['vy', 'editor'],
      ],
    );
  });

  it('refuses a short password, an empty stdin, a taken name, a bad name or role, creating nothing', async () => {
    const short = await admin(['add-user', 'ngan'], 'ngắn quá\n');
    assert.equal(short.code, 2);
    assert.match(short.stderr, /at least 12 characters/);
    assert.equal((await admin(['add-user', 'rong'])).code, 2);
    const taken = await admin(['add-user', 'lan'], `${PASSWORD}\n`);
    assert.equal(taken.code, 2);
    assert.match(taken.stderr, /exists already/);
    assert.equal((await admin(['add-user', 'Có Dấu'], `${PASSWORD}\n`)).code, 2);
    assert.equal((await admin(['add-user', 'hung', '--role', 'root'], `${PASSWORD}\n`)).code, 2);
    assert.equal((await admin(['frobnicate'])).code, 2);
    const names = (await admin(['list-users'])).stdout;
    for (const name of ['ngan', 'rong', 'hung']) assert.doesNotMatch(names, new RegExp(`^${name}\\t`, 'm'));
  });

  it('set-password ends every session of the account; remove-user removes it; both audited as "cli"', async () => {
    const cookie = await signIn(service.url, 'vy', PASSWORD);
    const newPassword = 'mật khẩu mới từ dòng lệnh';
    assert.equal((await admin(['set-password', 'vy'], `${newPassword}\n`)).code, 0);
    await assertError(await adminFetch(service.url, '/session', { cookie }), 401, 'unauthenticated');
    await signIn(service.url, 'vy', newPassword);
    assert.equal((await admin(['remove-user', 'vy'])).code, 0);
    const gone = await adminFetch(service.url, '/session', {
      method: 'POST',
      body: { name: 'vy', password: newPassword },
    });
    await assertError(gone, 401, 'bad_credentials');
    assert.equal((await admin(['remove-user', 'vy'])).code, 2);

    const lan = await signIn(service.url, 'lan');
    const { entries } = auditResponseSchema.parse(
      await (await adminFetch(service.url, '/audit', { cookie: lan })).json(),
    );
    const cli = entries.filter((entry) => entry.user === 'cli').map(({ action, target }) => `${action} ${target}`);
    assert.deepEqual(cli, ['user.remove vy', 'user.update vy', 'user.add vy', 'user.add thao']);
    assert.ok(!JSON.stringify(entries).includes(newPassword));
  });

  it(
    'at a terminal, asks twice without echoing the password',
    { skip: !existsSync(SCRIPT) && 'no script(1)' },
    async () => {
      // `script` gives the command a pseudo-terminal; what it prints is what the operator would see.
      const child = spawn(
        SCRIPT,
        ['-qec', `${process.execPath} --import tsx scripts/admin.ts add-user tty --role editor`, '/dev/null'],
        { cwd: ROOT, env: { ...process.env, DATA_DIR: service.dataDir } },
      );
      let seen = '';
      let typed = 0;
      const prompts = ['Password (at least 12 characters): ', 'The same password again: '];
      child.stdout.setEncoding('utf8').on('data', (chunk: string) => {
        seen += chunk;
        // Type each answer once its question is on the screen.
        const asked = prompts.filter((prompt) => seen.includes(prompt)).length;
        if (typed < asked) {
          typed += 1;
          child.stdin.write(`${PASSWORD}\r`);
        }
      });
      const code = await new Promise<number | null>((resolve) => child.on('close', resolve));
      assert.equal(code, 0, seen);
      assert.equal(typed, 2);
      assert.match(seen, /Added editor "tty"/);
      assert.ok(!seen.includes(PASSWORD), `the password was echoed: ${seen}`);
      await signIn(service.url, 'tty', PASSWORD);
    },
  );
});
