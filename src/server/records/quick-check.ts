/**
 * Hand-written checks of the two request bodies, built from the contract's own patterns and limits:
 * true only for bodies the contract's zod schema accepts too (test/server/quick-check.test.ts holds
 * them to that). They run first on every pledge and result because they cost a fraction of a zod
 * parse; anything they do not accept goes through zod, which names the field and says what is wrong.
 */
import { isObject, isSlug } from '../../contract/checks.js';
import { KEY_MAX_LENGTH, KEY_MIN_LENGTH, KEY_PATTERN, type PledgeRequest } from '../../contract/pledge.js';
import { MAX_QUIZ_QUESTIONS, type QuizResultRequest } from '../../contract/quiz.js';

function isKey(value: unknown): value is string {
  return typeof value === 'string' && value.length >= KEY_MIN_LENGTH && value.length <= KEY_MAX_LENGTH && KEY_PATTERN.test(value);
}

function isCount(value: unknown, min: number): value is number {
  return typeof value === 'number' && Number.isSafeInteger(value) && value >= min && value <= MAX_QUIZ_QUESTIONS;
}

/** The pledge fields when `data` is certainly a valid pledge request; undefined means "ask zod". */
export function quickPledge(data: unknown): PledgeRequest | undefined {
  if (!isObject(data)) return undefined;
  const { unit, choice, key } = data;
  return isSlug(unit) && isSlug(choice) && isKey(key) ? { unit, choice, key } : undefined;
}

/** The result fields when `data` is certainly a valid quiz result; undefined means "ask zod". */
export function quickQuizResult(data: unknown): QuizResultRequest | undefined {
  if (!isObject(data)) return undefined;
  const { unit, score, total, key } = data;
  return isSlug(unit) && isCount(score, 0) && isCount(total, 1) && score <= total && isKey(key) ? { unit, score, total, key } : undefined;
}
