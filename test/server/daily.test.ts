/**
 * The store's daily tally (RecordStore.daily, for the console's results): pledges per Vietnam day (UTC+7)
 * × unit × choice, read from the real SQLite file a slice of ids at a time and kept between requests.
 */
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { after, describe, it } from 'node:test';
import { SqliteStore } from '../../src/server/store/sqlite-store.js';
import type { NewPledge } from '../../src/server/store/store.js';
import { newKey, tempDir } from './helpers.js';

const dirs: { remove: () => void }[] = [];
after(() => dirs.forEach((dir) => dir.remove()));

const pledge = (createdAt: string, unit = 'ba-tri', choice = 'smartphone', campaign = 'c1'): NewPledge => ({
  kind: 'pledge',
  campaign,
  unit,
  choice,
  key: newKey(),
  createdAt,
});

/** A store on a fresh file; a small slice so a handful of rows spans several reads. */
async function open(slice = 3) {
  const dir = tempDir();
  dirs.push(dir);
  const file = join(dir.path, 'pledges.sqlite');
  return { file, store: await SqliteStore.open(file, undefined, undefined, slice) };
}

describe('daily tally', () => {
  it('counts per Vietnam day: 16:59 UTC is still the same day there, 17:00 and 23:30 UTC the next', async () => {
    const { store } = await open();
    for (const at of [
      '2026-10-10T00:00:00.000Z', // 07:00 on the 10th in Vietnam
      '2026-10-10T16:59:59.999Z', // 23:59:59.999 on the 10th
      '2026-10-10T17:00:00.000Z', // midnight: the 11th
      '2026-10-10T23:30:00.000Z', // 06:30 on the 11th
    ])
      await store.add(pledge(at));
    await store.add(pledge('2026-10-09T23:00:00.000Z', 'ba-tri', 'computer')); // 06:00 on the 10th
    await store.add(pledge('2026-10-10T12:00:00.000Z', 'cho-lach'));
    await store.add(pledge('2026-10-10T12:00:00.000Z', 'cho-lach', 'smartphone', 'c2')); // another campaign
    assert.deepEqual(await store.daily('c1'), [
      { day: '2026-10-10', unit: 'ba-tri', choice: 'computer', count: 1 },
      { day: '2026-10-10', unit: 'ba-tri', choice: 'smartphone', count: 2 },
      { day: '2026-10-10', unit: 'cho-lach', choice: 'smartphone', count: 1 },
      { day: '2026-10-11', unit: 'ba-tri', choice: 'smartphone', count: 2 },
    ]);
    assert.deepEqual(await store.daily('c2'), [
      { day: '2026-10-10', unit: 'cho-lach', choice: 'smartphone', count: 1 },
    ]);
    assert.deepEqual(await store.daily('none'), []);
    await store.close();
  });

  it('adds the pledges committed since the previous request, and concurrent requests count each row once', async () => {
    const { file, store } = await open();
    for (let i = 0; i < 7; i++) await store.add(pledge('2026-10-10T03:00:00.000Z'));
    assert.equal((await store.daily('c1'))[0].count, 7);
    await Promise.all(Array.from({ length: 5 }, () => store.add(pledge('2026-10-10T04:00:00.000Z'))));
    const [first, second] = await Promise.all([store.daily('c1'), store.daily('c1')]);
    assert.deepEqual(first, [{ day: '2026-10-10', unit: 'ba-tri', choice: 'smartphone', count: 12 }]);
    assert.deepEqual(second, first);
    await store.close();

    // A new process reads the same from the file alone.
    const reopened = await SqliteStore.open(file, undefined, undefined, 1000);
    assert.deepEqual(await reopened.daily('c1'), first);
    await reopened.close();
  });
});
