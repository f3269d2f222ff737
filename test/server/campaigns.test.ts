/**
 * Campaigns live in the store, over real HTTP against temporary SQLite files: seeding from the campaigns
 * file once, edits reaching config, counts, feed and open streams within a second without a restart (made
 * in the service's process, or committed by another connection as `npm run campaigns -- import` does), the
 * rules of an edit (stale version, units and choices with pledges, retired units), the embedding policy's
 * reach hook and the feed.
 */
import { createAdaptorServer } from '@hono/node-server';
import assert from 'node:assert/strict';
import { readFileSync, writeFileSync } from 'node:fs';
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { feedSchema, type CampaignDoc } from '../../src/contract/admin.js';
import { campaignSchema, countsSchema, type Counts } from '../../src/contract/pledge.js';
import { quizStatsSchema } from '../../src/contract/quiz.js';
import {
  CAMPAIGN_TABLES,
  campaignBody,
  CampaignEditError,
  CampaignRegistry,
} from '../../src/server/campaigns/campaign-store.js';
import { readCampaignsFile } from '../../src/server/campaigns/campaigns.js';
import { createScopes } from '../../src/server/campaigns/scopes.js';
import { createApi } from '../../src/server/http/api.js';
import { RateLimiter } from '../../src/server/http/rate-limit.js';
import { StreamHub } from '../../src/server/http/stream.js';
import { openConsoleDb } from '../../src/server/store/console-db.js';
import { SqliteStore } from '../../src/server/store/sqlite-store.js';
import { checkFeed } from '../../src/widgets/banner/banner.schema.js';
import {
  assertError,
  CAMPAIGN,
  newKey,
  openStream,
  postPledge,
  postResult,
  ROOT,
  start,
  startTemp,
  stopTemp,
  tempDir,
  type TestService,
} from './helpers.js';

const EDITOR = { user: 'test-editor', action: 'campaign.units' };
const FIXTURE_150 = join(ROOT, 'test/fixtures/campaigns-150.json');

let service: TestService;
before(async () => (service = await startTemp()));
after(() => stopTemp(service));

const registry = () => service.campaigns;
const doc = (id = CAMPAIGN): CampaignDoc => {
  const found = registry().get(id);
  assert.ok(found, id);
  return found;
};
const counts = async (api = service.api): Promise<Counts> =>
  countsSchema.parse(await (await fetch(`${api}/counts`)).json());
const pledge = (unit: string, choice = 'smartphone') => postPledge(service.api, { unit, choice, key: newKey() });

/** The refusal `update` throws: its status, code and field. */
async function refused(edit: Promise<unknown>, status: number, code: string, field?: string): Promise<string> {
  const error = await edit.then(
    () => assert.fail('the edit was accepted'),
    (caught: unknown) => caught,
  );
  assert.ok(error instanceof CampaignEditError, String(error));
  assert.deepEqual([error.status, error.code, error.field], [status, code, field]);
  return error.message;
}

