// Size budgets on the built files (gzip -9), enforced by `npm test`. Visitors are on 2G/3G phones.
import { readFileSync, readdirSync } from 'node:fs';
import { gzipSync } from 'node:zlib';

const DIR = 'dist/lantoa';
const KB = 1024;
const gz = (file) => gzipSync(readFileSync(`${DIR}/${file}`), { level: 9 }).length;
const loaderMap = JSON.parse(readFileSync(`${DIR}/loader-map.json`, 'utf8'));

/** What a page with only `tag` loads before any outside data: the loader, the widget and its shared chunks. */
const pageCost = (tag) => gz('loader.js') + loaderMap[tag].reduce((sum, file) => sum + gz(file), 0);

/** The counter always validates what the service sends, so its lazy validation chunk counts too. */
const lazyCost = (prefix) => readdirSync(DIR).filter((f) => f.startsWith(prefix) && f.endsWith('.js')).reduce((sum, f) => sum + gz(f), 0);

/** The outbox chunk the counter loads up front and the quiz loads with its results (not counted twice). */
const outboxCost = () => lazyCost('outbox-');

const budgets = [
  { what: 'loader.js', bytes: gz('loader.js'), limit: 1.5 * KB },
  { what: 'banner-only page (loader + banner + shared chunks)', bytes: pageCost('lantoa-banner'), limit: 16 * KB },
  {
    what: 'pledge-counter page (loader + counter + shared chunks + its lazily loaded validation)',
    bytes: pageCost('lantoa-pledge-counter') + lazyCost('pledge-counter.schema-'),
    limit: 20 * KB,
  },
  {
    what: 'quiz-card page (loader + quiz + shared chunks + its words and built-in quiz in one language, lazy)',
    bytes: pageCost('lantoa-quiz-card') + Math.max(lazyCost('quiz-card.vi-'), lazyCost('quiz-card.en-')),
    limit: 18 * KB,
  },
  {
    // Only with `unit` (fetched when a round starts), or when a result from an earlier visit waits: sending results.
    what: 'quiz-card page with per-unit results (the above + its result sender + the shared outbox)',
    bytes: pageCost('lantoa-quiz-card') + Math.max(lazyCost('quiz-card.vi-'), lazyCost('quiz-card.en-')) + lazyCost('quiz-results-') + outboxCost(),
  },
];

const upFront = new Set(['loader.js', ...Object.values(loaderMap).flat()]);
const others = readdirSync(DIR)
  .filter((file) => file.endsWith('.js') && !upFront.has(file))
  .map((file) => ({ what: `${file} (loaded only when needed, or the classic bundle)`, bytes: gz(file) }));

let failed = false;
console.log('size (gzip -9)          budget      what');
for (const { what, bytes, limit } of [...budgets, ...others]) {
  const over = limit !== undefined && bytes > limit;
  failed ||= over;
  const budget = limit === undefined ? '-' : `${(limit / KB).toFixed(1)} KB`;
  console.log(`${(bytes / KB).toFixed(2).padStart(7)} KB  ${budget.padStart(10)}  ${over ? 'OVER ' : ''}${what}`);
}
if (failed) {
  console.error('size check failed: a bundle is over its budget');
  process.exit(1);
}
console.log('size check passed');
