/**
 * Nanoseconds per request-body check on the service's hot path: the fast checks (src/server/records/quick-check.ts)
 * against the contract's zod schemas, on bodies as JSON.parse gives them. A micro-benchmark of the check
 * alone, cheap enough for a shared machine (bench:server measures whole requests). `npx tsx scripts/bench-checks.ts`.
 */
import { pledgeRequestSchema } from '../src/contract/pledge.js';
import { quizResultRequestSchema } from '../src/contract/quiz.js';
import { quickPledge, quickQuizResult } from '../src/server/records/quick-check.js';

const ROUNDS = 5;
const PER_ROUND = 500_000;

// Fresh objects from JSON.parse, as the service gets them, several shapes of key so nothing is constant.
const bodies = (make: (i: number) => object) =>
  Array.from({ length: 1024 }, (_, i) => JSON.parse(JSON.stringify(make(i))) as unknown);
const pledges = bodies((i) => ({ unit: `unit-${i % 37}`, choice: 'smartphone', key: crypto.randomUUID() }));
const results = bodies((i) => ({
  unit: `unit-${i % 37}`,
  score: i % 11,
  total: 10 + (i % 5),
  key: crypto.randomUUID(),
}));

/** The best of ROUNDS rounds (least disturbed by other work on the machine), in ns per call. */
function time(check: (body: unknown) => unknown, inputs: unknown[]): number {
  let best = Infinity;
  let sink = 0;
  for (let round = 0; round < ROUNDS; round += 1) {
    const start = process.hrtime.bigint();
    for (let i = 0; i < PER_ROUND; i += 1) if (check(inputs[i & 1023]) !== undefined) sink += 1;
    best = Math.min(best, Number(process.hrtime.bigint() - start) / PER_ROUND);
  }
  if (sink === 0) throw new Error('no body was accepted: the benchmark measures nothing');
  return best;
}

const rows = {
  'quickPledge (valid)': time(quickPledge, pledges),
  'quickQuizResult (valid)': time(quickQuizResult, results),
  'zod pledgeRequestSchema.safeParse (valid)': time(
    (body) => (pledgeRequestSchema.safeParse(body).success ? 1 : undefined),
    pledges,
  ),
  'zod quizResultRequestSchema.safeParse (valid)': time(
    (body) => (quizResultRequestSchema.safeParse(body).success ? 1 : undefined),
    results,
  ),
};
for (const [what, ns] of Object.entries(rows)) console.log(`${what.padEnd(48)} ${ns.toFixed(1).padStart(7)} ns/check`);
