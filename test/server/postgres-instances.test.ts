/**
 * Several service instances on one PostgreSQL database, over real HTTP (TEST_DATABASE_URL; skipped, saying
 * so, when it is not set): pledges through both, counts equal on both within a second, a stream on B shows
 * a pledge made on A; kill -9 of one instance under load loses no acknowledged pledge and counts none
 * twice; the database stopped and started again under load gives 503s while it is down, loses nothing
 * acknowledged, and the instance recovers without a restart (a private cluster of this test's own).
 */
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import pg from 'pg';
import { CampaignEditError } from '../../src/server/campaigns/campaign-store.js';
import type { ServiceConfig } from '../../src/server/config/config.js';
import { freshDatabase, privateCluster, SKIP_POSTGRES, type Cluster } from '../helpers/postgres.js';
import {
  CAMPAIGN,
  json,
  newKey,
  openStream,
  postPledge,
  spawnService,
  start,
  tempDir,
  type ChildService,
  type TestService,
} from './helpers.js';

/** Rate limits out of the way: every request of these tests comes from 127.0.0.1. */
const UNLIMITED = { perMinute: 1_000_000, burst: 1_000_000 };
const UNLIMITED_ENV = { PLEDGE_RATE_PER_MIN: '1000000', PLEDGE_RATE_BURST: '1000000' };

const api = (base: string) => `${base}/api/v1/campaigns/${CAMPAIGN}`;

async function total(base: string): Promise<number> {
  const response = await fetch(`${api(base)}/counts`);
  return (await json<{ total: number }>(response)).total;
}

async function rowsIn(url: string, keys?: string[]): Promise<number> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    const { rows } = await client.query<{ n: number }>(
      keys
        ? 'SELECT count(*)::int AS n FROM pledges WHERE campaign = $1 AND key = ANY($2::text[])'
        : 'SELECT count(*)::int AS n FROM pledges WHERE campaign = $1',
      keys ? [CAMPAIGN, keys] : [CAMPAIGN],
    );
    return rows[0].n;
  } finally {
    await client.end();
  }
}

