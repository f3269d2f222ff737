/**
 * End to end: the campaign console as the service serves it (/admin/, built by `npm run build`), in a real
 * Chromium: the document's headers (strict CSP, no framing, no referrer, not cached; hashed assets immutable),
 * the same document at a deep path, and no CSP violation while the console signs in and shows its pages — Lit's
 * adopted style sheets are constructed, not parsed, so `style-src 'self'` lets them apply (the header's colour is
 * checked), while a style attribute is refused (the listener's control). Account made with `npm run admin`.
 */
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { test } from 'node:test';
import type { Page } from 'playwright-core';
import { CAMPAIGN } from '../server/helpers.js';
import { endToEnd } from './setup.js';

const e2e = endToEnd();
const PASSWORD = 'mật khẩu đủ dài 2026';

function addUser(name: string, role: 'admin' | 'editor' = 'admin') {
  const result = spawnSync(
    process.execPath,
    ['--import', 'tsx', 'scripts/admin.ts', 'add-user', name, '--role', role],
    {
      env: { ...process.env, DATA_DIR: e2e.dataDir },
      input: `${PASSWORD}\n`,
      encoding: 'utf8',
    },
  );
  assert.equal(result.status, 0, result.stderr);
}

/** Every CSP violation and page error, as the page reports them. */
async function watch(page: Page): Promise<string[]> {
  const problems: string[] = [];
  await page.addInitScript(() =>
    document.addEventListener('securitypolicyviolation', (event) =>
      console.error(`CSP violation: ${event.effectiveDirective} ${event.blockedURI}`),
    ),
  );
  page.on('pageerror', (error) => problems.push(`pageerror: ${error.message}`));
  page.on('console', (message) => {
    if (message.type() === 'error' && !/401 \(Unauthorized\)/.test(message.text())) problems.push(message.text());
  });
  return problems;
}

test('the console document: strict CSP, no framing, no referrer, not cached; hashed assets cached for good', async () => {
  for (const path of ['/admin/', '/admin', '/admin/campaigns/x/units']) {
    const response = await fetch(`${e2e.base}${path}`);
    assert.equal(response.status, 200, path);
    const csp = response.headers.get('content-security-policy') ?? '';
    for (const directive of [
      "default-src 'self'",
      "script-src 'self'",
      "style-src 'self'",
      "img-src 'self' data:",
      "connect-src 'self'",
      "frame-ancestors 'none'",
      "base-uri 'none'",
      "form-action 'self'",
    ])
      assert.ok(csp.includes(directive), `${path}: ${directive} in ${csp}`);
    assert.doesNotMatch(csp, /unsafe-inline|unsafe-eval/);
    assert.equal(response.headers.get('x-frame-options'), 'DENY');
    assert.equal(response.headers.get('referrer-policy'), 'no-referrer');
    assert.equal(response.headers.get('cache-control'), 'no-store');
    const body = await response.text();
    assert.match(body, /<lantoa-console>/);
    assert.doesNotMatch(body, /<script(?![^>]*\bsrc=)[^>]*>/, 'no inline script');
    assert.doesNotMatch(body, /\sstyle=/, 'no style attribute');
  }
  const document = await (await fetch(`${e2e.base}/admin/`)).text();
  const script = /src="(\/admin\/assets\/[^"]+\.js)"/.exec(document)?.[1];
  assert.ok(script);
  const asset = await fetch(`${e2e.base}${script}`);
  assert.equal(asset.status, 200);
  assert.equal(asset.headers.get('cache-control'), 'public, max-age=31536000, immutable');
  assert.equal((await fetch(`${e2e.base}/admin/assets/missing-00000000.js`)).status, 404);
});

test('signing in and opening every page violates nothing: adopted style sheets apply under style-src self', async () => {
  addUser('lan');
  const page = await e2e.browser.newPage({ viewport: { width: 1280, height: 900 } });
  const problems = await watch(page);
  await page.goto(`${e2e.base}/admin/`);
  await page.getByRole('heading', { level: 1, name: 'Đăng nhập' }).waitFor();
  // The element's constructed style sheet applied: the header has the brand colour.
  const background = await page.evaluate(
    () =>
      getComputedStyle(document.querySelector('lantoa-console')!.shadowRoot!.querySelector('header')!).backgroundColor,
  );
  assert.equal(background, 'rgb(11, 78, 162)');
  await page.getByLabel('Tên đăng nhập').fill('lan');
  await page.getByLabel('Mật khẩu').fill(PASSWORD);
  await page.getByRole('button', { name: 'Đăng nhập' }).click();
  await page.getByRole('heading', { level: 1, name: 'Chiến dịch' }).waitFor();
  for (const path of ['/admin/audit', '/admin/accounts', '/admin/password']) {
    await page.goto(`${e2e.base}${path}`);
    await page.locator('lantoa-console main h1').waitFor();
  }
  // The real banner previews the messages (its own adopted style sheets), the results draw with chart.js.
  await page.goto(`${e2e.base}/admin/campaigns/${CAMPAIGN}/messages`);
  await page.locator('lantoa-console-messages').getByRole('button', { name: 'Xuất bản' }).waitFor();
  await page.goto(`${e2e.base}/admin/campaigns/${CAMPAIGN}/results`);
  await page.locator('lantoa-console-results h2').waitFor();
  await page.waitForTimeout(1000); // chart.js arrives lazily
  await page.waitForTimeout(300); // a violation report is dispatched as a task of its own
  assert.equal(problems.length, 0, problems.join('\n'));

  // The listener's control: a style attribute is refused and reported.
  await page.evaluate(() => document.body.setAttribute('style', 'color: red'));
  await page.waitForTimeout(300);
  assert.ok(
    problems.some((p) => p.includes('CSP violation: style-src-attr')),
    problems.join('\n'),
  );
  await page.close();
});

