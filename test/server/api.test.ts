/** Every endpoint and every error code of the pledge API, over real HTTP against a temporary SQLite file. */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { campaignSchema, countsSchema, pledgeResponseSchema, type Counts } from '../../src/contract/pledge.js';
import {
  ALLOWED_ORIGIN,
  assertError,
  assertRevalidates,
  CAMPAIGN,
  json,
  newKey,
  postPledge,
  startTemp,
  startWithEmbed,
  stopTemp,
  type TestService,
} from './helpers.js';

let service: TestService;

before(async () => (service = await startTemp()));
after(() => stopTemp(service));

describe('reads', () => {
  it('GET /healthz answers ok', async () => {
    const response = await fetch(`${service.url}/healthz`);
    assert.equal(response.status, 200);
    assert.deepEqual(await response.json(), { ok: true });
  });

  it('GET the campaign: public config of the contract, nine 2020 districts and four direct units, no private fields', async () => {
    const response = await fetch(service.api);
    assert.equal(response.status, 200);
    const body = await json(response);
    const campaign = campaignSchema.parse(body);
    assert.equal(campaign.id, CAMPAIGN);
    assert.deepEqual(
      campaign.units.map((unit) => unit.name),
      [
        'TP Bến Tre',
        'Châu Thành',
        'Chợ Lách',
        'Mỏ Cày Nam',
        'Giồng Trôm',
        'Bình Đại',
        'Ba Tri',
        'Thạnh Phú',
        'Mỏ Cày Bắc',
        'Đoàn khối Cơ quan – Doanh nghiệp tỉnh',
        'Đoàn Thanh niên Công an tỉnh',
        'Đoàn trường học trực thuộc',
        'Đoàn tương đương trực thuộc',
      ],
    );
    assert.deepEqual([...new Set(campaign.units.map((unit) => unit.group))], ['Huyện, Thành đoàn', 'Đoàn trực thuộc']);
    assert.ok(campaign.units.some((unit) => unit.id === 'ba-tri'));
    assert.equal(campaign.goalsAreIllustrative, true);
    // The sample says what it is: its period, its place then and now, the year of its unit list.
    assert.deepEqual(campaign.note, {
      vi: 'Giai đoạn 2020–2025, tỉnh Bến Tre (nay thuộc tỉnh Vĩnh Long); đơn vị theo địa giới năm 2020.',
      en: '2020–2025, Bến Tre province (now part of Vĩnh Long province); units as of 2020.',
    });
    assert.deepEqual(
      campaign.choices.map((choice) => choice.label.en),
      ['I use a smartphone', 'I will switch from 2G to 4G', 'I will help a relative get online'],
    );
    for (const key of ['allowedOrigins', 'embed', 'messages', 'version', 'goalsNote'])
      assert.equal(key in body, false, `${key} stays private`);
    const etag = response.headers.get('etag');
    assert.ok(etag);
    const again = await fetch(service.api, { headers: { 'If-None-Match': etag } });
    assert.equal(again.status, 304);
  });

  it('GET counts: every unit and choice, from memory, with ETag, 304 and a short Cache-Control', async () => {
    const response = await fetch(`${service.api}/counts`);
    assert.equal(response.status, 200);
    const counts = countsSchema.parse(await response.json());
    assert.equal(counts.units.length, 13);
    assert.equal(counts.choices.length, 3);
    assert.equal(counts.goal, 165000);
    // The counts name the config they go with: the config's own ETag.
    assert.equal(counts.config, (await fetch(service.api)).headers.get('etag'));
    const etag = await assertRevalidates(`${service.api}/counts`, response);

    assert.equal((await postPledge(service.api, { unit: 'ba-tri', choice: 'smartphone', key: newKey() })).status, 201);
    const changed = await fetch(`${service.api}/counts`, { headers: { 'If-None-Match': etag } });
    assert.equal(changed.status, 200);
    assert.notEqual(changed.headers.get('etag'), etag);
    const after = countsSchema.parse(await changed.json());
    assert.equal(after.total, counts.total + 1);
    assert.equal(
      after.units.find((unit) => unit.id === 'ba-tri')?.count,
      (counts.units.find((unit) => unit.id === 'ba-tri')?.count ?? 0) + 1,
    );
    assert.ok(after.updatedAt && !Number.isNaN(Date.parse(after.updatedAt)));
  });

  it('404 for an unknown campaign (every route) and an unknown path', async () => {
    await assertError(await fetch(`${service.url}/api/v1/campaigns/nowhere`), 404, 'unknown_campaign');
    await assertError(await fetch(`${service.url}/api/v1/campaigns/nowhere/counts`), 404, 'unknown_campaign');
    await assertError(
      await postPledge(`${service.url}/api/v1/campaigns/nowhere`, {
        unit: 'ba-tri',
        choice: 'smartphone',
        key: newKey(),
      }),
      404,
      'unknown_campaign',
    );
    await assertError(await fetch(`${service.url}/api/v1/nothing`), 404, 'not_found');
    await assertError(await fetch(`${service.api}/nothing`), 404, 'not_found');
    await assertError(await fetch(`${service.api}/pledges`), 404, 'not_found');
    await assertError(await fetch(`${service.url}/api/v1/quizzes/chuyen-doi-so-ben-tre`), 404, 'not_found');
    await assertError(await fetch(`${service.url}/api/v1/campaigns/%E0%A4%A/counts`), 404, 'unknown_campaign');
  });

  it("HEAD of a read: the GET's status and headers, no body; a query string is ignored", async () => {
    const head = await fetch(`${service.api}/counts`, { method: 'HEAD' });
    assert.equal(head.status, 200);
    assert.ok(head.headers.get('etag'));
    assert.ok(Number(head.headers.get('content-length')) > 0);
    assert.equal(await head.text(), '');
    const withQuery = await fetch(`${service.api}/counts?cache=bust`);
    assert.equal(withQuery.status, 200);
    assert.equal(withQuery.headers.get('etag'), head.headers.get('etag'));
  });
});

