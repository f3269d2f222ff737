/**
 * Moving a SQLite ledger (a data folder's `pledges.sqlite`) into PostgreSQL, for `npm run migrate-to-postgres`.
 *
 * The rows are read a batch at a time by id (keyset pages of a read-only connection: memory stays one batch
 * whatever the ledger's size) and each batch is committed through {@link PostgresStore.commit}, the service's own
 * write: the same `ON CONFLICT DO NOTHING` on the unique (scope, key), so a record already there (a second run, a
 * pledge retried after the switch) is not inserted again, and the same NOTIFY, so running instances count the moved
 * records at once. Times and keys are kept as they are.
 *
 * Then every row is read again and looked up in PostgreSQL by scope and key: per scope, the records of the
 * folder found there must equal the folder's count, whatever else PostgreSQL holds.
 */
import type Database from 'better-sqlite3';
import type pg from 'pg';
import type { NewRecord, RecordKind } from '../store.js';
import type { PostgresStore } from './postgres-store.js';

/** Per kind: the SQLite rows as records, the scope column, and PostgreSQL's table. */
const KINDS: Record<RecordKind, { page: string; scopes: string; table: string; scope: string }> = {
  pledge: {
    page: 'SELECT id, campaign, unit, choice, key, created_at FROM pledges WHERE id > ? ORDER BY id LIMIT ?',
    scopes: 'SELECT campaign AS scope, COUNT(*) AS n FROM pledges GROUP BY campaign',
    table: 'pledges',
    scope: 'campaign',
  },
  'quiz-result': {
    page: 'SELECT id, quiz, unit, score, total, key, created_at FROM quiz_results WHERE id > ? ORDER BY id LIMIT ?',
    scopes: 'SELECT quiz AS scope, COUNT(*) AS n FROM quiz_results GROUP BY quiz',
    table: 'quiz_results',
    scope: 'quiz',
  },
};

export const RECORD_KINDS = Object.keys(KINDS) as RecordKind[];

interface Row {
  id: number;
  campaign: string;
  quiz: string;
  unit: string;
  choice: string;
  score: number;
  total: number;
  key: string;
  created_at: string;
}

function recordOf(kind: RecordKind, row: Row): NewRecord {
  return kind === 'pledge'
    ? { kind, campaign: row.campaign, unit: row.unit, choice: row.choice, key: row.key, createdAt: row.created_at }
    : {
        kind,
        quiz: row.quiz,
        unit: row.unit,
        score: row.score,
        total: row.total,
        key: row.key,
        createdAt: row.created_at,
      };
}

const scopeOf = (record: NewRecord) => (record.kind === 'pledge' ? record.campaign : record.quiz);

/** The folder's records of `kind`, `size` at a time, in id order. */
function* pages(db: Database.Database, kind: RecordKind, size: number): Generator<NewRecord[]> {
  const page = db.prepare(KINDS[kind].page);
  let last = 0;
  for (;;) {
    const rows = page.all(last, size) as Row[];
    if (rows.length === 0) return;
    last = rows[rows.length - 1].id;
    yield rows.map((row) => recordOf(kind, row));
  }
}

/** Records per scope of `kind` in the SQLite ledger. */
export function sqliteCounts(db: Database.Database, kind: RecordKind): Map<string, number> {
  const rows = db.prepare(KINDS[kind].scopes).all() as { scope: string; n: number }[];
  return new Map(rows.map(({ scope, n }) => [scope, n]));
}

/** Records per scope of `kind` in PostgreSQL. */
export async function postgresCounts(client: pg.ClientBase, kind: RecordKind): Promise<Map<string, number>> {
  const { table, scope } = KINDS[kind];
  const { rows } = await client.query<{ scope: string; n: number }>(
    `SELECT ${scope} AS scope, count(*)::int AS n FROM ${table} GROUP BY ${scope}`,
  );
  return new Map(rows.map(({ scope: id, n }) => [id, n]));
}

export interface Moved {
  read: number;
  inserted: number;
  batches: number;
}

/** Commits the folder's records of `kind` into `store`, batch by batch. */
export async function moveRecords(
  db: Database.Database,
  store: PostgresStore,
  kind: RecordKind,
  size: number,
): Promise<Moved> {
  const moved: Moved = { read: 0, inserted: 0, batches: 0 };
  for (const batch of pages(db, kind, size)) {
    const { added } = await store.commit(batch);
    moved.read += batch.length;
    moved.inserted += added.length;
    moved.batches += 1;
  }
  return moved;
}

/** Per scope, how many of the folder's records of `kind` PostgreSQL holds (looked up by scope and key). */
export async function foundInPostgres(
  db: Database.Database,
  client: pg.ClientBase,
  kind: RecordKind,
  size: number,
): Promise<Map<string, number>> {
  const { table, scope } = KINDS[kind];
  const found = new Map<string, number>();
  for (const batch of pages(db, kind, size)) {
    const { rows } = await client.query<{ scope: string; n: number }>(
      `SELECT t.${scope} AS scope, count(*)::int AS n FROM unnest($1::text[], $2::text[]) AS k(scope, key)
        JOIN ${table} t ON t.${scope} = k.scope AND t.key = k.key GROUP BY t.${scope}`,
      [batch.map(scopeOf), batch.map((record) => record.key)],
    );
    for (const row of rows) found.set(row.scope, (found.get(row.scope) ?? 0) + row.n);
  }
  return found;
}