describe('edits are live', () => {
  it('a new unit, goal and title show in config, counts and an open stream within a second, no restart', async () => {
    assert.equal((await pledge('ba-tri')).status, 201);
    const before = await counts();
    const oldConfig = await fetch(service.api);
    const oldTag = oldConfig.headers.get('etag') ?? '';
    const stream = await openStream(`${service.api}/stream`);
    try {
      await stream.until(() => stream.events.length > 0);
      const current = doc();
      const started = Date.now();
      await registry().update(
        CAMPAIGN,
        current.version,
        {
          title: { vi: 'Tiêu đề mới', en: 'A new title' },
          goal: current.goal + 500,
          units: [...current.units, { id: 'xa-moi', name: 'Xã Mới', goal: 500, group: 'Đoàn trực thuộc' }],
        },
        EDITOR,
      );

      const config = await fetch(service.api, { headers: { 'If-None-Match': oldTag } });
      assert.equal(config.status, 200, 'the old ETag no longer matches');
      const newTag = config.headers.get('etag') ?? '';
      assert.notEqual(newTag, oldTag);
      const campaign = campaignSchema.parse(await config.json());
      assert.equal(campaign.title.en, 'A new title');
      assert.deepEqual(campaign.units.at(-1), { id: 'xa-moi', name: 'Xã Mới', goal: 500, group: 'Đoàn trực thuộc' });

      const now = await counts();
      assert.equal(now.config, newTag, 'counts name the config they go with');
      assert.equal(before.config, oldTag);
      assert.equal(now.goal, before.goal + 500);
      assert.deepEqual(now.units.at(-1), { id: 'xa-moi', count: 0, goal: 500 });
      assert.equal(now.total, before.total, 'tallies are kept');
      assert.equal(
        now.units.find((unit) => unit.id === 'ba-tri')?.count,
        before.units.find((u) => u.id === 'ba-tri')?.count,
      );

      await stream.until(() => stream.events.some((event) => event.data.includes('"xa-moi"')), 1000);
      assert.ok(Date.now() - started < 1000, `${Date.now() - started} ms`);
      const pushed = countsSchema.parse(JSON.parse(stream.events.at(-1)?.data ?? ''));
      assert.equal(pushed.config, newTag);
      // The new unit takes pledges at once.
      assert.equal((await pledge('xa-moi')).status, 201);
      // The quiz follows its campaign: the new unit, at zero.
      const stats = quizStatsSchema.parse(await (await fetch(`${service.quizApi}/stats`)).json());
      assert.deepEqual(stats.units.at(-1), { id: 'xa-moi', name: 'Xã Mới', participants: 0, averageScore: 0 });
    } finally {
      stream.close();
    }
  });

  it('an edit committed by another process (another connection to console.sqlite) is picked up within a second and a half', async () => {
    const db = openConsoleDb(service.dataDir, [CAMPAIGN_TABLES]);
    const other = new CampaignRegistry(db, { pollMs: 0 });
    try {
      const current = other.get(CAMPAIGN);
      assert.ok(current);
      const started = Date.now();
      other.replace(
        [{ ...campaignBody(current), title: { vi: 'Nhập từ tiến trình khác', en: 'Imported by another process' } }],
        { user: 'cli', action: 'campaign.import' },
        () => ({ units: new Set(), choices: new Set() }),
      );
      while (Date.now() - started < 1500) {
        const campaign = campaignSchema.parse(await (await fetch(service.api)).json());
        if (campaign.title.en === 'Imported by another process') break;
        await new Promise((resolve) => setTimeout(resolve, 50));
      }
      const campaign = campaignSchema.parse(await (await fetch(service.api)).json());
      assert.equal(campaign.title.en, 'Imported by another process', `after ${Date.now() - started} ms`);
      assert.equal(doc().version, current.version + 1);

      // A whole new campaign, 150 units: served with its counts, stream and quiz, no restart.
      const [big] = readCampaignsFile(FIXTURE_150);
      other.replace([big], { user: 'cli', action: 'campaign.import' }, () => ({
        units: new Set(),
        choices: new Set(),
      }));
      const api = `${service.url}/api/v1/campaigns/${big.id}`;
      const waitUntil = Date.now() + 1500;
      while ((await fetch(`${api}/counts`)).status !== 200 && Date.now() < waitUntil)
        await new Promise((resolve) => setTimeout(resolve, 50));
      const bigCounts = await counts(api);
      assert.equal(bigCounts.units.length, 150);
      assert.equal((await postPledge(api, { unit: 'don-vi-150', choice: 'smartphone', key: newKey() })).status, 201);
      const stream = await openStream(`${api}/stream`);
      await stream.until(() => stream.events.some((event) => countsSchema.parse(JSON.parse(event.data)).total === 1));
      stream.close();
      assert.equal((await fetch(`${service.url}/api/v1/quizzes/test-150-quiz/stats`)).status, 200);
    } finally {
      other.close();
      db.close();
    }
  });
});

