/**
 * The SQLite store on its own, against a real file: what happens when its writer thread dies (a crash
 * in the worker, as a native fault or a bug would end it). Everything waiting fails, nothing new is
 * accepted, and `healthy` turns false, which /healthz reports as 503 (health.test.ts covers that
 * mapping with a failing commit). A repeat of a key counted before the crash is still a repeat.
 */
import assert from 'node:assert/strict';
import { join } from 'node:path';
import type { Worker } from 'node:worker_threads';
import { describe, it } from 'node:test';
import { SqliteStore } from '../../src/server/store/sqlite-store.js';
import type { NewPledge } from '../../src/server/store/store.js';
import { CAMPAIGN, newKey, tempDir } from './helpers.js';

const pledge = (key: string): NewPledge => ({
  kind: 'pledge',
  campaign: CAMPAIGN,
  unit: 'ba-tri',
  choice: 'smartphone',
  key,
  createdAt: new Date().toISOString(),
});

describe('SQLite store', () => {
  it('a dead writer thread: unhealthy, waiting and new records rejected; the data committed before is kept', async () => {
    const dir = tempDir();
    const file = join(dir.path, 'pledges.sqlite');
    try {
      let worker: Worker | undefined;
      const store = await SqliteStore.open(file, (started) => (worker = started));
      const counted = newKey();
      assert.equal(await store.add(pledge(counted)), true);
      assert.equal(await store.add(pledge(counted)), false, 'a repeat is answered from memory');
      assert.equal(store.healthy, true);

      const inFlight = store.add(pledge(newKey()));
      await worker?.terminate();
      await assert.rejects(inFlight, /SQLite worker exited/);
      assert.equal(store.healthy, false);
      await assert.rejects(store.add(pledge(newKey())), /SQLite worker exited/);
      await store.close();

      const reopened = await SqliteStore.open(file);
      try {
        assert.equal(
          (await reopened.tally(CAMPAIGN)).rows.reduce((sum, row) => sum + row.count, 0),
          1,
        );
        assert.equal(await reopened.add(pledge(counted)), false, 'keys are loaded from the file');
        assert.equal(reopened.healthy, true);
      } finally {
        await reopened.close();
      }
    } finally {
      dir.remove();
    }
  });
});
