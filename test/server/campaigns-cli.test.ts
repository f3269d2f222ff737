/**
 * `npm run campaigns -- export|import`, run as a real child process on a real data folder, beside a running
 * service (which follows an import within a second) and without one: a round trip, refusals that name what
 * is wrong, and an import that would drop a unit with pledges. With DATABASE_URL (TEST_DATABASE_URL; skipped,
 * saying so, when unset): an import reaches two running instances on one PostgreSQL database at once.
 */
import assert from 'node:assert/strict';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { campaignSchema } from '../../src/contract/pledge.js';
import { AUDIT_TABLES, AuditLog } from '../../src/server/admin/admin-api.js';
import { CampaignEditError } from '../../src/server/campaigns/campaign-store.js';
import { openConsoleDb } from '../../src/server/store/console-db.js';
import { openConsoleSql } from '../../src/server/store/console-open.js';
import { freshDatabase, SKIP_POSTGRES } from '../helpers/postgres.js';
import {
  CAMPAIGN,
  newKey,
  postPledge,
  ROOT,
  runScript,
  start,
  startTemp,
  stopTemp,
  tempDir,
  type TestService,
} from './helpers.js';

interface CampaignsFile {
  $comment?: string;
  campaigns: {
    id: string;
    title: { vi: string; en: string };
    units: { id: string; name: string; goal: number; retired?: boolean }[];
    [key: string]: unknown;
  }[];
}

/** Runs `npm run campaigns -- …args` on `dataDir` (a string), or with more environment. */
function campaignsCli(dataDir: string | Record<string, string>, ...args: string[]) {
  return runScript('campaigns.ts', typeof dataDir === 'string' ? { DATA_DIR: dataDir } : dataDir, ...args);
}

const read = (file: string) => JSON.parse(readFileSync(file, 'utf8')) as CampaignsFile;

