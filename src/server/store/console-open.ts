/** Opens the console's data for a process of its own (scripts, tests), on either store. */
import { openConsoleDb, type ConsoleTables } from './console-db.js';
import { sqliteConsoleSql, type ConsoleSql } from './console-sql.js';
import { postgresConsoleSql } from './postgres/console-sql.js';

/**
 * The console's data where the service keeps it, for a process of its own (`npm run admin`): PostgreSQL
 * when `databaseUrl` is set (DATABASE_URL, as for the service), else `dataDir`'s console.sqlite with
 * `tables`. close() ends the pool, or closes the file.
 */
export async function openConsoleSql(
  { dataDir, databaseUrl }: { dataDir: string; databaseUrl?: string },
  tables: readonly ConsoleTables[],
): Promise<ConsoleSql> {
  if (databaseUrl) return postgresConsoleSql(databaseUrl);
  const db = openConsoleDb(dataDir, tables);
  return { ...sqliteConsoleSql(db), close: async () => void db.close() };
}
