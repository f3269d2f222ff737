/**
 * Quiz results and statistics over real HTTP against a temporary SQLite file: both endpoints, every
 * error code, exactly-once per key (repeated and concurrent), the statistics' arithmetic, a restart.
 */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { countsSchema } from '../../src/contract/pledge.js';
import { quizResultResponseSchema, quizStatsSchema, type QuizStats } from '../../src/contract/quiz.js';
import {
  ALLOWED_ORIGIN,
  assertError,
  assertRevalidates,
  newKey,
  postPledge,
  postResult,
  QUIZ,
  resultRowsInDatabase,
  start,
  startTemp,
  startWithEmbed,
  stopTemp,
  tempDir,
  type TestService,
} from './helpers.js';

let service: TestService;

before(async () => (service = await startTemp()));
after(() => stopTemp(service));

/** The sample campaign's units, as the stats name them (campaigns/campaigns.json). */
const UNITS: [id: string, name: string][] = [
  ['tp-ben-tre', 'TP Bến Tre'],
  ['chau-thanh', 'Châu Thành'],
  ['cho-lach', 'Chợ Lách'],
  ['mo-cay-nam', 'Mỏ Cày Nam'],
  ['giong-trom', 'Giồng Trôm'],
  ['binh-dai', 'Bình Đại'],
  ['ba-tri', 'Ba Tri'],
  ['thanh-phu', 'Thạnh Phú'],
  ['mo-cay-bac', 'Mỏ Cày Bắc'],
  ['doan-khoi-co-quan-doanh-nghiep', 'Đoàn khối Cơ quan – Doanh nghiệp tỉnh'],
  ['doan-thanh-nien-cong-an', 'Đoàn Thanh niên Công an tỉnh'],
  ['doan-truong-hoc-truc-thuoc', 'Đoàn trường học trực thuộc'],
  ['doan-tuong-duong-truc-thuoc', 'Đoàn tương đương trực thuộc'],
];

async function stats(quizApi = service.quizApi): Promise<QuizStats> {
  const response = await fetch(`${quizApi}/stats`);
  assert.equal(response.status, 200);
  return quizStatsSchema.parse(await response.json());
}

const unitOf = (value: QuizStats, id: string) => value.units.find((unit) => unit.id === id);

