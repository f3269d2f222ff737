/**
 * The contract's fast checks, generated from their zod schemas by scripts/contract-checks.ts (CHECK_FILES):
 * DO NOT EDIT; `npm run contract:checks` rewrites this file, and test/scripts/contract-checks.test.ts fails when
 * it is stale. Each accepts exactly what its schema accepts (test/contract/checks.test.ts), without zod: pages stay
 * small and the service checks each request body in a fraction of a zod parse. zod stays the validator: it runs
 * when a check says no, and names what is wrong.
 */
import { list, obj, type Fields } from './json-checks.js';
import type { ChartInput } from '../widgets/progress-chart/progress-chart.schema.js';
import { isIsoDate } from './refinements.js';


const check1 = (v: unknown): v is Fields =>
  obj(v) &&
  typeof v.vi === 'string' && v.vi.length >= 1 &&
  (v.en === undefined || typeof v.en === 'string' && v.en.length >= 1);
const check2 = (v: unknown): boolean => (typeof v === 'string' && v.length >= 1 || check1(v));
const check3 = (v: unknown): boolean => typeof v === 'string' && isIsoDate(v);
const check4 = (v: unknown): boolean =>
  (Number.isSafeInteger(v) && (v as number) >= 1900 && (v as number) <= 2200 || check3(v));
const check5 = (v: unknown): v is Fields =>
  obj(v) &&
  Number.isFinite(v.value) &&
  (v.label === undefined || check2(v.label)) &&
  (v.deadline === undefined || check4(v.deadline));
const check6 = (v: unknown): v is Fields =>
  obj(v) &&
  check2(v.label) &&
  Number.isFinite(v.value) &&
  Number.isFinite(v.target) &&
  (v.deadline === undefined || check4(v.deadline)) &&
  (v.unit === undefined || typeof v.unit === 'string' && v.unit.length <= 20) &&
  (v.reference === undefined || check5(v.reference));
const check7 = (v: Fields): boolean =>
  (v.title === undefined || check2(v.title)) &&
  (v.illustrative === undefined || typeof v.illustrative === 'boolean') &&
  (v.source === undefined || check2(v.source)) &&
  (v.note === undefined || check2(v.note));
const check8 = (v: unknown): v is Fields =>
  obj(v) &&
  v.kind === 'progress' &&
  check7(v) &&
  list(v.indicators, 0, 40, check6);
const check9 = (v: unknown): boolean => (typeof v === 'string' && v.length >= 1 || Number.isSafeInteger(v));
const check10 = (v: unknown): boolean => (Number.isFinite(v) || v === null);
const check11 = (v: unknown): v is Fields => obj(v) && check2(v.label) && list(v.values, 0, Infinity, check10);
const check12 = (v: Fields): boolean =>
  check7(v) &&
  (v.unit === undefined || typeof v.unit === 'string' && v.unit.length <= 20) &&
  (v.target === undefined || check5(v.target));
const check13 = (v: unknown): v is Fields =>
  obj(v) &&
  v.kind === 'trend' &&
  check12(v) &&
  list(v.periods, 0, 100, check9) &&
  list(v.series, 0, 8, check11);
const check14 = (v: unknown): v is Fields => obj(v) && check2(v.label) && Number.isFinite(v.value);
const check15 = (v: unknown): v is Fields => obj(v) && v.kind === 'compare' && check12(v) && list(v.units, 0, 200, check14);
const check16 = (v: unknown): boolean => (check8(v) || check13(v) || check15(v));

/** The progress chart's data (a pasted table's rows, a JSON or CSV file, inline JSON, the `data` property), when its zod schema accepts it: the document itself; undefined: ask zod. */
export function quickChart(data: unknown): ChartInput | undefined {
  return check16(data) ? data as ChartInput : undefined;
}
