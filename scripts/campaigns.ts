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
 * that has pledges or quiz results (read from pledges.sqlite, read-only): it is refused naming them.
 */
import Database from 'better-sqlite3';
import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import {
  CAMPAIGN_TABLES,
  campaignBody,
  CampaignEditError,
  CampaignRegistry,
  type InUse,
} from '../src/server/campaigns/campaign-store.js';
import { CampaignsFileError, readCampaignsFile } from '../src/server/campaigns/campaigns.js';
import { configFromEnv } from '../src/server/config/config.js';
import { openConsoleDb } from '../src/server/store/console-db.js';
import { DATABASE_FILE } from '../src/server/store/ledger.js';

const USAGE = `Usage: npm run campaigns -- <command>
  export FILE [--campaign ID]   writes every campaign (or campaign ID) to FILE as a campaigns file
  import FILE                   adds or replaces the campaigns of FILE (validated; units and choices
                                that have pledges are never dropped or renamed: retire a unit instead)
Campaigns live in DATA_DIR/console.sqlite (DATA_DIR as for the service); a running service follows an
import within a second.`;

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

function run(argv: string[]): string {
  const { positionals, values } = parseArgs({
    args: argv,
    allowPositionals: true,
    options: { campaign: { type: 'string' } },
  });
  const [command, file, ...rest] = positionals;
  if (!file || rest.length > 0 || (command !== 'export' && command !== 'import')) throw new UsageError(USAGE);
  const { dataDir } = configFromEnv();
  mkdirSync(dataDir, { recursive: true });

  if (command === 'import') {
    // Validated before the store is touched: a bad file changes nothing.
    const campaigns = readCampaignsFile(file);
    const db = openConsoleDb(dataDir, [CAMPAIGN_TABLES]);
    const registry = new CampaignRegistry(db, { pollMs: 0 });
    const records = recordsIn(dataDir, registry);
    try {
      const docs = registry.replace(campaigns, { user: 'cli', action: 'campaign.import' }, records.inUse);
      const unchanged = campaigns.filter((campaign) => !docs.some((doc) => doc.id === campaign.id));
      const lines = docs.map((doc) => `imported "${doc.id}" (version ${doc.version})`);
      if (unchanged.length > 0) lines.push(`unchanged: ${unchanged.map((campaign) => `"${campaign.id}"`).join(', ')}`);
      return `${lines.join('\n')}\n${dataDir}: a running service follows within a second`;
    } finally {
      records.close();
      db.close();
    }
  }

  const db = openConsoleDb(dataDir, [CAMPAIGN_TABLES]);
  try {
    const registry = new CampaignRegistry(db, { pollMs: 0 });
    const all = registry.list();
    if (all.length === 0)
      throw new UsageError(
        `no campaigns in ${dataDir} yet: the service seeds them from its campaigns file at its first start`,
      );
    const chosen = values.campaign === undefined ? all : all.filter((doc) => doc.id === values.campaign);
    if (chosen.length === 0)
      throw new UsageError(`no campaign "${values.campaign}"; there are: ${all.map((doc) => doc.id).join(', ')}`);
    const exported = {
      $comment: `Exported from ${dataDir} (versions ${chosen.map((doc) => `${doc.id} ${doc.version}`).join(', ')}). npm run campaigns -- import FILE brings it back.`,
      campaigns: chosen.map(campaignBody),
    };
    writeFileSync(file, `${JSON.stringify(exported, null, 2)}\n`);
    return `exported ${chosen.map((doc) => `"${doc.id}"`).join(', ')} to ${file}`;
  } finally {
    db.close();
  }
}

try {
  process.stdout.write(`${run(process.argv.slice(2))}\n`);
} catch (error) {
  const known =
    error instanceof UsageError || error instanceof CampaignsFileError || error instanceof CampaignEditError;
  process.stderr.write(`lantoa campaigns: ${known ? error.message : String((error as Error).stack ?? error)}\n`);
  process.exitCode = error instanceof UsageError && error.message === USAGE ? 2 : 1;
}
