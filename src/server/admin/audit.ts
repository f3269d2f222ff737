/**
 * The audit log in console.sqlite, or with DATABASE_URL in PostgreSQL shared by every instance (migration 3;
 * one class over the ConsoleSql port, the SQL per dialect below): one row per change made in the console or with `npm run admin`
 * (who, when, what, to what, the changed part before and after, as JSON). Rows are only ever added.
 * Callers pass what changed, never a password or a hash (accounts record `{ role }` and
 * `{ password: 'changed' }`).
 */
import type { AuditEntry } from '../../contract/admin.js';
import type { ConsoleDb, ConsoleTables } from '../store/console-db.js';
import { ConsoleStore, type ConsoleSql } from '../store/console-sql.js';
import type { Auditor } from './admin-env.js';

export const AUDIT_TABLES: ConsoleTables = [
  `CREATE TABLE IF NOT EXISTS audit (
     id INTEGER PRIMARY KEY AUTOINCREMENT,
     at TEXT NOT NULL,
     user TEXT NOT NULL,
     action TEXT NOT NULL,
     target TEXT NOT NULL,
     before TEXT,
     after TEXT
   ) STRICT`,
];

/** Entries a page of GET /admin/audit holds at most (and by default). */
export const AUDIT_PAGE_MAX = 200;
export const AUDIT_PAGE_DEFAULT = 50;

interface AuditRow {
  id: number;
  at: string;
  user: string;
  action: string;
  target: string;
  before: string | null;
  after: string | null;
}

const parse = (text: string | null): unknown => (text === null ? null : (JSON.parse(text) as unknown));

const SQL = {
  sqlite: {
    record: 'INSERT INTO audit (at, user, action, target, before, after) VALUES (?, ?, ?, ?, ?, ?)',
    page: 'SELECT * FROM audit WHERE id < ? ORDER BY id DESC LIMIT ?',
  },
  // The id is bigint (a string from pg): read as float8, exact up to 2^53.
  postgres: {
    record: 'INSERT INTO audit (at, "user", action, target, before, after) VALUES ($1, $2, $3, $4, $5, $6)',
    page: `SELECT id::float8 AS id, at, "user", action, target, before, after
      FROM audit WHERE id < $1 ORDER BY id DESC LIMIT $2`,
  },
};

export class AuditLog extends ConsoleStore<(typeof SQL)['sqlite']> implements Auditor {
  /** On the port (either store), or on an open console.sqlite (as `npm run campaigns` opens it). */
  constructor(db: ConsoleSql | ConsoleDb, now: () => number = Date.now) {
    super(db, SQL, now);
  }

  async record(entry: {
    user: string;
    action: string;
    target: string;
    before: unknown;
    after: unknown;
  }): Promise<void> {
    await this.sql.run(this.q.record, [
      new Date(this.now()).toISOString(),
      entry.user,
      entry.action,
      entry.target,
      JSON.stringify(entry.before ?? null),
      JSON.stringify(entry.after ?? null),
    ]);
  }

  /** Newest first, ids below `before` when given; `next` is the `before` of the following page (null: no more). */
  async page(before: number | undefined, limit: number): Promise<{ entries: AuditEntry[]; next: number | null }> {
    const rows = await this.sql.all<AuditRow>(this.q.page, [before ?? Number.MAX_SAFE_INTEGER, limit + 1]);
    const more = rows.length > limit;
    const entries = rows.slice(0, limit).map((row) => ({ ...row, before: parse(row.before), after: parse(row.after) }));
    return { entries, next: more ? entries[entries.length - 1].id : null };
  }
}