describe('the rules of an edit', () => {
  it('a stale version is refused with 409 edit_conflict, and nothing changes', async () => {
    const current = doc();
    const message = await refused(
      registry().update(CAMPAIGN, current.version - 1, { goal: 1 }, EDITOR),
      409,
      'edit_conflict',
      'version',
    );
    assert.match(message, /reload/);
    assert.equal(doc().goal, current.goal);
    assert.equal(doc().version, current.version);
  });

  it('a unit or choice with pledges cannot be left out or get another id (409 in_use naming it); one without may go', async () => {
    assert.equal((await pledge('thanh-phu', 'help-relative')).status, 201);
    const current = doc();
    const without = current.units.filter((unit) => unit.id !== 'thanh-phu');
    assert.match(
      await refused(registry().update(CAMPAIGN, current.version, { units: without }, EDITOR), 409, 'in_use', 'units'),
      /unit "thanh-phu" has pledges.*retire it instead/,
    );
    const renamed = current.units.map((unit) => (unit.id === 'thanh-phu' ? { ...unit, id: 'thanh-phu-2' } : unit));
    await refused(registry().update(CAMPAIGN, current.version, { units: renamed }, EDITOR), 409, 'in_use', 'units');
    const choices = current.choices.filter((choice) => choice.id !== 'help-relative');
    assert.match(
      await refused(registry().update(CAMPAIGN, current.version, { choices }, EDITOR), 409, 'in_use', 'choices'),
      /choice "help-relative"/,
    );
    // Mỏ Cày Bắc has no pledge here: it may be removed.
    const smaller = current.units.filter((unit) => unit.id !== 'mo-cay-bac');
    const edited = await registry().update(CAMPAIGN, current.version, { units: smaller }, EDITOR);
    assert.equal(edited.version, current.version + 1);
    assert.equal(
      (await counts()).units.some((unit) => unit.id === 'mo-cay-bac'),
      false,
    );
    assert.equal((await pledge('mo-cay-bac')).status, 404);
  });

  it('an invalid campaign is refused with 400 invalid_field naming the field', async () => {
    const current = doc();
    await refused(
      registry().update(CAMPAIGN, current.version, { endDate: '2019-01-01' }, EDITOR),
      400,
      'invalid_field',
      'endDate',
    );
    const twice = [...current.units, current.units[0]];
    await refused(
      registry().update(CAMPAIGN, current.version, { units: twice }, EDITOR),
      400,
      'invalid_field',
      `units.${twice.length - 1}.id`,
    );
    // A quiz id names its quiz alone: another campaign's is taken.
    await refused(
      registry().update('test-150-units', doc('test-150-units').version, { quizzes: doc().quizzes }, EDITOR),
      400,
      'invalid_field',
      'quizzes.0.id',
    );
  });

  it('a retired unit stays in config and counts (flag retired) and takes no new pledge or quiz result (409 unit_retired)', async () => {
    assert.equal((await pledge('binh-dai')).status, 201);
    const before = (await counts()).units.find((unit) => unit.id === 'binh-dai')?.count ?? 0;
    assert.ok(before >= 1);
    const current = doc();
    const units = current.units.map((unit) => (unit.id === 'binh-dai' ? { ...unit, retired: true } : unit));
    await registry().update(CAMPAIGN, current.version, { units }, EDITOR);
    const campaign = campaignSchema.parse(await (await fetch(service.api)).json());
    assert.equal(campaign.units.find((unit) => unit.id === 'binh-dai')?.retired, true);
    assert.equal((await counts()).units.find((unit) => unit.id === 'binh-dai')?.count, before);
    await assertError(await pledge('binh-dai'), 409, 'unit_retired', 'unit');
    await assertError(
      await postResult(service.quizApi, { unit: 'binh-dai', score: 1, total: 2, key: newKey() }),
      409,
      'unit_retired',
      'unit',
    );
    assert.equal((await counts()).units.find((unit) => unit.id === 'binh-dai')?.count, before);
  });
});

describe('the feed', () => {
  it('GET /feed: the messages, public, a minute of caching, ETag and 304, and the banner accepts it', async () => {
    const url = `${service.api}/feed`;
    const origin = 'https://doanthanhnien.example.gov.vn';
    const response = await fetch(url, { headers: { Origin: origin } });
    assert.equal(response.status, 200);
    assert.equal(response.headers.get('cache-control'), 'public, max-age=60');
    assert.equal(response.headers.get('access-control-allow-origin'), origin);
    const body: unknown = await response.json();
    const feed = feedSchema.parse(body);
    assert.deepEqual(
      feed.messages.map((message) => message.id),
      doc().messages.map((message) => message.id),
    );
    const checked = checkFeed(body);
    assert.ok(checked.ok, JSON.stringify(checked));
    const etag = response.headers.get('etag') ?? '';
    assert.match(etag, /^"[^"]+"$/);
    assert.equal((await fetch(url, { headers: { 'If-None-Match': etag } })).status, 304);

    const current = doc();
    const messages = [
      { id: 'moi', headline: { vi: 'Thông điệp mới', en: 'A new message' }, start: '2026-10-10T08:00:00+07:00' },
    ];
    await registry().update(
      CAMPAIGN,
      current.version,
      { messages },
      { user: 'test-editor', action: 'campaign.messages' },
    );
    const changed = await fetch(url, { headers: { 'If-None-Match': etag } });
    assert.equal(changed.status, 200);
    assert.deepEqual(await changed.json(), { messages });
    await assertError(await fetch(`${service.url}/api/v1/campaigns/nowhere/feed`), 404, 'unknown_campaign');
  });

  it("the sample campaign's stored feed is the demo feed's messages, in both languages", () => {
    const demo = JSON.parse(readFileSync(join(ROOT, 'demo/campaign-feed.json'), 'utf8')) as {
      messages: { id: string; headline: unknown; countdownTo?: string }[];
    };
    const [sample] = readCampaignsFile(join(ROOT, 'campaigns/campaigns.json'));
    assert.deepEqual(
      sample.messages.map((message) => [message.id, message.headline]),
      demo.messages.map((message) => [message.id, message.headline]),
    );
    assert.equal(sample.messages[1].countdownTo, '2027-10-10T00:00:00+07:00');
  });
});

