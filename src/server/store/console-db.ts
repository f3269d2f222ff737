/**
 * The console's database, `console.sqlite` in the data folder: campaigns, accounts, sessions, the audit
 * log and embedding sites. Apart from the pledges (pledges.sqlite, written by its own thread in group
 * commits) because it is small, written rarely and read by `npm run admin` and `npm run campaigns` while
 * the service runs: WAL lets those processes read and write it beside the service (busy_timeout waits
 * out the other's short transactions). Used synchronously on the calling thread: every console write is
 * one small transaction, far from the pledges' hot path.
 *
 * Each module that keeps data here declares its tables ({@link ConsoleTables}); they are created at open.
 * Accounts, the audit log and the sites reached are written through the ConsoleSql port (console-sql.ts),
 * which PostgreSQL implements too; with DATABASE_URL this file keeps only the local copy of the campaigns.
 */
import Database from 'better-sqlite3';
import { join } from 'node:path';

export type ConsoleDb = Database.Database;

/** The file's name in the data folder. */
export const CONSOLE_DATABASE_FILE = 'console.sqlite';

/** One module's tables: `CREATE TABLE IF NOT EXISTS …` statements, run in order at every open. */
export type ConsoleTables = readonly string[];

/** Opens (creating when missing) the console database in `dataDir` with every module's tables. */
export function openConsoleDb(dataDir: string, tables: readonly ConsoleTables[]): ConsoleDb {
  const db = new Database(join(dataDir, CONSOLE_DATABASE_FILE));
  db.pragma('journal_mode = WAL');
  // FULL, as for pledges: an account, an edit or an audit row that was answered survives a power cut.
  db.pragma('synchronous = FULL');
  db.pragma('busy_timeout = 5000');
  db.pragma('foreign_keys = ON');
  db.transaction(() => {
    for (const statement of tables.flat()) db.exec(statement);
  })();
  return db;
}

/**
 * A number that changes whenever another connection (another process: `npm run campaigns -- import`,
 * `npm run admin`) committed to the file since this connection last looked (SQLite's data_version).
 * Cheap enough to poll every second.
 */
export function dataVersion(db: ConsoleDb): number {
  return db.pragma('data_version', { simple: true }) as number;
}
