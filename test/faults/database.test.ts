/**
 * A damaged or missing database stops the start with what it is and what to do (issue 15, items 3
 * and 4), run as `npm start` does (a child process), on real files.
 */
import Database from 'better-sqlite3';
import assert from 'node:assert/strict';
import {
  existsSync,
  openSync,
  readFileSync,
  rmSync,
  truncateSync,
  writeFileSync,
  writeSync,
  closeSync,
  statSync,
} from 'node:fs';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { newKey, postPledge, spawnService, start, tempDir, CAMPAIGN } from '../server/helpers.js';

/** Starts main.ts on `dataDir` and expects it to stop at once: returns its stderr. */
async function failedStart(dataDir: string): Promise<string> {
  const service = spawnService({ DATA_DIR: dataDir });
  const { code, stderr } = await service.exited;
  assert.equal(code, 1, stderr);
  assert.doesNotMatch(stderr, /\[object Object\]/);
  return stderr;
}

/** A data folder with a ledger of `pledges` pledges, made by the service itself; the service stopped. */
async function ledger(pledges: number): Promise<{ path: string; remove: () => void; database: string }> {
  const dir = tempDir();
  const service = await start(dir.path, { pledgeRate: { perMinute: 1e6, burst: 1e6 } });
  try {
    const statuses = await Promise.all(
      Array.from(
        { length: pledges },
        async () => (await postPledge(service.api, { unit: 'ba-tri', choice: 'smartphone', key: newKey() })).status,
      ),
    );
    assert.deepEqual(new Set(statuses), new Set([201]));
  } finally {
    await service.close();
  }
  return { ...dir, database: join(dir.path, 'pledges.sqlite') };
}

describe('a damaged database', () => {
  it(
    'a file that is not a database: SQLite code and message, the file, restore from backup; exit 1',
    { timeout: 30_000 },
    async () => {
      const dir = tempDir();
      try {
        const database = join(dir.path, 'pledges.sqlite');
        writeFileSync(database, Buffer.alloc(8192, 'garbage!'));
        const stderr = await failedStart(dir.path);
        assert.match(stderr, /SQLITE_NOTADB/);
        assert.match(stderr, /file is not a database/);
        assert.ok(stderr.includes(database), stderr);
        assert.match(stderr, /restore the latest backup/);
      } finally {
        dir.remove();
      }
    },
  );

  it(
    'damaged pages in a ledger: SQLITE_CORRUPT, the file, restore from backup; exit 1',
    { timeout: 30_000 },
    async () => {
      const dir = await ledger(200);
      try {
        // Keep the header (page 1) and overwrite the table pages after it, as a failing disk would.
        const size = statSync(dir.database).size;
        assert.ok(size > 8192, `database of ${size} bytes`);
        const fd = openSync(dir.database, 'r+');
        writeSync(fd, Buffer.alloc(size - 4096, 0xa5), 0, size - 4096, 4096);
        closeSync(fd);
        const stderr = await failedStart(dir.path);
        assert.match(stderr, /SQLITE_CORRUPT|SQLITE_NOTADB/);
        assert.ok(stderr.includes(dir.database), stderr);
        assert.match(stderr, /restore the latest backup/);
      } finally {
        dir.remove();
      }
    },
  );
});

describe('a data folder that held a ledger never starts a new one silently', () => {
  it(
    'the first start writes the ledger marker; a later start with pledges.sqlite emptied stops, naming both ways out',
    { timeout: 30_000 },
    async () => {
      const dir = await ledger(3);
      try {
        const marker = JSON.parse(readFileSync(join(dir.path, 'ledger.json'), 'utf8')) as { createdAt: string };
        assert.match(marker.createdAt, /^\d{4}-\d\d-\d\dT/);
        truncateSync(dir.database, 0);
        for (const extra of ['-wal', '-shm']) rmSync(`${dir.database}${extra}`, { force: true });
        const stderr = await failedStart(dir.path);
        assert.match(stderr, /pledges\.sqlite is empty \(0 bytes\)/);
        assert.ok(stderr.includes(marker.createdAt), 'says since when the folder held a ledger');
        assert.match(
          stderr,
          /counted? every pledge acknowledged before a second time|count every pledge acknowledged before a second time/,
        );
        assert.match(stderr, /Restore the latest backup/);
        assert.equal(statSync(dir.database).size, 0, 'the empty file is left as it was');
      } finally {
        dir.remove();
      }
    },
  );

  it('pledges.sqlite missing from a folder with the marker stops the start too', { timeout: 30_000 }, async () => {
    const dir = await ledger(1);
    try {
      for (const extra of ['', '-wal', '-shm']) rmSync(`${dir.database}${extra}`, { force: true });
      const stderr = await failedStart(dir.path);
      assert.match(stderr, /pledges\.sqlite is missing/);
      assert.ok(!existsSync(dir.database), 'no new database was made');
    } finally {
      dir.remove();
    }
  });

  it('a folder from before the marker keeps its pledges and gets the marker', async () => {
    const dir = await ledger(2);
    try {
      rmSync(join(dir.path, 'ledger.json'));
      const service = await start(dir.path);
      try {
        const counts = (await (await fetch(`${service.api}/counts`)).json()) as { total: number };
        assert.equal(counts.total, 2);
      } finally {
        await service.close();
      }
      assert.ok(existsSync(join(dir.path, 'ledger.json')));
      const db = new Database(dir.database, { readonly: true });
      assert.equal(
        (db.prepare('SELECT COUNT(*) AS n FROM pledges WHERE campaign = ?').get(CAMPAIGN) as { n: number }).n,
        2,
      );
      db.close();
    } finally {
      dir.remove();
    }
  });
});