describe('pledges', () => {
  it('201 with the new counts, then 200 with the same counts for the same key', async () => {
    const key = newKey();
    const first = await postPledge(service.api, { unit: 'cho-lach', choice: 'switch-to-4g', key });
    assert.equal(first.status, 201);
    const created = pledgeResponseSchema.parse(await first.json());
    assert.equal(created.created, true);
    const again = await postPledge(service.api, { unit: 'cho-lach', choice: 'switch-to-4g', key });
    assert.equal(again.status, 200);
    const repeated = pledgeResponseSchema.parse(await again.json());
    assert.equal(repeated.created, false);
    assert.equal(repeated.counts.total, created.counts.total);
    // Even with another unit and choice, a counted key is not counted again.
    const changedMind = await postPledge(service.api, { unit: 'ba-tri', choice: 'smartphone', key });
    assert.equal(changedMind.status, 200);
    assert.equal(pledgeResponseSchema.parse(await changedMind.json()).counts.total, created.counts.total);
  });

  it('400 naming the bad field', async () => {
    await assertError(
      await postPledge(service.api, { choice: 'smartphone', key: newKey() }),
      400,
      'invalid_field',
      'unit',
    );
    await assertError(
      await postPledge(service.api, { unit: 'ba-tri', choice: 7, key: newKey() }),
      400,
      'invalid_field',
      'choice',
    );
    await assertError(
      await postPledge(service.api, { unit: 'ba-tri', choice: 'smartphone', key: 'short' }),
      400,
      'invalid_field',
      'key',
    );
    await assertError(
      await postPledge(service.api, { unit: 'ba-tri', choice: 'smartphone', key: 'has spaces and ümlauts 12345' }),
      400,
      'invalid_field',
      'key',
    );
    await assertError(
      await postPledge(service.api, { unit: 'Ba Tri', choice: 'smartphone', key: newKey() }),
      400,
      'invalid_field',
      'unit',
    );
    await assertError(await postPledge(service.api, [1, 2]), 400, 'invalid_field');
  });

  it('400 for malformed JSON and invalid UTF-8, never a 5xx', async () => {
    await assertError(await postPledge(service.api, '{"unit": "ba-tri",'), 400, 'invalid_json');
    await assertError(await postPledge(service.api, ''), 400, 'invalid_json');
    const badUtf8 = await fetch(`${service.api}/pledges`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: new Uint8Array([0x7b, 0xff, 0xfe, 0x7d]),
    });
    await assertError(badUtf8, 400, 'invalid_json');
  });

  it('404 for an unknown unit or choice, naming it', async () => {
    await assertError(
      await postPledge(service.api, { unit: 'cho-gao', choice: 'smartphone', key: newKey() }),
      404,
      'unknown_unit',
      'unit',
    );
    await assertError(
      await postPledge(service.api, { unit: 'ba-tri', choice: 'buy-a-tablet', key: newKey() }),
      404,
      'unknown_choice',
      'choice',
    );
  });

  it('413 over 2 KB, declared or streamed', async () => {
    const big = JSON.stringify({ unit: 'ba-tri', choice: 'smartphone', key: newKey(), padding: 'x'.repeat(3000) });
    await assertError(await postPledge(service.api, big), 413, 'payload_too_large');
    // Chunked, without Content-Length: the limit holds while reading.
    const chunks = new ReadableStream<Uint8Array>({
      start(controller) {
        for (let i = 0; i < 4; i += 1) controller.enqueue(new TextEncoder().encode('x'.repeat(1000)));
        controller.close();
      },
    });
    const streamed = await fetch(`${service.api}/pledges`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: chunks,
      duplex: 'half',
    } as RequestInit);
    await assertError(streamed, 413, 'payload_too_large');
    // Just under the limit is read (and judged on its content).
    const fits = JSON.stringify({ unit: 'ba-tri', choice: 'smartphone', key: newKey(), padding: 'x'.repeat(1900) });
    assert.equal((await postPledge(service.api, fits)).status, 201);
  });

  it('415 when not JSON', async () => {
    const body = JSON.stringify({ unit: 'ba-tri', choice: 'smartphone', key: newKey() });
    await assertError(
      await postPledge(service.api, body, { 'Content-Type': 'text/plain' }),
      415,
      'unsupported_media_type',
    );
    await assertError(
      await postPledge(service.api, body, { 'Content-Type': 'application/x-www-form-urlencoded' }),
      415,
      'unsupported_media_type',
    );
    assert.equal(
      (await postPledge(service.api, body, { 'Content-Type': 'application/json; charset=utf-8' })).status,
      201,
    );
  });
});

