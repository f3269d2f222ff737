/**
 * End to end, an open campaign (the sample's policy): a page on another origin than the service (127.0.0.2)
 * shows the counter and the quiz and its pledge reaches the database, with no list of sites to keep. Needs
 * `npm run build` first.
 */
import Database from 'better-sqlite3';
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { test } from 'node:test';
import { endToEnd } from './setup.js';

// Listening on every address, so that 127.0.0.2 (another origin than localhost) reaches the demo pages too.
const e2e = endToEnd({ HOST: '0.0.0.0' });

test('an open campaign: a site the service never heard of shows the widgets, and its pledge is counted', async () => {
  const site = `http://127.0.0.2:${new URL(e2e.base).port}`;
  const page = await e2e.browser.newPage({ viewport: { width: 375, height: 800 } });
  const errors: string[] = [];
  page.on('pageerror', (error) => errors.push(error.message));
  await page.goto(`${site}/demo/hosts/other-origin.html`);
  const submit = page.getByRole('button', { name: 'Gửi cam kết' });
  await submit.waitFor();
  await page.locator('lantoa-quiz-card .progress').waitFor();
  assert.equal(await page.locator('[part="problem"]').count(), 0);
  await page.locator('lantoa-pledge-counter input[type="radio"]').first().check();
  await submit.click();
  await page.locator('lantoa-pledge-counter .notice', { hasText: 'Cảm ơn bạn đã cam kết!' }).waitFor();
  const db = new Database(join(e2e.dataDir, 'pledges.sqlite'), { readonly: true });
  try {
    assert.equal((db.prepare(`SELECT COUNT(*) AS n FROM pledges WHERE unit = 'ba-tri'`).get() as { n: number }).n, 1);
  } finally {
    db.close();
  }
  assert.deepEqual(errors, []);
  await page.close();
});
