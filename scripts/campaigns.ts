/**
 * Whole campaigns in and out of the store from the server's shell (`npm run campaigns -- …`), on the data
 * folder the service uses (DATA_DIR, as config.ts reads it), whether or not the service is running:
 * console.sqlite is in WAL mode and an import is one short transaction, which a running service picks up
 * within a second (it polls the file's data_version).
 *
 *   export FILE [--campaign ID]   every campaign (or one) as a campaigns file
 *   import FILE                   the campaigns of a campaigns file: new ones added, existing ones replaced
 *
 * An import is validated whole (the field's path on any mistake) and never drops or re-ids a unit or choice
 * that has pledges or quiz results (read from pledges.sqlite, read-only): it is refused naming them. Each
 * campaign it changes is written to the audit log as user "cli" (action campaign.import, the changed keys
 * before and after).
 *
 * With DATABASE_URL set the campaigns are the ones every instance shares in PostgreSQL: export reads them
 * there, and an import is one PostgreSQL transaction checked as a console edit is (rows locked, next version,
 * the records in use read from the shared ledger) with NOTIFY, so every running instance serves it at once
 * (store/postgres/shared-campaigns.ts), and the audit rows go to PostgreSQL's audit log, the console's.
 */
import Database from 'better-sqlite3';
import type { CampaignDoc } from '../src/contract/admin.js';
import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import {
  CAMPAIGN_TABLES,
  campaignBody,
  CampaignEditError,
  changedParts,
  CampaignRegistry,
  type Editor,
  type InUse,
} from '../src/server/campaigns/campaign-store.js';
import { CampaignsFileError, readCampaignsFile, type CampaignBody } from '../src/server/campaigns/campaigns.js';
import { AUDIT_TABLES, AuditLog } from '../src/server/admin/admin-api.js';
import { configFromEnv } from '../src/server/config/config.js';
import { openConsoleDb } from '../src/server/store/console-db.js';
import { openConsoleSql } from '../src/server/store/console-open.js';
import type { ConsoleSql } from '../src/server/store/console-sql.js';
import { DATABASE_FILE } from '../src/server/store/ledger.js';
import { PostgresUnavailableError, redact } from '../src/server/store/postgres/postgres-store.js';
import { SharedCampaignTable } from '../src/server/store/postgres/shared-campaigns.js';

const USAGE = `Usage: npm run campaigns -- <command>
  export FILE [--campaign ID]   writes every campaign (or campaign ID) to FILE as a campaigns file
  import FILE                   adds or replaces the campaigns of FILE (validated; units and choices
                                that have pledges are never dropped or renamed: retire a unit instead)
Campaigns live in DATA_DIR/console.sqlite (DATA_DIR as for the service); a running service follows an
import within a second. With DATABASE_URL, in PostgreSQL, shared by every instance (the audit log too).`;

class UsageError extends Error {}

/**
 * What has records in the pledges database, read-only (nothing when there is none yet): a campaign's pledged
 * units and choices, and the units with results in its quizzes (as `registry` has them now).
 */
function recordsIn(dataDir: string, registry: CampaignRegistry): { inUse: (campaign: string) => InUse; close(): void } {
  const file = join(dataDir, DATABASE_FILE);
  if (!existsSync(file)) return { inUse: () => ({ units: new Set(), choices: new Set() }), close: () => undefined };
  const db = new Database(file, { readonly: true, fileMustExist: true });
  const ids = (sql: string, args: string[]) =>
    new Set(
      db
        .prepare(sql)
        .pluck()
        .all(...args) as string[],
    );
  return {
    inUse: (campaign) => {
      const quizzes = (registry.get(campaign)?.quizzes ?? []).map((quiz) => quiz.id);
      const quizUnits = quizzes.length
        ? ids(`SELECT DISTINCT unit FROM quiz_results WHERE quiz IN (${quizzes.map(() => '?').join(', ')})`, quizzes)
        : [];
      return {
        units: new Set([...ids('SELECT DISTINCT unit FROM pledges WHERE campaign = ?', [campaign]), ...quizUnits]),
        choices: ids('SELECT DISTINCT choice FROM pledges WHERE campaign = ?', [campaign]),
      };
    },
    close: () => db.close(),
  };
}

/** Where the campaigns are: the data folder's console.sqlite, or PostgreSQL's shared table. */
interface Campaigns {
  /** Said after an import, and in an export's remark. */
  where: string;
  list(): Promise<CampaignDoc[]>;
  /** Stores an import (all or nothing) and returns the campaigns written. */
  replace(campaigns: readonly CampaignBody[], who: Editor): Promise<CampaignDoc[]>;
  close(): Promise<void>;
}