describe('origins and CORS: a listed campaign', () => {
  const pledge = () => ({ unit: 'ba-tri', choice: 'smartphone', key: newKey() });
  let listed: TestService;
  before(async () => (listed = await startWithEmbed('listed')));
  after(() => stopTemp(listed));

  it('an allowed origin gets its origin back (and Vary: Origin) on reads and pledges', async () => {
    const read = await fetch(`${listed.api}/counts`, { headers: { Origin: ALLOWED_ORIGIN } });
    assert.equal(read.status, 200);
    assert.equal(read.headers.get('access-control-allow-origin'), ALLOWED_ORIGIN);
    assert.match(read.headers.get('vary') ?? '', /Origin/);
    const posted = await postPledge(listed.api, pledge(), { Origin: 'http://127.0.0.1:8787' });
    assert.equal(posted.status, 201);
    assert.equal(posted.headers.get('access-control-allow-origin'), 'http://127.0.0.1:8787');
  });

  it('403 for an origin not allowed, and nothing is counted', async () => {
    const before = countsSchema.parse(await (await fetch(`${listed.api}/counts`)).json()).total;
    const refused = await postPledge(listed.api, pledge(), { Origin: 'https://evil.example' });
    assert.notEqual(refused.headers.get('access-control-allow-origin'), 'https://evil.example');
    await assertError(refused, 403, 'origin_not_allowed');
    await assertError(
      await fetch(`${listed.api}/counts`, { headers: { Origin: 'https://evil.example' } }),
      403,
      'origin_not_allowed',
    );
    const afterTotal = countsSchema.parse(await (await fetch(`${listed.api}/counts`)).json()).total;
    assert.equal(afterTotal, before);
  });

  it("the service's own pages (same origin) are allowed", async () => {
    const own = new URL(listed.url).origin;
    assert.equal((await postPledge(listed.api, pledge(), { Origin: own })).status, 201);
  });

  it('preflight passes for every origin, so a refused page reads the 403 that says why (not an opaque network error)', async () => {
    const preflight = (origin: string, api = listed.api) =>
      fetch(`${api}/pledges`, {
        method: 'OPTIONS',
        headers: {
          Origin: origin,
          'Access-Control-Request-Method': 'POST',
          'Access-Control-Request-Headers': 'content-type',
        },
      });
    // An unknown campaign too: its page then reads the 404 that says so.
    for (const [origin, api] of [
      [ALLOWED_ORIGIN],
      ['https://evil.example'],
      ['https://evil.example', listed.api.replace(CAMPAIGN, 'no-such-campaign')],
    ]) {
      const answer = await preflight(origin, api);
      assert.equal(answer.status, 204, origin);
      assert.equal(answer.headers.get('access-control-allow-origin'), origin);
      assert.match(answer.headers.get('access-control-allow-methods') ?? '', /POST/);
      assert.match(answer.headers.get('access-control-allow-headers') ?? '', /content-type/i);
      assert.ok(Number(answer.headers.get('access-control-max-age')) >= 600);
    }
    // The request after it is refused, readable from that page, and counts nothing.
    const before = countsSchema.parse(await (await fetch(`${listed.api}/counts`)).json()).total;
    const refused = await postPledge(listed.api, pledge(), { Origin: 'https://evil.example' });
    assert.equal(refused.headers.get('access-control-allow-origin'), '*');
    await assertError(refused, 403, 'origin_not_allowed');
    assert.equal(countsSchema.parse(await (await fetch(`${listed.api}/counts`)).json()).total, before);
  });
});

