// Size budgets on the built files (gzip -9), enforced by `npm test`. Visitors are on 2G/3G phones.
import { readFileSync, readdirSync } from 'node:fs';
import { gzipSync } from 'node:zlib';

const DIR = 'dist/lantoa';
const KB = 1024;
const gz = (file) => gzipSync(readFileSync(`${DIR}/${file}`), { level: 9 }).length;
const loaderMap = JSON.parse(readFileSync(`${DIR}/loader-map.json`, 'utf8'));

/** What a page with only `tag` loads before any outside data: the loader, the widget and its shared chunks. */
const pageCost = (tag) => gz('loader.js') + loaderMap[tag].reduce((sum, file) => sum + gz(file), 0);

/** Files of the loader's build (step 1 of scripts/build.ts), not the direct entries' own chunks. */
const loaderBuild = new Set(Object.values(JSON.parse(readFileSync(`${DIR}/widgets-manifest.json`, 'utf8'))).map((chunk) => chunk.file));

/** The counter always validates what the service sends, so its lazy validation chunk counts too. */
const lazyCost = (prefix) => readdirSync(DIR).filter((f) => f.startsWith(prefix) && f.endsWith('.js') && loaderBuild.has(f)).reduce((sum, f) => sum + gz(f), 0);

const budgets = [
  { what: 'loader.js', bytes: gz('loader.js'), limit: 1.5 * KB },
  { what: 'banner-only page (loader + banner + shared chunks)', bytes: pageCost('lantoa-banner'), limit: 16 * KB },
  {
    what: 'pledge-counter page (loader + counter + shared chunks + its lazily loaded validation)',
    bytes: pageCost('lantoa-pledge-counter') + lazyCost('pledge-counter.schema-'),
    limit: 20 * KB,
  },
  {
    // Its own code only: the shared chunk (lit + core) is already counted in every page above.
    what: 'progress-chart element before chart.js (its entry + non-shared chunks, beyond the shared chunk)',
    bytes: loaderMap['lantoa-progress-chart'].filter((file) => !file.startsWith('shared-')).reduce((sum, file) => sum + gz(file), 0),
    limit: 6 * KB,
  },
  { what: 'progress-chart: lazy chart.js chunk (tree-shaken chart.js + canvas, legend, summary)', bytes: lazyCost('progress-chart.render-'), limit: 55 * KB },
  { what: 'progress-chart: lazy CSV chunks (d3-dsv parser + row reader), only for a CSV src', bytes: lazyCost('progress-chart.csv-') + lazyCost('progress-chart.rows-'), limit: 3.5 * KB },
];

// A page with one widget can load its direct entry (banner.js) instead of the loader, one round trip less:
// everything it loads up front is that one file. Budgets per widget name; a new widget is listed without one.
const DIRECT_BUDGETS = { banner: 16 * KB, 'pledge-counter': 20 * KB };
const directFiles = Object.keys(loaderMap).map((tag) => `${tag.replace(/^lantoa-/, '')}.js`);
for (const file of directFiles) {
  budgets.push({ what: `${file} (direct entry, up front)`, bytes: gz(file), limit: DIRECT_BUDGETS[file.slice(0, -3)] });
}

const upFront = new Set(['loader.js', ...directFiles, ...Object.values(loaderMap).flat()]);
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
