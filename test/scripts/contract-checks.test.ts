/**
 * The generated fast checks (src/contract/checks.ts) are current with the zod schemas, and the generator
 * refuses what it cannot derive instead of dropping it (a check looser than its schema).
 * The checks' agreement with zod: test/contract/checks.test.ts.
 */
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { describe, it } from 'node:test';
import * as z from 'zod/mini';
import { CHECK_FILES, generateChecks, type FastCheck } from '../../scripts/contract-checks.js';

const only = (schema: z.ZodMiniType): Record<string, FastCheck> => ({
  check: { schema, type: 'Campaign', from: './pledge.js', returns: 'guard', doc: 'x' },
});

describe('contract checks generator', () => {
  for (const [file, checks] of Object.entries(CHECK_FILES))
    it(`${file} is what the schemas generate (run npm run contract:checks after changing one)`, () => {
      assert.equal(readFileSync(file, 'utf8'), generateChecks(checks));
    });

  it('refuses a refinement that is not a named rule of src/contract/refinements.ts', () => {
    const inline = z.object({ unit: z.string().check(z.refine((unit) => unit !== 'x')) });
    assert.throws(
      () => generateChecks(only(inline)),
      /refinement that is not a function of src\/contract\/refinements\.ts/,
    );
  });

  it('refuses JSON Schema it does not know (enums, formats, records) rather than skipping it', () => {
    assert.throws(
      () => generateChecks(only(z.object({ kind: z.enum(['a', 'b']) }))),
      /keyword "enum" is not supported/,
    );
    const within = z.union([z.object({ a: z.unknown() }), z.string()]);
    assert.throws(() => generateChecks(only(z.object({ one: within }))), /without a type/);
    assert.throws(() => generateChecks(only(z.object({ at: z.iso.datetime() }))), /keyword "format" is not supported/);
    assert.throws(
      () => generateChecks(only(z.object({ by: z.record(z.string(), z.number()) }))),
      /keyword "propertyNames" is not supported/,
    );
  });

  it('derives every limit the schema sets', () => {
    const text = generateChecks(
      only(
        z.object({
          n: z.int().check(z.minimum(2), z.maximum(9)),
          s: z.string().check(z.minLength(3), z.regex(/^b+$/)),
        }),
      ),
    );
    assert.match(text, /Number\.isSafeInteger\(v\.n\) && \(v\.n as number\) >= 2 && \(v\.n as number\) <= 9/);
    assert.match(text, /typeof v\.s === 'string' && v\.s\.length >= 3 && PATTERN_1\.test\(v\.s\)/);
    assert.match(text, /const PATTERN_1 = \/\^b\+\$\/;/);
    // A union of object types is anyOf: one alternative, whole, must hold.
    const union = z.union([z.object({ a: z.string() }), z.object({ b: z.number() })]);
    const unionText = generateChecks(only(z.object({ one: union })));
    assert.match(unionText, /const check3 = \(v: unknown\): boolean => \(check1\(v\) \|\| check2\(v\)\);/);
    assert.match(unionText, /check3\(v\.one\)/);
    // A union of JSON types is one `type` list: either is fine.
    assert.match(
      generateChecks(only(z.object({ id: z.union([z.string(), z.number()]) }))),
      /\(typeof v\.id === 'string' \|\| Number\.isFinite\(v\.id\)\)/,
    );
  });
});