describe('origins and CORS: an open campaign (the sample)', () => {
  it('any http or https page reads and pledges, its origin echoed; refused pages of a listed campaign are not', async () => {
    for (const origin of ['https://doanthanhnien.example.gov.vn', 'http://127.0.0.2:8080']) {
      const read = await fetch(`${service.api}/counts`, { headers: { Origin: origin } });
      assert.equal(read.status, 200, origin);
      assert.equal(read.headers.get('access-control-allow-origin'), origin);
      assert.match(read.headers.get('vary') ?? '', /Origin/);
      const posted = await postPledge(
        service.api,
        { unit: 'ba-tri', choice: 'smartphone', key: newKey() },
        { Origin: origin },
      );
      assert.equal(posted.status, 201, origin);
      assert.equal(posted.headers.get('access-control-allow-origin'), origin);
    }
  });

  it('a page without an http or https origin (a sandboxed frame, a local file: "null") is refused', async () => {
    await assertError(await fetch(`${service.api}/counts`, { headers: { Origin: 'null' } }), 403, 'origin_not_allowed');
    await assertError(
      await fetch(`${service.api}`, { headers: { Origin: 'chrome-extension://abcdef' } }),
      403,
      'origin_not_allowed',
    );
  });
});

describe('counts stay consistent', () => {
  it('total equals the sum over units and over choices', async () => {
    const counts: Counts = countsSchema.parse(await (await fetch(`${service.api}/counts`)).json());
    assert.ok(counts.total > 0);
    assert.equal(
      counts.units.reduce((sum, unit) => sum + unit.count, 0),
      counts.total,
    );
    assert.equal(
      counts.choices.reduce((sum, choice) => sum + choice.count, 0),
      counts.total,
    );
  });
});
