/** The hand-written request checks accept nothing the contract's zod schemas refuse, and every common valid body. */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { pledgeRequestSchema } from '../../src/contract/pledge.js';
import { quizResultRequestSchema } from '../../src/contract/quiz.js';
import { quickPledge, quickQuizResult } from '../../src/server/records/quick-check.js';

// Values at and around every limit the contract sets, of every JSON type.
const strings = ['', 'a', 'ba-tri', 'Ba-tri', 'ba--tri', '-ba', 'ba-', 'ba tri', 'bà-tri', 'x'.repeat(64), 'x'.repeat(65), 'a'.repeat(15), 'a'.repeat(16), 'k'.repeat(64), 'k'.repeat(65), crypto.randomUUID(), 'abc_DEF-123_xyz-9', 'abcdefghijklmnop<', 'abcdefghijklmnop\n'];
const numbers = [-1, 0, 1, 2, 2.5, 99, 100, 101, Number.NaN, Infinity, 2 ** 53];
const others = [null, true, [], {}, undefined];
const values = [...strings, ...numbers, ...others];
// A small seeded generator: the same bodies on every run, every combination likely.
let seed = 12345;
const next = () => (seed = (seed * 1103515245 + 12345) % 2 ** 31);
const pick = () => values[next() % values.length];
const pickNumber = () => numbers[next() % numbers.length];

/** Generates `n` bodies; every one the quick check takes, zod must take too, with the same fields. */
function agrees(quick: (body: unknown) => unknown, schema: { safeParse(body: unknown): { success: boolean; data?: unknown } }, body: () => object, n: number): number {
  let accepted = 0;
  for (let i = 0; i < n; i += 1) {
    const candidate = body();
    const fields = quick(candidate);
    if (fields === undefined) continue;
    accepted += 1;
    const parsed = schema.safeParse(candidate);
    assert.ok(parsed.success, JSON.stringify(candidate));
    assert.deepEqual(fields, parsed.data);
  }
  return accepted;
}

describe('quick checks', () => {
  it('a pledge passes the quick check only if zod accepts it, with the same fields', () => {
    let i = 0;
    const accepted = agrees(quickPledge, pledgeRequestSchema, () => ({ unit: pick(), choice: pick(), key: pick(), ...(i++ % 5 === 0 ? { extra: 1 } : {}) }), 20_000);
    assert.ok(accepted > 50, `${accepted} accepted`);
    assert.deepEqual(quickPledge({ unit: 'ba-tri', choice: 'smartphone', key: '0123456789abcdef' }), { unit: 'ba-tri', choice: 'smartphone', key: '0123456789abcdef' });
    for (const body of [null, [], 'x', { unit: 'ba-tri', choice: 'smartphone' }]) assert.equal(quickPledge(body), undefined);
  });

  it('a quiz result passes the quick check only if zod accepts it, with the same fields', () => {
    const accepted = agrees(quickQuizResult, quizResultRequestSchema, () => ({ unit: pick(), score: pickNumber(), total: pickNumber(), key: pick() }), 40_000);
    assert.ok(accepted > 50, `${accepted} accepted`);
    assert.equal(quickQuizResult({ unit: 'ba-tri', score: 3, total: 2, key: crypto.randomUUID() }), undefined);
    assert.ok(quickQuizResult({ unit: 'ba-tri', score: 0, total: 1, key: crypto.randomUUID() }));
  });
});
