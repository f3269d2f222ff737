/**
 * The sources travel with the code: every source link the built-in quiz shows is listed in docs/SOURCES.md
 * (with its title, publisher and date), and every built-in question has its row there. Fails when a
 * question's link changes without the list.
 */
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { test } from 'node:test';
import { pack as en } from '../../src/widgets/quiz-card/quiz-card.en.js';
import { pack as vi } from '../../src/widgets/quiz-card/quiz-card.vi.js';
import { defaultQuiz } from '../../src/widgets/quiz-card/quiz-default.js';

const SOURCES = readFileSync(new URL('../../docs/SOURCES.md', import.meta.url), 'utf8');
/** The addresses of the list of sources: the `<https://…>` links of the table under "The sources". */
const listed = new Set(
  [...SOURCES.slice(SOURCES.indexOf('## The sources')).matchAll(/<(https?:\/\/[^>\s]+)>/g)].map((match) => match[1]),
);
const quiz = defaultQuiz({ vi, en });

test('the list of sources is there and has addresses', () => {
  assert.ok(SOURCES.includes('## The sources'), 'docs/SOURCES.md has its "The sources" section');
  assert.ok(listed.size >= 12, `only ${listed.size} addresses listed`);
});

test('every source link the built-in quiz shows is listed in docs/SOURCES.md', () => {
  assert.equal(quiz.questions.length, 12);
  const missing = quiz.questions
    .filter((question) => !listed.has(question.source.url))
    .map((question) => `${question.id}: ${question.source.url}`);
  assert.deepEqual(missing, [], 'quiz sources missing from docs/SOURCES.md');
});

test('every built-in question has its row of facts in docs/SOURCES.md', () => {
  const quizSection = SOURCES.slice(SOURCES.indexOf('## Quiz'), SOURCES.indexOf('## Progress chart'));
  for (const question of quiz.questions)
    assert.ok(quizSection.includes(`\`${question.id}\``), `no row for question ${question.id}`);
});
