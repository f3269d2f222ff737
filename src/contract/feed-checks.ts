/**
 * The contract's fast checks, generated from their zod schemas by scripts/contract-checks.ts (CHECK_FILES):
 * DO NOT EDIT; `npm run contract:checks` rewrites this file, and test/scripts/contract-checks.test.ts fails when
 * it is stale. Each accepts exactly what its schema accepts (test/contract/checks.test.ts), without zod: pages stay
 * small and the service checks each request body in a fraction of a zod parse. zod stays the validator: it runs
 * when a check says no, and names what is wrong.
 */
import { list, obj, type Fields } from './json-checks.js';
import type { BannerFeed } from '../widgets/banner/banner.schema.js';
import { isIsoDate } from './refinements.js';


const check1 = (v: unknown): v is Fields =>
  obj(v) &&
  typeof v.vi === 'string' && v.vi.length >= 1 &&
  (v.en === undefined || typeof v.en === 'string' && v.en.length >= 1);
const check2 = (v: unknown): boolean => (typeof v === 'string' && v.length >= 1 || check1(v));
const check3 = (v: unknown): v is Fields =>
  obj(v) &&
  (v.label === undefined || check2(v.label)) &&
  typeof v.href === 'string';
const check4 = (v: unknown): boolean => typeof v === 'string' && isIsoDate(v);
const check5 = (v: unknown): v is Fields =>
  obj(v) &&
  typeof v.id === 'string' && v.id.length >= 1 && v.id.length <= 100 &&
  check2(v.headline) &&
  (v.message === undefined || check2(v.message)) &&
  (v.cta === undefined || check3(v.cta)) &&
  (v.start === undefined || check4(v.start)) &&
  (v.end === undefined || check4(v.end)) &&
  (v.countdownTo === undefined || check4(v.countdownTo)) &&
  (v.countdownLabel === undefined || check2(v.countdownLabel));
const check6 = (v: unknown): v is Fields => obj(v) && list(v.messages, 0, 20, check5);

/** The banner's feed (a campaign's feed endpoint, a feed file, inline JSON), when its zod schema accepts it: the document itself; undefined: ask zod. */
export function quickFeed(data: unknown): BannerFeed | undefined {
  return check6(data) ? data as BannerFeed : undefined;
}
