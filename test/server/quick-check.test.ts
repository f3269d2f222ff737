/** The hand-written request checks accept nothing the contract's zod schemas refuse, and every common valid body. */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { pledgeRequestSchema } from '../../src/contract/pledge.js';
import { quizResultRequestSchema } from '../../src/contract/quiz.js';
import { quickPledge, quickQuizResult } from '../../src/server/quick-check.js';

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

describe('quick checks', () => {
  it('a pledge passes the quick check only if zod accepts it, with the same fields', () => {
    let accepted = 0;
    for (let i = 0; i < 20_000; i += 1) {
      const body = { unit: pick(), choice: pick(), key: pick(), ...(i % 5 === 0 ? { extra: 1 } : {}) };
      const quick = quickPledge(body);
      if (quick === undefined) continue;
      accepted += 1;
      const parsed = pledgeRequestSchema.safeParse(body);
      assert.ok(parsed.success, JSON.stringify(body));
      assert.deepEqual(quick, parsed.data);
    }
    assert.ok(accepted > 50, `${accepted} accepted`);
    assert.deepEqual(quickPledge({ unit: 'ba-tri', choice: 'smartphone', key: '0123456789abcdef' }), { unit: 'ba-tri', choice: 'smartphone', key: '0123456789abcdef' });
    for (const body of [null, [], 'x', { unit: 'ba-tri', choice: 'smartphone' }]) assert.equal(quickPledge(body), undefined);
  });

  it('a quiz result passes the quick check only if zod accepts it, with the same fields', () => {
    let accepted = 0;
    for (let i = 0; i < 40_000; i += 1) {
      const body = { unit: pick(), score: pickNumber(), total: pickNumber(), key: pick() };
      const quick = quickQuizResult(body);
      if (quick === undefined) continue;
      accepted += 1;
      const parsed = quizResultRequestSchema.safeParse(body);
      assert.ok(parsed.success, JSON.stringify(body));
      assert.deepEqual(quick, parsed.data);
    }
    assert.ok(accepted > 50, `${accepted} accepted`);
    assert.equal(quickQuizResult({ unit: 'ba-tri', score: 3, total: 2, key: crypto.randomUUID() }), undefined);
    assert.ok(quickQuizResult({ unit: 'ba-tri', score: 0, total: 1, key: crypto.randomUUID() }));
  });
});
