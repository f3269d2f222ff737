/**
 * `npm run migrate-to-postgres -- --data-dir DIR [--batch N]` with DATABASE_URL: moves a SQLite data folder's
 * pledges, quiz results (keys and times as they are) and campaigns into PostgreSQL, so instances on that database
 * carry on from it (src/server/README.md, "Several instances on PostgreSQL"; docs/DEPLOYMENT.md).
 *
 * - Refuses while a service holds the folder (its service.lock), and holds that lock itself meanwhile: the ledger
 *   must not change under the move.
 * - Safe to run again: keys are unique in PostgreSQL, so a second run inserts only what is new (nothing, and says
 *   so). Campaigns PostgreSQL lacks are added as they are; one it has already is kept as it is there (named, with
 *   how to take the folder's instead).
 * - Streams: a batch of rows at a time (store/postgres/move-ledger.ts), whatever the ledger's size.
 * - Prints the counts per scope before and after, then looks every record of the folder up in PostgreSQL: exit 1
 *   unless, per scope, all of them are there.
 */
import Database from 'better-sqlite3';
import { existsSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import pg from 'pg';
import { CAMPAIGN_TABLES, CampaignRegistry } from '../src/server/campaigns/campaign-store.js';
import { CONSOLE_DATABASE_FILE, openConsoleDb } from '../src/server/store/console-db.js';
import { DataDirLockedError, lockDataDir } from '../src/server/store/data-lock.js';
import { checkLedger, DATABASE_FILE, LedgerMissingError } from '../src/server/store/ledger.js';
import {
  foundInPostgres,
  moveRecords,
  postgresCounts,
  RECORD_KINDS,
  sqliteCounts,
} from '../src/server/store/postgres/move-ledger.js';
import { PostgresStore, PostgresUnavailableError, redact } from '../src/server/store/postgres/postgres-store.js';
import { SharedCampaignTable } from '../src/server/store/postgres/shared-campaigns.js';
import type { RecordKind } from '../src/server/store/store.js';

const USAGE = `Usage: DATABASE_URL=postgres://… npm run migrate-to-postgres -- --data-dir DIR [--batch N]
  Moves DIR's pledges, quiz results and campaigns into PostgreSQL (safe to run again; the service must be
  stopped on DIR). --batch: records per transaction (default 5000).`;

class Refusal extends Error {}

const NOUN: Record<RecordKind, string> = { pledge: 'pledges', 'quiz-result': 'quiz results' };
const WHO = { user: 'migrate-to-postgres', action: 'campaign.migrate' };

function options(argv: string[]): { dataDir: string; url: string; batch: number } {
  let values: { 'data-dir'?: string; batch?: string };
  try {
    ({ values } = parseArgs({
      args: argv,
      options: { 'data-dir': { type: 'string' }, batch: { type: 'string' } },
    }));
  } catch {
    throw new Refusal(USAGE);
  }
  const url = process.env.DATABASE_URL;
  const batch = Number(values.batch ?? 5000);
  if (!values['data-dir'] || !url || !Number.isSafeInteger(batch) || batch < 1) throw new Refusal(USAGE);
  return { dataDir: resolve(values['data-dir']), url, batch };
}

/** One line per scope: the folder's count, PostgreSQL's, and (after) how many of the folder's PostgreSQL holds. */
function table(rows: [string, number, number, number?][]): string {
  const width = Math.max(5, ...rows.map(([scope]) => scope.length));
  const head = `  ${'scope'.padEnd(width)}  ${'SQLite'.padStart(8)}  ${'PostgreSQL'.padStart(10)}`;
  const found = rows.some((row) => row[3] !== undefined) ? `  ${'found'.padStart(8)}` : '';
  return [
    head + found,
    ...rows.map(
      ([scope, sqlite, postgres, hits]) =>
        `  ${scope.padEnd(width)}  ${String(sqlite).padStart(8)}  ${String(postgres).padStart(10)}${hits === undefined ? '' : `  ${String(hits).padStart(8)}`}`,
    ),
  ].join('\n');
}

async function counts(db: Database.Database | undefined, client: pg.Client) {
  const rows = new Map<string, [string, number, number]>();
  for (const kind of RECORD_KINDS) {
    const local = db ? sqliteCounts(db, kind) : new Map<string, number>();
    const shared = await postgresCounts(client, kind);
    for (const scope of new Set([...local.keys(), ...shared.keys()])) {
      const name = `${NOUN[kind]} ${scope}`;
      rows.set(name, [name, local.get(scope) ?? 0, shared.get(scope) ?? 0]);
    }
  }
  return rows;
}

/** The folder's campaigns PostgreSQL lacks, added; the others said. */
async function moveCampaigns(dataDir: string, url: string, say: (line: string) => void): Promise<void> {
  if (!existsSync(join(dataDir, CONSOLE_DATABASE_FILE))) return say(`campaigns: none (no ${CONSOLE_DATABASE_FILE})`);
  const db = openConsoleDb(dataDir, [CAMPAIGN_TABLES]);
  const shared = await SharedCampaignTable.open(url);
  try {
    const docs = new CampaignRegistry(db, { pollMs: 0 }).list();
    const { added, differing } = await shared.add(docs, WHO);
    const kept = docs.filter((doc) => !added.includes(doc.id) && !differing.includes(doc));
    const name = (doc: { id: string; version: number }) => `"${doc.id}" (version ${doc.version})`;
    say(`campaigns: ${docs.length} in the folder`);
    for (const doc of docs.filter((each) => added.includes(each.id))) say(`  added ${name(doc)}`);
    if (kept.length > 0) say(`  already in PostgreSQL, the same: ${kept.map(name).join(', ')}`);
    for (const doc of differing)
      say(
        `  kept as PostgreSQL has it (the folder's ${name(doc)} differs): to take the folder's, DATA_DIR=${dataDir} npm run campaigns -- export FILE --campaign ${doc.id}, then with DATABASE_URL npm run campaigns -- import FILE`,
      );
  } finally {
    await shared.close();
    db.close();
  }
}

async function run(argv: string[], say: (line: string) => void): Promise<boolean> {
  const { dataDir, url, batch } = options(argv);
  if (!existsSync(dataDir)) throw new Refusal(`${dataDir}: no such folder`);
  let unlock: () => void;
  try {
    unlock = lockDataDir(dataDir);
  } catch (error) {
    if (error instanceof DataDirLockedError)
      throw new Refusal(`${error.message}. Stop that service first: the ledger must not change while it is moved.`);
    throw error;
  }
  let store: PostgresStore | undefined;
  let ledger: Database.Database | undefined;
  const client = new pg.Client({ connectionString: url });
  try {
    checkLedger(dataDir);
    const file = join(dataDir, DATABASE_FILE);
    if (existsSync(file)) ledger = new Database(file, { readonly: true, fileMustExist: true });
    else if (!existsSync(join(dataDir, CONSOLE_DATABASE_FILE)))
      throw new Refusal(
        `${dataDir} is not a Lantoa data folder: neither ${DATABASE_FILE} nor ${CONSOLE_DATABASE_FILE}`,
      );
    try {
      // The service's own store: migrations, the same inserts, NOTIFY to running instances.
      store = await PostgresStore.open(url, { instance: `migrate-to-postgres-${process.pid}` });
      await client.connect();
    } catch (error) {
      throw new Refusal(error instanceof PostgresUnavailableError ? error.message : String(error));
    }
    say(`moving ${dataDir} into PostgreSQL ${redact(url)}`);
    // Console accounts, sessions, the audit log and the sites reached stay in console.sqlite for now: their move
    // belongs here, beside the campaigns', once they live in PostgreSQL.
    await moveCampaigns(dataDir, url, say);

    say(`before:\n${table([...(await counts(ledger, client)).values()])}`);
    let inserted = 0;
    let read = 0;
    for (const kind of RECORD_KINDS) {
      if (!ledger) break;
      const moved = await moveRecords(ledger, store, kind, batch);
      say(
        `${NOUN[kind]}: ${moved.read} read, ${moved.inserted} inserted, ${moved.read - moved.inserted} already there (${moved.batches} batch${moved.batches === 1 ? '' : 'es'} of at most ${batch})`,
      );
      inserted += moved.inserted;
      read += moved.read;
    }
    if (read > 0 && inserted === 0) say(`nothing new: all ${read} records of ${dataDir} were in PostgreSQL already`);

    const after = await counts(ledger, client);
    let missing = 0;
    const rows: [string, number, number, number][] = [];
    for (const kind of RECORD_KINDS) {
      const found = ledger ? await foundInPostgres(ledger, client, kind, batch) : new Map<string, number>();
      for (const [name, sqlite, postgres] of after.values()) {
        if (!name.startsWith(`${NOUN[kind]} `)) continue;
        const hits = found.get(name.slice(NOUN[kind].length + 1)) ?? 0;
        rows.push([name, sqlite, postgres, hits]);
        missing += sqlite - hits;
      }
    }
    say(`after (found: the folder's records that PostgreSQL holds, by scope and key):\n${table(rows)}`);
    if (missing > 0) {
      say(`NOT VERIFIED: ${missing} records of ${dataDir} are not in PostgreSQL. Run this again; nothing is lost.`);
      return false;
    }
    say(`verified: per scope, every record of ${dataDir} is in PostgreSQL`);
    return true;
  } finally {
    ledger?.close();
    await client.end().catch(() => undefined);
    await store?.close();
    unlock();
  }
}

try {
  process.exitCode = (await run(process.argv.slice(2), (line) => process.stdout.write(`${line}\n`))) ? 0 : 1;
} catch (error) {
  const known = error instanceof Refusal || error instanceof LedgerMissingError;
  process.stderr.write(
    `lantoa migrate-to-postgres: ${known ? error.message : String((error as Error).stack ?? error)}\n`,
  );
  process.exitCode = error instanceof Refusal && error.message === USAGE ? 2 : 1;
}
