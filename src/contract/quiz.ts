/**
 * The quiz results API contract: anonymous results of a `<lantoa-quiz-card>` quiz and the per-unit
 * statistics the service keeps of them. Shared by the widget (browser, `zod/mini`, jitless) and the
 * service (Node), like src/contract/pledge.ts, whose slugs, localized text and idempotency key it reuses.
 *
 * A quiz is declared inside a campaign in the campaigns file and takes that campaign's units, allowed
 * origins and dates. A result stores quiz, unit, score, total and key: nothing personal.
 */
import * as z from 'zod/mini';
import { MAX_QUIZ_QUESTIONS } from './paths.js';
import { idempotencyKey, localized, slug } from './pledge.js';
import { scoreAtMostTotal } from './refinements.js';

export { MAX_QUIZ_QUESTIONS, apiPath } from './paths.js';

/** A quiz as declared in a campaign of the campaigns file: `{ id, title: { vi, en } }`; ids unique across the file. */
export const quizSchema = z.object({ id: slug, title: localized });

/**
 * POST /api/v1/quizzes/:quiz/results, `Content-Type: application/json`. Integers, 1 ≤ total ≤ 100 and
 * 0 ≤ score ≤ total (a score over the total is reported on `score`).
 */
export const quizResultRequestSchema = z
  .object({
    unit: slug,
    score: z.int().check(z.minimum(0), z.maximum(MAX_QUIZ_QUESTIONS)),
    total: z.int().check(z.minimum(1), z.maximum(MAX_QUIZ_QUESTIONS)),
    key: idempotencyKey,
  })
  .check(z.refine(scoreAtMostTotal, { message: 'at most total', path: ['score'] }));

const count = z.int().check(z.minimum(0));
/** Mean of score/total over the results: a fraction from 0 to 1 (0 while there are none), 4 decimals. */
const fraction = z.number().check(z.minimum(0), z.maximum(1));

/** A unit's figures, all a quiz card shows of them: its name as the campaign gives it, its results counted and their mean. */
export const quizUnitFiguresSchema = z.object({ name: z.string(), participants: count, averageScore: fraction });
/** A unit's row in the stats. */
export const quizUnitStatsSchema = z.extend(quizUnitFiguresSchema, { id: slug });

/** GET /api/v1/quizzes/:quiz/stats (ETag, 304, short Cache-Control), and part of every result response. */
export const quizStatsSchema = z.object({
  quiz: slug,
  /** The campaign the quiz belongs to: GET /api/v1/campaigns/:campaign has the units' names. */
  campaign: slug,
  /** Results counted, all units together. */
  participants: count,
  averageScore: fraction,
  /** Every unit of the campaign, in the campaign's order, zero participants included; its name as the campaign gives it. */
  units: z.array(quizUnitStatsSchema),
  /** ISO timestamp of the latest counted result; null before the first one. */
  updatedAt: z.nullable(z.string()),
});

/** 201 (`created: true`) when the key is new, 200 (`created: false`) when it was already counted. */
export const quizResultResponseSchema = z.object({ created: z.boolean(), stats: quizStatsSchema });

export type Quiz = z.infer<typeof quizSchema>;
export type QuizResultRequest = z.infer<typeof quizResultRequestSchema>;
export type QuizUnitFigures = z.infer<typeof quizUnitFiguresSchema>;
export type QuizStats = z.infer<typeof quizStatsSchema>;
export type QuizResultResponse = z.infer<typeof quizResultResponseSchema>;
