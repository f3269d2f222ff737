/**
 * End to end: the real service (built widgets through the loader, demo pages, API, SQLite file) and a real
 * Chromium. A visitor plays the built-in quiz on the Ba Tri page: only the Vietnamese words are fetched and not
 * the quiz's validation code, the result is one row in the database, and the card shows Ba Tri's participation.
 * Needs `npm run build` first.
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { resultRowsInDatabase } from '../server/helpers.js';
import { endToEnd } from './setup.js';

const e2e = endToEnd();

/** The built-in quiz's right answers (facts and sources: docs/SOURCES.md), in order. */
const RIGHT = [[0], [2], [1], [1], [2], [3], [2], [1], [0, 2], [1], [2], [2]];

test('a visitor plays the quiz on the district page: one result stored, the unit’s participation shown, no quiz schema loaded', async () => {
  const page = await e2e.browser.newPage();
  const pageErrors: string[] = [];
  const scripts: string[] = [];
  page.on('pageerror', (error) => pageErrors.push(error.message));
  page.on('request', (request) => {
    if (request.url().includes('/lantoa/')) scripts.push(new URL(request.url()).pathname.split('/').pop() ?? '');
  });
  await page.goto(`${e2e.base}/demo/district-ba-tri.html`);
  const quiz = page.locator('lantoa-quiz-card');
  await quiz.locator('.progress', { hasText: 'Câu 1/12' }).waitFor();

  for (const [n, choices] of RIGHT.entries()) {
    // The first question is wrong on purpose: 11 of 12.
    for (const choice of n === 0 ? [1] : choices) await quiz.locator('input').nth(choice).check();
    await quiz.getByRole('button', { name: 'Kiểm tra' }).click();
    await quiz.locator('.feedback').waitFor();
    await quiz.locator('#next').click();
  }
  await quiz.locator('.participation', { hasText: 'Ba Tri: 1 lượt tham gia' }).waitFor();
  assert.equal(await quiz.locator('.score').innerText(), 'Bạn trả lời đúng 11/12 câu (92%).');
  assert.equal(await quiz.locator('.participation').innerText(), 'Ba Tri: 1 lượt tham gia · điểm trung bình 92%');
  assert.equal(resultRowsInDatabase(e2e.dataDir), 1);

  assert.ok(
    scripts.some((file) => file.startsWith('quiz-card.vi-')),
    `the Vietnamese words were fetched: ${scripts.join(', ')}`,
  );
  assert.ok(!scripts.some((file) => file.startsWith('quiz-card.en-')), 'the English words were not');
  // (zod itself is on this page for the pledge counter, which validates what the service sends.)
  assert.ok(
    !scripts.some((file) => file.startsWith('quiz-card.schema-')),
    'the built-in quiz needs no validation code',
  );
  assert.deepEqual(pageErrors, []);
});
