/**
 * Site reach (campaigns/reach.ts) on its own, against a real console.sqlite: counted per campaign × origin
 * in memory, added to the table at flush (never replacing what is stored), read back merged, bounded.
 * Over real HTTP (the API's guard calling seen()) in results.test.ts.
 */
import assert from 'node:assert/strict';
import { after, describe, it } from 'node:test';
import { openConsoleDb } from '../../src/server/store/console-db.js';
import { SITES_TABLES, SiteReach } from '../../src/server/campaigns/reach.js';
import { siteSchema } from '../../src/contract/admin.js';
import { tempDir } from './helpers.js';

const dirs: { remove: () => void }[] = [];
after(() => dirs.forEach((dir) => dir.remove()));

/** A console database in a fresh folder, and a clock the test moves. */
function setup() {
  const dir = tempDir();
  dirs.push(dir);
  const clock = { now: Date.parse('2026-10-10T01:00:00.000Z') };
  const open = async (max = 10_000) => {
    const db = openConsoleDb(dir.path, [SITES_TABLES]);
    return { db, reach: await SiteReach.open(db, { flushMs: 0, maxOriginsPerCampaign: max, now: () => clock.now }) };
  };
  return { clock, open };
}

const A = 'https://doanthanhnien.bentre.gov.vn';
const B = 'http://localhost:8080';

describe('site reach', () => {
  it('counts reads and pledges per campaign and origin, with first and last seen', async () => {
    const { clock, open } = setup();
    const { reach, db } = await open();
    reach.seen('c1', A, 'read');
    clock.now += 60_000;
    reach.seen('c1', A, 'read');
    reach.seen('c1', A, 'pledge');
    reach.seen('c1', B, 'read');
    reach.seen('c2', B, 'pledge');
    const sites = await reach.sites('c1');
    assert.deepEqual(sites.map((site) => site.origin).sort(), [A, B].sort());
    const a = sites.find((site) => site.origin === A);
    assert.deepEqual(a, {
      origin: A,
      firstSeen: '2026-10-10T01:00:00.000Z',
      lastSeen: '2026-10-10T01:01:00.000Z',
      reads: 2,
      pledges: 1,
    });
    for (const site of sites) siteSchema.parse({ ...site, listed: false });
    assert.deepEqual(
      (await reach.sites('c2')).map(({ origin, reads, pledges }) => ({ origin, reads, pledges })),
      [{ origin: B, reads: 0, pledges: 1 }],
    );
    db.close();
  });

  it('adds to what is stored at each flush, and survives a reopen', async () => {
    const { clock, open } = setup();
    let { reach, db } = await open();
    reach.seen('c1', A, 'read');
    reach.seen('c1', A, 'pledge');
    await reach.close();
    db.close();

    ({ reach, db } = await open());
    clock.now += 3_600_000;
    reach.seen('c1', A, 'read');
    // Stored and not yet flushed, merged.
    assert.deepEqual(await reach.sites('c1'), [
      { origin: A, firstSeen: '2026-10-10T01:00:00.000Z', lastSeen: '2026-10-10T02:00:00.000Z', reads: 2, pledges: 1 },
    ]);
    await reach.flush();
    await reach.flush(); // nothing new: must not add the same figures twice
    const row = db.prepare('SELECT * FROM sites').all();
    assert.deepEqual(row, [
      {
        campaign: 'c1',
        origin: A,
        first_seen: '2026-10-10T01:00:00.000Z',
        last_seen: '2026-10-10T02:00:00.000Z',
        reads: 2,
        pledges: 1,
      },
    ]);
    assert.deepEqual(
      (await reach.sites('c1')).map((site) => site.reads),
      [2],
    );
    db.close();
  });

  it('lists the most recently seen site first', async () => {
    const { clock, open } = setup();
    const { reach, db } = await open();
    reach.seen('c1', A, 'read');
    await reach.flush();
    clock.now += 1000;
    reach.seen('c1', B, 'read');
    assert.deepEqual(
      (await reach.sites('c1')).map((site) => site.origin),
      [B, A],
    );
    clock.now += 1000;
    reach.seen('c1', A, 'read');
    assert.deepEqual(
      (await reach.sites('c1')).map((site) => site.origin),
      [A, B],
    );
    db.close();
  });

  it('records only http and https origins', async () => {
    const { open } = setup();
    const { reach, db } = await open();
    for (const origin of [
      'null',
      'file://',
      'chrome-extension://abc',
      'https://a.vn/path',
      'https://' + 'a'.repeat(400),
    ])
      reach.seen('c1', origin, 'read');
    assert.deepEqual(await reach.sites('c1'), []);
    db.close();
  });

  it('keeps at most the maximum of sites per campaign, stored ones included', async () => {
    const { open } = setup();
    let { reach, db } = await open(2);
    reach.seen('c1', 'https://a.vn', 'read');
    reach.seen('c1', 'https://b.vn', 'read');
    reach.seen('c1', 'https://c.vn', 'read');
    reach.seen('c2', 'https://c.vn', 'read');
    assert.equal((await reach.sites('c1')).length, 2);
    assert.equal((await reach.sites('c2')).length, 1);
    await reach.close();
    db.close();
    ({ reach, db } = await open(2));
    reach.seen('c1', 'https://d.vn', 'read');
    reach.seen('c1', 'https://a.vn', 'read');
    assert.deepEqual((await reach.sites('c1')).map((site) => site.origin).sort(), ['https://a.vn', 'https://b.vn']);
    db.close();
  });

  it('keeps what it saw when the table cannot be written, and stores it at the next flush', async () => {
    const { open } = setup();
    const { reach, db } = await open();
    reach.seen('c1', A, 'pledge');
    const other = openConsoleDb(db.name.replace(/\/console\.sqlite$/, ''), []);
    other.exec('BEGIN EXCLUSIVE');
    db.pragma('busy_timeout = 0');
    await reach.flush();
    other.exec('COMMIT');
    other.close();
    assert.equal((db.prepare('SELECT COUNT(*) AS n FROM sites').get() as { n: number }).n, 0);
    await reach.flush();
    assert.deepEqual(
      (await reach.sites('c1')).map((site) => site.pledges),
      [1],
    );
    assert.equal((db.prepare('SELECT pledges FROM sites').get() as { pledges: number }).pledges, 1);
    db.close();
  });
});
