/**
 * `npm run backup [-- DEST]`: a consistent copy of the embedded store's SQLite files (DATA_DIR, as the
 * service reads it: pledges.sqlite and console.sqlite) into DEST (default `backups/<UTC time>/`), while
 * the service runs. SQLite's online backup API (better-sqlite3's `backup()`): the copy is the database as
 * of one moment, WAL included, made in steps that do not block the service's commits, then checked
 * (`PRAGMA integrity_check`) and its pledges counted. A plain `cp` of a live WAL database can miss
 * committed pages.
 *
 * With DATABASE_URL set the pledges are in PostgreSQL: back them up with pg_dump (docs/DEPLOYMENT.md);
 * only console.sqlite is copied here.
 */
import Database from 'better-sqlite3';
import { existsSync, mkdirSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { configFromEnv } from '../src/server/config/config.js';
import { CONSOLE_DATABASE_FILE } from '../src/server/store/console-db.js';
import { DATABASE_FILE } from '../src/server/store/ledger.js';

const config = configFromEnv();
const dest = resolve(process.argv[2] ?? join('backups', new Date().toISOString().replace(/[:.]/g, '-')));
const files = config.databaseUrl ? [CONSOLE_DATABASE_FILE] : [DATABASE_FILE, CONSOLE_DATABASE_FILE];
if (config.databaseUrl)
  console.log('DATABASE_URL is set: the pledges are in PostgreSQL, back them up with pg_dump (docs/DEPLOYMENT.md).');

mkdirSync(dest, { recursive: true });
let copied = 0;
for (const file of files) {
  const source = join(config.dataDir, file);
  if (!existsSync(source)) {
    console.log(`${source}: not there, skipped`);
    continue;
  }
  const target = join(dest, file);
  if (existsSync(target)) {
    console.error(`${target} exists already: choose another destination`);
    process.exit(1);
  }
  const db = new Database(source, { readonly: true, fileMustExist: true });
  try {
    await db.backup(target);
  } finally {
    db.close();
  }
  const copy = new Database(target, { readonly: true });
  try {
    const check = copy.pragma('integrity_check', { simple: true });
    if (check !== 'ok') throw new Error(`${target}: integrity_check says ${String(check)}`);
    const pledges =
      file === DATABASE_FILE
        ? `, ${(copy.prepare('SELECT COUNT(*) AS n FROM pledges').get() as { n: number }).n} pledges`
        : '';
    console.log(`${source} → ${target} (integrity ok${pledges})`);
  } finally {
    copy.close();
  }
  copied += 1;
}
if (copied === 0) {
  console.error(`nothing to back up in ${config.dataDir}`);
  process.exit(1);
}