describe('quiz results', () => {
  it('GET stats before any result: every unit of the campaign at zero, with ETag, 304 and a short Cache-Control', async () => {
    const response = await fetch(`${service.quizApi}/stats`);
    assert.equal(response.status, 200);
    const value = quizStatsSchema.parse(await response.json());
    assert.deepEqual(value, {
      quiz: QUIZ,
      campaign: 'ben-tre-smartphone',
      participants: 0,
      averageScore: 0,
      units: UNITS.map(([id, name]) => ({ id, name, participants: 0, averageScore: 0 })),
      updatedAt: null,
    });
    await assertRevalidates(`${service.quizApi}/stats`, response);
  });

  it('201 with the stats for a new key, 200 with the same stats for the same key (even with another score)', async () => {
    const key = newKey();
    const first = await postResult(service.quizApi, { unit: 'ba-tri', score: 4, total: 5, key });
    assert.equal(first.status, 201);
    assert.equal(first.headers.get('cache-control'), 'no-store');
    const created = quizResultResponseSchema.parse(await first.json());
    assert.equal(created.created, true);
    assert.equal(created.stats.participants, 1);
    assert.equal(unitOf(created.stats, 'ba-tri')?.averageScore, 0.8);
    assert.ok(created.stats.updatedAt && !Number.isNaN(Date.parse(created.stats.updatedAt)));

    const again = await postResult(service.quizApi, { unit: 'binh-dai', score: 0, total: 5, key });
    assert.equal(again.status, 200);
    const repeated = quizResultResponseSchema.parse(await again.json());
    assert.equal(repeated.created, false);
    assert.deepEqual(repeated.stats, created.stats);
    assert.equal(resultRowsInDatabase(service.dataDir), 1);
  });

  it('statistics: participants and the mean of score/total, per unit and in all', async () => {
    const before = await stats();
    // Ba Tri already has 4/5. Add 1/2 and 3/3 there, 2/8 in Chợ Lách: Ba Tri (0.8 + 0.5 + 1) / 3,
    // Chợ Lách 0.25, all (0.8 + 0.5 + 1 + 0.25) / 4.
    for (const [unit, score, total] of [
      ['ba-tri', 1, 2],
      ['ba-tri', 3, 3],
      ['cho-lach', 2, 8],
    ] as const) {
      assert.equal((await postResult(service.quizApi, { unit, score, total, key: newKey() })).status, 201);
    }
    const after = await stats();
    assert.equal(before.participants, 1);
    assert.equal(after.participants, 4);
    assert.deepEqual(unitOf(after, 'ba-tri'), { id: 'ba-tri', name: 'Ba Tri', participants: 3, averageScore: 0.7667 });
    assert.deepEqual(unitOf(after, 'cho-lach'), {
      id: 'cho-lach',
      name: 'Chợ Lách',
      participants: 1,
      averageScore: 0.25,
    });
    assert.deepEqual(unitOf(after, 'thanh-phu'), {
      id: 'thanh-phu',
      name: 'Thạnh Phú',
      participants: 0,
      averageScore: 0,
    });
    assert.equal(after.averageScore, 0.6375);
    assert.equal(
      after.units.reduce((sum, unit) => sum + unit.participants, 0),
      after.participants,
    );
    // Quiz results are not pledges: the campaign's counts did not move.
    assert.equal(countsSchema.parse(await (await fetch(`${service.api}/counts`)).json()).total, 0);
  });

  it("the same key posted 25 times at once is counted once; a pledge may reuse a result's key", async () => {
    const before = (await stats()).participants;
    const key = newKey();
    const responses = await Promise.all(
      Array.from({ length: 25 }, () => postResult(service.quizApi, { unit: 'thanh-phu', score: 2, total: 2, key })),
    );
    assert.deepEqual(responses.map((response) => response.status).sort(), [...Array<number>(24).fill(200), 201]);
    const bodies = await Promise.all(
      responses.map(async (response) => quizResultResponseSchema.parse(await response.json())),
    );
    assert.equal(bodies.filter((body) => body.created).length, 1);
    assert.equal((await stats()).participants, before + 1);
    assert.equal(resultRowsInDatabase(service.dataDir), before + 1);
    // Keys are counted per scope: the same key as a pledge is a new pledge.
    assert.equal((await postPledge(service.api, { unit: 'thanh-phu', choice: 'smartphone', key })).status, 201);
  });
});

