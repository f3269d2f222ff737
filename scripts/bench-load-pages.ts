/**
 * The pages `npm run bench:load` measures, written from scripts/bench-load.config.ts into demo/bench/ (served
 * by `npm start` at /demo/bench/): a small district-union article with the widget's snippet pasted in, as a
 * webmaster would. No stylesheet or image requests of the host's own, so every request after the page is
 * Lantoa's and the chain is easy to read.
 */
import { BANNER_ROOM } from '../src/contract/rooms.js';
import { dataPaths, preloadHint, snippetScripts } from '../src/contract/snippet-scripts.js';
import type { BenchWidget } from './bench-load.config.js';

export interface BenchPage {
  /** Page id in the table and the JSON, e.g. `banner`, `banner-iframe`, `all`. */
  id: string;
  /**
   * How the widgets reach the page: `loader` (the snippet with loader.js), `direct` (the widget's own entry,
   * /lantoa/<name>.js, instead of the loader), `iframe` (an iframe of an embed page on the service), `peer` (another
   * project's widget on the same page template, served the same way: the yardstick each row is divided by),
   * `service` (a page the service renders itself: a unit's page, the province's, the embed builder; at `path`).
   */
  design: 'loader' | 'direct' | 'iframe' | 'peer' | 'service';
  /** Tags whose marks are waited for (inside the iframe for the iframe design). */
  tags: string[];
  /** Whether a widget on it needs the service's data before its first content. */
  data: boolean;
  /** File under the bench folder, and its HTML (not for `service` pages: the service renders those). */
  file: string;
  html: string;
  /** A `service` page's path and query on the service. */
  path?: string;
}

/** The campaign of 150 units (10 groups) the bench's service also holds: the province ranking at a province's scale. */
export const LARGE_CAMPAIGN = { file: 'test/fixtures/campaigns-150.json', id: 'test-150-units' } as const;

/**
 * The pages the service renders, measured as a visitor opens them: a unit's page from a fanpage post or the
 * poster's QR code, the province page (the sample campaign's 13 units, and 150 units in 10 groups), and the embed
 * builder with a unit chosen (the webmaster waits for its preview).
 */
const SERVICE_PAGES: readonly Omit<BenchPage, 'design' | 'data' | 'file' | 'html'>[] = [
  { id: 'unit-page', path: '/c/ben-tre-smartphone/ba-tri', tags: ['lantoa-banner', 'lantoa-pledge-counter'] },
  { id: 'province-page', path: '/c/ben-tre-smartphone', tags: ['lantoa-pledge-counter'] },
  { id: 'province-page-150', path: `/c/${LARGE_CAMPAIGN.id}`, tags: ['lantoa-pledge-counter'] },
  {
    id: 'embed-builder',
    path: '/embed/?campaign=ben-tre-smartphone&unit=ba-tri',
    tags: ['lantoa-banner', 'lantoa-pledge-counter'],
  },
];

export const shortName = (tag: string) => tag.replace(/^lantoa-/, '');

/** The mark of a widget's later event (BenchWidget.laterEvent), set by the bench's init script. */
export const laterMark = (w: BenchWidget) => `${w.tag}/${w.laterEvent}`;

/** The mark of a banner showing its campaign feed's message (set by the bench's init script, not by the banner). */
export const FEED_MARK = 'lantoa-banner/feed';

/**
 * The README's main snippet: the banner following its campaign's feed, which the console makes the normal
 * case (issue 17), with the feed named by a preload hint so it travels with the code, through banner.js
 * (`banner-feed`), and the same through loader.js (`banner-feed-loader`, the snippet before). Measured until the
 * feed's message is on screen.
 */
const FEED_SNIPPET = `<style>${BANNER_ROOM}</style>
<lantoa-banner id="lantoa-top" campaign="ben-tre-smartphone" dismissible>
  <b slot="headline">Đề án chuyển đổi số tỉnh Bến Tre giai đoạn 2020–2025, tầm nhìn đến 2030</b>
</lantoa-banner>`;
const FEED_PRELOAD = dataPaths('lantoa-banner', 'ben-tre-smartphone').map(preloadHint).join('\n');

const LOADER = '<script type="module" src="/lantoa/loader.js"></script>';
const direct = (tag: string) => `<script type="module" src="/lantoa/${shortName(tag)}.js"></script>`;
const GENERATED =
  '<!-- Written by scripts/bench-load-pages.ts from scripts/bench-load.config.ts (npm run bench:load): edit there. -->';