async function until(check: () => Promise<boolean>, ms: number, what: string): Promise<number> {
  const started = Date.now();
  while (!(await check())) {
    if (Date.now() - started > ms) assert.fail(`not within ${ms} ms: ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
  return Date.now() - started;
}

/**
 * Pledges with new keys, `concurrency` at a time, to the instances `targets()` lists, round-robin. A 503
 * or a refused connection is retried with the same key on the next instance after 50 ms, as a widget
 * retries. Records which keys were acknowledged (201 or 200) and every status seen.
 */
function load(targets: () => string[], concurrency = 12) {
  const acknowledged = new Set<string>();
  const created = new Set<string>();
  const statuses = new Map<number | string, number>();
  let retryAfter = true;
  let stopped = false;
  let turn = 0;
  const seen = (status: number | string) => statuses.set(status, (statuses.get(status) ?? 0) + 1);
  const worker = async () => {
    while (!stopped) {
      const key = newKey();
      while (!stopped) {
        const list = targets();
        const target = list[turn++ % list.length];
        try {
          const response = await postPledge(api(target), { unit: 'ba-tri', choice: 'smartphone', key }, {});
          await response.arrayBuffer();
          seen(response.status);
          if (response.status === 201 || response.status === 200) {
            if (response.status === 201) {
              assert.ok(!created.has(key), `a second 201 for ${key}`);
              created.add(key);
            }
            acknowledged.add(key);
            break;
          }
          if (response.status === 503 && !response.headers.get('retry-after')) retryAfter = false;
          assert.equal(response.status, 503, `unexpected status ${response.status}`);
        } catch (error) {
          if (error instanceof assert.AssertionError) throw error;
          seen('network');
        }
        await new Promise((resolve) => setTimeout(resolve, 50));
      }
    }
  };
  const running = Promise.all(Array.from({ length: concurrency }, worker));
  return {
    acknowledged,
    created,
    statuses,
    get retryAfter() {
      return retryAfter;
    },
    stop: async () => {
      stopped = true;
      await running;
    },
  };
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

describe('several instances on one PostgreSQL database', { skip: SKIP_POSTGRES }, () => {
  let database: Awaited<ReturnType<typeof freshDatabase>>;
  const dirs: { remove: () => void }[] = [];
  const folder = () => {
    const dir = tempDir();
    dirs.push(dir);
    return join(dir.path, 'data');
  };
  const instance = (overrides: Partial<ServiceConfig> = {}) =>
    start(folder(), { databaseUrl: database.url, pledgeRate: UNLIMITED, ...overrides });

  before(async () => {
    database = await freshDatabase();
  });
  after(async () => {
    await database?.drop();
    for (const dir of dirs) dir.remove();
  });

  it('pledges through both: counts equal on both within a second, a stream on B sees a pledge made on A, a repeat on B is 200', async () => {
    const [a, b]: TestService[] = [await instance(), await instance()];
    try {
      const keys = Array.from({ length: 40 }, () => newKey());
      const answers = await Promise.all(
        keys.map((key, index) =>
          postPledge((index % 2 ? b : a).api, { unit: 'ba-tri', choice: 'smartphone', key }).then((r) => r.status),
        ),
      );
      assert.deepEqual(
        answers,
        keys.map(() => 201),
      );
      const waited = await until(
        async () => (await total(a.url)) === 40 && (await total(b.url)) === 40,
        1000,
        'both instances count all 40 pledges',
      );
      console.log(`counts equal on both instances ${waited} ms after the last 201`);
      // The same state gives the same ETag on every instance: a reader switched between them revalidates (304).
      const etagA = (await fetch(`${a.api}/counts`)).headers.get('etag');
      assert.ok(etagA);
      assert.equal((await fetch(`${b.api}/counts`, { headers: { 'If-None-Match': etagA } })).status, 304);

      const repeat = await postPledge(b.api, { unit: 'ba-tri', choice: 'smartphone', key: keys[0] });
      assert.equal(repeat.status, 200, 'a key first sent to A, repeated on B');
      assert.equal((await json<{ created: boolean }>(repeat)).created, false);

      const stream = await openStream(`${b.api}/stream`);
      try {
        await stream.until(() => stream.events.length >= 1);
        const sent = Date.now();
        assert.equal(
          (await postPledge(a.api, { unit: 'giong-trom', choice: 'smartphone', key: newKey() })).status,
          201,
        );
        await stream.until(
          () => stream.events.some((event) => (JSON.parse(event.data) as { total: number }).total === 41),
          1000,
        );
        console.log(`B's stream showed A's pledge after ${Date.now() - sent} ms`);
      } finally {
        stream.close();
      }
    } finally {
      await Promise.all([a.close(), b.close()]);
    }
  });

  it('a campaign edit made through A reaches B within a second; an edit of the same version through B is refused (409 edit_conflict)', async () => {
    const [a, b]: TestService[] = [await instance(), await instance()];
    try {
      const read = a.campaigns.get(CAMPAIGN);
      assert.ok(read);
      assert.equal(b.campaigns.get(CAMPAIGN)?.version, read.version, 'both start from the shared version');
      const title = { vi: 'Bến Tre: chuyển đổi số cho mọi người', en: 'Bến Tre: going digital, together' };
      const who = { user: 'test', action: 'campaign.texts' };
      const edited = await a.campaigns.update(CAMPAIGN, read.version, { title }, who);
      const waited = await until(
        async () =>
          (await json<{ title: { en: string } }>(await fetch(a.api))).title.en === title.en &&
          (await json<{ title: { en: string } }>(await fetch(b.api))).title.en === title.en,
        1000,
        "B's config shows the title edited through A",
      );
      console.log(`a campaign edit made through A reached B's config after ${waited} ms`);
      assert.equal(b.campaigns.get(CAMPAIGN)?.version, edited.version);
      const etag = (await fetch(a.api)).headers.get('etag');
      assert.ok(etag);
      assert.equal(
        (await fetch(b.api, { headers: { 'If-None-Match': etag } })).status,
        304,
        'the same config ETag on both',
      );
      await assert.rejects(
        b.campaigns.update(CAMPAIGN, read.version, { title: { vi: 'Cũ', en: 'Stale' } }, who),
        (error: unknown) => error instanceof CampaignEditError && error.code === 'edit_conflict',
      );
      assert.equal((await json<{ title: { en: string } }>(await fetch(b.api))).title.en, title.en);
    } finally {
      await Promise.all([a.close(), b.close()]);
    }
  });

  it('kill -9 of one instance under load: every acknowledged key stored once; after its restart both instances agree with the database', async () => {
    const env = { DATABASE_URL: database.url, ...UNLIMITED_ENV };
    const children: ChildService[] = [
      spawnService({ ...env, DATA_DIR: folder() }),
      spawnService({ ...env, DATA_DIR: folder() }),
    ];
    try {
      const urls = await Promise.all(children.map((child) => child.ready));
      let alive = [...urls];
      const before = await rowsIn(database.url);
      const traffic = load(() => alive);
      try {
        await sleep(1500);
        children[0].child.kill('SIGKILL');
        await children[0].exited;
        await sleep(300);
        alive = [urls[1]]; // the load balancer's health check takes it out
        await sleep(700);
      } finally {
        await traffic.stop();
      }
      const acknowledged = [...traffic.acknowledged];
      assert.ok(acknowledged.length > 100, `load ran: ${acknowledged.length} acknowledged`);
      assert.equal(await rowsIn(database.url, acknowledged), acknowledged.length, 'every acknowledged key is stored');
      const rows = await rowsIn(database.url);
      assert.ok(rows - before >= traffic.created.size, 'each 201 is a row');

      const restarted = spawnService({ ...env, DATA_DIR: folder() });
      children.push(restarted);
      const url = await restarted.ready;
      await until(
        async () => (await total(url)) === rows && (await total(urls[1])) === rows,
        1000,
        `the restarted and the surviving instance both count the ${rows} rows`,
      );
      console.log(
        `kill -9 under load: ${acknowledged.length} acknowledged, ${traffic.created.size} created, statuses ${JSON.stringify([...traffic.statuses])}`,
      );
    } finally {
      // Every child still running, also after a failed assertion: one left running keeps this test file from ending.
      const running = children.filter((child) => child.child.exitCode === null && child.child.signalCode === null);
      for (const child of running) child.child.kill('SIGTERM');
      await Promise.all(running.map((child) => child.exited));
    }
  });
});

