/**
 * /healthz tells a supervisor when the store cannot take records: here another process holds the
 * database's write lock longer than the service waits (busy_timeout, 5 s), a real failure of the real
 * file, as a stuck backup or a hand-run `sqlite3` session would cause. The pledge gets 503 and is not
 * stored; once the lock is gone the same key is accepted and counted once, and health comes back.
 */
import Database from 'better-sqlite3';
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { assertError, newKey, postPledge, rowsInDatabase, startTemp, stopTemp, type TestService } from './helpers.js';

let service: TestService;
before(async () => (service = await startTemp()));
after(() => stopTemp(service));

const health = async () => {
  const response = await fetch(`${service.url}/healthz`);
  return { status: response.status, body: (await response.json()) as unknown };
};

describe('health', () => {
  it('503 while commits fail (database locked by another process), 200 again once one succeeds', async () => {
    assert.deepEqual(await health(), { status: 200, body: { ok: true } });
    const other = new Database(join(service.dataDir, 'pledges.sqlite'));
    const key = newKey();
    const pledge = { unit: 'ba-tri', choice: 'smartphone', key };
    try {
      other.exec('BEGIN IMMEDIATE'); // holds the write lock
      // The same key twice at once: the second waits for the first's commit and fails with it.
      const [refused, repeat] = await Promise.all([postPledge(service.api, pledge), postPledge(service.api, pledge)]);
      assert.ok(refused.headers.get('retry-after'));
      await assertError(refused, 503, 'unavailable');
      await assertError(repeat, 503, 'unavailable');
      assert.deepEqual(await health(), { status: 503, body: { ok: false } });
      // Reads still work from memory meanwhile.
      assert.equal((await fetch(`${service.api}/counts`)).status, 200);
    } finally {
      if (other.inTransaction) other.exec('ROLLBACK');
      other.close();
    }
    assert.equal(rowsInDatabase(service.dataDir), 0, 'the refused pledge was not stored');
    assert.equal((await postPledge(service.api, pledge)).status, 201, 'the retry with the same key is new');
    assert.deepEqual(await health(), { status: 200, body: { ok: true } });
    assert.equal((await postPledge(service.api, pledge)).status, 200);
    assert.equal(rowsInDatabase(service.dataDir), 1);
  });
});
