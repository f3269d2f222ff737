/**
 * kill -9 under load: every pledge answered 201 is in the ledger after a restart, counted once, in
 * several rounds on the same data folder. Loopback only, bounded in time; the service runs as
 * `npm start` does (a child process).
 */
import Database from 'better-sqlite3';
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { CAMPAIGN, newKey, spawnService, tempDir } from '../server/helpers.js';

const ROUNDS = 3;
const CLIENTS = 40;
const LOAD_MS = 1500;

describe('kill -9 under load', () => {
  it(
    `${ROUNDS} rounds: every acknowledged key survives, and the counts after restart equal the rows`,
    { timeout: 120_000 },
    async () => {
      const dir = tempDir();
      const env = { DATA_DIR: dir.path, PLEDGE_RATE_BURST: '1000000', PLEDGE_RATE_PER_MIN: '1000000' };
      const acknowledged: string[] = [];
      try {
        for (let round = 0; round < ROUNDS; round += 1) {
          const service = spawnService(env);
          const api = `${await service.ready}/api/v1/campaigns/${CAMPAIGN}`;
          // After a restart the counts start from the database, which holds every acknowledged key.
          const before = (await (await fetch(`${api}/counts`)).json()) as { total: number };
          assert.ok(
            before.total >= acknowledged.length,
            `round ${round}: counts ${before.total} < ${acknowledged.length} acknowledged`,
          );
          let running = true;
          const client = async () => {
            while (running) {
              const key = newKey();
              try {
                const response = await fetch(`${api}/pledges`, {
                  method: 'POST',
                  headers: { 'content-type': 'application/json' },
                  body: JSON.stringify({ unit: 'ba-tri', choice: 'smartphone', key }),
                });
                if (response.status === 201) acknowledged.push(key);
                await response.arrayBuffer();
              } catch {
                return; // the service is gone: whatever was not answered 201 was never promised
              }
            }
          };
          const clients = Array.from({ length: CLIENTS }, client);
          await new Promise((resolve) => setTimeout(resolve, LOAD_MS));
          service.child.kill('SIGKILL');
          running = false;
          await Promise.all(clients);
          assert.equal((await service.exited).signal, 'SIGKILL');
        }
        assert.ok(acknowledged.length > 100, `only ${acknowledged.length} pledges acknowledged under load`);
        const db = new Database(join(dir.path, 'pledges.sqlite'), { readonly: true });
        try {
          const stored = new Set(
            db.prepare('SELECT key FROM pledges WHERE campaign = ?').pluck().all(CAMPAIGN) as string[],
          );
          const missing = acknowledged.filter((key) => !stored.has(key));
          assert.deepEqual(missing, [], `${missing.length} of ${acknowledged.length} acknowledged keys lost`);
          const rows = db
            .prepare('SELECT COUNT(*) AS n, COUNT(DISTINCT key) AS keys FROM pledges WHERE campaign = ?')
            .get(CAMPAIGN) as { n: number; keys: number };
          assert.equal(rows.n, rows.keys, 'no key stored twice');
        } finally {
          db.close();
        }
        // A last start: its counts are the rows, and a repeated acknowledged key is not counted again.
        const service = spawnService(env);
        try {
          const api = `${await service.ready}/api/v1/campaigns/${CAMPAIGN}`;
          const repeat = await fetch(`${api}/pledges`, {
            method: 'POST',
            headers: { 'content-type': 'application/json' },
            body: JSON.stringify({ unit: 'ba-tri', choice: 'smartphone', key: acknowledged[0] }),
          });
          assert.equal(repeat.status, 200);
          const counts = (await (await fetch(`${api}/counts`)).json()) as { total: number };
          const db2 = new Database(join(dir.path, 'pledges.sqlite'), { readonly: true });
          const rows = (
            db2.prepare('SELECT COUNT(*) AS n FROM pledges WHERE campaign = ?').get(CAMPAIGN) as { n: number }
          ).n;
          db2.close();
          assert.equal(counts.total, rows);
          console.log(`# kill -9: ${ROUNDS} rounds, ${acknowledged.length} acknowledged, ${rows} stored, 0 lost`);
        } finally {
          service.child.kill('SIGTERM');
          await service.exited;
        }
      } finally {
        dir.remove();
      }
    },
  );
});
