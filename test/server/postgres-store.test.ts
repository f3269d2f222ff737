/**
 * What only the PostgreSQL store has to do, against a real server (TEST_DATABASE_URL; skipped, saying so,
 * when it is not set): migrations safe when instances start at once, one key raced by two instances
 * counted once, every instance told of the others' commits, and counts read again from the database
 * when a commit notice is missing or the listening connection is cut.
 */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import pg from 'pg';
import { MIGRATIONS } from '../../src/server/store/postgres/migrations.js';
import { PostgresStore } from '../../src/server/store/postgres/postgres-store.js';
import type { NewPledge, NewRecord, Tallies } from '../../src/server/store/store.js';
import { freshDatabase, SKIP_POSTGRES } from '../helpers/postgres.js';
import { CAMPAIGN, newKey } from './helpers.js';

const pledge = (key: string, unit = 'ba-tri'): NewPledge => ({
  kind: 'pledge',
  campaign: CAMPAIGN,
  unit,
  choice: 'smartphone',
  key,
  createdAt: new Date().toISOString(),
});

/** Waits until `check` holds, polling every 20 ms, at most `ms`. */
async function until(check: () => boolean | Promise<boolean>, ms: number, what: string): Promise<void> {
  const end = Date.now() + ms;
  while (!(await check())) {
    if (Date.now() > end) assert.fail(`not within ${ms} ms: ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

describe('PostgreSQL store', { skip: SKIP_POSTGRES }, () => {
  let database: Awaited<ReturnType<typeof freshDatabase>>;
  let sql: pg.Client;
  before(async () => {
    database = await freshDatabase();
    sql = new pg.Client({ connectionString: database.url });
    await sql.connect();
  });
  after(async () => {
    await sql?.end();
    await database?.drop();
  });

  it('four instances starting at once on an empty database: all open, each migration applied once', async () => {
    const stores = await Promise.all(Array.from({ length: 4 }, () => PostgresStore.open(database.url)));
    try {
      const { rows } = await sql.query<{ version: number }>('SELECT version FROM lantoa_migrations ORDER BY version');
      assert.deepEqual(
        rows.map((row) => row.version),
        MIGRATIONS.map((migration) => migration.version),
      );
      for (const store of stores) assert.equal(store.healthy, true);
    } finally {
      await Promise.all(stores.map((store) => store.close()));
    }
  });

  it('two instances racing on the same keys: each key new on exactly one of them, stored once', async () => {
    const [a, b] = await Promise.all([PostgresStore.open(database.url), PostgresStore.open(database.url)]);
    try {
      const keys = Array.from({ length: 300 }, () => newKey());
      // Each instance gets every key, in opposite orders, all at once: their batches overlap and contend.
      const [onA, onB] = await Promise.all([
        Promise.all(keys.map((key) => a.add(pledge(key)))),
        Promise.all([...keys].reverse().map((key) => b.add(pledge(key)))),
      ]);
      onB.reverse();
      keys.forEach((key, index) => assert.equal(Number(onA[index]) + Number(onB[index]), 1, `key ${key}`));
      const { rows } = await sql.query<{ n: number }>(
        'SELECT count(*)::int AS n FROM pledges WHERE key = ANY($1::text[])',
        [keys],
      );
      assert.equal(rows[0].n, keys.length);
    } finally {
      await Promise.all([a.close(), b.close()]);
    }
  });

  it("every instance hears the others' commits (the new records only), and not its own twice", async () => {
    const [a, b] = await Promise.all([PostgresStore.open(database.url), PostgresStore.open(database.url)]);
    const heardA: NewRecord[] = [];
    const heardB: NewRecord[] = [];
    a.onCommit((records) => heardA.push(...records));
    b.onCommit((records) => heardB.push(...records));
    try {
      const repeat = newKey();
      await b.add(pledge(repeat, 'giong-trom'));
      await until(() => heardA.length === 1, 1000, 'A hears B');
      await Promise.all([a.add(pledge(newKey())), a.add(pledge(newKey())), a.add(pledge(repeat))]);
      await until(() => heardB.length === 3, 1000, 'B hears the two new pledges of A');
      await new Promise((resolve) => setTimeout(resolve, 200));
      assert.equal(heardA.length, 3, 'A counted its own two once, and not the repeat');
      assert.equal(heardB.length, 3);
      assert.deepEqual(
        heardB.map((record) => (record.kind === 'pledge' ? record.unit : '')),
        ['giong-trom', 'ba-tri', 'ba-tri'],
      );
      // Quiz results travel the same way, score and total kept (the stats' averages depend on them).
      await a.add({
        kind: 'quiz-result',
        quiz: 'q',
        unit: 'ba-tri',
        score: 2,
        total: 7,
        key: newKey(),
        createdAt: new Date().toISOString(),
      });
      await until(() => heardB.length === 4, 1000, 'B hears the quiz result of A');
      assert.deepEqual(
        heardB
          .slice(3)
          .map((record) =>
            record.kind === 'quiz-result' ? [record.quiz, record.unit, record.score, record.total] : [],
          ),
        [['q', 'ba-tri', 2, 7]],
      );
    } finally {
      await Promise.all([a.close(), b.close()]);
    }
  });

  it('a missing commit notice, or a cut listening connection: counts are read again from the database', async () => {
    const store = await PostgresStore.open(database.url, { retryMs: 200 });
    const resets: Tallies[] = [];
    const stop = await store.follow((tallies) => resets.push(tallies));
    const count = () =>
      resets
        .at(-1)
        ?.campaigns.get('reconciled')
        ?.rows.reduce((sum, row) => sum + row.count, 0);
    try {
      assert.equal(resets.length, 1, 'follow() starts from a snapshot');
      assert.equal(count(), undefined);
      // Another instance ("ghost") committed 3 pledges as its commits 1 to 3, but only commit 3's notice arrives.
      await sql.query(`INSERT INTO pledges (campaign, unit, choice, key, created_at)
        SELECT 'reconciled', 'ba-tri', 'smartphone', 'ghost-key-' || n, now() FROM generate_series(1, 3) AS n`);
      await sql.query(`INSERT INTO lantoa_instances (id, seq) VALUES ('ghost', 3)`);
      await sql.query(`SELECT pg_notify('lantoa_records', $1)`, [
        JSON.stringify({ i: 'ghost', s: 3, p: [['reconciled', 'ba-tri', 'smartphone', 1]] }),
      ]);
      await until(() => count() === 3, 2000, 'the gap makes the store read the tallies again');

      // The listening connection is cut: unhealthy, then back by itself, and the counts read again.
      const before = resets.length;
      await sql.query(
        `SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = current_database() AND query LIKE 'LISTEN%'`,
      );
      await until(() => !store.healthy, 2000, 'unhealthy without its listening connection');
      await sql.query(`INSERT INTO pledges (campaign, unit, choice, key, created_at)
        VALUES ('reconciled', 'ba-tri', 'smartphone', 'while-deaf', now())`);
      await until(() => store.healthy && resets.length > before, 3000, 'listening again, tallies read again');
      assert.equal(count(), 4, 'a row committed while it was not listening is counted');
    } finally {
      stop();
      await store.close();
    }
  });
});
