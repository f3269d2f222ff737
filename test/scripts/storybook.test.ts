/**
 * The built Storybook, as a reader opens it: the Introduction is the first entry, then the guides, then the
 * widgets in the registry's order; every widget story's "Show code" is the snippet a webmaster pastes (the
 * element, the reserved height, the loader's script tag), never the story's wrapper markup or its mock service.
 * Builds Storybook into a temporary folder (about 30 s), serves it on a free loopback port and reads the docs
 * pages in headless Chromium.
 */
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { extname, join, normalize } from 'node:path';
import { after, before, test } from 'node:test';
import { chromium, type Browser } from 'playwright-core';
import { CHROME_ARGS, chromePath } from '../../scripts/chrome-path.js';
import { WIDGETS } from '../../scripts/widgets.js';
import { tempDir } from '../server/helpers.js';

const out = tempDir();
let server: Server | undefined;
let browser: Browser | undefined;
let base = '';

interface IndexEntry {
  id: string;
  type: 'docs' | 'story';
  title: string;
  name: string;
}

const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript',
  '.json': 'application/json',
  '.css': 'text/css',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.woff2': 'font/woff2',
};

before(async () => {
  // `npm run build-storybook` writes custom-elements.json first; `-o` keeps the checked-in tree untouched.
  execFileSync('npm', ['run', 'build-storybook', '--', '--quiet', '-o', out.path], { stdio: 'pipe' });
  server = createServer((request, response) => {
    const path = normalize(decodeURIComponent(new URL(request.url ?? '/', 'http://x').pathname)).replace(
      /^(\.\.[/\\])+/,
      '',
    );
    const file = join(out.path, path.endsWith('/') ? `${path}index.html` : path);
    readFile(file).then(
      (body) =>
        response.writeHead(200, { 'content-type': TYPES[extname(file)] ?? 'application/octet-stream' }).end(body),
      () => response.writeHead(404).end(),
    );
  });
  await new Promise<void>((resolve) => server?.listen(0, '127.0.0.1', resolve));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  browser = await chromium.launch({ executablePath: chromePath(), args: CHROME_ARGS });
});

after(async () => {
  await browser?.close();
  server?.close();
  out.remove();
});

const entries = (): IndexEntry[] =>
  Object.values(
    (JSON.parse(readFileSync(join(out.path, 'index.json'), 'utf8')) as { entries: Record<string, IndexEntry> }).entries,
  );

/** The Storybook title of a widget's stories: `Widgets/Pledge counter` for `pledge-counter`. */
const widgetTitle = (name: string) => `Widgets/${name[0].toUpperCase()}${name.slice(1).replaceAll('-', ' ')}`;

test('index: the Introduction first, then the guides, then the widgets in the registry order', () => {
  const all = entries();
  assert.equal(all[0].type, 'docs');
  assert.match(all[0].title, /Introduction/);
  const groups = [...new Set(all.map((entry) => entry.title.split('/')[0]))];
  assert.deepEqual(groups, [all[0].title, 'Guides', 'Widgets']);
  const widgetTitles = [
    ...new Set(all.filter((entry) => entry.title.startsWith('Widgets/')).map((entry) => entry.title)),
  ];
  assert.deepEqual(
    widgetTitles,
    WIDGETS.map((widget) => widgetTitle(widget.name)),
  );
  // One guide per widget page of docs/widgets/, plus the embedding notes (docs/widgets/README.md).
  assert.equal(all.filter((entry) => entry.title.startsWith('Guides/')).length, WIDGETS.length + 1);
});

