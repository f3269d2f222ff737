/**
 * The contract's fast checks (src/contract/checks.ts, generated) and its zod schemas agree on every input
 * generated from the schemas themselves: a valid document built from each JSON Schema, then every value of it
 * (at any depth) replaced by values around each limit the schema sets (lengths, bounds, item counts), of every
 * JSON type, with slugs, keys and dates bent, fields removed and added, and seeded random mixes of all of those.
 * A fast check must accept exactly what zod accepts, and give what zod gives; run in Chromium, as on a page.
 */
import { expect } from '@open-wc/testing';
import { FAST_CHECKS, jsonSchemaOf, type Node } from '../../scripts/contract-checks.js';
import * as sharedChecks from '../../src/contract/checks.js';
import * as feedChecks from '../../src/contract/feed-checks.js';
import * as answerChecks from '../../src/contract/answer-checks.js';
import * as chartChecks from '../../src/contract/chart-checks.js';
import * as refinements from '../../src/contract/refinements.js';
import { check } from '../../src/core/validate.js';

type Json = unknown;

/** Strings a pattern or a refinement may take or refuse: ids, keys, dates, near misses of each. */
const STRINGS = [
  '',
  'a',
  'ba-tri',
  'cho-lach-2',
  'Ba-tri',
  'ba--tri',
  '-ba',
  'ba-',
  'ba tri',
  'bà-tri',
  'ba_tri',
  'Chợ Lách',
  '2026-11-29',
  '2024-02-29',
  '2026-02-29',
  '2026-02-30',
  '2026-13-01',
  '2026-00-10',
  '2026-1-01',
  '20261129',
  ' 2026-11-29',
  '2026-11-29T00:00:00Z',
  '0123456789abcdef',
  '0123456789abcde',
  crypto.randomUUID(),
  'abc_DEF-123_xyz-9',
  'abcdefghijklmnop<',
  'abcdefghijklmnop\n',
  'abcdefghijklmnop ',
  '<img src=x onerror=alert(1)>',
];
const NUMBERS = [
  -1,
  0,
  1,
  2,
  0.5,
  1.5,
  -0,
  99,
  100,
  101,
  1e-7,
  Number.NaN,
  Infinity,
  -Infinity,
  2 ** 53,
  -(2 ** 53),
  Number.MAX_SAFE_INTEGER,
];
/** Of every JSON type (and undefined: a missing value). */
const ANY_TYPE: Json[] = [undefined, null, true, false, 0, '', '12', 'x', [], {}, [{}], { vi: 'x', en: 'y' }];

const refinementsOf = (node: Node) =>
  (node['x-refine'] ?? []).map((name) => (refinements as Record<string, (value: never) => boolean>)[name]);
const typesOf = (node: Node): (string | undefined)[] =>
  node.anyOf ? node.anyOf.flatMap(typesOf) : Array.isArray(node.type) ? node.type : [node.type];

/** Values around the node's limits, valid and not: the places where a hand copy would drift. */
function edges(node: Node): Json[] {
  if (node.anyOf) return node.anyOf.flatMap(edges);
  const values: Json[] = [...ANY_TYPE];
  // A literal (a discriminated union's kind): itself, and near misses of it.
  if (node.const !== undefined) values.push(node.const, node.const.toUpperCase(), `${node.const} `, 'compare');
  for (const type of typesOf(node)) {
    if (type === 'string') {
      const lengths = [node.minLength, node.maxLength]
        .flatMap((n) => (n === undefined ? [] : [n - 1, n, n + 1]))
        .filter((n) => n >= 0);
      values.push(
        ...STRINGS,
        ...lengths.flatMap((n) => ['a'.repeat(n), 'K'.repeat(n), 'đ'.repeat(n), `${'a'.repeat(Math.max(n - 2, 0))}-b`]),
        'x'.repeat(20_000),
      );
    }
    if (type === 'integer' || type === 'number') {
      const bounds = [node.minimum, node.maximum].flatMap((n) =>
        n === undefined ? [] : [n - 1, n - 0.5, n, n + 0.5, n + 1],
      );
      values.push(...NUMBERS, ...bounds);
    }
    if (type === 'array' && node.items) {
      const item = sample(node.items);
      const counts = [node.minItems, node.maxItems]
        .flatMap((n) => (n === undefined ? [] : [n - 1, n, n + 1]))
        .filter((n) => n >= 0);
      // A hole reads as undefined, as an item of the wrong type.
      values.push(
        ...counts.map((n) => Array.from({ length: n }, () => item)),
        [item, item, item],
        [item, null],
        new Array(1),
        [item, 'x'],
      );
    }
  }
  return values;
}

