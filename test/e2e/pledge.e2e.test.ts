/**
 * End to end: the real service (built widgets, demo pages, API, SQLite file) and a real Chromium.
 * A visitor opens the Ba Tri district page, pledges, and the row is in the database and the province
 * page, open in another tab, shows the new count without a reload. Needs `npm run build` first.
 */
import Database from 'better-sqlite3';
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { test } from 'node:test';
import type { Page } from 'playwright-core';
import { CAMPAIGN } from '../server/helpers.js';
import { endToEnd } from './setup.js';

const e2e = endToEnd();

function pledgeRows(unit: string, choice: string): number {
  const db = new Database(join(e2e.dataDir, 'pledges.sqlite'), { readonly: true });
  try {
    const row = db
      .prepare('SELECT COUNT(*) AS n FROM pledges WHERE campaign = ? AND unit = ? AND choice = ?')
      .get(CAMPAIGN, unit, choice);
    return (row as { n: number }).n;
  } finally {
    db.close();
  }
}

/** Text of the element matching `selector` inside the first `lantoa-pledge-counter` (Playwright pierces shadow roots). */
const counterText = (page: Page, selector: string) =>
  page.locator(`lantoa-pledge-counter ${selector}`).first().innerText();

test('a visitor pledges on the district page; the database and the open province page both have it', async () => {
  const province = await e2e.browser.newPage();
  await province.goto(`${e2e.base}/demo/province.html`);
  const baTriRow = province.locator('lantoa-pledge-counter tbody tr', { hasText: 'Ba Tri' });
  await baTriRow.waitFor();
  assert.equal((await baTriRow.locator('td').nth(1).innerText()).trim(), '0');

  const district = await e2e.browser.newPage();
  const pageErrors: string[] = [];
  district.on('pageerror', (error) => pageErrors.push(error.message));
  await district.goto(`${e2e.base}/demo/district-ba-tri.html`);
  await district.locator('lantoa-pledge-counter legend').waitFor();
  assert.equal(await counterText(district, '.figure dt'), 'Cam kết của Ba Tri');

  await district.getByLabel('Tôi sẽ chuyển từ 2G lên 4G').check();
  await district.getByRole('button', { name: 'Gửi cam kết' }).click();
  await district.locator('lantoa-pledge-counter .notice', { hasText: 'Cảm ơn bạn đã cam kết!' }).waitFor();

  assert.equal(pledgeRows('ba-tri', 'switch-to-4g'), 1);
  assert.equal(await counterText(district, '.figure dd'), '1');
  // The province tab was not reloaded: the live stream brought the new count.
  await province.waitForFunction(() => {
    const counter = document.querySelector('lantoa-pledge-counter');
    const row = [...(counter?.shadowRoot?.querySelectorAll('tbody tr') ?? [])].find((tr) =>
      tr.textContent?.includes('Ba Tri'),
    );
    return row?.querySelectorAll('td')[1]?.textContent?.trim() === '1';
  });
  assert.equal(await province.locator('lantoa-pledge-counter .figure dd').first().innerText(), '1');

  // The same device does not pledge twice: after a reload the thank-you shows instead of the form.
  await district.reload();
  await district.locator('lantoa-pledge-counter .notice', { hasText: 'Cảm ơn' }).waitFor();
  assert.equal(await district.locator('lantoa-pledge-counter form').count(), 0);
  assert.equal(pledgeRows('ba-tri', 'switch-to-4g'), 1);
  assert.deepEqual(pageErrors, []);
});
