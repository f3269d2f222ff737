/**
 * End to end, the hostile hosts a pasted snippet really lands on (demo/hosts/), with the real service and a
 * real Chromium: a CMS that strips type="module" from the snippet's script tag, and a site a listed campaign
 * does not list (another origin than the service). Needs `npm run build` first.
 */
import Database from 'better-sqlite3';
import assert from 'node:assert/strict';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, test } from 'node:test';
import type { Page } from 'playwright-core';
import { ROOT, tempDir } from '../server/helpers.js';
import { endToEnd } from './setup.js';

// The sample campaign, listed: only the sites on its list may use it (the open default would take 127.0.0.2).
const listed = tempDir();
const campaigns = JSON.parse(readFileSync(join(ROOT, 'campaigns/campaigns.json'), 'utf8')) as {
  campaigns: Record<string, unknown>[];
};
campaigns.campaigns[0].embed = 'listed';
writeFileSync(join(listed.path, 'campaigns.json'), JSON.stringify(campaigns));
after(() => listed.remove());
// Listening on every address, so that 127.0.0.2 (another origin than localhost) reaches the demo pages too.
const e2e = endToEnd({ HOST: '0.0.0.0', CAMPAIGNS_FILE: join(listed.path, 'campaigns.json') });
const port = () => new URL(e2e.base).port;

function rows(table: 'pledges' | 'quiz_results'): number {
  const db = new Database(join(e2e.dataDir, 'pledges.sqlite'), { readonly: true });
  try {
    return (db.prepare(`SELECT COUNT(*) AS n FROM ${table}`).get() as { n: number }).n;
  } finally {
    db.close();
  }
}

/** Opens a page, recording the errors it throws and what it writes to the console. */
async function open(
  url: string,
  width = 375,
  onRequest?: (url: string) => void,
): Promise<{ page: Page; errors: string[]; console: string[] }> {
  const page = await e2e.browser.newPage({ viewport: { width, height: 800 } });
  const errors: string[] = [];
  const console: string[] = [];
  page.on('pageerror', (error) => errors.push(error.message));
  page.on('console', (message) => console.push(message.text()));
  if (onRequest) page.on('request', (request) => onRequest(request.url()));
  await page.goto(url);
  return { page, errors, console };
}

test('a CMS strips type="module": banner.js, pledge-counter.js and loader.js run every widget, and a pledge reaches the database', async () => {
  for (const lang of ['vi', 'en']) {
    const scripts: string[] = [];
    const { page, errors } = await open(`${e2e.base}/demo/hosts/stripped-module.html?lang=${lang}`, 375, (url) => {
      if (url.includes('/lantoa/')) scripts.push(url.slice(url.indexOf('/lantoa/') + '/lantoa/'.length));
    });
    // banner.js, run as a classic script, follows the campaign's feed: its first message replaces the headline.
    const firstMessage = lang === 'vi' ? 'Dịch vụ công trực tuyến mức độ 4' : 'Level-4 online public services';
    await page.locator('lantoa-banner', { hasText: firstMessage }).waitFor();
    await page.locator('lantoa-quiz-card .progress').waitFor();
    await page.locator('lantoa-progress-chart table').first().waitFor({ state: 'attached' });
    const submit = lang === 'vi' ? 'Gửi cam kết' : 'Send my pledge';
    await page.getByRole('button', { name: submit }).waitFor();
    if (lang === 'vi') {
      await page.locator('lantoa-pledge-counter input[type="radio"]').first().check();
      await page.getByRole('button', { name: submit }).click();
      await page.locator('lantoa-pledge-counter .notice', { hasText: 'Cảm ơn bạn đã cam kết!' }).waitFor();
      assert.equal(rows('pledges'), 1);
    }
    assert.deepEqual(errors, []);
    // banner.js and pledge-counter.js once each, and none of the loader's chunks of those two (banner-<hash>.js,
    // pledge-counter-<hash>.js): the loader left them to their own files.
    for (const own of ['banner', 'pledge-counter']) {
      assert.equal(scripts.filter((file) => file === `${own}.js`).length, 1, scripts.join(' '));
      assert.deepEqual(
        scripts.filter((file) => file.startsWith(`${own}-`)),
        [],
      );
    }
    await page.close();
  }
});