test('the campaign office publishes a message and adds a unit in the console: pages already open follow, no reload', async () => {
  addUser('van-phong', 'editor');
  // A district's page (its top bar follows the campaign, refreshing every 20 s) and the province's ranking, open first.
  const district = await e2e.browser.newPage({ viewport: { width: 375, height: 800 } });
  await district.goto(`${e2e.base}/demo/district-ba-tri.html`);
  const bar = district.locator('#lantoa-top [part="base"]');
  await bar.waitFor();
  const province = await e2e.browser.newPage({ viewport: { width: 1280, height: 900 } });
  await province.goto(`${e2e.base}/demo/province.html`);
  const unitRows = province.locator('lantoa-pledge-counter tbody tr:not(.group)');
  await unitRows.first().waitFor();
  const unitsBefore = await unitRows.count();

  const page = await e2e.browser.newPage({ viewport: { width: 1280, height: 900 } });
  const problems = await watch(page);
  await page.goto(`${e2e.base}/admin/campaigns/${CAMPAIGN}/messages`);
  await page.getByLabel('Tên đăng nhập').fill('van-phong');
  await page.getByLabel('Mật khẩu').fill(PASSWORD);
  await page.getByRole('button', { name: 'Đăng nhập' }).click();
  const headline = 'Tháng chuyển đổi số: <b>cài ứng dụng</b> & "dịch vụ công"';
  await page.getByLabel('Tiêu đề (tiếng Việt)').first().fill(headline);
  // The preview is the real banner, in Vietnamese, before anything is published.
  await page.locator('lantoa-console-messages lantoa-banner', { hasText: headline }).first().waitFor();
  await page.getByRole('button', { name: 'Xuất bản' }).click();
  await page.getByText('Đã xuất bản: mọi trang nhúng sẽ hiện thông điệp mới.').waitFor();
  // The open district page shows it at its next refresh, as text: the tags typed are shown as characters.
  await bar.filter({ hasText: headline }).waitFor({ timeout: 45_000 });

  await page.goto(`${e2e.base}/admin/campaigns/${CAMPAIGN}/units`);
  await page.getByLabel('Tên đơn vị mới').fill('Đoàn Khối Doanh nghiệp thử nghiệm');
  await page.getByLabel('Mục tiêu', { exact: true }).last().fill('1000');
  await page.getByRole('button', { name: 'Thêm vào danh sách' }).click();
  await page.getByRole('button', { name: 'Lưu danh sách đơn vị' }).click();
  await page.getByText('Đã lưu danh sách đơn vị.').waitFor();
  // The open ranking has the new unit within seconds (the live stream carries the new config's tag).
  await province.locator('lantoa-pledge-counter tbody tr', { hasText: 'Đoàn Khối Doanh nghiệp thử nghiệm' }).waitFor({
    timeout: 10_000,
  });
  assert.equal(await unitRows.count(), unitsBefore + 1);
  // And it has a page of its own at once.
  const unitPage = await fetch(`${e2e.base}/c/${CAMPAIGN}/doan-khoi-doanh-nghiep-thu-nghiem`);
  assert.equal(unitPage.status, 200);

  // Both changes are in the audit log, under the editor's name.
  await page.goto(`${e2e.base}/admin/audit`);
  await page.locator('lantoa-console main', { hasText: 'campaign.units' }).waitFor();
  await page.locator('lantoa-console main', { hasText: 'campaign.messages' }).waitFor();
  assert.equal(problems.length, 0, problems.join('\n'));
  await Promise.all([district.close(), province.close(), page.close()]);
});

test("leaving the console's document with unsaved settings: the browser asks first (its own words); typed back, it does not", async () => {
  addUser('thu-ky', 'editor');
  const page = await e2e.browser.newPage({ viewport: { width: 375, height: 800 } });
  const settings = `${e2e.base}/admin/campaigns/${CAMPAIGN}/settings`;
  await page.goto(settings);
  await page.getByLabel('Tên đăng nhập').fill('thu-ky');
  await page.getByLabel('Mật khẩu').fill(PASSWORD);
  await page.getByRole('button', { name: 'Đăng nhập' }).click();
  const title = page.getByLabel('Tên chiến dịch (tiếng Anh)');
  await title.click(); // a real click: browsers ask on unload only once the person has used the page
  const saved = await title.inputValue();
  await title.fill(`${saved} – not saved`);

  const dialogs: string[] = [];
  page.on('dialog', (dialog) => {
    dialogs.push(dialog.type());
    void dialog.dismiss(); // "Stay"
  });
  // Another address (as typed in the address bar, a reload or closing the tab): the browser asks; Stay keeps it all.
  // (Playwright's page.close does not show this question in headless Chromium; a navigation does.)
  await assert.rejects(page.goto(`${e2e.base}/c/${CAMPAIGN}`), /ERR_ABORTED/);
  assert.deepEqual(dialogs, ['beforeunload']);
  assert.equal(page.url(), settings);
  assert.equal(await title.inputValue(), `${saved} – not saved`);

  await title.fill(saved);
  await page.goto(`${e2e.base}/c/${CAMPAIGN}`);
  assert.deepEqual(dialogs, ['beforeunload'], 'no second question');
  await page.close();
});
