/**
 * Production runs compiled JavaScript (`npm run serve`): the service is built with `npm run build:server`
 * and started with plain node, no tsx, and answers over real HTTP. A pledge's 201 needs the SQLite worker
 * thread and the access lines come from the log writer thread, so both start from compiled JS.
 */
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { CAMPAIGN, newKey, postPledge, ROOT, rowsInDatabase, spawnService, tempDir } from './helpers.js';

describe('the compiled service', () => {
  it('builds, starts with plain node, answers /healthz 200, a pledge 201 and a unit page, and stops on SIGTERM', async () => {
    execFileSync('npm', ['run', '--silent', 'build:server'], { cwd: ROOT, stdio: 'inherit' });
    assert.ok(
      existsSync(join(ROOT, 'dist/server/store/sqlite-worker.js')),
      'the SQLite worker is compiled beside the store',
    );
    assert.ok(existsSync(join(ROOT, 'dist/server/log/log-writer.js')), 'the log writer is compiled beside the log');
    const dir = tempDir();
    try {
      const service = spawnService({ DATA_DIR: dir.path, ACCESS_LOG: '1' }, { compiled: true });
      const base = await service.ready;
      assert.deepEqual(
        service.child.spawnargs.slice(1),
        [join(ROOT, 'dist/server/main.js')],
        'plain node, no --import tsx',
      );
      const health = await fetch(`${base}/healthz`);
      assert.equal(health.status, 200);
      assert.deepEqual(await health.json(), { ok: true });
      const pledge = await postPledge(`${base}/api/v1/campaigns/${CAMPAIGN}`, {
        unit: 'ba-tri',
        choice: 'smartphone',
        key: newKey(),
      });
      assert.equal(pledge.status, 201);
      // The public unit page inlines its style sheet and script from pages/assets/, which the build copies.
      const page = await fetch(`${base}/c/${CAMPAIGN}/ba-tri`);
      assert.equal(page.status, 200);
      assert.match(await page.text(), /<style>[^<]{200,}<\/style>/);
      service.child.kill('SIGTERM');
      const { code, stderr } = await service.exited;
      assert.equal(code, 0);
      // The log falls back to writing on the main thread when its writer thread cannot start: it must not have.
      assert.doesNotMatch(stderr, /log writer/);
      assert.equal(rowsInDatabase(dir.path), 1);
      const access = service.stdout
        .map((line) => JSON.parse(line) as Record<string, unknown>)
        .filter((entry) => entry.msg === 'request');
      assert.deepEqual(
        access.map(({ method, status }) => [method, status]),
        [
          ['GET', 200],
          ['POST', 201],
          ['GET', 200],
        ],
      );
    } finally {
      dir.remove();
    }
  });
});