/** A valid value of the node, built from its keywords; a string from STRINGS that fits (patterns, refinements). */
function sample(node: Node): Json {
  if (node.anyOf) return sample(node.anyOf[node.anyOf.length - 1]); // the last: z.union's most structured, e.g. { vi, en }
  const type = typesOf(node).find((t) => t !== 'null');
  const fits = (value: Json) => refinementsOf(node).every((refine) => refine(value as never));
  let value: Json;
  if (type === 'object')
    value = Object.fromEntries(Object.entries(node.properties ?? {}).map(([key, field]) => [key, sample(field)]));
  else if (type === 'array') value = Array.from({ length: Math.max(node.minItems ?? 0, 2) }, () => sample(node.items!));
  else if (type === 'integer' || type === 'number') value = node.minimum ?? 0;
  else if (type === 'boolean') value = true;
  else if (node.const !== undefined) value = node.const;
  else if (type === 'string') {
    const min = node.minLength ?? 0;
    const max = node.maxLength ?? Infinity;
    value = [...STRINGS, 'a'.repeat(min)].find(
      (s) => s.length >= min && s.length <= max && (!node.pattern || new RegExp(node.pattern).test(s)) && fits(s),
    );
    if (value === undefined) throw new Error(`no sample string for ${JSON.stringify(node)}: add one to STRINGS`);
  } else value = null;
  if (!fits(value)) throw new Error(`the sample of ${JSON.stringify(node)} fails its refinements`);
  return value;
}

/** Copies of `doc` with one value at `path` replaced (undefined: removed), for every node of the schema, at any depth. */
function* mutations(node: Node, doc: Json, path: string[] = []): Generator<{ path: string; doc: Json }> {
  // A union: bent inside the alternative the document is (an object's fields), around the others' limits.
  if (node.anyOf) {
    const kind = Array.isArray(doc) ? 'array' : doc === null ? 'null' : typeof doc;
    for (const alternative of node.anyOf)
      if (typesOf(alternative).includes(kind)) yield* mutations(alternative, doc, path);
      else for (const value of edges(alternative)) yield { path: path.join('.'), doc: value };
    return;
  }
  for (const value of edges(node)) yield { path: path.join('.'), doc: value };
  const replaceIn = (key: string | number, value: Json): Json => {
    if (Array.isArray(doc)) return doc.map((entry, i) => (i === key ? value : entry));
    // A field set to undefined is left out, as JSON has no undefined.
    return Object.fromEntries([
      ...Object.entries(doc as object).filter(([name]) => name !== key),
      ...(value === undefined ? [] : [[key, value]]),
    ]);
  };
  if (typesOf(node).includes('object') && typeof doc === 'object' && doc !== null) {
    yield { path: [...path, '(extra)'].join('.'), doc: { ...(doc as object), extra: 'ignored' } };
    for (const [key, field] of Object.entries(node.properties ?? {})) {
      for (const inner of mutations(field, (doc as Record<string, Json>)[key], [...path, key]))
        yield { path: inner.path, doc: replaceIn(key, inner.doc) };
    }
  }
  if (typesOf(node).includes('array') && Array.isArray(doc) && doc.length > 0 && node.items) {
    // The last item, so a bad entry after good ones is found too.
    for (const inner of mutations(node.items, doc[doc.length - 1], [...path, String(doc.length - 1)]))
      yield { path: inner.path, doc: replaceIn(doc.length - 1, inner.doc) };
  }
}