describe('the database stopped and started again under load', { skip: SKIP_POSTGRES }, () => {
  let cluster: Cluster | undefined;
  let dir: { path: string; remove: () => void } | undefined;
  after(async () => {
    await cluster?.remove();
    dir?.remove();
  });

  it('503 with Retry-After and /healthz 503 while it is down, nothing acknowledged lost, recovery without a restart', async () => {
    cluster = await privateCluster();
    dir = tempDir();
    const service = await start(join(dir.path, 'data'), { databaseUrl: cluster.url, pledgeRate: UNLIMITED });
    const health = async () => (await fetch(`${service.url}/healthz`)).status;
    const traffic = load(() => [service.url]);
    try {
      await sleep(800);
      await cluster.stop();
      await until(async () => (await health()) === 503, 3000, '/healthz 503 once the database is gone');
      await sleep(800);
      const downStatuses = new Map(traffic.statuses);
      await cluster.start();
      const recovered = await until(async () => (await health()) === 200, 10_000, 'healthy again by itself');
      console.log(`healthy again ${recovered} ms after the database started`);
      const afterStart = traffic.acknowledged.size;
      await until(async () => traffic.acknowledged.size > afterStart + 50, 5000, 'pledges taken again');
      await traffic.stop();
      assert.ok((downStatuses.get(503) ?? 0) > 0, `503s while down: ${JSON.stringify([...downStatuses])}`);
      assert.ok(traffic.retryAfter, 'every 503 carries Retry-After');
      const acknowledged = [...traffic.acknowledged];
      assert.equal(await rowsIn(cluster.url, acknowledged), acknowledged.length, 'every acknowledged key is stored');
      const rows = await rowsIn(cluster.url);
      await until(async () => (await total(service.url)) === rows, 3000, 'the counts match the database');
      console.log(
        `database restart under load: ${acknowledged.length} acknowledged, statuses ${JSON.stringify([...traffic.statuses])}`,
      );
    } finally {
      await traffic.stop();
      await service.close();
    }
  });
});
