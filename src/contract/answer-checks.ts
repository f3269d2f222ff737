/**
 * The contract's fast checks, generated from their zod schemas by scripts/contract-checks.ts (CHECK_FILES):
 * DO NOT EDIT; `npm run contract:checks` rewrites this file, and test/scripts/contract-checks.test.ts fails when
 * it is stale. Each accepts exactly what its schema accepts (test/contract/checks.test.ts), without zod: pages stay
 * small and the service checks each request body in a fraction of a zod parse. zod stays the validator: it runs
 * when a check says no, and names what is wrong.
 */
import { obj } from './json-checks.js';
import type { ApiErrorDetail } from './pledge.js';
import type { QuizUnitFigures } from './quiz.js';



/** The `error` of an error body (outbox). */
export const isApiErrorDetail = (v: unknown): v is ApiErrorDetail =>
  obj(v) &&
  typeof v.code === 'string' &&
  typeof v.message === 'string' &&
  (v.field === undefined || typeof v.field === 'string');

/** A unit's figures in the quiz stats, what the quiz card shows. */
export const isQuizUnitFigures = (v: unknown): v is QuizUnitFigures =>
  obj(v) &&
  typeof v.name === 'string' &&
  Number.isSafeInteger(v.participants) && (v.participants as number) >= 0 &&
  typeof v.averageScore === 'number' && v.averageScore >= 0 && v.averageScore <= 1;


