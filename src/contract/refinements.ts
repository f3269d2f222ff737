/**
 * The contract's rules that JSON Schema cannot say, one function each: the zod schemas (pledge.ts, quiz.ts)
 * use them as refinements, and the generated fast checks (checks.ts) call the same functions, found by
 * identity (scripts/contract-checks.ts), after the checks that make their argument's type true.
 * Zod-free, so pages and the service's hot path can run them without zod.
 */
import { parseIsoDate } from '../core/dates.js';

/** YYYY-MM-DD of a day that exists (no 2026-02-30): the contract's calendarDay, after its pattern. */
export function isCalendarDay(value: string): boolean {
  // Date rolls 2026-02-30 over to March 2; a round trip shows it.
  const date = new Date(`${value}T00:00:00Z`);
  return !Number.isNaN(date.getTime()) && date.toISOString().startsWith(value);
}

/** A quiz result scores at most its number of questions. */
export function scoreAtMostTotal(result: { score: number; total: number }): boolean {
  return result.score <= result.total;
}

/** A date or timestamp the banner reads (its feed's start, end, countdown): what core/dates.ts parses. */
export function isIsoDate(value: string): boolean {
  return parseIsoDate(value) !== null;
}