/** The service's public config, once `test` holds (polled for up to `ms`). */
async function configWhen(api: string, test: (title: string) => boolean, ms = 1500) {
  const started = Date.now();
  for (;;) {
    const campaign = campaignSchema.parse(await (await fetch(api)).json());
    if (test(campaign.title.en) || Date.now() - started > ms) return { campaign, after: Date.now() - started };
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

describe('npm run campaigns beside a running service', () => {
  let service: TestService;
  const files = tempDir();
  before(async () => (service = await startTemp()));
  after(async () => {
    await stopTemp(service);
    files.remove();
  });

  it('export → edit → import: validated, picked up by the service within a second, and exported back the same', async () => {
    const file = join(files.path, 'export.json');
    const exported = await campaignsCli(service.dataDir, 'export', file, '--campaign', CAMPAIGN);
    assert.equal(exported.code, 0, exported.stderr);
    const data = read(file);
    assert.deepEqual(
      data.campaigns.map((campaign) => campaign.id),
      [CAMPAIGN],
    );
    assert.equal(data.campaigns[0].embed, 'open');
    assert.ok(Array.isArray(data.campaigns[0].messages) && data.campaigns[0].messages.length === 3);
    assert.equal('version' in data.campaigns[0], false, 'the file is a campaigns file, without bookkeeping');

    const original = structuredClone(data.campaigns[0]);
    data.campaigns[0].title = { vi: 'Tiêu đề nhập vào', en: 'An imported title' };
    data.campaigns[0].units.push({ id: 'xa-moi', name: 'Xã Mới', goal: 100 });
    writeFileSync(file, JSON.stringify(data));
    const imported = await campaignsCli(service.dataDir, 'import', file);
    assert.equal(imported.code, 0, imported.stderr);
    assert.match(imported.stdout, new RegExp(`imported "${CAMPAIGN}" \\(version 2\\)`));
    const { campaign, after: ms } = await configWhen(service.api, (title) => title === 'An imported title');
    assert.equal(campaign.title.en, 'An imported title', `not picked up after ${ms} ms`);
    assert.ok(ms < 1500, `${ms} ms`);
    assert.equal(campaign.units.at(-1)?.id, 'xa-moi');
    // In the audit log as the cli, with the changed parts only.
    const db = openConsoleDb(service.dataDir, [AUDIT_TABLES]);
    try {
      const [row] = (await new AuditLog(db).page(undefined, 1)).entries;
      assert.deepEqual([row.user, row.action, row.target], ['cli', 'campaign.import', CAMPAIGN]);
      assert.deepEqual(Object.keys(row.after as object), ['title', 'units']);
      assert.deepEqual((row.before as { title: unknown }).title, original.title);
    } finally {
      db.close();
    }

    const again = join(files.path, 'again.json');
    assert.equal((await campaignsCli(service.dataDir, 'export', again)).code, 0);
    assert.deepEqual(read(again).campaigns, data.campaigns);
    // The same file again changes nothing (no new version).
    const same = await campaignsCli(service.dataDir, 'import', again);
    assert.equal(same.code, 0, same.stderr);
    assert.match(same.stdout, /unchanged: "ben-tre-smartphone"/);
    assert.equal(service.campaigns.get(CAMPAIGN)?.version, 2);
  });

  it('an import dropping a unit that has pledges is refused naming it, and changes nothing', async () => {
    const response = await postPledge(service.api, { unit: 'ba-tri', choice: 'smartphone', key: newKey() });
    assert.equal(response.status, 201);
    const file = join(files.path, 'drop.json');
    assert.equal((await campaignsCli(service.dataDir, 'export', file)).code, 0);
    const data = read(file);
    const version = service.campaigns.get(CAMPAIGN)?.version;
    const units = data.campaigns[0].units;
    data.campaigns[0].units = units.filter((unit) => unit.id !== 'ba-tri');
    data.campaigns[0].title = { vi: 'Không được nhập', en: 'Must not be imported' };
    writeFileSync(file, JSON.stringify(data));
    const refused = await campaignsCli(service.dataDir, 'import', file);
    assert.equal(refused.code, 1);
    assert.match(
      refused.stderr,
      /unit "ba-tri" has pledges, so it cannot be removed or get another id; retire it instead/,
    );
    assert.equal(service.campaigns.get(CAMPAIGN)?.version, version);

    // Retired instead: accepted, kept in the config with its flag.
    data.campaigns[0].units = units.map((unit) => (unit.id === 'ba-tri' ? { ...unit, retired: true } : unit));
    writeFileSync(file, JSON.stringify(data));
    const retired = await campaignsCli(service.dataDir, 'import', file);
    assert.equal(retired.code, 0, retired.stderr);
    const { campaign } = await configWhen(service.api, (title) => title === 'Must not be imported');
    assert.equal(campaign.units.find((unit) => unit.id === 'ba-tri')?.retired, true);
  });

  it('a bad file is refused naming the field; bad usage prints the usage', async () => {
    const file = join(files.path, 'bad.json');
    const data = read(join(ROOT, 'campaigns/campaigns.json'));
    data.campaigns[0].units[2].goal = -1;
    writeFileSync(file, JSON.stringify(data));
    const refused = await campaignsCli(service.dataDir, 'import', file);
    assert.equal(refused.code, 1);
    assert.match(refused.stderr, /campaigns\.0\.units\.2\.goal/);
    const usage = await campaignsCli(service.dataDir, 'rename', file);
    assert.equal(usage.code, 2);
    assert.match(usage.stderr, /export FILE \[--campaign ID\]/);
    const unknown = await campaignsCli(service.dataDir, 'export', file, '--campaign', 'nowhere');
    assert.equal(unknown.code, 1);
    assert.match(unknown.stderr, /no campaign "nowhere"; there are: ben-tre-smartphone/);
  });
});

it('without a service: an import into an empty data folder is what the service then serves (its file is not read)', async () => {
  const dir = tempDir();
  try {
    const data = join(dir.path, 'data');
    const imported = await campaignsCli(data, 'import', join(ROOT, 'test/fixtures/campaigns-150.json'));
    assert.equal(imported.code, 0, imported.stderr);
    const service = await start(data);
    try {
      assert.match(service.campaignsSource, /^the store/);
      assert.equal((await fetch(service.api)).status, 404, 'the default file did not seed it');
      const big = campaignSchema.parse(await (await fetch(`${service.url}/api/v1/campaigns/test-150-units`)).json());
      assert.equal(big.units.length, 150);
    } finally {
      await service.close();
    }
  } finally {
    dir.remove();
  }
});

describe(
  'npm run campaigns with DATABASE_URL: two instances on one PostgreSQL database',
  { skip: SKIP_POSTGRES },
  () => {
    let database: Awaited<ReturnType<typeof freshDatabase>>;
    let a: TestService;
    let b: TestService;
    const files = tempDir();
    const dirs = [tempDir(), tempDir()];
    before(async () => {
      database = await freshDatabase();
      a = await start(join(dirs[0].path, 'data'), { databaseUrl: database.url });
      b = await start(join(dirs[1].path, 'data'), { databaseUrl: database.url });
    });
    after(async () => {
      await Promise.all([a?.close(), b?.close()]);
      await database?.drop();
      for (const dir of [files, ...dirs]) dir.remove();
    });
    const cli = (...args: string[]) => campaignsCli({ DATA_DIR: a.dataDir, DATABASE_URL: database.url }, ...args);

    it('an import through the CLI is served by both instances within a second, stays, and outdates a console edit of the version before', async () => {
      const shared = b.campaigns.get(CAMPAIGN);
      assert.ok(shared);
      const file = join(files.path, 'export.json');
      const exported = await cli('export', file, '--campaign', CAMPAIGN);
      assert.equal(exported.code, 0, exported.stderr);
      const data = read(file);
      data.campaigns[0].title = { vi: 'Nhập vào PostgreSQL', en: 'Imported into PostgreSQL' };
      writeFileSync(file, JSON.stringify(data));
      const imported = await cli('import', file);
      assert.equal(imported.code, 0, imported.stderr);
      assert.match(imported.stdout, new RegExp(`imported "${CAMPAIGN}" \\(version ${shared.version + 1}\\)`));
      assert.match(imported.stdout, /every running instance serves it now/);
      const done = Date.now();
      const [onA, onB] = await Promise.all(
        [a, b].map((service) => configWhen(service.api, (title) => title === 'Imported into PostgreSQL', 1000)),
      );
      assert.equal(onA.campaign.title.en, 'Imported into PostgreSQL', `A: not served after ${onA.after} ms`);
      assert.equal(onB.campaign.title.en, 'Imported into PostgreSQL', `B: not served after ${onB.after} ms`);
      console.log(`both instances served the import ${Date.now() - done} ms after the CLI returned`);
      assert.equal(b.campaigns.get(CAMPAIGN)?.version, shared.version + 1);
      // A console editor on B who read the version before the import is refused, not overwriting it.
      await assert.rejects(
        b.campaigns.update(CAMPAIGN, shared.version, { title: { vi: 'Cũ', en: 'Stale' } }, { user: 't', action: 'x' }),
        (error: unknown) => error instanceof CampaignEditError && error.code === 'edit_conflict',
      );
      // In the audit log every instance's console reads: PostgreSQL's, not a data folder's.
      const sql = await openConsoleSql({ dataDir: a.dataDir, databaseUrl: database.url }, [AUDIT_TABLES]);
      try {
        const [row] = (await new AuditLog(sql).page(undefined, 1)).entries;
        assert.deepEqual([row.user, row.action, row.target], ['cli', 'campaign.import', CAMPAIGN]);
        assert.deepEqual(Object.keys(row.after as object), ['title']);
      } finally {
        await sql.close();
      }
      const local = openConsoleDb(a.dataDir, [AUDIT_TABLES]);
      try {
        assert.deepEqual(
          (await new AuditLog(local).page(undefined, 1)).entries,
          [],
          'written to the local console.sqlite',
        );
      } finally {
        local.close();
      }
      // Past the instances' 5 s version check: still the imported campaign (the shared table has it).
      await new Promise((resolve) => setTimeout(resolve, 5500));
      for (const service of [a, b])
        assert.equal(
          campaignSchema.parse(await (await fetch(service.api)).json()).title.en,
          'Imported into PostgreSQL',
        );
    });

    it('an import dropping a unit pledged through the other instance is refused (read from PostgreSQL); export reads the shared table', async () => {
      assert.equal((await postPledge(b.api, { unit: 'ba-tri', choice: 'smartphone', key: newKey() })).status, 201);
      const version = b.campaigns.get(CAMPAIGN)?.version;
      // An edit made through B's console, exported through A's data folder: the shared version, not A's file.
      const title = { vi: 'Sửa qua B', en: 'Edited through B' };
      await b.campaigns.update(CAMPAIGN, version ?? 0, { title }, { user: 'test', action: 'campaign.texts' });
      const file = join(files.path, 'drop.json');
      const exported = await cli('export', file);
      assert.equal(exported.code, 0, exported.stderr);
      const data = read(file);
      assert.equal(data.campaigns[0].title.en, 'Edited through B');
      data.campaigns[0].units = data.campaigns[0].units.filter((unit) => unit.id !== 'ba-tri');
      writeFileSync(file, JSON.stringify(data));
      const refused = await cli('import', file);
      assert.equal(refused.code, 1);
      assert.match(refused.stderr, /unit "ba-tri" has pledges, so it cannot be removed or get another id/);
      assert.equal(b.campaigns.get(CAMPAIGN)?.version, (version ?? 0) + 1, 'nothing written');
    });

    it('a database that cannot be reached is named (without its password) and changes nothing', async () => {
      const refused = await campaignsCli(
        { DATA_DIR: a.dataDir, DATABASE_URL: 'postgres://lantoa:secret@127.0.0.1:1/nowhere' },
        'import',
        join(ROOT, 'campaigns/campaigns.json'),
      );
      assert.equal(refused.code, 1);
      assert.match(refused.stderr, /database postgres:\/\/lantoa:\*\*\*@127\.0\.0\.1:1\/nowhere cannot be used/);
      assert.doesNotMatch(refused.stderr, /secret/);
    });
  },
);