describe('seeding', () => {
  it('the file seeds an empty store once; afterwards the store is the source, even with a broken or missing file', async () => {
    const dir = tempDir();
    const file = join(dir.path, 'campaigns.json');
    const data = join(dir.path, 'data');
    writeFileSync(file, readFileSync(join(ROOT, 'campaigns/campaigns.json')));
    try {
      const first = await start(data, { campaignsFile: file });
      assert.match(first.campaignsSource, /seeded from .*campaigns\.json.*store is the source/);
      const seeded = first.campaigns.get(CAMPAIGN);
      assert.ok(seeded);
      assert.equal(seeded.embed, 'open');
      await first.campaigns.update(CAMPAIGN, seeded.version, { goal: 42 }, EDITOR);
      await first.close();

      writeFileSync(file, '{ "campaigns": [');
      const second = await start(data, { campaignsFile: file });
      try {
        assert.match(second.campaignsSource, /^the store/);
        assert.equal((await counts(second.api)).goal, 42);
      } finally {
        await second.close();
      }
    } finally {
      dir.remove();
    }
  });
});

describe('reach', () => {
  it('the API tells `reach` of reads from other sites (refused ones too) and of new pledges, never of its own pages', async () => {
    const dir = tempDir();
    const store = await SqliteStore.open(join(dir.path, 'pledges.sqlite'));
    const bodies = readCampaignsFile(join(ROOT, 'campaigns/campaigns.json'));
    const listed = { ...bodies[0], id: 'listed-campaign', quizzes: [], embed: 'listed' as const, allowedOrigins: [] };
    const scopes = createScopes(
      [bodies[0], listed].map((body) => ({ ...body, version: 1, updatedAt: '2026-12-07T00:00:00Z' })),
    );
    const streams = new StreamHub(new Map(), { coalesceMs: 0, heartbeatMs: 60_000 });
    const seen: [string, string, string][] = [];
    const limiter = () => new RateLimiter({ perMinute: 1000, burst: 1000, maxClients: 100 });
    const api = createApi({
      scopes,
      store,
      streams,
      writeLimiter: limiter(),
      readLimiter: limiter(),
      trustProxy: 0,
      accessLog: false,
      reach: { seen: (campaign, origin, kind) => seen.push([campaign, origin, kind]) },
    });
    const server = createAdaptorServer({ fetch: api.fetch }) as Server;
    await new Promise<void>((done) => server.listen(0, '127.0.0.1', done));
    const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}/campaigns`;
    try {
      const site = 'https://huyendoan.example.gov.vn';
      assert.equal((await fetch(`${base}/${CAMPAIGN}/counts`, { headers: { Origin: site } })).status, 200);
      assert.equal((await fetch(`${base}/listed-campaign`, { headers: { Origin: site } })).status, 403);
      const body = { unit: 'ba-tri', choice: 'smartphone', key: newKey() };
      assert.equal((await postPledge(`${base}/${CAMPAIGN}`, body, { Origin: site })).status, 201);
      assert.equal((await postPledge(`${base}/${CAMPAIGN}`, body, { Origin: site })).status, 200, 'not new');
      const own = new URL(base).origin;
      await fetch(`${base}/${CAMPAIGN}/counts`, { headers: { Origin: own } });
      await postPledge(`${base}/${CAMPAIGN}`, { ...body, key: newKey() }, { Origin: own });
      await fetch(`${base}/${CAMPAIGN}/counts`);
      assert.deepEqual(seen, [
        [CAMPAIGN, site, 'read'],
        ['listed-campaign', site, 'read'],
        [CAMPAIGN, site, 'pledge'],
      ]);
    } finally {
      server.close();
      await store.close();
      dir.remove();
    }
  });
});