test('the counter alone, type="module" stripped: pledge-counter.js with its preloaded data, in one file and one round', async () => {
  const before = rows('pledges');
  for (const lang of ['vi', 'en']) {
    const requests: string[] = [];
    const { page, errors } = await open(
      `${e2e.base}/demo/hosts/stripped-module-counter.html?lang=${lang}`,
      375,
      (url) => requests.push(new URL(url).pathname),
    );
    const submit = lang === 'vi' ? 'Gửi cam kết' : 'Send my pledge';
    await page.getByRole('button', { name: submit }).waitFor();
    // The counts are on show (the figure is a number, not the loading state).
    assert.match(await page.locator('lantoa-pledge-counter .figures dd').first().innerText(), /^\d/);
    // The whole counter is one file; the pledge delivery is inside it, not a chunk after it.
    const lantoa = requests.filter((path) => path.startsWith('/lantoa/'));
    assert.deepEqual(lantoa, ['/lantoa/pledge-counter.js'], lantoa.join(' '));
    // The preloaded campaign and counts are what the counter used: each asked for once.
    for (const path of ['/api/v1/campaigns/ben-tre-smartphone', '/api/v1/campaigns/ben-tre-smartphone/counts'])
      assert.equal(requests.filter((p) => p === path).length, 1, `${path}: ${requests.join(' ')}`);
    if (lang === 'vi') {
      await page.locator('lantoa-pledge-counter input[type="radio"]').first().check();
      await page.getByRole('button', { name: submit }).click();
      await page.locator('lantoa-pledge-counter .notice', { hasText: 'Cảm ơn bạn đã cam kết!' }).waitFor();
      assert.equal(rows('pledges'), before + 1);
    }
    assert.deepEqual(errors, []);
    await page.close();
  }
});

test('the chart alone, type="module" stripped: progress-chart.js reads the table and draws it, with no second Lit', async () => {
  for (const lang of ['vi', 'en']) {
    const requests: string[] = [];
    const { page, errors } = await open(`${e2e.base}/demo/hosts/stripped-module-chart.html?lang=${lang}`, 375, (url) =>
      requests.push(new URL(url).pathname),
    );
    // Drawn: the canvas's layer loses its `undrawn` class once chart.js has painted it.
    await page.locator('lantoa-progress-chart .chart:not(.undrawn) canvas').waitFor();
    const legend = await page.locator('lantoa-progress-chart .legend').innerText();
    assert.match(legend, lang === 'vi' ? /Chỉ tiêu/ : /Target/);
    // The widget is one file; chart.js comes as its lazy chunk, which brings no copy of Lit and the core with it.
    const lantoa = requests.filter((path) => path.startsWith('/lantoa/'));
    assert.equal(lantoa[0], '/lantoa/progress-chart.js', lantoa.join(' '));
    assert.match(lantoa.slice(1).join(' '), /^\/lantoa\/progress-chart\.canvas-[\w-]+\.js$/, lantoa.join(' '));
    assert.deepEqual(errors, []);
    await page.close();
  }
});

test('a site the campaign does not list: the counter and the quiz name it and say what the webmaster does; nothing is sent', async () => {
  const site = `http://127.0.0.2:${port()}`;
  const { page, errors, console } = await open(`${site}/demo/hosts/other-origin.html`);
  const counter = page.locator('lantoa-pledge-counter [part="problem"]');
  const quiz = page.locator('lantoa-quiz-card [part="problem"]');
  for (const problem of [counter, quiz]) {
    await problem.waitFor();
    const text = await problem.innerText();
    assert.match(
      text,
      new RegExp(`Trang web này \\(${site.replace(/\./g, '\\.')}\\) chưa được phép dùng tiện ích của chiến dịch`),
    );
    assert.match(text, /đề nghị Ban tổ chức chiến dịch \(Tỉnh đoàn\) thêm địa chỉ/);
    assert.doesNotMatch(text, /Không kết nối được/);
  }
  assert.equal(await page.locator('lantoa-pledge-counter button').count(), 0); // no retry: it cannot help
  // The webmaster's console: one line per thing refused (the campaign, the quiz), each naming this site.
  const lines = console.filter((line) => line.includes(`This site (${site}) is not yet allowed`));
  assert.equal(lines.length, 2, lines.join('\n'));
  assert.deepEqual(errors, []);
  assert.equal(rows('quiz_results'), 0);

  // The same page in English.
  await page.goto(`${site}/demo/hosts/other-origin.html?lang=en`);
  await counter.waitFor();
  assert.match(
    await counter.innerText(),
    /This site \(http:\/\/127\.0\.0\.2:\d+\) is not yet allowed to use the campaign's widgets\. Webmaster: ask the campaign office/,
  );
  await page.close();
});
