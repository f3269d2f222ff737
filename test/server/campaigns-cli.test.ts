/**
 * `npm run campaigns -- export|import`, run as a real child process on a real data folder, beside a running
 * service (which follows an import within a second) and without one: a round trip, refusals that name what
 * is wrong, and an import that would drop a unit with pledges.
 */
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { campaignSchema } from '../../src/contract/pledge.js';
import {
  CAMPAIGN,
  newKey,
  postPledge,
  ROOT,
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

/** Runs `npm run campaigns -- …args` (its script, under tsx) on `dataDir`. */
function campaignsCli(
  dataDir: string,
  ...args: string[]
): Promise<{ code: number | null; stdout: string; stderr: string }> {
  const child = spawn(process.execPath, ['--import', 'tsx', join(ROOT, 'scripts/campaigns.ts'), ...args], {
    cwd: ROOT,
    env: { ...process.env, DATA_DIR: dataDir },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let stdout = '';
  let stderr = '';
  child.stdout.setEncoding('utf8').on('data', (chunk: string) => (stdout += chunk));
  child.stderr.setEncoding('utf8').on('data', (chunk: string) => (stderr += chunk));
  return new Promise((resolve) => child.once('close', (code) => resolve({ code, stdout, stderr })));
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
