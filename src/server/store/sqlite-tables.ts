/**
 * The SQLite tables of each kind of record, and how a record travels to the writer thread. Shared by
 * the store (main thread, encodes) and the worker (creates the tables, inserts, tallies), so adding a
 * kind of record means one entry here and nothing else in the SQLite adapter.
 *
 * An idempotency key counts once per campaign (pledges) or per quiz (results). The store keeps the
 * keys of its scopes in memory (sqlite-store.ts) and sends only new keys here, so the tables carry no
 * index on them: an index of random keys puts each new row on its own index page, and writing those
 * pages was most of the cost of a commit (docs/BENCHMARKS.md). Databases made before this keep their UNIQUE (scope, key) constraint, and
 * `ON CONFLICT DO NOTHING` still reports a repeat there as no change.
 */
import type { NewRecord, RecordKind } from './store.js';

export interface TableSpec {
  schema: string;
  /** Parameters in the order of {@link encodeRecord}'s fields after the kind. */
  insert: string;
  /** Aggregates of one scope (`?`), grouped as the kind's tally wants them. */
  tally: string;
  /** `lastAt`: created_at of the scope's latest record. */
  lastAt: string;
  /** Every record's scope and key, which the store loads at start (`scope`, `key`). */
  keys: string;
}

export const TABLES: Record<RecordKind, TableSpec> = {
  pledge: {
    schema: `CREATE TABLE IF NOT EXISTS pledges (
      id INTEGER PRIMARY KEY,
      campaign TEXT NOT NULL,
      unit TEXT NOT NULL,
      choice TEXT NOT NULL,
      key TEXT NOT NULL,
      created_at TEXT NOT NULL
    ) STRICT`,
    insert:
      'INSERT INTO pledges (campaign, unit, choice, key, created_at) VALUES (?, ?, ?, ?, ?) ON CONFLICT DO NOTHING',
    tally: 'SELECT unit, choice, COUNT(*) AS count FROM pledges WHERE campaign = ? GROUP BY unit, choice',
    lastAt: 'SELECT MAX(created_at) AS lastAt FROM pledges WHERE campaign = ?',
    keys: 'SELECT campaign AS scope, key FROM pledges',
  },
  'quiz-result': {
    schema: `CREATE TABLE IF NOT EXISTS quiz_results (
      id INTEGER PRIMARY KEY,
      quiz TEXT NOT NULL,
      unit TEXT NOT NULL,
      score INTEGER NOT NULL CHECK (score BETWEEN 0 AND total),
      total INTEGER NOT NULL CHECK (total >= 1),
      key TEXT NOT NULL,
      created_at TEXT NOT NULL
    ) STRICT`,
    insert:
      'INSERT INTO quiz_results (quiz, unit, score, total, key, created_at) VALUES (?, ?, ?, ?, ?, ?) ON CONFLICT DO NOTHING',
    // score/total in billionths, rounded half up like quiz-stats.ts's scoreNanos(): integer sums, exact.
    tally:
      'SELECT unit, COUNT(*) AS participants, CAST(SUM(ROUND(score * 1000000000.0 / total)) AS INTEGER) AS scoreNanos FROM quiz_results WHERE quiz = ? GROUP BY unit',
    lastAt: 'SELECT MAX(created_at) AS lastAt FROM quiz_results WHERE quiz = ?',
    keys: 'SELECT quiz AS scope, key FROM quiz_results',
  },
};

/**
 * Pledges of one campaign per Vietnam day (UTC+7, no daylight saving) × unit × choice, among the rows
 * with `? < id <= ?`: the results page reads the table a slice of ids at a time (sqlite-store.ts daily()),
 * so no index is added to the write path and no read holds the writer thread for long. created_at is
 * ISO UTC with a Z, which date() reads.
 */
export const DAILY_PLEDGES = `SELECT date(created_at, '+7 hours') AS day, unit, choice, COUNT(*) AS count
  FROM pledges WHERE id > ? AND id <= ? AND campaign = ? GROUP BY day, unit, choice`;
/** The newest pledge's id: rows are never deleted, so ids only grow and a slice once read never changes. */
export const LAST_PLEDGE_ID = 'SELECT MAX(id) AS id FROM pledges';

/**
 * One record as one line of a batch: its kind, then its fields, joined by tabs. Ids, keys, integers
 * and timestamps are validated before they get here and contain neither tab nor newline; copying one
 * string between threads costs far less than a structured clone of hundreds of small objects.
 */
export function encodeRecord(record: NewRecord): string {
  switch (record.kind) {
    case 'pledge':
      return `pledge\t${record.campaign}\t${record.unit}\t${record.choice}\t${record.key}\t${record.createdAt}`;
    case 'quiz-result':
      return `quiz-result\t${record.quiz}\t${record.unit}\t${record.score}\t${record.total}\t${record.key}\t${record.createdAt}`;
  }
}

/** The scope a record's key is unique in: its campaign (pledge) or its quiz (result). */
export function scopeOf(record: NewRecord): string {
  return record.kind === 'pledge' ? record.campaign : record.quiz;
}