const STYLE = `<style>
      body { margin: 0; font: 16px/1.55 system-ui, sans-serif; color: #1b1f24; background: #fff; }
      header, article { max-width: 46rem; margin: 0 auto; padding: 0 1rem; }
      header h1 { font-size: 1.375rem; margin: 1rem 0 0.5rem; color: #0b4ea2; }
      article h2 { font-size: 1.25rem; margin: 1.25rem 0 0.5rem; }
      iframe { display: block; width: 100%; border: 0; }
    </style>`;

/** Text of the article: from the provincial letter (Công văn 1850-CV/TĐTN-TCKT), as on demo/district-ba-tri.html. */
const PARAGRAPHS = [
  'Ban Thường vụ Huyện đoàn Ba Tri triển khai Công văn số 1850-CV/TĐTN-TCKT của Ban Thường vụ Tỉnh đoàn về việc truyền thông triển khai thực hiện Đề án chuyển đổi số trên địa bàn tỉnh Bến Tre đến các cơ sở Đoàn.',
  'Mục đích: chuyển đổi nhận thức về sự cần thiết, tính cấp bách của chuyển đổi số trong xã hội, lan truyền từ điểm tới diện, từ một nhóm tổ chức, cá nhân tiên phong, đặc biệt là đoàn viên thanh niên tới cộng đồng.',
  'Khuyến khích cán bộ, công chức, viên chức, người lao động trang bị điện thoại thông minh, chuyển 2G lên 4G, 5G.',
];

const escapeText = (text: string) => text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');

function page(title: string, top: string, inArticle: string): string {
  const lines = [
    '<!doctype html>',
    GENERATED,
    '<html lang="vi">',
    '  <head>',
    '    <meta charset="utf-8" />',
    '    <meta name="viewport" content="width=device-width, initial-scale=1" />',
    `    <title>${escapeText(title)} – Huyện đoàn Ba Tri</title>`,
    `    ${STYLE}`,
    '  </head>',
    '  <body>',
    top,
    '    <header><h1>Huyện đoàn Ba Tri</h1></header>',
    '    <article>',
    '      <h2>Tìm hiểu Đề án chuyển đổi số</h2>',
    `      <p>${PARAGRAPHS[0]}</p>`,
    inArticle,
    `      <p>${PARAGRAPHS[1]}</p>`,
    `      <p>${PARAGRAPHS[2]}</p>`,
    '    </article>',
    '  </body>',
    '</html>',
  ];
  return `${lines.filter((line) => line.trim() !== '').join('\n')}\n`;
}

const indent = (text: string, spaces: number) => text.replace(/^/gm, ' '.repeat(spaces));

/**
 * Host page with the snippets pasted where each widget says, the script once after the first snippet; a widget with
 * a script of its own in `ownScripts` (the banner's banner.js, as the README gives it) has it after its snippet.
 */
function componentPage(
  title: string,
  widgets: readonly BenchWidget[],
  script: string,
  ownScripts: Record<string, string> = {},
): string {
  let scriptPlaced = false;
  const paste = (w: BenchWidget) => {
    if (ownScripts[w.tag]) return `${w.snippet}\n${ownScripts[w.tag]}`;
    const withScript = scriptPlaced ? w.snippet : `${w.snippet}\n${script}`;
    scriptPlaced = true;
    return withScript;
  };
  const top = widgets.filter((w) => w.place === 'top').map(paste);
  const inArticle = widgets.filter((w) => w.place === 'article').map(paste);
  return page(title, indent(top.join('\n'), 4), indent(inArticle.join('\n'), 6));
}

/** The page on the service an iframe embed points at: only the widget, with its direct entry (the service's best). */
function embedPage(widget: BenchWidget): string {
  return `<!doctype html>
${GENERATED}
<html lang="vi">
  <head>
    <meta charset="utf-8" />
    <meta name="viewport" content="width=device-width, initial-scale=1" />
    <title>Lantoa: ${shortName(widget.tag)}</title>
    <style>body { margin: 0; font: 16px/1.55 system-ui, sans-serif; }</style>
  </head>
  <body>
${indent(`${widget.snippet}\n${direct(widget.tag)}`, 4)}
  </body>
</html>
`;
}

/** Host page embedding the widget as most embeds do: an iframe of a page on the service, with a fixed height. */
function iframePage(widget: BenchWidget): string {
  const frame = `<iframe src="embed/${shortName(widget.tag)}.html" title="Lantoa: ${shortName(widget.tag)}" height="${widget.frameHeight}"></iframe>`;
  return widget.place === 'top'
    ? page(`${widget.tag} (iframe)`, indent(frame, 4), '')
    : page(`${widget.tag} (iframe)`, '', indent(frame, 6));
}

