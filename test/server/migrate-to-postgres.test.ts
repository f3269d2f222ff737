/**
 * `npm run migrate-to-postgres` as a real child process (TEST_DATABASE_URL; skipped, saying so, when unset): a data
 * folder made by the real service on SQLite (pledges, quiz results, an edited campaign) moved into PostgreSQL, then a
 * service on PostgreSQL shows the same counts, statistics and campaign and answers a repeated key with 200; a second
 * run inserts nothing; a running service on the folder stops it; an instance already running on the database counts
 * the moved records at once; a record that does not arrive fails the verification.
 */
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import pg from 'pg';
import { migrate } from '../../src/server/store/postgres/migrations.js';
import { freshDatabase, SKIP_POSTGRES } from '../helpers/postgres.js';
import { CAMPAIGN, newKey, postPledge, postResult, runScript, start, tempDir, type TestService } from './helpers.js';

/** Runs `npm run migrate-to-postgres -- …args` with DATABASE_URL `url` (none when undefined). */
const migrateCli = (url: string | undefined, ...args: string[]) =>
  runScript('migrate-to-postgres.ts', { DATABASE_URL: url }, ...args);

const get = async (url: string) => (await fetch(url)).json() as Promise<Record<string, unknown>>;

describe('moving a SQLite data folder into PostgreSQL', { skip: SKIP_POSTGRES }, () => {
  const dir = tempDir();
  const folder = join(dir.path, 'data');
  const dirs: { remove: () => void }[] = [dir];
  const databases: Awaited<ReturnType<typeof freshDatabase>>[] = [];
  const database = async () => {
    const made = await freshDatabase();
    databases.push(made);
    return made.url;
  };
  const serviceOn = (url: string) => {
    const other = tempDir();
    dirs.push(other);
    return start(join(other.path, 'data'), { databaseUrl: url });
  };
  /** What the SQLite service served before the move. */
  let counts: Record<string, unknown>;
  let stats: Record<string, unknown>;
  const keys: string[] = [];

  before(async () => {
    const service = await start(folder);
    try {
      const units = ['ba-tri', 'giong-trom', 'binh-dai'];
      const choices = ['smartphone', 'switch-to-4g'];
      for (let n = 0; n < 25; n++) {
        const key = newKey();
        keys.push(key);
        const pledge = { unit: units[n % 3], choice: choices[n % 2], key };
        assert.equal((await postPledge(service.api, pledge)).status, 201);
      }
      for (let n = 0; n < 6; n++) {
        const result = { unit: units[n % 3], score: n % 3, total: 2, key: newKey() };
        assert.equal((await postResult(service.quizApi, result)).status, 201);
      }
      const read = service.campaigns.get(CAMPAIGN);
      assert.ok(read);
      const title = { vi: 'Đã chuyển sang PostgreSQL', en: 'Moved to PostgreSQL' };
      await service.campaigns.update(CAMPAIGN, read.version, { title }, { user: 'test', action: 'campaign.texts' });
      counts = await get(`${service.api}/counts`);
      stats = await get(`${service.quizApi}/stats`);
      assert.equal(counts.total, 25);
    } finally {
      await service.close();
    }
  });
  after(async () => {
    for (const made of databases) await made.drop();
    for (const each of dirs) each.remove();
  });

  it('moves pledges, quiz results and the edited campaign; a service on PostgreSQL serves the same and answers a repeated key with 200; a second run inserts nothing', async () => {
    const url = await database();
    const moved = await migrateCli(url, '--data-dir', folder, '--batch', '7');
    assert.equal(moved.code, 0, moved.stderr + moved.stdout);
    assert.match(moved.stdout, /pledges: 25 read, 25 inserted, 0 already there \(4 batches of at most 7\)/);
    assert.match(moved.stdout, /quiz results: 6 read, 6 inserted, 0 already there \(1 batch of at most 7\)/);
    assert.match(moved.stdout, new RegExp(`added "${CAMPAIGN}" \\(version 2\\)`));
    assert.match(moved.stdout, /pledges ben-tre-smartphone\s+25\s+25\s+25/);
    assert.match(moved.stdout, /verified: per scope, every record of .* is in PostgreSQL/);
    console.log(moved.stdout);

    const service: TestService = await serviceOn(url);
    try {
      assert.deepEqual(await get(`${service.api}/counts`), counts);
      assert.deepEqual(await get(`${service.quizApi}/stats`), stats);
      assert.equal(((await get(service.api)).title as { en: string }).en, 'Moved to PostgreSQL');
      const repeat = await postPledge(service.api, { unit: 'ba-tri', choice: 'smartphone', key: keys[3] });
      assert.equal(repeat.status, 200, 'a key acknowledged by the SQLite service, repeated on PostgreSQL');
      assert.equal(((await repeat.json()) as { created: boolean }).created, false);
      assert.equal(
        (await postPledge(service.api, { unit: 'ba-tri', choice: 'smartphone', key: newKey() })).status,
        201,
      );
    } finally {
      await service.close();
    }

    const again = await migrateCli(url, '--data-dir', folder);
    assert.equal(again.code, 0, again.stderr + again.stdout);
    assert.match(again.stdout, /pledges: 25 read, 0 inserted, 25 already there/);
    assert.match(again.stdout, /quiz results: 6 read, 0 inserted, 6 already there/);
    assert.match(again.stdout, /nothing new: all 31 records of .* were in PostgreSQL already/);
    assert.match(again.stdout, /already in PostgreSQL, the same: "ben-tre-smartphone" \(version 2\)/);
    // PostgreSQL holds one more (taken on it since): the folder's 25 are all found.
    assert.match(again.stdout, /pledges ben-tre-smartphone\s+25\s+26\s+25/);
    assert.match(again.stdout, /verified/);
  });

  it('refuses while a service holds the folder, naming it, and moves nothing', async () => {
    const url = await database();
    const service = await start(folder);
    try {
      const refused = await migrateCli(url, '--data-dir', folder);
      assert.equal(refused.code, 1);
      assert.match(refused.stderr, new RegExp(`in use by service process ${process.pid}.*Stop that service first`));
      assert.doesNotMatch(refused.stdout, /inserted/);
    } finally {
      await service.close();
    }
    const usage = await migrateCli(undefined, '--data-dir', folder);
    assert.equal(usage.code, 2);
    assert.match(usage.stderr, /DATABASE_URL=postgres:\/\/… npm run migrate-to-postgres -- --data-dir DIR/);
  });

  it('an instance already running on the database counts the moved records at once; its own campaign is kept', async () => {
    const url = await database();
    const running = await serviceOn(url);
    try {
      assert.equal((await get(`${running.api}/counts`)).total, 0);
      const moved = await migrateCli(url, '--data-dir', folder);
      assert.equal(moved.code, 0, moved.stderr + moved.stdout);
      assert.match(
        moved.stdout,
        /kept as PostgreSQL has it \(the folder's "ben-tre-smartphone" \(version 2\) differs\)/,
      );
      const done = Date.now();
      while ((await get(`${running.api}/counts`)).total !== 25) {
        assert.ok(Date.now() - done < 1000, 'the running instance counts the 25 moved pledges within a second');
        await new Promise((resolve) => setTimeout(resolve, 20));
      }
      assert.deepEqual(await get(`${running.quizApi}/stats`), stats);
    } finally {
      await running.close();
    }
  });

  it('a record that does not arrive fails the verification (exit 1), and says so', async () => {
    const url = await database();
    const client = new pg.Client({ connectionString: url });
    await client.connect();
    try {
      // The schema as an instance makes it, and a trigger that silently drops one unit's pledges.
      await migrate(client);
      await client.query(`CREATE FUNCTION drop_giong_trom() RETURNS trigger LANGUAGE plpgsql AS
        $$ BEGIN IF NEW.unit = 'giong-trom' THEN RETURN NULL; END IF; RETURN NEW; END $$`);
      await client.query(
        'CREATE TRIGGER drop_some BEFORE INSERT ON pledges FOR EACH ROW EXECUTE FUNCTION drop_giong_trom()',
      );
    } finally {
      await client.end();
    }
    const moved = await migrateCli(url, '--data-dir', folder);
    assert.equal(moved.code, 1, moved.stdout);
    assert.match(moved.stdout, /pledges ben-tre-smartphone\s+25\s+17\s+17/);
    assert.match(moved.stdout, /NOT VERIFIED: 8 records of .* are not in PostgreSQL/);
  });
});
