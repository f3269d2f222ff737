/**
 * The console's campaign routes (`/api/v1/admin/campaigns…`) over real HTTP with a real sign-in: each route
 * without a session (401) and from a foreign Origin (403), bodies checked by the contract (400 naming the
 * field), versions (409 edit_conflict), units with pledges (409 in_use), every change in the audit log with
 * the changed part before and after, and the change live on the public API at once.
 */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import {
  auditResponseSchema,
  campaignDocSchema,
  campaignListResponseSchema,
  type CampaignDoc,
} from '../../src/contract/admin.js';
import { campaignSchema, countsSchema } from '../../src/contract/pledge.js';
import { adminFetch, createUser, signIn } from './admin-helpers.js';
import { assertError, CAMPAIGN, newKey, postPledge, startTemp, stopTemp, type TestService } from './helpers.js';

let service: TestService;
let cookie: string;

before(async () => {
  service = await startTemp();
  await createUser(service.dataDir, 'mai', 'editor');
  cookie = await signIn(service.url, 'mai');
});
after(() => stopTemp(service));

const path = `/campaigns/${CAMPAIGN}`;
const current = async (): Promise<CampaignDoc> =>
  campaignDocSchema.parse(await (await adminFetch(service.url, path, { cookie })).json());

/** The newest audit rows (newest first). */
async function audit(limit = 1) {
  const response = await adminFetch(service.url, `/audit?limit=${limit}`, { cookie });
  return auditResponseSchema.parse(await response.json()).entries;
}

const ROUTES = [
  { method: 'GET', path: '/campaigns' },
  { method: 'GET', path },
  { method: 'PATCH', path, body: { version: 1, goal: 1 } },
  { method: 'PUT', path: `${path}/messages`, body: { version: 1, messages: [] } },
  { method: 'PUT', path: `${path}/units`, body: { version: 1, units: [{ id: 'a', name: 'A', goal: 1 }] } },
  { method: 'POST', path: `${path}/sites`, body: { version: 1, origin: 'https://a.example' } },
];

describe('guarded', () => {
  it('every campaign route answers 401 without a session, and every change 403 from a foreign Origin', async () => {
    const version = (await current()).version;
    for (const route of ROUTES) {
      await assertError(
        await adminFetch(service.url, route.path, { method: route.method, body: route.body }),
        401,
        'unauthenticated',
      );
      if (route.method === 'GET') continue;
      await assertError(
        await adminFetch(service.url, route.path, {
          method: route.method,
          body: route.body,
          cookie,
          origin: 'https://evil.example',
        }),
        403,
        'bad_origin',
      );
    }
    assert.equal((await current()).version, version, 'nothing changed');
  });
});

describe('reading', () => {
  it('GET /campaigns lists each campaign with its totals; GET /campaigns/:c is the whole document', async () => {
    assert.equal((await postPledge(service.api, { unit: 'ba-tri', choice: 'smartphone', key: newKey() })).status, 201);
    const list = campaignListResponseSchema.parse(
      await (await adminFetch(service.url, '/campaigns', { cookie })).json(),
    );
    const line = list.campaigns.find((campaign) => campaign.id === CAMPAIGN);
    assert.ok(line);
    assert.equal(line.units, 13);
    assert.equal(line.total, 1);
    assert.equal(line.embed, 'open');
    const doc = await current();
    assert.equal(doc.messages.length, 3);
    assert.ok(doc.allowedOrigins.includes('http://localhost:8787'));
    await assertError(await adminFetch(service.url, '/campaigns/nowhere', { cookie }), 404, 'unknown_campaign');
  });
});

