/**
 * End to end: a unit's public page (/c/:campaign/:unit) as a fanpage visitor opens it on a phone (375 px,
 * Vietnamese), from the real service with the built widgets, in a real Chromium under the page's own strict
 * CSP: the widgets render, the visitor pledges through the form and the row is in the SQLite file, the copy
 * button copies the page's address, nothing violates the CSP, and axe finds nothing; the province page; the
 * poster prints on one A4 sheet and its QR code, decoded from a screenshot, is the unit page's address.
 * Needs `npm run build` first.
 */
import Database from 'better-sqlite3';
import jsQR from 'jsqr';
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { test } from 'node:test';
import { PNG } from 'pngjs';
import { CAMPAIGN } from '../server/helpers.js';
import { axeViolations, endToEnd } from './setup.js';

const e2e = endToEnd();

function pledgeRows(unit: string): number {
  const db = new Database(join(e2e.dataDir, 'pledges.sqlite'), { readonly: true });
  try {
    return (
      db.prepare('SELECT COUNT(*) AS n FROM pledges WHERE campaign = ? AND unit = ?').get(CAMPAIGN, unit) as {
        n: number;
      }
    ).n;
  } finally {
    db.close();
  }
}

test('a visitor on a phone opens Ba Tri’s page, pledges, and the pledge is in the database', async () => {
  const context = await e2e.browser.newContext({
    viewport: { width: 375, height: 740 },
    locale: 'vi-VN',
    hasTouch: true,
    isMobile: true,
  });
  await context.grantPermissions(['clipboard-read', 'clipboard-write'], { origin: e2e.base });
  const page = await context.newPage();
  const problems: string[] = [];
  page.on('pageerror', (error) => problems.push(`pageerror: ${error.message}`));
  await page.addInitScript(() => {
    document.addEventListener('securitypolicyviolation', (event) =>
      console.error(`CSP violation: ${event.effectiveDirective} ${event.blockedURI}`),
    );
  });
  page.on('console', (message) => {
    if (message.type() === 'error') problems.push(message.text());
  });

  const response = await page.goto(`${e2e.base}/c/${CAMPAIGN}/ba-tri`);
  assert.equal(response?.status(), 200);
  assert.match(response?.headers()['content-security-policy'] ?? '', /script-src 'self' 'sha256-/);
  assert.equal(await page.locator('html').getAttribute('lang'), 'vi');
  assert.equal(await page.locator('h1').innerText(), 'Ba Tri');

  const counter = page.locator('lantoa-pledge-counter');
  await counter.locator('legend').waitFor();
  assert.equal(await counter.locator('.figure dt').first().innerText(), 'Cam kết của Ba Tri');
  await page.locator('lantoa-quiz-card [part="choice"]').first().waitFor();

  // Accessibility once everything has rendered, before the pledge changes the form into a thank-you.
  const violations = await axeViolations(page);
  assert.deepEqual(violations, [], JSON.stringify(violations, null, 1));

  const before = pledgeRows('ba-tri');
  await page.getByLabel('Tôi sẽ chuyển từ 2G lên 4G').check();
  await page.getByRole('button', { name: 'Gửi cam kết' }).click();
  await counter.locator('.notice', { hasText: 'Cảm ơn bạn đã cam kết!' }).waitFor();
  assert.equal(pledgeRows('ba-tri'), before + 1);
  assert.equal(await counter.locator('.figure dd').first().innerText(), String(before + 1));

  // Share actions: the copy button (shown by the page's inline script) copies the page's address in Vietnamese.
  await page.getByRole('button', { name: 'Chép liên kết' }).click();
  await page.locator('#share-status', { hasText: 'Đã chép liên kết.' }).waitFor();
  assert.equal(await page.evaluate(() => navigator.clipboard.readText()), `${e2e.base}/c/${CAMPAIGN}/ba-tri?lang=vi`);
  const facebook = await page.getByRole('link', { name: 'Chia sẻ lên Facebook (mở trang mới)' }).getAttribute('href');
  assert.equal(
    facebook,
    `https://www.facebook.com/sharer/sharer.php?u=${encodeURIComponent(`${e2e.base}/c/${CAMPAIGN}/ba-tri?lang=vi`)}`,
  );

  await page.waitForTimeout(300); // a violation report is dispatched as a task of its own
  assert.deepEqual(problems, []);
  await context.close();
});

test('the province page lists every unit and ranks them, in English on request, axe clean', async () => {
  const page = await e2e.browser.newPage({ viewport: { width: 1280, height: 900 } });
  const response = await page.goto(`${e2e.base}/c/${CAMPAIGN}?lang=en`);
  assert.equal(response?.status(), 200);
  await page.locator('lantoa-pledge-counter tbody tr').first().waitFor();
  assert.equal(await page.locator('lantoa-pledge-counter tbody tr').count(), 9);
  assert.equal(await page.locator('ul.units li').count(), 9);
  const violations = await axeViolations(page);
  assert.deepEqual(violations, [], JSON.stringify(violations, null, 1));
  await page.close();
});

test('the poster, printed to PDF and seen on screen, carries a QR code that scans to the unit page', async () => {
  const page = await e2e.browser.newPage({ viewport: { width: 1280, height: 1200 } });
  const response = await page.goto(`${e2e.base}/c/${CAMPAIGN}/ba-tri/poster`);
  assert.equal(response?.status(), 200);
  const pdf = await page.pdf({ format: 'A4', printBackground: true });
  assert.equal(pdf.subarray(0, 5).toString(), '%PDF-');
  // One A4 page: the print style sheet fits the poster on a single sheet.
  assert.equal(pdf.toString('latin1').match(/\/Type\s*\/Page[^s]/g)?.length, 1);
  const shot = PNG.sync.read(await page.locator('.qr').screenshot());
  assert.equal(
    jsQR(new Uint8ClampedArray(shot.data), shot.width, shot.height)?.data,
    `${e2e.base}/c/${CAMPAIGN}/ba-tri`,
  );
  const violations = await axeViolations(page);
  assert.deepEqual(violations, [], JSON.stringify(violations, null, 1));
  await page.close();
});
