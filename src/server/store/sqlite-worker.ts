/**
 * The SQLite writer thread (see sqlite-store.ts). It owns the database connection: every insert,
 * commit and fsync happens here, so the HTTP thread keeps answering while a commit waits for the disk.
 * Messages are handled one at a time, in order; each reply is sent only after the commit returned.
 */
import Database from 'better-sqlite3';
import { rmSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { parentPort, workerData } from 'node:worker_threads';
import type { RecordKind } from './store.js';
import { DAILY_PLEDGES, LAST_PLEDGE_ID, TABLES } from './sqlite-tables.js';
import { writeDurably } from './durable-file.js';

/**
 * `add`: a batch of records as one string, one line per record (see encodeRecord), written in one
 * transaction whatever their kinds. The reply is one character per line, "1" when it was new.
 */
export type Request =
  | { id: number; op: 'add'; rows: string }
  | { id: number; op: 'tally'; kind: RecordKind; scope: string }
  | { id: number; op: 'keys'; kind: RecordKind }
  | { id: number; op: 'daily'; campaign: string; after: number; limit: number }
  | { id: number; op: 'probe' }
  | { id: number; op: 'close' };
/** A failure carries SQLite's code (SQLITE_CORRUPT, SQLITE_FULL…) when SQLite gave one, for the operator. */
export type Reply = { id: number; ok: true; value: unknown } | { id: number; ok: false; error: string; code?: string };

const { file } = workerData as { file: string };

/** The connection and its statements. */
function openDatabase() {
  const db = new Database(file);
  db.pragma('journal_mode = WAL');
  // FULL: the WAL is fsynced at every commit, so an acknowledged record survives an OS crash or power
  // cut, not only a killed process. Paid once per batch (group commit), not once per record.
  db.pragma('synchronous = FULL');
  // Another process (a backup, the sqlite3 shell) may hold the lock briefly: wait rather than fail.
  db.pragma('busy_timeout = 5000');
  // Checkpoint (copy the WAL into the database file) every ~40 MB of WAL instead of every 4 MB: fewer,
  // larger checkpoints cost less in databases made before the keys moved to memory (their key index).
  db.pragma('wal_autocheckpoint = 10000');
  const statements = new Map(
    Object.entries(TABLES).map(([kind, table]) => {
      db.exec(table.schema);
      return [
        kind,
        {
          insert: db.prepare(table.insert),
          tally: db.prepare(table.tally),
          lastAt: db.prepare(table.lastAt),
          keys: db.prepare(table.keys).raw(),
        },
      ] as const;
    }),
  );
  /** The prepared statements of one kind of record. */
  const statementsOf = (kind: string) => {
    const statement = statements.get(kind);
    if (!statement) throw new Error(`unknown record kind ${kind}`);
    return statement;
  };
  const insert = (line: string): string => {
    const fields = line.split('\t');
    return statementsOf(fields[0]).insert.run(...fields.slice(1)).changes === 1 ? '1' : '0';
  };
  const writeBatch = db.transaction((rows: string) => rows.split('\n').map(insert).join(''));
  const daily = { slice: db.prepare(DAILY_PLEDGES), lastId: db.prepare(LAST_PLEDGE_ID).pluck() };
  return { db, statementsOf, writeBatch, daily };
}

/**
 * A damaged or unreadable file fails here (SQLITE_NOTADB, SQLITE_CORRUPT, SQLITE_CANTOPEN): kept and
 * sent, with its code, as the answer to every request, so the service can say what it is and stop.
 */
let opened: ReturnType<typeof openDatabase> | undefined;
let openError: unknown;
try {
  opened = openDatabase();
} catch (error) {
  openError = error;
}

/**
 * Bytes the write probe writes and fsyncs beside the database: room for a batch of records. SQLite's
 * own writes can succeed on a full disk for a while (the WAL reuses its space), so health asks the
 * file system itself.
 */
const PROBE_BYTES = Buffer.alloc(64 * 1024);

function probe(): null {
  const path = join(dirname(file), '.write-probe');
  try {
    writeDurably(path, PROBE_BYTES);
  } finally {
    rmSync(path, { force: true }); // force: a probe that could not even create its file leaves nothing to remove
  }
  return null;
}

function handle(request: Request): unknown {
  if (!opened) throw openError;
  const { db, statementsOf, writeBatch, daily } = opened;
  switch (request.op) {
    case 'add':
      return writeBatch(request.rows);
    case 'tally': {
      const statement = statementsOf(request.kind);
      return {
        rows: statement.tally.all(request.scope),
        lastAt: (statement.lastAt.get(request.scope) as { lastAt: string | null }).lastAt,
      };
    }
    case 'keys': {
      // Each scope's keys as one string, a key per line: one copy between threads, not a clone per key.
      const byScope: Record<string, string[]> = {};
      for (const [scope, key] of statementsOf(request.kind).keys.iterate() as IterableIterator<[string, string]>)
        (byScope[scope] ??= []).push(key);
      return Object.fromEntries(Object.entries(byScope).map(([scope, keys]) => [scope, keys.join('\n')]));
    }
    case 'daily': {
      // One slice of ids (after, until]: its cost is bounded whatever the table's size (sqlite-store.ts daily()).
      const last = (daily.lastId.get() as number | null) ?? 0;
      const until = Math.min(request.after + request.limit, last);
      return { rows: daily.slice.all(request.after, until, request.campaign), until, more: until < last };
    }
    case 'probe':
      return probe();
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
    const code = (error as { code?: unknown } | null)?.code;
    reply = {
      id: request.id,
      ok: false,
      error: error instanceof Error ? error.message : String(error),
      ...(typeof code === 'string' ? { code } : {}),
    };
  }
  port.postMessage(reply);
  if (request.op === 'close') port.close();
});
