/**
 * Size budgets on the built files (gzip -9), enforced by `npm test`. Visitors are on 2G/3G phones.
 *
 * A budget covers everything a page downloads for that case: the files a script tag names, every chunk they
 * import statically, and the lazy chunks that case always loads (with what those import in turn), each file
 * counted once. The closures come from Vite's manifests, so a chunk that moves cannot silently escape its
 * budget. Run with tsx: `npm run size`.
 */
import { readFileSync, readdirSync } from 'node:fs';
import { gzipSync } from 'node:zlib';
import type { Manifest } from 'vite';
import { WIDGETS, type Widget } from './widgets.js';
import { checkConsole } from './console-size.js';

const DIR = 'dist/lantoa';
const KB = 1024;
const gz = (file: string) => gzipSync(readFileSync(`${DIR}/${file}`), { level: 9 }).length;
const bytesOf = (files: Iterable<string>) => [...files].reduce((sum, file) => sum + gz(file), 0);
const readManifest = (name: string) => JSON.parse(readFileSync(`${DIR}/${name}`, 'utf8')) as Manifest;

/** The files of `modules` (source paths, as Vite's manifest keys them) and everything they import statically. */
function closure(manifest: Manifest, modules: readonly string[]): Set<string> {
  const files = new Set<string>();
  const visit = (key: string) => {
    const chunk = manifest[key];
    if (!chunk) throw new Error(`size check: ${key} is not in the build's manifest (renamed?)`);
    if (files.has(chunk.file)) return;
    files.add(chunk.file);
    chunk.imports?.forEach(visit);
  };
  modules.forEach(visit);
  return files;
}

const union = (...sets: Iterable<string>[]) => new Set(sets.flatMap((set) => [...set]));
const minus = (set: Set<string>, away: Set<string>) => new Set([...set].filter((file) => !away.has(file)));

const shared = readManifest('widgets-manifest.json');
function widget(name: string): Widget {
  const found = WIDGETS.find((w) => w.name === name);
  if (!found) throw new Error(`size check: no widget "${name}" in scripts/widgets.ts`);
  return found;
}

interface Budget {
  what: string;
  files: Set<string>;
  limit?: number;
}

/** A page with the loader and one widget, plus the lazy modules that widget always loads there. */
function loaderPage(name: string, alsoLoads: string[] = []): Set<string> {
  return union(['loader.js'], closure(shared, [widget(name).entry, ...alsoLoads]));
}

/** A page with one widget's direct entry (banner.js), plus the lazy modules it always loads. */
function directPage(name: string, alsoLoads: string[] = []): Set<string> {
  return closure(readManifest(`${name}.manifest.json`), [widget(name).entry, ...alsoLoads]);
}

/**
 * A widget's page with what the registry says it always loads: of each set of alternatives (the quiz's language
 * packs: words and built-in questions in the page's language only), the one that makes the page larger.
 */
function withAlwaysLoads(page: typeof loaderPage, w: Widget): Set<string> {
  return w.alwaysLoads.reduce(
    (files, alternatives) =>
      alternatives
        .map((module) => union(files, page(w.name, [`${w.dir}${module}`])))
        .sort((a, b) => bytesOf(b) - bytesOf(a))[0],
    page(w.name),
  );
}

const banner = widget('banner');
const counter = widget('pledge-counter');
const chart = widget('progress-chart');
const quiz = widget('quiz-card');
const chartPage = loaderPage(chart.name);
/**
 * The chart page with the README's pasted table: what the registry says that snippet always loads (`inlines`: its table
 * reader and the data's fast check) comes with it.
 */
const chartPageWithTable = union(
  chartPage,
  closure(
    shared,
    (chart.inlines ?? []).map((module) => `${chart.dir}${module}`),
  ),
);
const sharedChunk = new Set(
  [...closure(shared, [widget('banner').entry])].filter((file) => file.startsWith('shared-')),
);

/**
 * Issue 17: the README's snippet follows the campaign's feed (`campaign="…"`), and valid feed data is checked by the
 * generated fast check in the banner's own code: the page loads what the banner page loads, and zod (validate.ts,
 * with the feed's schema) only to explain an invalid feed. The build would pull zod in if the banner imported the
 * schema statically: then the zod chunk would be in the page, and this check fails.
 */
const feedPage = loaderPage(banner.name);
const feedExplained = minus(closure(shared, [`${banner.dir}banner.schema.ts`]), feedPage);
if (![...feedExplained].some((file) => file.startsWith('validate-'))) {
  console.error('size check: zod (validate.ts) is loaded by every banner page following a feed, not only for bad data');
  process.exitCode = 1;
}

/**
 * The chart.js chunk, which the classic scripts (progress-chart.js, lantoa.iife.js) load as the module build does.
 * It must import nothing of the shared chunk: there it would bring a second Lit and core (9 KB) to every chart.
 */
const chartCanvas = closure(shared, [`${chart.dir}progress-chart.canvas.ts`]);
if ([...chartCanvas].some((file) => file.startsWith('shared-'))) {
  console.error(
    'size check: the chart.js chunk imports the shared chunk (Lit, core): a classic script loads a second copy',
  );
  process.exitCode = 1;
}

