/**
 * The audit log in console.sqlite: one row per change made in the console or with `npm run admin`
 * (who, when, what, to what, the changed part before and after, as JSON). Rows are only ever added.
 * Callers pass what changed, never a password or a hash (accounts record `{ role }` and
 * `{ password: 'changed' }`).
 */
import type { AuditEntry } from '../../contract/admin.js';
import type { ConsoleDb, ConsoleTables } from '../store/console-db.js';
import type { Auditor } from './admin-env.js';

export const AUDIT_TABLES: ConsoleTables = {
  name: 'audit',
  schema: [
    `CREATE TABLE IF NOT EXISTS audit (
       id INTEGER PRIMARY KEY AUTOINCREMENT,
       at TEXT NOT NULL,
       user TEXT NOT NULL,
       action TEXT NOT NULL,
       target TEXT NOT NULL,
       before TEXT,
       after TEXT
     ) STRICT`,
  ],
};

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

export class AuditLog implements Auditor {
  readonly #db: ConsoleDb;
  readonly #now: () => number;

  constructor(db: ConsoleDb, now: () => number = Date.now) {
    this.#db = db;
    this.#now = now;
  }

  async record(entry: {
    user: string;
    action: string;
    target: string;
    before: unknown;
    after: unknown;
  }): Promise<void> {
    this.#db
      .prepare('INSERT INTO audit (at, user, action, target, before, after) VALUES (?, ?, ?, ?, ?, ?)')
      .run(
        new Date(this.#now()).toISOString(),
        entry.user,
        entry.action,
        entry.target,
        JSON.stringify(entry.before ?? null),
        JSON.stringify(entry.after ?? null),
      );
  }

  /** Newest first, ids below `before` when given; `next` is the `before` of the following page (null: no more). */
  async page(before: number | undefined, limit: number): Promise<{ entries: AuditEntry[]; next: number | null }> {
    const rows = this.#db
      .prepare('SELECT * FROM audit WHERE id < ? ORDER BY id DESC LIMIT ?')
      .all(before ?? Number.MAX_SAFE_INTEGER, limit + 1) as AuditRow[];
    const more = rows.length > limit;
    const entries = rows.slice(0, limit).map((row) => ({ ...row, before: parse(row.before), after: parse(row.after) }));
    return { entries, next: more ? entries[entries.length - 1].id : null };
  }
}