/** Seeded mixes: every field of a flat-enough object drawn from its edges at once (score against total, and so on). */
function* mixes(node: Node, doc: Json, n: number): Generator<{ path: string; doc: Json }> {
  let seed = 12345;
  const next = () => (seed = (seed * 1103515245 + 12345) % 2 ** 31);
  const fields = Object.entries(node.properties ?? {}).map(
    ([key, field]) => [key, [(doc as Record<string, Json>)[key], ...edges(field)]] as const,
  );
  for (let i = 0; i < n; i += 1) {
    const mixed = Object.fromEntries(
      fields.map(([key, values]) => [key, values[next() % values.length]]).filter(([, value]) => value !== undefined),
    );
    yield { path: '(mix)', doc: mixed };
  }
}

const checks = { ...sharedChecks, ...feedChecks, ...answerChecks, ...chartChecks };
const exported = checks as Record<string, (data: unknown) => unknown>;

describe('contract fast checks agree with zod', () => {
  it('every generated check is in the list the generator and this test follow', () => {
    expect(Object.keys(exported).sort()).to.deep.equal(Object.keys(FAST_CHECKS).sort());
  });

  for (const [name, { schema, returns }] of Object.entries(FAST_CHECKS)) {
    it(`${name}: accepts exactly what zod accepts, on inputs generated from the schema`, () => {
      const fast = exported[name];
      const node = jsonSchemaOf(schema);
      // A union of objects (the chart's kinds): a valid document of each, each bent in every way.
      const valids = node.anyOf?.every((alternative) => alternative.type === 'object')
        ? node.anyOf.map(sample)
        : [sample(node)];
      const cases = valids.flatMap((valid) => [
        { path: '(sample)', doc: valid },
        ...mutations(node, valid),
        ...mixes(node, valid, 3000),
      ]);
      let accepted = 0;
      for (const { path, doc } of cases) {
        const zod = check(schema, doc);
        const answer = fast(doc);
        const ok = returns === 'guard' ? answer === true : answer !== undefined;
        if (ok !== zod.ok)
          expect.fail(
            `${name} ${ok ? 'accepts' : 'refuses'} what zod ${zod.ok ? 'accepts' : 'refuses'} at ${path}: ${JSON.stringify(doc)?.slice(0, 300)}`,
          );
        if (!ok) continue;
        accepted += 1;
        // What the check gives is what zod gives: the document itself, or zod's own fields (extras dropped).
        if (returns === 'value') expect(answer).to.equal(doc);
        if (returns === 'fields') expect(answer).to.deep.equal(zod.ok && zod.value);
      }
      // The inputs exercise both sides: many valid ones, and far more refused ones.
      expect(accepted, 'accepted').to.be.greaterThan(20);
      expect(cases.length - accepted, 'refused').to.be.greaterThan(300);
    });
  }

  it('a check has no limit zod lacks: the largest valid campaign (1000 units, 20 choices, longest texts) passes both', () => {
    const node = jsonSchemaOf(FAST_CHECKS.quickCampaign.schema);
    const unit = { id: 'a'.repeat(64), name: 'đ'.repeat(500), goal: Number.MAX_SAFE_INTEGER };
    const choice = { id: 'ba-tri', label: { vi: 'â'.repeat(500), en: 'e'.repeat(500) } };
    const big = {
      ...(sample(node) as object),
      units: Array.from({ length: 1000 }, () => unit),
      choices: Array.from({ length: 20 }, () => choice),
    };
    expect(check(FAST_CHECKS.quickCampaign.schema, big).ok).to.equal(true);
    expect(checks.quickCampaign(big)).to.equal(big);
  });
});