test('the Introduction renders, Vietnamese first, with the banner snippet and its classic-script variant', async () => {
  const intro = entries()[0];
  const page = await browser!.newPage();
  const errors: string[] = [];
  page.on('pageerror', (error) => errors.push(error.message));
  await page.goto(`${base}/iframe.html?id=${intro.id}&viewMode=docs`);
  // The code blocks render after the prose (a lazily loaded highlighter).
  await page.locator('.sbdocs-content pre').nth(2).waitFor({ timeout: 30_000 });
  const text = await page.locator('.sbdocs-content').evaluate((content) => content.textContent ?? '');
  const links = await page
    .locator('.sbdocs-content a[href^="?path=/docs/"]')
    .evaluateAll((anchors) =>
      anchors.map((anchor) => decodeURIComponent(anchor.getAttribute('href')!.slice('?path=/docs/'.length))),
    );
  await page.close();
  assert.deepEqual(errors, []);
  // Each widget's guide and stories, and the embedding guide: every link names a page the index has.
  const ids = new Set(entries().map((entry) => entry.id));
  assert.ok(links.length >= 2 * WIDGETS.length + 1, links.join());
  for (const link of links) assert.ok(ids.has(link), `no page ${link}`);
  assert.ok(text.indexOf('Dán vào trang') < text.indexOf('Embedding'), 'Vietnamese before English');
  assert.match(text, /<script type="module" src="https:\/\/MAY-CHU-CUA-TINH\/lantoa\/banner\.js"><\/script>/);
  assert.match(text, /<script src="https:\/\/YOUR-PROVINCE-SERVER\/lantoa\/banner\.js"><\/script>/);
  assert.match(text, /<script src="https:\/\/YOUR-PROVINCE-SERVER\/lantoa\/loader\.js"><\/script>/);
  assert.match(text, /min-height:max\(/);
});

/** Markup that belongs to a story, never to what a webmaster pastes. */
const STORY_ONLY = [
  /lantoa-sb-/,
  /<div\b/,
  /\.invalid\b/,
  /127\.0\.0\.1/,
  /\/assets\//,
  /no-inline/,
  /<!--\?lit/,
  /storybook-mock/,
];

for (const widget of WIDGETS) {
  test(`${widget.tag}: every story's "Show code" is the webmaster's snippet`, async () => {
    const stories = entries().filter((entry) => entry.type === 'story' && entry.title === widgetTitle(widget.name));
    // The banner's snippet names banner.js (a classic direct entry), the others the loader.
    const script = widget.classic ? `${widget.name}.js` : 'loader.js';
    assert.ok(stories.length > 0);
    const docs = entries().find((entry) => entry.type === 'docs' && entry.title === widgetTitle(widget.name));
    const page = await browser!.newPage();
    await page.goto(`${base}/iframe.html?id=${docs!.id}&viewMode=docs`);
    await page.locator('.docblock-argstable').waitFor({ timeout: 30_000 });
    const showCode = page.locator('button', { hasText: /show code/i });
    // The primary story at the top, then every story once more.
    assert.equal(await showCode.count(), stories.length + 1);
    while ((await showCode.count()) > 0) await showCode.first().click();
    // Each canvas: its story's id and the code shown under it (the code follows the story's own render).
    const read = () =>
      page.locator('.sbdocs-preview').evaluateAll((canvases) =>
        canvases.map((canvas) => ({
          story: canvas.closest('.sb-anchor')?.id ?? '',
          code: canvas.querySelector('pre')?.textContent ?? '',
        })),
      );
    let shown = await read();
    for (let tries = 0; tries < 20 && shown.some(({ code }) => !code.includes(`/lantoa/${script}`)); tries++) {
      await page.waitForTimeout(250);
      shown = await read();
    }
    await page.close();
    assert.deepEqual(
      shown.map(({ story }) => story),
      [`anchor--primary--${stories[0].id}`, ...stories.map(({ id }) => `anchor--${id}`)],
    );
    const reserved = /min-height:max\([^)]*\)/.exec(widget.bench.snippet)?.[0];
    assert.ok(reserved, 'the registry snippet reserves a height');
    for (const { story, code } of shown) {
      const lines = code.trim().split('\n');
      const says = `${story} shows:\n${code}`;
      assert.match(
        lines.at(-1)!,
        new RegExp(
          `^<script type="module" src="https://(MAY-CHU-CUA-TINH|YOUR-PROVINCE-SERVER)/lantoa/${script.replace('.', '\\.')}"></script>$`,
        ),
        says,
      );
      assert.ok(code.includes(`<${widget.tag}`), says);
      for (const pattern of STORY_ONLY) assert.doesNotMatch(code, pattern, `${pattern} in ${says}`);
    }
    // The first story, at the top of the page, shows the README's snippet: its reserved height included.
    assert.ok(shown[0].code.includes(reserved), `${shown[0].story}: ${reserved}\n${shown[0].code}`);
  });
}

test('Show code follows the Controls, while the story keeps rendering from its mock service', async () => {
  const page = await browser!.newPage();
  await page.goto(`${base}/iframe.html?id=widgets-pledge-counter--docs&viewMode=docs`);
  const primary = page.locator('[id^="anchor--primary--"]');
  const counter = primary.locator('lantoa-pledge-counter');
  // The story renders against the in-page mock (an `….invalid` api): its pledge form is there.
  await counter.locator('button[type="submit"]').waitFor({ timeout: 30_000 });
  assert.match((await counter.getAttribute('api')) ?? '', /\.invalid$/);
  await page.locator('.docblock-argstable textarea[name="unit"]').fill('cho-lach');
  await primary.locator('button', { hasText: /show code/i }).click();
  const code = primary.locator('pre');
  await code.filter({ hasText: 'unit="cho-lach"' }).waitFor({ timeout: 10_000 });
  const shown = (await code.textContent()) ?? '';
  await page.close();
  assert.match(
    shown,
    /^<lantoa-pledge-counter campaign="ben-tre-smartphone" unit="cho-lach" style="display:block;min-height:max\(31rem,496px\)"><\/lantoa-pledge-counter>$/m,
  );
  assert.doesNotMatch(shown, /api=/);
});
