/**
 * Validation of outside data with zod/mini. This module (and zod with it) is only ever imported
 * dynamically, from a widget's schema file, so a page whose widgets get no outside data never loads it.
 */
import * as z from 'zod/mini';
import { isIsoDate } from '../contract/refinements.js';

// zod's JIT compiles validators with `new Function`, which a strict Content-Security-Policy reports.
z.config({ jitless: true });

export { z };

export interface Problem {
  /** Where in the data, e.g. `messages.0.cta.href`; empty for the document itself. */
  path: string;
  /** What was wrong, for the console (developers read it; visitors get a localized sentence). */
  detail: string;
}

export type Checked<T> = { ok: true; value: T } | { ok: false; problem: Problem };

export function check<T>(schema: z.ZodMiniType<T>, data: unknown): Checked<T> {
  const result = schema.safeParse(data);
  if (result.success) return { ok: true, value: result.data };
  const issue = result.error.issues[0];
  const path = issue.path.map(String).join('.');
  const expected = 'expected' in issue && issue.expected ? ` (expected ${String(issue.expected)})` : '';
  return {
    ok: false,
    problem: { path, detail: `${issue.code}${expected}${issue.message ? `: ${issue.message}` : ''}` },
  };
}

/** A string holding an ISO date (2026-10-10) or timestamp (2026-10-10T08:00:00+07:00). */
export const isoDate = z.string().check(z.refine(isIsoDate, { message: 'not an ISO date (YYYY-MM-DD)' }));

/** Text given once for every language, or per language with Vietnamese required. */
export const localizedText = z.union([
  z.string().check(z.minLength(1)),
  z.object({ vi: z.string().check(z.minLength(1)), en: z.optional(z.string().check(z.minLength(1))) }),
]);
