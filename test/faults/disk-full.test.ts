/**
 * Disk full (issue 15, item 7), on a real full file system: a 4 MB tmpfs the test mounts and unmounts,
 * so it runs only as root (skipped otherwise, saying so). One log line when writes start failing and
 * one when they succeed again, however many pledges are refused meanwhile; /healthz answers from a
 * real write probe, so a service restarted on a still-full disk is unhealthy from its first answer.
 */
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { closeSync, mkdtempSync, openSync, rmSync, writeSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { CAMPAIGN, newKey, spawnService } from '../server/helpers.js';

const isRoot = process.getuid?.() === 0;

/** Fills the file system holding `dir` to the last byte; returns the filler's path. */
function fill(dir: string): string {
  const filler = join(dir, 'filler');
  const fd = openSync(filler, 'w');
  const chunk = Buffer.alloc(64 * 1024, 1);
  try {
    for (let size = chunk.length; size >= 512;) {
      try {
        writeSync(fd, chunk, 0, size);
      } catch (error) {
        if ((error as NodeJS.ErrnoException).code !== 'ENOSPC') throw error;
        size >>= 1; // the last pages, in smaller pieces
      }
    }
  } finally {
    closeSync(fd);
  }
  return filler;
}

const pledge = (api: string) =>
  fetch(`${api}/pledges`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ unit: 'ba-tri', choice: 'smartphone', key: newKey() }),
  });
const health = async (base: string) => (await fetch(`${base}/healthz`)).status;
const linesOf = (text: string, msg: string) => text.split('\n').filter((line) => line.includes(`"msg":"${msg}`)).length;

describe('disk full', { skip: isRoot ? false : 'needs root to mount a small tmpfs' }, () => {
  it(
    'one line per episode, 503 meanwhile, health from a write probe (also after a restart on the full disk)',
    { timeout: 60_000 },
    async () => {
      const mount = mkdtempSync(join(tmpdir(), 'lantoa-full-'));
      execFileSync('mount', ['-t', 'tmpfs', '-o', 'size=4m', 'tmpfs', mount]);
      const env = {
        DATA_DIR: mount,
        WRITE_PROBE_MS: '300',
        PLEDGE_RATE_BURST: '100000',
        PLEDGE_RATE_PER_MIN: '100000',
      };
      try {
        const first = spawnService(env);
        const base = await first.ready;
        const api = `${base}/api/v1/campaigns/${CAMPAIGN}`;
        for (let i = 0; i < 5; i += 1) assert.equal((await pledge(api)).status, 201);
        const filler = fill(mount);
        const statuses = await Promise.all(Array.from({ length: 300 }, async () => (await pledge(api)).status));
        assert.deepEqual(new Set(statuses), new Set([503]));
        assert.equal(await health(base), 503);
        first.child.kill('SIGKILL'); // as a supervisor restarting an unhealthy service might
        const { stderr: firstErrors } = await first.exited;
        assert.equal(linesOf(firstErrors, 'writes failing'), 1, firstErrors);
        const logLines = firstErrors.split('\n').filter((line) => line.startsWith('{'));
        assert.equal(logLines.length, 1, `log lines for 300 refused pledges:\n${firstErrors.slice(0, 2000)}`);

        const second = spawnService(env);
        try {
          const again = await second.ready;
          assert.equal(await health(again), 503, 'unhealthy from the first answer on the still-full disk');
          rmSync(filler);
          const end = Date.now() + 5000;
          while ((await health(again)) !== 200 && Date.now() < end)
            await new Promise((resolve) => setTimeout(resolve, 100));
          assert.equal(await health(again), 200, 'healthy again once the probe writes');
          const api2 = `${again}/api/v1/campaigns/${CAMPAIGN}`;
          assert.equal((await pledge(api2)).status, 201);
          const counts = (await (await fetch(`${api2}/counts`)).json()) as { total: number };
          assert.equal(counts.total, 6, 'the five before and the one after; none of the refused');
          assert.equal(second.stdout.filter((line) => line.includes('"msg":"writes succeed again"')).length, 1);
        } finally {
          second.child.kill('SIGTERM');
          const { stderr } = await second.exited;
          assert.equal(linesOf(stderr, 'writes failing'), 1, stderr);
        }
      } finally {
        execFileSync('umount', ['-l', mount]);
        rmSync(mount, { recursive: true, force: true });
      }
    },
  );
});
