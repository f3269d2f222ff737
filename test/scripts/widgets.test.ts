/**
 * scripts/widgets.ts is the one list of widgets: the build, the size check and the load benchmark read it; what
 * cannot read it (package.json, src/index.ts, the stories, tests and README) is checked against it here, so a
 * widget added or renamed in one place and not the others fails `npm test` with the line to write.
 */
import assert from 'node:assert/strict';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { test } from 'node:test';
import { WIDGETS } from '../../scripts/widgets.js';
import { OWN_SCRIPT_TAGS, snippetScripts } from '../../src/contract/snippet-scripts.js';

const read = (path: string) => readFileSync(new URL(`../../${path}`, import.meta.url), 'utf8');
const exists = (path: string) => existsSync(new URL(`../../${path}`, import.meta.url));
const pkg = JSON.parse(read('package.json')) as { exports: Record<string, unknown>; sideEffects: string[] };
const names = WIDGETS.map((w) => w.name);

test('every folder of src/widgets is in the registry, and every entry defines its tag and exports its class', () => {
  assert.deepEqual(readdirSync(new URL('../../src/widgets', import.meta.url)).sort(), [...names].sort());
  for (const w of WIDGETS) {
    const entry = read(w.entry);
    assert.match(entry, new RegExp(`export class ${w.className}\\b`), `${w.entry} exports ${w.className}`);
    assert.ok(entry.includes(`defineElement('${w.tag}', ${w.className})`), `${w.entry} defines <${w.tag}>`);
  }
});

test('package.json exports each widget as lantoa/<name>, and no other widget', () => {
  const expected = Object.fromEntries(
    WIDGETS.map((w) => [
      `./${w.name}`,
      { types: `./dist/lib/widgets/${w.name}/${w.name}.d.ts`, default: `./dist/lib/widgets/${w.name}/${w.name}.js` },
    ]),
  );
  const widgetExports = Object.fromEntries(
    Object.entries(pkg.exports).filter(([key]) => !['.', './custom-elements.json', './package.json'].includes(key)),
  );
  assert.deepEqual(
    widgetExports,
    expected,
    `package.json "exports" should hold:\n${JSON.stringify(expected, null, 2)}`,
  );
});

test('package.json sideEffects lists the widget entries (which define elements), source and built', () => {
  const list = `{${names.join(',')}}`;
  for (const line of [`./src/widgets/*/${list}.ts`, `./dist/lib/widgets/*/${list}.js`]) {
    assert.ok(pkg.sideEffects.includes(line), `package.json "sideEffects" should have "${line}"`);
  }
  const widgetLines = pkg.sideEffects.filter((line) => line.includes('/widgets/'));
  assert.equal(widgetLines.length, 2, `only those two lines name widget entries: ${widgetLines.join(', ')}`);
});

test('src/index.ts exports the element class of every widget, and of no other', () => {
  const index = read('src/index.ts');
  const exported = [...index.matchAll(/^export \{ (\w+) \} from '\.\/widgets\/([\w-]+)\/([\w-]+)\.js';$/gm)].map(
    ([, name, dir, file]) => `${name} ${dir}/${file}`,
  );
  const expected = WIDGETS.map((w) => `${w.className} ${w.name}/${w.name}`);
  assert.deepEqual(
    exported,
    expected,
    `src/index.ts should have, in this order:\n${WIDGETS.map((w) => `export { ${w.className} } from './widgets/${w.name}/${w.name}.js';`).join('\n')}`,
  );
  for (const [, dir] of index.matchAll(/from '\.\/widgets\/([\w-]+)\//g))
    assert.ok(names.includes(dir), `src/index.ts imports from src/widgets/${dir}, not in the registry`);
});

test('every widget has its story, its tests and its place in the README', () => {
  const readme = read('README.md');
  for (const w of WIDGETS) {
    assert.ok(
      exists(`stories/${w.name}.stories.ts`) && read(`stories/${w.name}.stories.ts`).includes(w.tag),
      `stories/${w.name}.stories.ts shows <${w.tag}>`,
    );
    const tests = exists(`test/widgets/${w.name}`)
      ? readdirSync(new URL(`../../test/widgets/${w.name}`, import.meta.url)).filter((f) => f.endsWith('.test.ts'))
      : [];
    assert.ok(
      tests.some((file) => read(`test/widgets/${w.name}/${file}`).includes(w.tag)),
      `test/widgets/${w.name}/ has a test of <${w.tag}>`,
    );
    assert.ok(readme.includes(`<${w.tag}`), `README.md shows <${w.tag}>`);
  }
});

test('the widgets with a script of their own are the classic ones, and the snippets name them', () => {
  assert.deepEqual(
    [...OWN_SCRIPT_TAGS].sort(),
    WIDGETS.filter((w) => w.classic)
      .map((w) => w.tag)
      .sort(),
    'src/contract/snippet-scripts.ts lists the widgets marked `classic` in scripts/widgets.ts',
  );
  assert.deepEqual(snippetScripts(['lantoa-banner']), ['banner.js']);
  assert.deepEqual(snippetScripts(['lantoa-pledge-counter']), ['pledge-counter.js']);
  assert.deepEqual(snippetScripts(['lantoa-banner', 'lantoa-pledge-counter']), ['banner.js', 'pledge-counter.js']);
  assert.deepEqual(snippetScripts(['lantoa-progress-chart']), ['progress-chart.js']);
  assert.deepEqual(snippetScripts(['lantoa-quiz-card']), ['loader.js']);
  // Besides the banner, one widget has its own file (the counter first, else the chart); the rest share the loader.
  assert.deepEqual(snippetScripts(['lantoa-pledge-counter', 'lantoa-quiz-card']), ['pledge-counter.js', 'loader.js']);
  assert.deepEqual(snippetScripts(['lantoa-progress-chart', 'lantoa-pledge-counter']), [
    'pledge-counter.js',
    'loader.js',
  ]);
  assert.deepEqual(snippetScripts(['lantoa-progress-chart', 'lantoa-quiz-card']), ['progress-chart.js', 'loader.js']);
  assert.deepEqual(snippetScripts(WIDGETS.map((w) => w.tag)), ['banner.js', 'pledge-counter.js', 'loader.js']);
});
