/**
 * The zod-free checks the counter runs on what the service sends (src/contract/checks.ts) against the
 * contract's zod schemas: they accept every valid document (so zod is not downloaded on a normal visit) and
 * never accept one that zod refuses (so nothing unchecked reaches the widget).
 */
import { expect } from '@open-wc/testing';
import { quickCampaign, quickCounts } from '../../src/contract/checks.js';
import { campaignSchema, countsSchema } from '../../src/contract/pledge.js';
import { check } from '../../src/core/validate.js';

const campaign = {
  id: 'ben-tre-smartphone',
  title: { vi: 'Mỗi người dân một điện thoại thông minh', en: 'A smartphone for everyone' },
  description: { vi: 'Mô tả', en: 'Description' },
  note: { vi: 'Giai đoạn 2020–2025', en: '2020–2025' },
  choices: [{ id: 'smartphone', label: { vi: 'Tôi dùng điện thoại thông minh', en: 'I use a smartphone' } }],
  units: [
    { id: 'ba-tri', name: 'Ba Tri', goal: 1000 },
    { id: 'cho-lach', name: 'Chợ Lách', goal: 0 },
  ],
  goal: 1000,
  goalsAreIllustrative: true,
  startDate: '2020-10-15',
  endDate: '2028-02-29',
};
const counts = {
  campaign: 'ben-tre-smartphone',
  total: 3,
  goal: 1000,
  units: [{ id: 'ba-tri', count: 3, goal: 1000 }],
  choices: [{ id: 'smartphone', count: 3 }],
  updatedAt: '2026-11-29T09:00:00.000Z',
};

/** Wrong values to put in any place of a document. */
const WRONG: unknown[] = [
  undefined, null, '', 'x'.repeat(501), 'Ba Tri', 'ba--tri', 'BA-TRI', -1, 1.5, Number.NaN, 2 ** 53, '12', true,
  [], {}, '2026-02-30', '2026-2-3', '20261129', { vi: '', en: 'x' }, { vi: 'x' },
];

/** Every copy of `doc` with one value (at any depth, arrays included) replaced by a wrong one or removed. */
function* mutations(doc: unknown, path: string[] = []): Generator<{ path: string; doc: unknown }> {
  if (typeof doc !== 'object' || doc === null) return;
  for (const key of Object.keys(doc)) {
    const replace = (value: unknown) => {
      if (value === undefined && !Array.isArray(doc)) return Object.fromEntries(Object.entries(doc).filter(([name]) => name !== key));
      const copy = (Array.isArray(doc) ? [...doc] : { ...doc }) as Record<string, unknown>;
      copy[key] = value;
      return copy;
    };
    for (const value of WRONG) yield { path: [...path, key].join('.'), doc: replace(value) };
    for (const inner of mutations((doc as Record<string, unknown>)[key], [...path, key])) yield { path: inner.path, doc: replace(inner.doc) };
  }
}

const cases: { name: string; valid: object; quick: (data: unknown) => unknown; zodAccepts: (data: unknown) => boolean }[] = [
  { name: 'campaign config', valid: campaign, quick: quickCampaign, zodAccepts: (data) => check(campaignSchema, data).ok },
  { name: 'counts', valid: counts, quick: quickCounts, zodAccepts: (data) => check(countsSchema, data).ok },
];

describe('contract checks without zod', () => {
  for (const { name, valid, quick, zodAccepts } of cases) {
    it(`accept a valid ${name}, as zod does`, () => {
      expect(zodAccepts(valid)).to.equal(true);
      expect(quick(valid)).to.equal(valid);
      expect(quick({ ...valid, extra: 'ignored' })).to.not.equal(undefined);
    });

    it(`never accept a ${name} that zod refuses`, () => {
      let refusedByZod = 0;
      for (const { path, doc } of mutations(valid)) {
        const accepted = zodAccepts(doc);
        if (!accepted) refusedByZod += 1;
        if (quick(doc) !== undefined) expect(accepted, `${name}: quick check accepted a wrong ${path} (${JSON.stringify(doc)})`).to.equal(true);
      }
      // The mutations must really exercise the schema: most of them are wrong.
      expect(refusedByZod).to.be.greaterThan(200);
    });
  }

  it('refuse what is not a document at all', () => {
    for (const value of [null, undefined, 'counts', 3, [], [counts]]) {
      expect(quickCounts(value)).to.equal(undefined);
      expect(quickCampaign(value)).to.equal(undefined);
    }
  });
});
