/**
 * The two JSON Schema types the generated fast checks (checks.ts) call rather than write inline, each with
 * zod's meaning; test/contract/checks.test.ts holds them to zod on values generated from every schema.
 */

export type Fields = Record<string, unknown>;

/** `type: object` (not an array, not null). */
export const obj = (value: unknown): value is Fields =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

/** `type: array` with minItems, maxItems and items; holes count as `undefined`, as zod reads them. */
export function list(value: unknown, min: number, max: number, item: (entry: unknown) => boolean): value is unknown[] {
  if (!Array.isArray(value) || value.length < min || value.length > max) return false;
  for (let i = 0; i < value.length; i += 1) if (!item(value[i])) return false;
  return true;
}
