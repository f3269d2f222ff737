/** Exactly-once counting under concurrency: the same key at once, and 500 pledges at once. */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { countsSchema, pledgeResponseSchema } from '../../src/contract/pledge.js';
import { newKey, postPledge, rowsInDatabase, startTemp, stopTemp, type TestService } from './helpers.js';

let service: TestService;

// This suite is about counting, not about limits: let every request through.
before(async () => (service = await startTemp({ pledgeRate: { perMinute: 1e6, burst: 1e6 } })));
after(() => stopTemp(service));

async function total(): Promise<number> {
  return countsSchema.parse(await (await fetch(`${service.api}/counts`)).json()).total;
}

describe('exactly once', () => {
  it('the same key posted 25 times at once is counted once: one 201, the rest 200', async () => {
    const before = await total();
    const key = newKey();
    const responses = await Promise.all(
      Array.from({ length: 25 }, () => postPledge(service.api, { unit: 'thanh-phu', choice: 'smartphone', key })),
    );
    const statuses = responses.map((response) => response.status).sort();
    assert.deepEqual(statuses, [...Array<number>(24).fill(200), 201]);
    const bodies = await Promise.all(
      responses.map(async (response) => pledgeResponseSchema.parse(await response.json())),
    );
    assert.equal(bodies.filter((body) => body.created).length, 1);
    assert.equal(await total(), before + 1);
    assert.equal(rowsInDatabase(service.dataDir), before + 1);
  });

  it('500 concurrent pledges with distinct keys give exactly 500, in memory and in the database', async () => {
    const before = await total();
    const units = [
      'tp-ben-tre',
      'chau-thanh',
      'cho-lach',
      'mo-cay-nam',
      'giong-trom',
      'binh-dai',
      'ba-tri',
      'thanh-phu',
      'mo-cay-bac',
    ];
    const responses = await Promise.all(
      Array.from({ length: 500 }, (_, i) =>
        postPledge(service.api, {
          unit: units[i % units.length],
          choice: i % 2 ? 'switch-to-4g' : 'help-relative',
          key: newKey(),
        }),
      ),
    );
    assert.deepEqual([...new Set(responses.map((response) => response.status))], [201]);
    await Promise.all(responses.map((response) => response.arrayBuffer()));
    assert.equal(await total(), before + 500);
    assert.equal(rowsInDatabase(service.dataDir), before + 500);
    const counts = countsSchema.parse(await (await fetch(`${service.api}/counts`)).json());
    assert.equal(counts.choices.find((choice) => choice.id === 'switch-to-4g')?.count, 250);
    assert.equal(
      counts.units.reduce((sum, unit) => sum + unit.count, 0),
      counts.total,
    );
  });
});
