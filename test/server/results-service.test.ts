/**
 * Results and reach through the whole service over real HTTP: pages on two other sites read the sample
 * campaign and pledge; the console (signed in for real) sees each site's reads and pledges, the daily
 * results and the CSV; the reach survives a restart (flushed at close). Without a session: 401.
 */
import { csvParseRows } from 'd3-dsv';
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { resultsResponseSchema, sitesResponseSchema } from '../../src/contract/admin.js';
import { vietnamDay } from '../../src/contract/campaign-dates.js';
import { adminFetch, createUser, signIn } from './admin-helpers.js';
import { CAMPAIGN, newKey, postPledge, start, startTemp, stopTemp, type TestService } from './helpers.js';

const A = 'https://doanthanhnien.bentre.gov.vn';
const B = 'http://tinhdoan.example.vn:8080';

let service: TestService | undefined;
let cookie = '';

before(async () => {
  service = await startTemp();
  await createUser(service.dataDir, 'mai', 'editor');
  cookie = await signIn(service.url, 'mai');
});
after(() => stopTemp(service));

const path = (what: string) => `/campaigns/${CAMPAIGN}/${what}`;

describe('results and reach through the service', () => {
  it('answers 401 without a session on every results route', async () => {
    for (const what of ['results', 'sites', 'export.csv', 'export.csv?what=sites'])
      assert.equal((await adminFetch(service!.url, path(what))).status, 401, what);
  });

  it('counts reads and pledges per site, and keeps them across a restart', async () => {
    const api = service!.api;
    for (const url of [api, `${api}/counts`, `${api}/counts`]) {
      const response = await fetch(url, { headers: { origin: A } });
      assert.equal(response.status, 200);
    }
    assert.equal((await fetch(`${api}/counts`, { headers: { origin: B } })).status, 200);
    assert.equal((await fetch(`${api}/counts`)).status, 200, 'no Origin: not a site');
    const key = newKey();
    assert.equal((await postPledge(api, { unit: 'ba-tri', choice: 'smartphone', key }, { origin: A })).status, 201);
    assert.equal((await postPledge(api, { unit: 'ba-tri', choice: 'smartphone', key }, { origin: A })).status, 200);
    const other = { unit: 'cho-lach', choice: 'smartphone', key: newKey() };
    assert.equal((await postPledge(api, other, { origin: B })).status, 201);

    const expected = [
      { origin: B, reads: 1, pledges: 1, listed: false },
      { origin: A, reads: 3, pledges: 1, listed: false },
    ];
    const sites = async () => {
      const response = await adminFetch(service!.url, path('sites'), { cookie });
      assert.equal(response.status, 200);
      const body = sitesResponseSchema.parse(await response.json());
      return body.sites.map(({ origin, reads, pledges, listed }) => ({ origin, reads, pledges, listed }));
    };
    assert.deepEqual(await sites(), expected);

    // Closed before the 5 s flush: what was seen is written at close.
    const dataDir = service!.dataDir;
    await service!.close();
    service = await start(dataDir);
    cookie = await signIn(service.url, 'mai');
    assert.deepEqual(await sites(), expected);
  });

  it('results and export.csv carry the pledges of the day in Vietnam', async () => {
    const response = await adminFetch(service!.url, path('results'), { cookie });
    assert.equal(response.status, 200);
    const results = resultsResponseSchema.parse(await response.json());
    const today = vietnamDay(Date.now());
    assert.equal(results.total, 2);
    // Units in the campaign's order.
    const config = (await (await fetch(service!.api)).json()) as { units: { id: string }[] };
    const order = config.units.map((unit) => unit.id);
    const units = ['ba-tri', 'cho-lach'].sort((a, b) => order.indexOf(a) - order.indexOf(b));
    assert.deepEqual(
      results.days,
      units.map((unit) => ({ day: today, unit, choice: 'smartphone', count: 1 })),
    );
    assert.ok(results.quizzes.length > 0);

    const file = await adminFetch(service!.url, path('export.csv'), { cookie });
    assert.equal(file.status, 200);
    assert.equal(file.headers.get('cache-control'), 'no-store', 'the admin guard: results are never cached');
    assert.equal(file.headers.get('content-disposition'), `attachment; filename="${CAMPAIGN}-${today}.csv"`);
    const text = await file.text();
    const rows = csvParseRows(text.replace(/^\uFEFF/, '').replace(/\r\n$/, ''));
    assert.equal(rows.length, 3);
    const names: Record<string, string> = { 'ba-tri': 'Ba Tri', 'cho-lach': 'Chợ Lách' };
    assert.deepEqual(
      rows.slice(1).map((row) => row.slice(0, 3)),
      units.map((unit) => [today, unit, names[unit]]),
    );
  });
});
