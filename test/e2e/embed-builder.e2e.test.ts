/**
 * End to end, the webmaster's path through the embed builder (/embed/): on a phone, by keyboard, they pick
 * their unit, see the real widgets previewed, copy the code with the button, and paste it into their own site
 * on another origin; a visitor there pledges and the pledge is in the SQLite file. The builder is axe clean in
 * both languages. Needs `npm run build` first.
 */
import Database from 'better-sqlite3';
import assert from 'node:assert/strict';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { test } from 'node:test';
import { CAMPAIGN } from '../server/helpers.js';
import { axeViolations, endToEnd } from './setup.js';

const e2e = endToEnd();
/**
 * The district's own site: a web server of its own on another origin than the service (127.0.0.2, not
 * localhost), serving one page with the pasted code.
 */
async function districtSite(html: string): Promise<{ url: string; close: () => Promise<void> }> {
  const server = createServer((_request, response) => {
    response.writeHead(200, { 'content-type': 'text/html; charset=utf-8' });
    response.end(html);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.2', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.2:${port}/tin-tuc`,
    close: () => new Promise((resolve) => server.close(() => resolve())),
  };
}

function pledgeRows(unit: string): number {
  const db = new Database(join(e2e.dataDir, 'pledges.sqlite'), { readonly: true });
  try {
    return (db.prepare('SELECT COUNT(*) AS n FROM pledges WHERE unit = ?').get(unit) as { n: number }).n;
  } finally {
    db.close();
  }
}

test('a webmaster gets the code by keyboard on a phone, pastes it into their site, and a pledge made there is counted', async () => {
  const context = await e2e.browser.newContext({ viewport: { width: 375, height: 740 }, locale: 'vi-VN' });
  await context.grantPermissions(['clipboard-read', 'clipboard-write'], { origin: e2e.base });
  const page = await context.newPage();
  const problems: string[] = [];
  page.on('pageerror', (error) => problems.push(error.message));
  page.on('console', (message) => {
    if (message.type() === 'error') problems.push(message.text());
  });
  await page.goto(`${e2e.base}/embed/`);
  assert.equal(await page.locator('h1').innerText(), 'Lấy mã nhúng tiện ích');

  // Keyboard only: focus the unit list, type the unit's first letters, then submit with Enter.
  await page.locator('#unit').focus();
  await page.keyboard.type('Ba Tri');
  assert.equal(await page.locator('#unit').inputValue(), 'ba-tri');
  await page.getByRole('button', { name: 'Cập nhật mã và xem trước' }).focus();
  await page.keyboard.press('Enter');
  await page.waitForURL(/unit=ba-tri/);

  // The preview is the real counter, with the real service's figures.
  const preview = page.locator('.preview lantoa-pledge-counter');
  await preview.locator('legend').waitFor();
  const violations = await axeViolations(page);
  assert.deepEqual(violations, [], JSON.stringify(violations, null, 1));

  await page.getByRole('button', { name: 'Chép mã' }).click();
  await page.locator('#share-status', { hasText: 'Đã chép mã.' }).waitFor();
  const snippet = await page.evaluate(() => navigator.clipboard.readText());
  assert.equal(snippet, await page.locator('#share-url').inputValue());
  assert.match(snippet, /<lantoa-pledge-counter campaign="ben-tre-smartphone" unit="ba-tri"><\/lantoa-pledge-counter>/);
  assert.ok(
    snippet.endsWith(
      `<script type="module" src="${e2e.base}/lantoa/banner.js"></script>\n<script type="module" src="${e2e.base}/lantoa/pledge-counter.js"></script>`,
    ),
    snippet,
  );
  // The banner's feed and the counter's campaign and counts are named up front, so they come with the code (a round
  // trip less on 2G).
  const feed = `${e2e.base}/api/v1/campaigns/ben-tre-smartphone/feed`;
  const campaignData = [`${e2e.base}/api/v1/campaigns/ben-tre-smartphone`, `${feed.replace(/feed$/, 'counts')}`];
  for (const url of [feed, ...campaignData])
    assert.ok(snippet.includes(`<link rel="preload" as="fetch" crossorigin href="${url}">`), snippet);
  assert.equal(problems.length, 0, problems.join('\n'));

  // The district's site: a page of its own with the code pasted right after <body>.
  const server = await districtSite(
    `<!doctype html><html lang="vi"><head><meta name="viewport" content="width=device-width"><title>Huyện đoàn Ba Tri</title></head><body>\n${snippet}\n<main><h1>Tin tức Huyện đoàn Ba Tri</h1></main></body></html>`,
  );
  const site = await context.newPage();
  site.on('console', (message) => {
    if (message.type() === 'error') problems.push(`site: ${message.text()}`);
  });
  const feedRequests: string[] = [];
  const dataRequests: string[] = [];
  const scriptRequests: string[] = [];
  site.on('request', (request) => {
    if (request.url() === feed) feedRequests.push(request.method());
    if (campaignData.includes(request.url())) dataRequests.push(request.url());
    if (request.url().includes('/lantoa/'))
      scriptRequests.push(new URL(request.url()).pathname.slice('/lantoa/'.length));
  });
  await site.goto(server.url);
  const counter = site.locator('lantoa-pledge-counter');
  await counter.locator('legend').waitFor();
  // From another origin too, the banner takes the preloaded feed: one request, and its first message on show.
  await site.locator('lantoa-banner', { hasText: 'Dịch vụ công trực tuyến mức độ 4' }).waitFor();
  assert.deepEqual(feedRequests, ['GET']);
  // The counter too: its campaign and counts asked for once each, the preloaded answers used.
  assert.deepEqual(dataRequests.sort(), [...campaignData].sort());
  // Each widget is its own one file: no loader, no chunk.
  assert.deepEqual(scriptRequests.sort(), ['banner.js', 'pledge-counter.js']);
  const before = pledgeRows('ba-tri');
  await site.getByLabel('Tôi sẽ chuyển từ 2G lên 4G').check();
  await site.getByRole('button', { name: 'Gửi cam kết' }).click();
  await counter.locator('.notice', { hasText: 'Cảm ơn bạn đã cam kết!' }).waitFor();
  assert.equal(pledgeRows('ba-tri'), before + 1);
  assert.equal(CAMPAIGN, 'ben-tre-smartphone');
  assert.deepEqual(problems, []);
  await context.close();
  await server.close();
});

test('the builder in English at 1280 px, with every widget previewed, is axe clean', async () => {
  const page = await e2e.browser.newPage({ viewport: { width: 1280, height: 900 } });
  await page.goto(`${e2e.base}/embed/?lang=en&step=1&unit=ba-tri&banner=bar&counter=full&chart=on&quiz=on`);
  await page.locator('.preview lantoa-quiz-card [part="choice"]').first().waitFor();
  await page.locator('.preview lantoa-progress-chart table').first().waitFor({ state: 'attached' });
  const violations = await axeViolations(page);
  assert.deepEqual(violations, [], JSON.stringify(violations, null, 1));
  await page.close();
});