describe('quiz errors', () => {
  const result = (fields: Record<string, unknown> = {}) => ({
    unit: 'ba-tri',
    score: 3,
    total: 5,
    key: newKey(),
    ...fields,
  });

  it('400 naming the bad field, a score over the total on `score`', async () => {
    await assertError(
      await postResult(service.quizApi, { score: 1, total: 2, key: newKey() }),
      400,
      'invalid_field',
      'unit',
    );
    await assertError(await postResult(service.quizApi, result({ score: 6 })), 400, 'invalid_field', 'score');
    await assertError(await postResult(service.quizApi, result({ score: -1 })), 400, 'invalid_field', 'score');
    await assertError(await postResult(service.quizApi, result({ score: 2.5 })), 400, 'invalid_field', 'score');
    await assertError(await postResult(service.quizApi, result({ score: '3' })), 400, 'invalid_field', 'score');
    await assertError(await postResult(service.quizApi, result({ score: 0, total: 0 })), 400, 'invalid_field', 'total');
    await assertError(await postResult(service.quizApi, result({ total: 101 })), 400, 'invalid_field', 'total');
    await assertError(await postResult(service.quizApi, result({ key: 'short' })), 400, 'invalid_field', 'key');
    await assertError(await postResult(service.quizApi, 'null'), 400, 'invalid_field');
    assert.equal((await postResult(service.quizApi, result({ score: 100, total: 100 }))).status, 201);
  });

  it('400 for malformed JSON, 413 over 2 KB, 415 when not JSON', async () => {
    await assertError(await postResult(service.quizApi, '{"unit": '), 400, 'invalid_json');
    await assertError(
      await postResult(service.quizApi, JSON.stringify(result({ padding: 'x'.repeat(3000) }))),
      413,
      'payload_too_large',
    );
    await assertError(
      await postResult(service.quizApi, JSON.stringify(result()), { 'Content-Type': 'text/plain' }),
      415,
      'unsupported_media_type',
    );
  });

  it('404 for an unknown quiz (both routes) and an unknown unit, naming it', async () => {
    const nowhere = `${service.url}/api/v1/quizzes/no-such-quiz`;
    await assertError(await postResult(nowhere, result()), 404, 'unknown_quiz');
    await assertError(await fetch(`${nowhere}/stats`), 404, 'unknown_quiz');
    await assertError(await postResult(service.quizApi, result({ unit: 'cho-gao' })), 404, 'unknown_unit', 'unit');
  });

  it('403 for an origin a listed campaign does not allow (nothing stored); an allowed origin gets CORS', async () => {
    const listed = await startWithEmbed('listed');
    try {
      await refusesForeignOrigins(listed);
    } finally {
      await stopTemp(listed);
    }
  });

  it('an open campaign (the sample) takes results from any http or https page', async () => {
    const origin = 'https://doanthanhnien.example.gov.vn';
    const posted = await postResult(service.quizApi, result(), { Origin: origin });
    assert.equal(posted.status, 201);
    assert.equal(posted.headers.get('access-control-allow-origin'), origin);
  });

  async function refusesForeignOrigins(service: TestService) {
    const rows = resultRowsInDatabase(service.dataDir);
    const refused = await postResult(service.quizApi, result(), { Origin: 'https://evil.example' });
    assert.notEqual(refused.headers.get('access-control-allow-origin'), 'https://evil.example');
    await assertError(refused, 403, 'origin_not_allowed');
    await assertError(
      await fetch(`${service.quizApi}/stats`, { headers: { Origin: 'https://evil.example' } }),
      403,
      'origin_not_allowed',
    );
    assert.equal(resultRowsInDatabase(service.dataDir), rows);
    const allowed = await postResult(service.quizApi, result(), { Origin: ALLOWED_ORIGIN });
    assert.equal(allowed.status, 201);
    assert.equal(allowed.headers.get('access-control-allow-origin'), ALLOWED_ORIGIN);
    const read = await fetch(`${service.quizApi}/stats`, { headers: { Origin: ALLOWED_ORIGIN } });
    assert.equal(read.headers.get('access-control-allow-origin'), ALLOWED_ORIGIN);
    const preflight = await fetch(`${service.quizApi}/results`, {
      method: 'OPTIONS',
      headers: { Origin: ALLOWED_ORIGIN, 'Access-Control-Request-Method': 'POST' },
    });
    assert.equal(preflight.status, 204);
    assert.match(preflight.headers.get('access-control-allow-methods') ?? '', /POST/);
  }

  it('429 with Retry-After past the rate, in the same bucket as pledges', async () => {
    const limited = tempDir();
    const small = await start(limited.path, { pledgeRate: { perMinute: 6, burst: 2 } });
    try {
      assert.equal((await postPledge(small.api, { unit: 'ba-tri', choice: 'smartphone', key: newKey() })).status, 201);
      assert.equal((await postResult(small.quizApi, result())).status, 201);
      const refused = await postResult(small.quizApi, result());
      const retryAfter = Number(refused.headers.get('retry-after'));
      assert.ok(retryAfter >= 1 && retryAfter <= 10, `Retry-After ${retryAfter}`);
      await assertError(refused, 429, 'rate_limited');
      assert.equal(resultRowsInDatabase(small.dataDir), 1);
    } finally {
      await small.close();
      limited.remove();
    }
  });
});

describe('quiz durability', () => {
  it('results and their statistics survive a restart; a retried key is still not counted', async () => {
    const data = tempDir();
    try {
      const first = await start(data.path);
      const key = newKey();
      // Thirds do not add up exactly in binary: the restart must still give the very same averages.
      for (const [unit, score, total, k] of [
        ['ba-tri', 1, 3, key],
        ['ba-tri', 2, 3, newKey()],
        ['ba-tri', 1, 3, newKey()],
        ['binh-dai', 7, 9, newKey()],
      ] as const) {
        assert.equal((await postResult(first.quizApi, { unit, score, total, key: k })).status, 201);
      }
      const before = await stats(first.quizApi);
      await first.close();

      const second = await start(data.path);
      try {
        assert.deepEqual(await stats(second.quizApi), before);
        assert.equal(before.participants, 4);
        assert.equal(unitOf(before, 'ba-tri')?.averageScore, 0.4444);
        const retry = await postResult(second.quizApi, { unit: 'ba-tri', score: 1, total: 3, key });
        assert.equal(retry.status, 200);
        assert.equal(quizResultResponseSchema.parse(await retry.json()).stats.participants, 4);
      } finally {
        await second.close();
      }
    } finally {
      data.remove();
    }
  });
});
