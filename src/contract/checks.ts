/**
 * The contract's fast checks, generated from their zod schemas by scripts/contract-checks.ts (CHECK_FILES):
 * DO NOT EDIT; `npm run contract:checks` rewrites this file, and test/scripts/contract-checks.test.ts fails when
 * it is stale. Each accepts exactly what its schema accepts (test/contract/checks.test.ts), without zod: pages stay
 * small and the service checks each request body in a fraction of a zod parse. zod stays the validator: it runs
 * when a check says no, and names what is wrong.
 */
import { list, obj, type Fields } from './json-checks.js';
import type { Campaign, Counts, PledgeRequest } from './pledge.js';
import type { QuizResultRequest } from './quiz.js';
import { isCalendarDay, scoreAtMostTotal } from './refinements.js';

const PATTERN_1 = /^[a-z0-9]+(?:-[a-z0-9]+)*$/;
const PATTERN_2 = /^\d{4}-\d{2}-\d{2}$/;
const PATTERN_3 = /^[A-Za-z0-9_-]+$/;

const check1 = (v: unknown): v is Fields =>
  obj(v) &&
  typeof v.vi === 'string' && v.vi.length >= 1 && v.vi.length <= 500 &&
  typeof v.en === 'string' && v.en.length >= 1 && v.en.length <= 500;
const check2 = (v: unknown): v is Fields =>
  obj(v) &&
  typeof v.id === 'string' && v.id.length >= 1 && v.id.length <= 64 && PATTERN_1.test(v.id) &&
  check1(v.label);
const check3 = (v: unknown): v is Fields =>
  obj(v) &&
  typeof v.id === 'string' && v.id.length >= 1 && v.id.length <= 64 && PATTERN_1.test(v.id) &&
  typeof v.name === 'string' && v.name.length >= 1 && v.name.length <= 500 &&
  Number.isSafeInteger(v.goal) && (v.goal as number) >= 0 &&
  (v.group === undefined || typeof v.group === 'string' && v.group.length >= 1 && v.group.length <= 500) &&
  (v.retired === undefined || typeof v.retired === 'boolean');
const check4 = (v: unknown): boolean => typeof v === 'string' && PATTERN_2.test(v) && isCalendarDay(v);
const check5 = (v: unknown): v is Fields =>
  obj(v) &&
  typeof v.id === 'string' && v.id.length >= 1 && v.id.length <= 64 && PATTERN_1.test(v.id) &&
  check1(v.title) &&
  (v.description === undefined || check1(v.description)) &&
  (v.note === undefined || check1(v.note)) &&
  list(v.choices, 1, 20, check2) &&
  list(v.units, 1, 1000, check3) &&
  Number.isSafeInteger(v.goal) && (v.goal as number) >= 0 &&
  typeof v.goalsAreIllustrative === 'boolean' &&
  check4(v.startDate) &&
  check4(v.endDate);
const check6 = (v: unknown): v is Fields =>
  obj(v) &&
  typeof v.id === 'string' && v.id.length >= 1 && v.id.length <= 64 && PATTERN_1.test(v.id) &&
  Number.isSafeInteger(v.count) && (v.count as number) >= 0 &&
  Number.isSafeInteger(v.goal) && (v.goal as number) >= 0;
const check7 = (v: unknown): v is Fields =>
  obj(v) &&
  typeof v.id === 'string' && v.id.length >= 1 && v.id.length <= 64 && PATTERN_1.test(v.id) &&
  Number.isSafeInteger(v.count) && (v.count as number) >= 0;
const check8 = (v: unknown): v is Fields =>
  obj(v) &&
  typeof v.campaign === 'string' && v.campaign.length >= 1 && v.campaign.length <= 64 && PATTERN_1.test(v.campaign) &&
  Number.isSafeInteger(v.total) && (v.total as number) >= 0 &&
  Number.isSafeInteger(v.goal) && (v.goal as number) >= 0 &&
  list(v.units, 0, Infinity, check6) &&
  list(v.choices, 0, Infinity, check7) &&
  (typeof v.updatedAt === 'string' || v.updatedAt === null) &&
  (v.config === undefined || typeof v.config === 'string');
const check9 = (v: unknown): v is Fields =>
  obj(v) &&
  typeof v.unit === 'string' && v.unit.length >= 1 && v.unit.length <= 64 && PATTERN_1.test(v.unit) &&
  typeof v.choice === 'string' && v.choice.length >= 1 && v.choice.length <= 64 && PATTERN_1.test(v.choice) &&
  typeof v.key === 'string' && v.key.length >= 16 && v.key.length <= 64 && PATTERN_3.test(v.key);
const check10 = (v: unknown): v is Fields =>
  obj(v) &&
  typeof v.unit === 'string' && v.unit.length >= 1 && v.unit.length <= 64 && PATTERN_1.test(v.unit) &&
  Number.isSafeInteger(v.score) && (v.score as number) >= 0 && (v.score as number) <= 100 &&
  Number.isSafeInteger(v.total) && (v.total as number) >= 1 && (v.total as number) <= 100 &&
  typeof v.key === 'string' && v.key.length >= 16 && v.key.length <= 64 && PATTERN_3.test(v.key);
const check11 = (v: unknown): v is Fields => check10(v) && scoreAtMostTotal(v as never);

/** The campaign config (counter page), when its zod schema accepts it: the document itself; undefined: ask zod. */
export function quickCampaign(data: unknown): Campaign | undefined {
  return check5(data) ? data as Campaign : undefined;
}

/** The counts (counter page, every stream event), when its zod schema accepts it: the document itself; undefined: ask zod. */
export function quickCounts(data: unknown): Counts | undefined {
  return check8(data) ? data as Counts : undefined;
}

/** A pledge request (service, every pledge), when its zod schema accepts it: its fields only; undefined: ask zod. */
export function quickPledge(data: unknown): PledgeRequest | undefined {
  return check9(data) ? { unit: data.unit, choice: data.choice, key: data.key } as PledgeRequest : undefined;
}

/** A quiz result (service, every result), when its zod schema accepts it: its fields only; undefined: ask zod. */
export function quickQuizResult(data: unknown): QuizResultRequest | undefined {
  return check11(data) ? { unit: data.unit, score: data.score, total: data.total, key: data.key } as QuizResultRequest : undefined;
}
