/**
 * The SQLite writer thread (see sqlite-store.ts). It owns the database connection: every insert,
 * commit and fsync happens here, so the HTTP thread keeps answering while a commit waits for the disk.
 * Messages are handled one at a time, in order; each reply is sent only after the commit returned.
 */
import Database from 'better-sqlite3';
import { parentPort, workerData } from 'node:worker_threads';

export type Row = [campaign: string, unit: string, choice: string, key: string, createdAt: string];
/**
 * A batch travels as one string, rows joined by "\n" and fields by "\t" (ids, keys and timestamps are
 * validated and contain neither): copying one string between threads costs far less than a structured
 * clone of hundreds of small arrays. The reply is one character per row, "1" when it was new.
 */
export type Request = { id: number; op: 'add'; rows: string } | { id: number; op: 'tally'; campaign: string } | { id: number; op: 'close' };
export type Reply = { id: number; ok: true; value: unknown } | { id: number; ok: false; error: string };

const SCHEMA = `
CREATE TABLE IF NOT EXISTS pledges (
  id INTEGER PRIMARY KEY,
  campaign TEXT NOT NULL,
  unit TEXT NOT NULL,
  choice TEXT NOT NULL,
  key TEXT NOT NULL,
  created_at TEXT NOT NULL,
  UNIQUE (campaign, key)
) STRICT;
`;

const db = new Database((workerData as { file: string }).file);
db.pragma('journal_mode = WAL');
// FULL: the WAL is fsynced at every commit, so an acknowledged pledge survives an OS crash or power
// cut, not only a killed process. Paid once per batch (group commit), not once per pledge.
db.pragma('synchronous = FULL');
// Another process (a backup, the sqlite3 shell) may hold the lock briefly: wait rather than fail.
db.pragma('busy_timeout = 5000');
// Checkpoint (copy the WAL into the database file) every ~40 MB of WAL instead of every 4 MB: each
// commit of random idempotency keys dirties many index pages, and fewer, larger checkpoints cost less.
db.pragma('wal_autocheckpoint = 10000');
db.exec(SCHEMA);

const insert = db.prepare<Row>('INSERT INTO pledges (campaign, unit, choice, key, created_at) VALUES (?, ?, ?, ?, ?) ON CONFLICT (campaign, key) DO NOTHING');
const writeBatch = db.transaction((rows: string) =>
  rows
    .split('\n')
    .map((row) => (insert.run(...(row.split('\t') as Row)).changes === 1 ? '1' : '0'))
    .join(''),
);
const byUnitAndChoice = db.prepare('SELECT unit, choice, COUNT(*) AS count FROM pledges WHERE campaign = ? GROUP BY unit, choice');
const lastPledge = db.prepare('SELECT MAX(created_at) AS lastAt FROM pledges WHERE campaign = ?');

function handle(request: Request): unknown {
  switch (request.op) {
    case 'add':
      return writeBatch(request.rows);
    case 'tally':
      return { rows: byUnitAndChoice.all(request.campaign), lastAt: (lastPledge.get(request.campaign) as { lastAt: string | null }).lastAt };
    case 'close':
      db.close();
      return null;
  }
}

const port = parentPort;
if (!port) throw new Error('sqlite-worker runs as a worker thread');
port.on('message', (request: Request) => {
  let reply: Reply;
  try {
    reply = { id: request.id, ok: true, value: handle(request) };
  } catch (error) {
    // The transaction rolled back: nothing of this batch is stored, and nobody is told it is.
    reply = { id: request.id, ok: false, error: error instanceof Error ? error.message : String(error) };
  }
  port.postMessage(reply);
  if (request.op === 'close') port.close();
});