/**
 * Other projects' widgets, measured in the same run on the same page template and served by the same service
 * (same host, same compression, same caching as the demo pages): USWDS's `usa-banner`, the web component that
 * `@uswds/uswds` (a dev dependency) ships as one ES module with Lit inside, pasted as its documentation shows.
 * `script` is copied by the bench from node_modules to `file` under demo/bench/ (not committed; .gitignore). The
 * first peer is the yardstick: every row's ×USWDS figure is its time divided by this peer's in the same run.
 */
export const PEERS = [
  {
    id: 'uswds-banner',
    tag: 'usa-banner',
    script: { from: 'node_modules/@uswds/uswds/dist/components/usa-banner.js.mjs', file: 'peers/usa-banner.js' },
    snippet: '<usa-banner lang="en"></usa-banner>',
    /**
     * The peer has no mark of its own: the bench's init script (scripts/bench-load.ts) sets the same
     * `lantoa:<tag>` mark once the element has upgraded and Lit has committed its first render (`updateComplete`),
     * the moment Lantoa's widgets mark theirs (in `updated()`).
     */
  },
] as const;

/** Every page measured: the peers first (the ratios need them), then per widget the loader, direct and iframe pages, then one page with all widgets (loader). */
export function benchPages(widgets: readonly BenchWidget[]): {
  pages: BenchPage[];
  embeds: { file: string; html: string }[];
} {
  const pages: BenchPage[] = PEERS.map((peer) => ({
    id: peer.id,
    design: 'peer',
    tags: [peer.tag],
    data: false,
    file: `${peer.id}.html`,
    html: page(
      `<${peer.tag}> (USWDS)`,
      indent(`${peer.snippet}\n<script type="module" src="${peer.script.file}"></script>`, 4),
      '',
    ),
  }));
  const embeds: { file: string; html: string }[] = [];
  for (const w of widgets) {
    const name = shortName(w.tag);
    const data = w.data ?? false;
    const tags = [w.tag, ...(w.laterEvent ? [laterMark(w)] : [])];
    pages.push({
      id: name,
      design: 'loader',
      tags,
      data,
      file: `${name}.html`,
      html: componentPage(`<${w.tag}>`, [w], LOADER),
    });
    pages.push({
      id: `${name}-direct`,
      design: 'direct',
      tags,
      data,
      file: `${name}-direct.html`,
      html: componentPage(`<${w.tag}> (${name}.js)`, [w], direct(w.tag)),
    });
    pages.push({
      id: `${name}-iframe`,
      design: 'iframe',
      tags: [w.tag],
      data,
      file: `${name}-iframe.html`,
      html: iframePage(w),
    });
    embeds.push({ file: `embed/${name}.html`, html: embedPage(w) });
  }
  const feedBanner: BenchWidget = { tag: FEED_MARK, snippet: FEED_SNIPPET, place: 'top', frameHeight: 200, data: true };
  for (const [id, design, script] of [
    ['banner-feed', 'direct', `${FEED_PRELOAD}\n${direct('lantoa-banner')}`],
    ['banner-feed-loader', 'loader', `${FEED_PRELOAD}\n${LOADER}`],
  ] as const) {
    pages.push({
      id,
      design,
      tags: [FEED_MARK],
      data: true,
      file: `${id}.html`,
      html: componentPage(`<lantoa-banner campaign>`, [feedBanner], script),
    });
  }
  // A district page with all four, as the README has it pasted (snippetScripts: banner.js, pledge-counter.js, the
  // loader for the others), and with the loader alone.
  const tags = widgets.map((w) => w.tag);
  const asPasted = snippetScripts(tags);
  const ownFiles = Object.fromEntries(
    tags.filter((tag) => asPasted.includes(`${shortName(tag)}.js`)).map((tag) => [tag, direct(tag)]),
  );
  for (const [id, ownScripts] of [
    ['all', ownFiles],
    ['all-loader', {}],
  ] as const) {
    pages.push({
      id,
      design: 'loader',
      tags: widgets.map((w) => w.tag),
      data: widgets.some((w) => w.data),
      file: `${id}.html`,
      html: componentPage('Mọi tiện ích', widgets, LOADER, ownScripts),
    });
  }
  for (const service of SERVICE_PAGES) pages.push({ ...service, design: 'service', data: true, file: '', html: '' });
  return { pages, embeds };
}