describe('editing', () => {
  it('PATCH settings: only the named keys change, the public config follows at once, the audit row has them before and after', async () => {
    const before = await current();
    const oldTag = (await fetch(service.api)).headers.get('etag');
    const response = await adminFetch(service.url, path, {
      method: 'PATCH',
      cookie,
      body: { version: before.version, title: { vi: 'Tiêu đề mới', en: 'New title' }, embed: 'listed' },
    });
    assert.equal(response.status, 200);
    const after = campaignDocSchema.parse(await response.json());
    assert.equal(after.version, before.version + 1);
    assert.equal(after.embed, 'listed');
    assert.deepEqual(after.units, before.units);
    const config = await fetch(service.api);
    assert.notEqual(config.headers.get('etag'), oldTag);
    assert.equal(campaignSchema.parse(await config.json()).title.en, 'New title');
    // Listed now: a site not on the list is refused.
    await assertError(
      await fetch(`${service.api}/counts`, { headers: { Origin: 'https://xa.example.gov.vn' } }),
      403,
      'origin_not_allowed',
    );
    const [row] = await audit();
    assert.equal(row.user, 'mai');
    assert.equal(row.action, 'campaign.settings');
    assert.equal(row.target, CAMPAIGN);
    assert.deepEqual(row.before, { title: before.title, embed: 'open' });
    assert.deepEqual(row.after, { title: { vi: 'Tiêu đề mới', en: 'New title' }, embed: 'listed' });
  });

  it('PATCH settings with null clears an optional text: gone from the document, the store and the public config; audited as null', async () => {
    const before = await current();
    assert.ok(before.description && before.note, 'the sample campaign has both texts');
    const response = await adminFetch(service.url, path, {
      method: 'PATCH',
      cookie,
      // The console sends the whole form: a text it names unchanged (the title) is neither written nor audited.
      body: { version: before.version, title: before.title, description: null },
    });
    assert.equal(response.status, 200, await response.clone().text());
    const after = campaignDocSchema.parse(await response.json());
    assert.equal('description' in after, false);
    assert.deepEqual(after.note, before.note, 'a text not named stays');
    // Read back from the service (the registry) and as widgets read it.
    assert.equal('description' in (await current()), false);
    assert.equal('description' in campaignSchema.parse(await (await fetch(service.api)).json()), false);
    const [row] = await audit();
    assert.equal(row.action, 'campaign.settings');
    assert.deepEqual(row.before, { description: before.description });
    assert.deepEqual(row.after, { description: null });

    // The note too, in the same way; clearing what is already absent changes nothing (no new version, no row).
    const cleared = await adminFetch(service.url, path, {
      method: 'PATCH',
      cookie,
      body: { version: after.version, note: null },
    });
    const none = campaignDocSchema.parse(await cleared.json());
    assert.equal('note' in none, false);
    const again = await adminFetch(service.url, path, {
      method: 'PATCH',
      cookie,
      body: { version: none.version, description: null, note: null },
    });
    assert.equal(campaignDocSchema.parse(await again.json()).version, none.version);
    assert.equal((await audit())[0].action, 'campaign.settings');
    assert.deepEqual((await audit())[0].after, { note: null });
  });

  it('a stale version: 409 edit_conflict, nothing changes; a bad body: 400 naming the field', async () => {
    const doc = await current();
    await assertError(
      await adminFetch(service.url, path, { method: 'PATCH', cookie, body: { version: doc.version - 1, goal: 5 } }),
      409,
      'edit_conflict',
      'version',
    );
    await assertError(
      await adminFetch(service.url, path, { method: 'PATCH', cookie, body: { version: doc.version, goal: -5 } }),
      400,
      'invalid_field',
      'goal',
    );
    await assertError(
      await adminFetch(service.url, path, {
        method: 'PATCH',
        cookie,
        body: { version: doc.version, endDate: '2001-01-01' },
      }),
      400,
      'invalid_field',
      'endDate',
    );
    await assertError(
      await adminFetch(service.url, `${path}/units`, {
        method: 'PUT',
        cookie,
        body: { version: doc.version, units: [{ id: 'Ba Tri', name: 'Ba Tri', goal: 1 }] },
      }),
      400,
      'invalid_field',
      'units.0.id',
    );
    assert.equal((await current()).version, doc.version);
  });

  it('PUT units: a new unit is counted at once; leaving out a unit with pledges is 409 in_use; retiring it is fine', async () => {
    const doc = await current();
    const units = [...doc.units, { id: 'xa-moi', name: 'Xã Mới', goal: 300, group: 'Đoàn trực thuộc' }];
    const added = await adminFetch(service.url, `${path}/units`, {
      method: 'PUT',
      cookie,
      body: { version: doc.version, units },
    });
    assert.equal(added.status, 200);
    const counts = countsSchema.parse(await (await fetch(`${service.api}/counts`)).json());
    assert.deepEqual(counts.units.at(-1), { id: 'xa-moi', count: 0, goal: 300 });
    const [row] = await audit();
    assert.equal(row.action, 'campaign.units');
    assert.deepEqual(row.before, { units: doc.units });
    assert.deepEqual(row.after, { units });

    const version = doc.version + 1;
    await assertError(
      await adminFetch(service.url, `${path}/units`, {
        method: 'PUT',
        cookie,
        body: { version, units: units.filter((unit) => unit.id !== 'ba-tri') },
      }),
      409,
      'in_use',
      'units',
    );
    const retired = units.map((unit) => (unit.id === 'ba-tri' ? { ...unit, retired: true } : unit));
    const response = await adminFetch(service.url, `${path}/units`, {
      method: 'PUT',
      cookie,
      body: { version, units: retired },
    });
    assert.equal(response.status, 200);
    await assertError(
      await postPledge(service.api, { unit: 'ba-tri', choice: 'smartphone', key: newKey() }),
      409,
      'unit_retired',
      'unit',
    );
  });

  it('PUT messages: the feed serves them at once; the audit row has the messages before and after', async () => {
    const doc = await current();
    const messages = [
      {
        id: 'ngay-cds',
        headline: { vi: 'Ngày Chuyển đổi số quốc gia 10/10', en: 'National Digital Transformation Day, 10 October' },
        countdownTo: '2027-10-10T00:00:00+07:00',
      },
    ];
    const response = await adminFetch(service.url, `${path}/messages`, {
      method: 'PUT',
      cookie,
      body: { version: doc.version, messages },
    });
    assert.equal(response.status, 200);
    assert.deepEqual(await (await fetch(`${service.api}/feed`)).json(), { messages });
    const [row] = await audit();
    assert.equal(row.action, 'campaign.messages');
    assert.deepEqual(row.before, { messages: doc.messages });
    assert.deepEqual(row.after, { messages });
  });

  it('POST sites: adds an origin to the list (that site may then pledge); adding it again changes nothing', async () => {
    const doc = await current();
    assert.equal(doc.embed, 'listed');
    const site = 'https://xa.example.gov.vn';
    const response = await adminFetch(service.url, `${path}/sites`, {
      method: 'POST',
      cookie,
      body: { version: doc.version, origin: site },
    });
    assert.equal(response.status, 200);
    const after = campaignDocSchema.parse(await response.json());
    assert.deepEqual(after.allowedOrigins, [...doc.allowedOrigins, site]);
    const read = await fetch(`${service.api}/counts`, { headers: { Origin: site } });
    assert.equal(read.status, 200);
    assert.equal(read.headers.get('access-control-allow-origin'), site);
    const [row] = await audit();
    assert.equal(row.action, 'site.add');
    assert.deepEqual(row.before, { allowedOrigins: doc.allowedOrigins });
    assert.deepEqual(row.after, { allowedOrigins: after.allowedOrigins });

    const again = await adminFetch(service.url, `${path}/sites`, {
      method: 'POST',
      cookie,
      body: { version: after.version, origin: site },
    });
    assert.equal(campaignDocSchema.parse(await again.json()).version, after.version);
    assert.equal((await audit())[0].id, row.id, 'no audit row for no change');
    await assertError(
      await adminFetch(service.url, `${path}/sites`, {
        method: 'POST',
        cookie,
        body: { version: after.version, origin: 'https://xa.example.gov.vn/trang' },
      }),
      400,
      'invalid_field',
      'origin',
    );
  });
});
