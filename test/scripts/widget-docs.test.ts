/**
 * docs/widgets/ is generated (scripts/widget-docs.ts): the manifest is made again in memory from the
 * sources as they are now, the pages rendered from it, and every committed page must equal its rendering,
 * so a JSDoc or guide change without `npm run docs` fails here.
 */
import assert from 'node:assert/strict';
import { existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { before, test } from 'node:test';
import { BANNER_ROOM } from '../../src/contract/rooms.js';
import {
  DOCS_DIR,
  manifestFromSource,
  renderDocs,
  SOURCE_DIR,
  widgetsOf,
  writtenDocs,
  type Manifest,
} from '../../scripts/widget-docs.js';

let manifest: Manifest;
let rendered: Map<string, string>;

before(async () => {
  manifest = await manifestFromSource();
  rendered = renderDocs(manifest);
});

test('the manifest has the four widgets (the check is not vacuous)', () => {
  assert.deepEqual(
    widgetsOf(manifest)
      .map((widget) => widget.tag)
      .sort(),
    ['lantoa-banner', 'lantoa-pledge-counter', 'lantoa-progress-chart', 'lantoa-quiz-card'],
  );
});

test('docs/widgets/ is up to date with the JSDoc and the guides (run `npm run docs` when this fails)', () => {
  assert.deepEqual(writtenDocs().sort(), [...rendered.keys()].sort(), 'a page too many or missing');
  const stale = [...rendered]
    .filter(([name, content]) => readFileSync(join(DOCS_DIR, name), 'utf8') !== content)
    .map(([name]) => name);
  assert.deepEqual(stale, [], 'stale pages');
});

test('each page names every attribute, property, event, slot, part and CSS property of its element', () => {
  for (const widget of widgetsOf(manifest)) {
    const page = rendered.get(`${widget.name}.md`)!;
    const d = widget.declaration;
    const names = [
      ...(d.attributes ?? []).map((a) => a.name),
      ...(d.events ?? []).map((e) => e.name),
      ...(d.slots ?? []).filter((s) => s.name).map((s) => s.name),
      ...(d.cssParts ?? []).map((p) => p.name),
      ...(d.cssProperties ?? []).map((p) => p.name),
      ...(d.members ?? []).filter((m) => m.kind === 'field' && !m.privacy && !m.attribute).map((m) => m.name),
    ];
    assert.ok(names.length > 10, `${widget.tag}: only ${names.length} names`);
    const missing = names.filter((name) => !page.includes(`\`${name}\``) && !page.includes(`.${name}\``));
    assert.deepEqual(missing, [], `${widget.tag} page misses`);
    // Both languages, the guide before the reference.
    const vi = page.indexOf('## Tiếng Việt');
    const en = page.indexOf('## English');
    const reference = page.indexOf('## Tham chiếu / Reference');
    assert.ok(vi > 0 && vi < en && en < reference, `${widget.tag}: vi, en, reference in that order`);
  }
});

test('a changed JSDoc description makes the committed page stale', () => {
  const changed = structuredClone(manifest);
  const banner = widgetsOf(changed).find((widget) => widget.tag === 'lantoa-banner')!;
  banner.declaration.attributes![0].description = 'A description nobody committed.';
  const page = renderDocs(changed).get('banner.md')!;
  assert.notEqual(page, readFileSync(join(DOCS_DIR, 'banner.md'), 'utf8'));
  assert.ok(page.includes('A description nobody committed.'));
});

test('a pipe in a type or description stays inside its table cell', () => {
  const changed = structuredClone(manifest);
  const banner = widgetsOf(changed).find((widget) => widget.tag === 'lantoa-banner')!;
  banner.declaration.events![0].description = 'Either a | b,\nover two lines.';
  const row = renderDocs(changed)
    .get('banner.md')!
    .split('\n')
    .find((line) => line.startsWith(`| \`${banner.declaration.events![0].name}\``))!;
  assert.equal(row, `| \`${banner.declaration.events![0].name}\` | Either a \\| b, over two lines. |`);
  assert.ok(
    !renderDocs(manifest).get('banner.md')!.includes('| string | undefined |'),
    'types with a union are escaped',
  );
});

test('a new element without a hand-written guide is refused with the file to write', () => {
  const changed = structuredClone(manifest);
  changed.modules.push({
    path: 'src/widgets/poll/poll.ts',
    declarations: [{ kind: 'class', name: 'LantoaPoll', tagName: 'lantoa-poll', customElement: true }],
  });
  assert.throws(() => renderDocs(changed), /docs\/widgets\/source\/poll\.md is missing/);
  // With its guide, the page is written with the generated reference after the guide.
  const dir = mkdtempSync(join(tmpdir(), 'lantoa-docs-'));
  for (const name of ['README', ...widgetsOf(manifest).map((widget) => widget.name)]) {
    writeFileSync(join(dir, `${name}.md`), readFileSync(join(SOURCE_DIR, `${name}.md`), 'utf8'));
  }
  writeFileSync(join(dir, 'poll.md'), '## Tiếng Việt\n\nThăm dò ý kiến.\n\n## English\n\nA poll.\n');
  const docs = renderDocs(changed, dir);
  assert.match(
    docs.get('poll.md')!,
    /# `<lantoa-poll>`[\s\S]*Thăm dò ý kiến[\s\S]*A poll\.[\s\S]*## Tham chiếu \/ Reference/,
  );
  assert.match(docs.get('README.md')!, /\[`<lantoa-poll>`\]\(poll\.md\)/);
});

const ROOT = new URL('../../', import.meta.url).pathname;

test('the README stays short and gives the two commands CI runs and the webmaster snippet', () => {
  const readme = readFileSync(join(ROOT, 'README.md'), 'utf8');
  assert.ok(Buffer.byteLength(readme) <= 15 * 1024, `README.md is ${Buffer.byteLength(readme)} bytes (at most 15 KB)`);
  assert.ok(readme.includes('npm install && npm start'));
  assert.match(readme, /^npm test\s/m);
  // The snippet with its reserved heights, in both languages.
  assert.equal(readme.split(`<style>${BANNER_ROOM}</style>`).length - 1, 2);
  // …and its campaign feed named up front, so it comes with the code.
  assert.equal(readme.split('/api/v1/campaigns/ben-tre-smartphone/feed">\n<script type="module"').length - 1, 2);
  for (const name of widgetsOf(manifest).map((widget) => widget.name))
    assert.ok(readme.includes(`(docs/widgets/${name}.md)`), `no link to ${name}`);
});

test('every copy of the banner’s reserved room is the one the builder gives (src/contract/rooms.ts)', () => {
  const copies = [
    'README.md',
    'docs/widgets/source/banner.md',
    '.storybook/introduction.mdx',
    'demo/hosts/wordpress-theme.html',
    'demo/district-ba-tri.html',
    'demo/feed.html',
    'src/server/pages/assets/page.css',
    'demo/hosts/strict-csp.css',
  ];
  // page.css and the strict-CSP page's file spread the same rules over lines: compared without white space.
  const squeeze = (css: string) => css.replace(/\s+/g, '').replaceAll(';}', '}');
  for (const file of copies) {
    const text = squeeze(readFileSync(join(ROOT, file), 'utf8'));
    const starts = text.split('#lantoa-top{display:block;min-height:').length - 1;
    assert.ok(starts > 0, `${file} reserves no room for the banner`);
    assert.equal(text.split(squeeze(BANNER_ROOM)).length - 1, starts, `${file} reserves another room than BANNER_ROOM`);
  }
});

test('every relative link of the README and the docs leads to a file', () => {
  const pages = [
    'README.md',
    'docs/DEVELOPING.md',
    'src/server/README.md',
    ...writtenDocs().map((name) => `docs/widgets/${name}`),
  ];
  const broken = pages.flatMap((page) =>
    [...readFileSync(join(ROOT, page), 'utf8').matchAll(/\]\(([^)#\s]+)(?:#[^)]*)?\)/g)]
      .map((match) => match[1])
      .filter((target) => !/^[a-z]+:/.test(target) && !existsSync(join(ROOT, dirname(page), target)))
      .map((target) => `${page} → ${target}`),
  );
  assert.deepEqual(broken, []);
});