const budgets: Budget[] = [
  { what: 'loader.js', files: new Set(['loader.js']), limit: 1.5 * KB },
  // Every widget of scripts/widgets.ts, under its budget there; for the progress chart, before chart.js.
  ...WIDGETS.flatMap((w) => [
    {
      what: `${w.name} page (loader + ${w.name} + shared)`,
      files: withAlwaysLoads(loaderPage, w),
      limit: w.budgetKB * KB,
    },
    { what: `${w.name}.js page (direct entry)`, files: withAlwaysLoads(directPage, w), limit: w.budgetKB * KB },
  ]),
  {
    what: 'banner page following its campaign feed (loader + banner + shared; valid data: no zod)',
    files: feedPage,
    limit: banner.budgetKB * KB,
  },
  {
    what: 'banner: lazy zod + feed schema, only to explain an invalid feed',
    files: feedExplained,
  },
  // The province view (issue 13: usable at 150 units) loads its ranking (groups, subtotals, search, its styles) with
  // the data, so a unit's page (the counter page above) never does; it has no form, so it does not load the pledge
  // delivery (pledge-delivery.ts, unless pledges wait from an earlier visit). Under the counter page's budget.
  {
    what: 'pledge-counter page, province variant (+ lazy ranking: groups, subtotals, search; no pledge delivery)',
    files: loaderPage(counter.name, [`${counter.dir}pledge-counter.ranking.ts`]),
    limit: counter.budgetKB * KB,
  },
  // The quiz's own entry (docs/widgets: it works, though no faster than the loader) with per-unit results, under its budget.
  {
    what: 'quiz-card.js page with per-unit results (+ result sender + outbox)',
    files: union(
      withAlwaysLoads(directPage, quiz),
      closure(readManifest('quiz-card.manifest.json'), [`${quiz.dir}quiz-results.ts`]),
    ),
    limit: quiz.budgetKB * KB,
  },
  // What a visitor who answers downloads next: the end-of-round view (score, participation, review), requested with
  // the first checked answer, after the page has shown its first question.
  {
    what: 'quiz-card: lazy end-of-round view, requested with the first checked answer',
    files: minus(
      closure(readManifest('quiz-card.manifest.json'), [`${quiz.dir}quiz-card.result.ts`]),
      withAlwaysLoads(directPage, quiz),
    ),
    limit: 1 * KB,
  },
  // The README's chart snippet is a pasted table: the chart reads it with its table reader and checks the data with
  // the generated fast check, both always loaded then (until session 23 this page also loaded zod and the schema,
  // 9.6 KB, and no line here counted them). zod comes only for data that is wrong.
  {
    what: 'progress-chart page with its pasted table (+ table reader + fast check; valid data: no zod)',
    files: chartPageWithTable,
    limit: 20 * KB,
  },
  {
    what: 'progress-chart: lazy zod + schema, only to explain invalid data',
    files: minus(closure(shared, [`${chart.dir}progress-chart.schema.ts`]), chartPageWithTable),
  },
  {
    what: 'progress-chart element before chart.js, beyond the shared chunk',
    files: minus(chartPage, union(['loader.js'], sharedChunk)),
    limit: 6 * KB,
  },
  {
    what: 'progress-chart: lazy chart.js chunks (tree-shaken chart.js + canvas, legend, summary)',
    files: minus(closure(shared, [`${chart.dir}progress-chart.canvas.ts`]), chartPage),
    limit: 55 * KB,
  },
  {
    what: 'progress-chart: lazy CSV chunks (d3-dsv + row reader), only for a CSV src',
    files: minus(
      closure(shared, [`${chart.dir}progress-chart.csv.ts`, `${chart.dir}progress-chart.rows.ts`]),
      chartPage,
    ),
    limit: 3.5 * KB,
  },
  // The classic script holds Lit, the core and every widget's entry: what each widget needs to show itself, in one
  // request (page → lantoa.iife.js, a round trip less than the loader's page → loader.js → chunks). Its lazy parts
  // load on demand as the step-1 chunks beside it. 32 KB: 28.6 KB measured, with room for the widgets' growth, and
  // less than any lazy part that could slip back in (zod 7.6 KB, chart.js 53 KB) (it stood at 101 KB with them).
  {
    what: 'lantoa.iife.js (classic script: every widget up front, lazy parts as the chunks beside it)',
    files: new Set(['lantoa.iife.js']),
    limit: 32 * KB,
  },
  {
    what: 'lantoa.iife.js page with a chart near the viewport (+ the chart.js chunk)',
    files: union(['lantoa.iife.js'], chartCanvas),
  },
  {
    what: 'progress-chart.js page with its chart painted (+ the chart.js chunk)',
    files: union(withAlwaysLoads(directPage, chart), chartCanvas),
  },
];

const counted = union(...budgets.map((budget) => budget.files));
const others: Budget[] = readdirSync(DIR)
  .filter((file) => file.endsWith('.js') && !counted.has(file))
  .map((file) => ({ what: `${file} (lazy: only with outside data or in a rarer case)`, files: new Set([file]) }));

let failed = false;
console.log('size (gzip -9)          budget      what');
for (const { what, files, limit } of [...budgets, ...others]) {
  const bytes = bytesOf(files);
  const over = limit !== undefined && bytes > limit;
  failed ||= over;
  const budget = limit === undefined ? '-' : `${(limit / KB).toFixed(1)} KB`;
  console.log(`${(bytes / KB).toFixed(2).padStart(7)} KB  ${budget.padStart(10)}  ${over ? 'OVER ' : ''}${what}`);
}
failed = !checkConsole() || failed;
if (failed || process.exitCode) {
  console.error('size check failed: a page is over its budget');
  process.exit(1);
}
console.log('size check passed');
