/**
 * `npm run backup`, run as a real child process beside a running service that keeps taking pledges: the
 * copy is a whole database (integrity ok) holding every pledge acknowledged before the backup began, and
 * the service is not disturbed (pledges keep being answered 201 during the copy).
 */
import Database from 'better-sqlite3';
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { newKey, postPledge, ROOT, startTemp, stopTemp, tempDir, type TestService } from './helpers.js';

function backup(dataDir: string, dest: string): Promise<{ code: number | null; out: string }> {
  const child = spawn(process.execPath, ['--import', 'tsx', join(ROOT, 'scripts/backup.ts'), dest], {
    cwd: ROOT,
    env: { ...process.env, DATA_DIR: dataDir, DATABASE_URL: '' },
  });
  let out = '';
  child.stdout.setEncoding('utf8').on('data', (chunk: string) => (out += chunk));
  child.stderr.setEncoding('utf8').on('data', (chunk: string) => (out += chunk));
  return new Promise((done) => child.once('exit', (code) => done({ code, out })));
}

describe('npm run backup (the embedded store)', () => {
  let service: TestService;
  const target = tempDir();
  before(async () => {
    service = await startTemp({ pledgeRate: { perMinute: 1_000_000, burst: 1_000_000 } });
  });
  after(async () => {
    await stopTemp(service);
    target.remove();
  });

  it('copies pledges.sqlite and console.sqlite while pledges keep coming; the copy holds every one acknowledged before', async () => {
    const pledge = (key: string) => postPledge(service.api, { unit: 'ba-tri', choice: 'smartphone', key });
    const before = Array.from({ length: 200 }, () => newKey());
    for (const status of await Promise.all(before.map(async (key) => (await pledge(key)).status)))
      assert.equal(status, 201);

    let during = 0;
    let stop = false;
    const traffic = (async () => {
      while (!stop) if ((await pledge(newKey())).status === 201) during += 1;
    })();
    const dest = join(target.path, 'copy');
    const { code, out } = await backup(service.dataDir, dest);
    stop = true;
    await traffic;
    assert.equal(code, 0, out);
    assert.match(out, /pledges\.sqlite → .*integrity ok, \d+ pledges/);
    assert.match(out, /console\.sqlite → .*integrity ok/);
    assert.ok(during > 0, 'the service kept answering during the backup');

    const copy = new Database(join(dest, 'pledges.sqlite'), { readonly: true });
    try {
      const keys = new Set((copy.prepare('SELECT key FROM pledges').raw().all() as [string][]).map(([key]) => key));
      for (const key of before) assert.ok(keys.has(key), `acknowledged before the backup: ${key}`);
    } finally {
      copy.close();
    }
    const again = await backup(service.dataDir, dest);
    assert.equal(again.code, 1, 'an existing copy is never overwritten');
  });
});
