/**
 * The console's data on PostgreSQL (DATABASE_URL): the {@link ConsoleSql} port (store/console-sql.ts) on a
 * small pool of its own, so accounts, sessions, the audit log and the sites reached are one set for every
 * instance: a session started through instance A is valid on B, an edit audited through B is in A's list.
 * Tables: migration 3 (migrations.ts), applied here too, so `npm run admin` works on an empty database.
 */
import pg from 'pg';
import { log } from '../../log/log.js';
import { failsAsStore, type ConsoleSql, type Statement } from '../console-sql.js';
import { migrate } from './migrations.js';
import { PostgresUnavailableError } from './postgres-store.js';
import { pooledTransaction } from './transaction.js';

const describe = (error: unknown) => (error instanceof Error ? error.message : String(error));

/** Connects, applies the migrations the database lacks (under their advisory lock) and returns the port. */
export async function postgresConsoleSql(url: string): Promise<ConsoleSql> {
  const pool = new pg.Pool({
    connectionString: url,
    // Console writes are rare and small; two connections leave the record store its own.
    max: 2,
    // An account, a sign-out or an audit row answered is stored, as a pledge is.
    options: '-c synchronous_commit=on',
    connectionTimeoutMillis: 2000,
    query_timeout: 15_000,
  });
  pool.on('error', (error) => log.warn('PostgreSQL (console): idle connection lost', { error: describe(error) }));
  try {
    const client = await pool.connect();
    let clean = false;
    try {
      await migrate(client);
      clean = true;
    } finally {
      client.release(!clean);
    }
  } catch (error) {
    await pool.end().catch(() => undefined);
    throw new PostgresUnavailableError(url, error);
  }

  return {
    dialect: 'postgres',
    all: async <T>(sql: string, params: readonly unknown[] = []) =>
      (await failsAsStore(pool.query(sql, [...params]))).rows as T[],
    run: async (sql, params = []) => (await failsAsStore(pool.query(sql, [...params]))).rowCount ?? 0,
    // In one transaction: the statements' rows changed, in order.
    batch: (statements: readonly Statement[]) =>
      failsAsStore(
        pooledTransaction(pool, async (client) => {
          const changed: number[] = [];
          for (const [sql, params] of statements) changed.push((await client.query(sql, [...params])).rowCount ?? 0);
          return changed;
        }),
      ),
    close: () => pool.end(),
  };
}
