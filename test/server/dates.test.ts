/**
 * Campaign dates: pledges and quiz results are taken from startDate to endDate, both days included,
 * in Vietnam time; outside them a 409 JSON error says which side (`campaign_not_started`,
 * `campaign_closed`), while counts and stats stay readable.
 */
import assert from 'node:assert/strict';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { campaignPhase, vietnamDay } from '../../src/contract/campaign-dates.js';
import {
  assertError,
  newKey,
  postPledge,
  postResult,
  ROOT,
  startTemp,
  stopTemp,
  tempDir,
  type TestService,
} from './helpers.js';

const DAY_MS = 24 * 60 * 60 * 1000;

describe('campaign days in Vietnam time', () => {
  it('a day in Vietnam starts at 17:00 UTC the day before', () => {
    assert.equal(vietnamDay(Date.UTC(2026, 11, 31, 16, 59, 59, 999)), '2026-12-31');
    assert.equal(vietnamDay(Date.UTC(2026, 11, 31, 17, 0, 0)), '2027-01-01');
    assert.equal(vietnamDay(Date.UTC(2026, 0, 1, 0, 0, 0)), '2026-01-01');
  });

  it('startDate and endDate are both open, in full', () => {
    const campaign = { startDate: '2026-01-01', endDate: '2026-12-31' };
    assert.equal(campaignPhase(campaign, '2025-12-31'), 'not-started');
    assert.equal(campaignPhase(campaign, '2026-01-01'), 'open');
    assert.equal(campaignPhase(campaign, '2026-12-31'), 'open');
    assert.equal(campaignPhase(campaign, '2027-01-01'), 'closed');
    // The last second of endDate in Vietnam is still open; the next one is not.
    assert.equal(campaignPhase(campaign, vietnamDay(Date.UTC(2026, 11, 31, 16, 59, 59))), 'open');
    assert.equal(campaignPhase(campaign, vietnamDay(Date.UTC(2026, 11, 31, 17, 0, 0))), 'closed');
  });
});

describe('dates over HTTP', () => {
  const dir = tempDir();
  let service: TestService;
  const today = vietnamDay(Date.now());
  const yesterday = vietnamDay(Date.now() - DAY_MS);
  const tomorrow = vietnamDay(Date.now() + DAY_MS);
  const campaigns = {
    // Ends today: still open (endDate inclusive).
    'ends-today': { startDate: '2020-10-15', endDate: today },
    closed: { startDate: '2020-10-15', endDate: yesterday },
    'not-started': { startDate: tomorrow, endDate: '2099-12-31' },
  };

  before(async () => {
    const fixture = JSON.parse(readFileSync(join(ROOT, 'test/fixtures/campaigns.test.json'), 'utf8')) as {
      campaigns: Record<string, unknown>[];
    };
    const base = fixture.campaigns[0];
    const file = {
      campaigns: Object.entries(campaigns).map(([id, dates]) => ({
        ...base,
        ...dates,
        id,
        quizzes: [{ id: `${id}-quiz`, title: { vi: 'Câu đố', en: 'Quiz' } }],
      })),
    };
    const campaignsFile = join(dir.path, 'campaigns.json');
    writeFileSync(campaignsFile, JSON.stringify(file));
    service = await startTemp({ campaignsFile });
  });
  after(async () => {
    await stopTemp(service);
    dir.remove();
  });

  const pledge = () => ({ unit: 'ba-tri', choice: 'smartphone', key: newKey() });
  const result = () => ({ unit: 'ba-tri', score: 1, total: 2, key: newKey() });
  const api = (campaign: string) => `${service.url}/api/v1/campaigns/${campaign}`;
  const quizApi = (campaign: string) => `${service.url}/api/v1/quizzes/${campaign}-quiz`;

  it('the last day of a campaign still takes pledges and results', async () => {
    assert.equal((await postPledge(api('ends-today'), pledge())).status, 201);
    assert.equal((await postResult(quizApi('ends-today'), result())).status, 201);
  });

  it('409 campaign_closed after the end date, for pledges and quiz results; nothing counted, still readable', async () => {
    await assertError(await postPledge(api('closed'), pledge()), 409, 'campaign_closed');
    await assertError(await postResult(quizApi('closed'), result()), 409, 'campaign_closed');
    const counts = await fetch(`${api('closed')}/counts`);
    assert.equal(counts.status, 200);
    assert.equal(((await counts.json()) as { total: number }).total, 0);
    const stats = await fetch(`${quizApi('closed')}/stats`);
    assert.equal(stats.status, 200);
    assert.equal(((await stats.json()) as { participants: number }).participants, 0);
  });

  it('409 campaign_not_started before the start date, with the date in the message', async () => {
    const early = await postPledge(api('not-started'), pledge());
    const body = (await early.clone().json()) as { error: { message: string } };
    assert.ok(body.error.message.includes(tomorrow), body.error.message);
    await assertError(early, 409, 'campaign_not_started');
    await assertError(await postResult(quizApi('not-started'), result()), 409, 'campaign_not_started');
  });
});