function localCampaigns(dataDir: string, db: ReturnType<typeof openConsoleDb>): Campaigns {
  const registry = new CampaignRegistry(db, { pollMs: 0 });
  return {
    where: `${dataDir}: a running service follows within a second`,
    list: () => Promise.resolve(registry.list()),
    replace: (campaigns, who) => {
      const records = recordsIn(dataDir, registry);
      try {
        return Promise.resolve(registry.replace(campaigns, who, records.inUse));
      } finally {
        records.close();
      }
    },
    close: () => Promise.resolve(registry.close()),
  };
}

async function sharedCampaigns(url: string): Promise<Campaigns> {
  let table: SharedCampaignTable;
  try {
    table = await SharedCampaignTable.open(url);
  } catch (error) {
    throw new UsageError(new PostgresUnavailableError(url, error).message);
  }
  return {
    where: `PostgreSQL ${redact(url)}: every running instance serves it now`,
    list: () => table.list(),
    replace: (campaigns, who) => table.replace(campaigns, who),
    close: () => table.close(),
  };
}

async function run(argv: string[]): Promise<string> {
  const { positionals, values } = parseArgs({
    args: argv,
    allowPositionals: true,
    options: { campaign: { type: 'string' } },
  });
  const [command, file, ...rest] = positionals;
  if (!file || rest.length > 0 || (command !== 'export' && command !== 'import')) throw new UsageError(USAGE);
  const { dataDir, databaseUrl } = configFromEnv();
  // Validated before any store is touched: a bad file changes nothing.
  const imported = command === 'import' ? readCampaignsFile(file) : undefined;
  mkdirSync(dataDir, { recursive: true });
  const db = openConsoleDb(dataDir, [AUDIT_TABLES, CAMPAIGN_TABLES]);
  let store: Campaigns | undefined;
  let auditSql: ConsoleSql | undefined;
  try {
    store = databaseUrl ? await sharedCampaigns(databaseUrl) : localCampaigns(dataDir, db);
    const all = await store.list();

    if (imported) {
      const previous = new Map(all.map((doc) => [doc.id, campaignBody(doc)]));
      const action = 'campaign.import';
      const docs = await store.replace(imported, { user: 'cli', action });
      // With DATABASE_URL the audit log is PostgreSQL's, shared by every instance's console.
      auditSql = databaseUrl ? await openConsoleSql({ dataDir, databaseUrl }, [AUDIT_TABLES]) : undefined;
      const audit = new AuditLog(auditSql ?? db);
      for (const doc of docs) {
        const before = previous.get(doc.id);
        const after = campaignBody(doc);
        // A new campaign: nothing before, all of it after.
        const parts = before ? changedParts(before, after) : { before: null, after };
        await audit.record({ user: 'cli', action, target: doc.id, ...parts });
      }
      const unchanged = imported.filter((campaign) => !docs.some((doc) => doc.id === campaign.id));
      const lines = docs.map((doc) => `imported "${doc.id}" (version ${doc.version})`);
      if (unchanged.length > 0) lines.push(`unchanged: ${unchanged.map((campaign) => `"${campaign.id}"`).join(', ')}`);
      return `${lines.join('\n')}\n${store.where}`;
    }

    if (all.length === 0)
      throw new UsageError(
        databaseUrl
          ? `no campaigns in ${redact(databaseUrl)} yet: the first instance shares its campaigns there at its start`
          : `no campaigns in ${dataDir} yet: the service seeds them from its campaigns file at its first start`,
      );
    const chosen = values.campaign === undefined ? all : all.filter((doc) => doc.id === values.campaign);
    if (chosen.length === 0)
      throw new UsageError(`no campaign "${values.campaign}"; there are: ${all.map((doc) => doc.id).join(', ')}`);
    const exported = {
      $comment: `Exported from ${databaseUrl ? redact(databaseUrl) : dataDir} (versions ${chosen.map((doc) => `${doc.id} ${doc.version}`).join(', ')}). npm run campaigns -- import FILE brings it back.`,
      campaigns: chosen.map(campaignBody),
    };
    writeFileSync(file, `${JSON.stringify(exported, null, 2)}\n`);
    return `exported ${chosen.map((doc) => `"${doc.id}"`).join(', ')} to ${file}`;
  } finally {
    await auditSql?.close();
    await store?.close();
    db.close();
  }
}

try {
  process.stdout.write(`${await run(process.argv.slice(2))}\n`);
} catch (error) {
  const known =
    error instanceof UsageError || error instanceof CampaignsFileError || error instanceof CampaignEditError;
  process.stderr.write(`lantoa campaigns: ${known ? error.message : String((error as Error).stack ?? error)}\n`);
  process.exitCode = error instanceof UsageError && error.message === USAGE ? 2 : 1;
}
