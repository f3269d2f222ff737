/**
 * The console's data (accounts and sessions, the audit log, the sites reached) is written once, in
 * admin/accounts.ts, admin/audit.ts and campaigns/reach.ts, over this narrow port; what differs between the
 * stores is the driver behind it and each module's SQL text (one set per dialect, side by side in that
 * module). So the semantics (expiry, paging, counters) cannot drift between SQLite and PostgreSQL.
 *
 * Two implementations: {@link sqliteConsoleSql} on console.sqlite (synchronous underneath; every promise
 * is settled when returned) and `postgresConsoleSql` (store/postgres/console-sql.ts), with DATABASE_URL.
 */
import Database from 'better-sqlite3';
import type { ConsoleDb } from './console-db.js';

export type Dialect = 'sqlite' | 'postgres';

export type Statement = readonly [sql: string, params: readonly unknown[]];

export interface ConsoleSql {
  readonly dialect: Dialect;
  /** The rows of one query. */
  all<T>(sql: string, params?: readonly unknown[]): Promise<T[]>;
  /** One statement; how many rows it changed. */
  run(sql: string, params?: readonly unknown[]): Promise<number>;
  /** Statements in one transaction, all or none; how many rows each changed. */
  batch(statements: readonly Statement[]): Promise<number[]>;
  /** Ends what this port opened (a pool); the SQLite one leaves the file to its owner. */
  close(): Promise<void>;
}

/**
 * The console's database failed (unreachable, locked, restarting): what the port rejects with, whichever the
 * store, so the console answers 503 with Retry-After (admin-api.ts) rather than a 500 that reads as a bug.
 */
export class ConsoleStoreError extends Error {
  override name = 'ConsoleStoreError';
  constructor(cause: unknown) {
    super(`the console's database failed: ${cause instanceof Error ? cause.message : String(cause)}`, { cause });
  }
}

/** `work`'s rejection as a {@link ConsoleStoreError}. */
export function failsAsStore<T>(work: Promise<T>): Promise<T> {
  return work.catch((error: unknown) => {
    throw new ConsoleStoreError(error);
  });
}

/** The port on an open console.sqlite; its statements are prepared once and kept. */
export function sqliteConsoleSql(db: ConsoleDb): ConsoleSql {
  const prepared = new Map<string, Database.Statement>();
  const statement = (sql: string) => {
    let found = prepared.get(sql);
    if (!found) prepared.set(sql, (found = db.prepare(sql)));
    return found;
  };
  const run = (sql: string, params: readonly unknown[]) => statement(sql).run(...params).changes;
  // Promise.resolve/reject of a synchronous call: a failure is a rejection, as with PostgreSQL, never a throw.
  const settle = <T>(work: () => T): Promise<T> => {
    try {
      return Promise.resolve(work());
    } catch (error) {
      return Promise.reject(new ConsoleStoreError(error));
    }
  };
  return {
    dialect: 'sqlite',
    all: <T>(sql: string, params: readonly unknown[] = []) => settle(() => statement(sql).all(...params) as T[]),
    run: (sql, params = []) => settle(() => run(sql, params)),
    batch: (statements) => settle(db.transaction(() => statements.map(([sql, params]) => run(sql, params)))),
    close: () => Promise.resolve(),
  };
}

/** The port itself, or one on a console.sqlite handle (callers that open the file themselves, as scripts do). */
export function consoleSql(source: ConsoleDb | ConsoleSql): ConsoleSql {
  return source instanceof Database ? sqliteConsoleSql(source) : source;
}

/** Picks the module's SQL for the port's dialect. */
export function sqlFor<T>(sql: ConsoleSql, texts: Record<Dialect, T>): T {
  return texts[sql.dialect];
}

/** A console store (accounts, the audit log): the port, its SQL in the port's dialect, and its clock. */
export abstract class ConsoleStore<Q> {
  protected readonly sql: ConsoleSql;
  protected readonly q: Q;
  protected readonly now: () => number;

  /** On the port (either store), or on an open console.sqlite. */
  constructor(db: ConsoleSql | ConsoleDb, texts: Record<Dialect, Q>, now: () => number = Date.now) {
    this.sql = consoleSql(db);
    this.q = sqlFor(this.sql, texts);
    this.now = now;
  }
}
