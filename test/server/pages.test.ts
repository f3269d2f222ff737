/**
 * The public pages under /c/ over real HTTP, with a real SQLite file: Open Graph tags (escaped: a campaign
 * whose texts hold markup and quotes stays text), languages, the strict CSP, the share image (a real PNG,
 * redrawn after the count changes but at most once a minute, by an injected clock), the poster's QR code
 * (decoded with jsqr) and the HTML 404s.
 */
import jsQR from 'jsqr';
import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import { PNG } from 'pngjs';
import { startService, type Service } from '../../src/server/service.js';
import { RANKING_SCROLLS_FROM, rankingCss } from '../../src/server/pages/province-page.js';
import { SEARCH_FROM } from '../../src/widgets/pledge-counter/pledge-counter.ranking.js';
import { newKey, postPledge, ROOT, tempDir, testConfig } from './helpers.js';

const PUBLIC_URL = 'https://lantoa.example.gov.vn';
const CAMPAIGN = 'thu-nghiem';
const TITLE_VI = `<script>alert("tiêu đề")</script> "Cam kết" & 'số'`;
const UNIT_NAME = `<b onmouseover="x()">Mỏ Cày Bắc</b>`;
const DESCRIPTION_VI = `"><img src=x onerror=alert(1)> Lan tỏa chuyển đổi số`;

const campaignsFile = {
  campaigns: [
    {
      id: CAMPAIGN,
      title: { vi: TITLE_VI, en: `<i>Trial</i> "campaign"` },
      description: { vi: DESCRIPTION_VI, en: 'Spread digital transformation' },
      note: { vi: 'Ghi chú <u>thử</u>', en: 'A <u>trial</u> note' },
      choices: [{ id: 'smartphone', label: { vi: 'Tôi dùng điện thoại thông minh', en: 'I use a smartphone' } }],
      units: [
        { id: 'mo-cay-bac', name: UNIT_NAME, goal: 1000 },
        { id: 'ba-tri', name: 'Ba Tri', goal: 2000 },
        { id: 'cu-lao-minh', name: 'Cù Lao Minh', goal: 500, retired: true },
      ],
      goal: 3000,
      goalsAreIllustrative: true,
      startDate: '2020-01-01',
      endDate: '2099-12-31',
      quizzes: [{ id: 'chuyen-doi-so-ben-tre', title: { vi: 'Tìm hiểu <chuyển đổi số>', en: 'A <quiz>' } }],
      allowedOrigins: [],
    },
  ],
};

let service: Service;
let clock = Date.parse('2026-12-07T10:00:00Z');
const data = tempDir();

before(async () => {
  const file = join(data.path, 'campaigns.json');
  writeFileSync(file, JSON.stringify(campaignsFile));
  service = await startService(
    testConfig(join(data.path, 'data'), { campaignsFile: file }),
    { widgetsDir: join(ROOT, 'dist/lantoa'), demoDir: join(ROOT, 'demo') },
    { publicUrl: PUBLIC_URL, now: () => clock },
  );
});
after(async () => {
  await service?.close();
  data.remove();
});

const get = (path: string, headers: Record<string, string> = {}) => fetch(`${service.url}${path}`, { headers });
const unitPath = `/c/${CAMPAIGN}/mo-cay-bac`;

/** The content of `<meta property|name="key" content="…">`, HTML entities decoded. */
function meta(page: string, key: string): string | undefined {
  const match = new RegExp(`<meta (?:property|name)="${key}" content="([^"]*)">`).exec(page);
  return match ? decode(match[1]) : undefined;
}

function decode(text: string): string {
  return text.replace(
    /&(lt|gt|quot|#39|amp);/g,
    (_, name: string) => ({ lt: '<', gt: '>', quot: '"', '#39': "'", amp: '&' })[name]!,
  );
}

describe('unit page', () => {
  test('Open Graph and Twitter tags carry the unit, its count and the campaign, escaped', async () => {
    const response = await get(unitPath, { 'Accept-Language': 'vi-VN,vi;q=0.9' });
    assert.equal(response.status, 200);
    assert.match(response.headers.get('content-type') ?? '', /^text\/html; charset=utf-8/i);
    const page = await response.text();
    // Markup from the campaign never reaches the page as markup, in the head or the body.
    for (const raw of ['<script>alert', '<b onmouseover', '<img src=x', '<u>thử', '<chuyển'])
      assert.ok(!page.includes(raw), `${raw} appears unescaped`);
    assert.equal(meta(page, 'og:title'), `${UNIT_NAME}: 0 cam kết – ${TITLE_VI}`);
    assert.equal(meta(page, 'og:description'), `${UNIT_NAME}: 0 cam kết, mục tiêu 1.000 (0%). ${DESCRIPTION_VI}`);
    assert.equal(meta(page, 'og:url'), `${PUBLIC_URL}${unitPath}?lang=vi`);
    assert.equal(meta(page, 'og:image'), `${PUBLIC_URL}${unitPath}/og.png`);
    assert.equal(meta(page, 'og:type'), 'website');
    assert.equal(meta(page, 'og:locale'), 'vi_VN');
    assert.equal(meta(page, 'twitter:card'), 'summary_large_image');
    assert.equal(meta(page, 'twitter:title'), meta(page, 'og:title'));
    assert.match(page, new RegExp(`<link rel="canonical" href="${PUBLIC_URL}${unitPath}\\?lang=vi">`));
    const title = /<title>([^<]*)<\/title>/.exec(page)?.[1];
    assert.equal(decode(title ?? ''), `${UNIT_NAME}: 0 cam kết – ${TITLE_VI}`);
    // The body: the unit's name as text, the widgets for this unit, the share links to the canonical URL.
    assert.ok(page.includes('<h1>&lt;b onmouseover=&quot;x()&quot;&gt;Mỏ Cày Bắc&lt;/b&gt;</h1>'));
    assert.match(page, /<lantoa-pledge-counter campaign="thu-nghiem" unit="mo-cay-bac"><\/lantoa-pledge-counter>/);
    assert.match(page, /<lantoa-quiz-card unit="mo-cay-bac"><\/lantoa-quiz-card>/);
    // Three widgets: the classic bundle, one deferred request for all (measured faster on 2G than the loader).
    assert.match(page, /<script src="\/lantoa\/lantoa\.iife\.js" defer><\/script>/);
    assert.doesNotMatch(page, /loader\.js|type="module"/);
    // The counter's campaign and counts come with the bundle, named after it (the very URLs it fetches).
    assert.ok(
      page.includes(
        '<script src="/lantoa/lantoa.iife.js" defer></script>\n' +
          '<link rel="preload" as="fetch" crossorigin href="/api/v1/campaigns/thu-nghiem">\n' +
          '<link rel="preload" as="fetch" crossorigin href="/api/v1/campaigns/thu-nghiem/counts">\n',
      ),
    );
    // Sample goals are labelled as such next to the figure, before any script runs.
    assert.ok(page.includes('<p class="note">Mục tiêu là số liệu minh họa.</p>'));
    const shared = encodeURIComponent(`${PUBLIC_URL}${unitPath}?lang=vi`);
    assert.ok(page.includes(`https://www.facebook.com/sharer/sharer.php?u=${shared}`));
    assert.ok(page.includes(`https://sp.zalo.me/plugins/share?href=${shared}`));
  });

  test('the count in the head follows the pledges', async () => {
    const pledged = await postPledge(`${service.url}/api/v1/campaigns/${CAMPAIGN}`, {
      unit: 'ba-tri',
      choice: 'smartphone',
      key: newKey(),
    });
    assert.equal(pledged.status, 201);
    const page = await (await get(`/c/${CAMPAIGN}/ba-tri?lang=en`)).text();
    assert.equal(meta(page, 'og:title'), `Ba Tri: 1 pledge – <i>Trial</i> "campaign"`);
    assert.equal(meta(page, 'og:locale'), 'en_GB');
    assert.equal(meta(page, 'og:image'), `${PUBLIC_URL}/c/${CAMPAIGN}/ba-tri/og.png?lang=en`);
  });

  test('language: ?lang wins, then Accept-Language, then Vietnamese', async () => {
    const lang = async (path: string, accept?: string) => {
      const response = await get(path, accept ? { 'Accept-Language': accept } : {});
      assert.equal(response.headers.get('vary')?.includes('Accept-Language'), true);
      return [response.headers.get('content-language'), /<html lang="(\w+)">/.exec(await response.text())?.[1]];
    };
    assert.deepEqual(await lang(unitPath), ['vi', 'vi']);
    assert.deepEqual(await lang(unitPath, 'en-US,en;q=0.9'), ['en', 'en']);
    assert.deepEqual(await lang(unitPath, 'fr-FR, en;q=0.5, vi;q=0.8'), ['vi', 'vi']);
    assert.deepEqual(await lang(`${unitPath}?lang=vi`, 'en'), ['vi', 'vi']);
    assert.deepEqual(await lang(`${unitPath}?lang=en`, 'vi'), ['en', 'en']);
  });

  test('a strict CSP that allows exactly the inline style and script the page holds', async () => {
    const response = await get(unitPath);
    const csp = response.headers.get('content-security-policy') ?? '';
    const page = await response.text();
    assert.match(csp, /default-src 'none'/);
    assert.match(csp, /frame-ancestors 'none'/);
    assert.doesNotMatch(csp, /unsafe-inline|unsafe-eval|\*/);
    const hash = (text: string) => `'sha256-${createHash('sha256').update(text).digest('base64')}'`;
    const inlineScripts = [...page.matchAll(/<script>([\s\S]*?)<\/script>/g)].map((m) => m[1]);
    const styles = [...page.matchAll(/<style>([\s\S]*?)<\/style>/g)].map((m) => m[1]);
    assert.equal(inlineScripts.length, 1);
    assert.equal(styles.length, 1);
    assert.equal(/script-src ([^;]*)/.exec(csp)?.[1], `'self' ${hash(inlineScripts[0])}`);
    assert.equal(/style-src ([^;]*)/.exec(csp)?.[1], `'self' ${hash(styles[0])}`);
    assert.equal(response.headers.get('x-content-type-options'), 'nosniff');
  });
});

describe('retired unit page', () => {
  test('says so, with its final count, in the page and in its card; active units do not', async () => {
    for (const [lang, sentence] of [
      [
        'vi',
        'Cù Lao Minh đã ngừng nhận cam kết. Số liệu cuối cùng: 0 cam kết, vẫn được giữ và tính vào tổng toàn tỉnh.',
      ],
      [
        'en',
        'Cù Lao Minh no longer takes pledges. Its final figure: 0 pledges, kept and counted in the province total.',
      ],
    ]) {
      const response = await get(`/c/${CAMPAIGN}/cu-lao-minh?lang=${lang}`);
      assert.equal(response.status, 200);
      const page = await response.text();
      assert.ok(page.includes(`<p class="notice" role="note">${sentence}</p>`), lang);
      assert.ok(meta(page, 'og:description')?.startsWith(sentence), lang);
    }
    assert.doesNotMatch(await (await get(`/c/${CAMPAIGN}/ba-tri`)).text(), /class="notice"/);
  });
});

describe('province page', () => {
  test('its ranking reserves room per unit until the rows scroll in their own box, then a fixed height', () => {
    const minHeights = (units: number) =>
      Array.from(rankingCss(units).matchAll(/max\(([\d.]+)rem/g), (m) => Number(m[1]));
    assert.equal(RANKING_SCROLLS_FROM, SEARCH_FROM, 'the page and the widget agree where the ranking starts to scroll');
    assert.ok(minHeights(5)[0] < minHeights(11)[0] && minHeights(5)[1] < minHeights(11)[1]);
    assert.deepEqual(minHeights(SEARCH_FROM), [50, 54]);
    assert.deepEqual(minHeights(150), [50, 54]); // was 407 rem and 722 rem: 10,000 px of blank page on a phone
  });

  test('the total, the ranking widget and a link to every unit page, escaped', async () => {
    const response = await get(`/c/${CAMPAIGN}?lang=vi`);
    assert.equal(response.status, 200);
    const page = await response.text();
    assert.ok(!page.includes('<script>alert') && !page.includes('<b onmouseover'));
    assert.equal(meta(page, 'og:title'), `${TITLE_VI}: 1 cam kết`);
    assert.equal(meta(page, 'og:image'), `${PUBLIC_URL}/c/${CAMPAIGN}/og.png`);
    assert.match(page, /<lantoa-pledge-counter campaign="thu-nghiem" variant="province"><\/lantoa-pledge-counter>/);
    // Two widgets (banner, counter): the loader as a module, exactly their files preloaded beside it, not the bundle.
    assert.match(page, /<script type="module" src="\/lantoa\/loader\.js"><\/script>/);
    assert.doesNotMatch(page, /lantoa\.iife\.js/);
    const mapFile = join(ROOT, 'dist/lantoa/loader-map.json');
    assert.ok(existsSync(mapFile), 'the widgets are built (npm run build)');
    const map = JSON.parse(readFileSync(mapFile, 'utf8')) as Record<string, string[]>;
    const preloaded = Array.from(page.matchAll(/<link rel="modulepreload" href="\/lantoa\/([^"]+)">/g), (m) => m[1]);
    const expected = new Set(['lantoa-banner', 'lantoa-pledge-counter'].flatMap((tag) => map[tag]));
    assert.deepEqual(preloaded.sort(), [...expected].sort());
    assert.ok(
      page.includes(
        `<a href="/c/${CAMPAIGN}/mo-cay-bac?lang=vi">&lt;b onmouseover=&quot;x()&quot;&gt;Mỏ Cày Bắc&lt;/b&gt;</a>: 0 cam kết`,
      ),
    );
    assert.ok(page.includes(`<a href="/c/${CAMPAIGN}/ba-tri?lang=vi">Ba Tri</a>: 1 cam kết`));
  });
});

describe('share image', () => {
  const image = async (path: string) => {
    const response = await get(path);
    assert.equal(response.status, 200);
    assert.equal(response.headers.get('content-type'), 'image/png');
    const bytes = Buffer.from(await response.arrayBuffer());
    return { bytes, etag: response.headers.get('etag') ?? '', png: PNG.sync.read(bytes) };
  };

  test('a valid 1200×630 PNG of at most 150 KB, for units and the province', async () => {
    for (const path of [`${unitPath}/og.png`, `${unitPath}/og.png?lang=en`, `/c/${CAMPAIGN}/og.png`]) {
      const { bytes, png, etag } = await image(path);
      assert.equal(png.width, 1200);
      assert.equal(png.height, 630);
      assert.ok(bytes.length <= 150 * 1024, `${path}: ${bytes.length} bytes`);
      assert.match(etag, /^"[^"]+"$/);
      // Not a blank card: the text drawn in white covers a good part of it.
      const white = countPixels(png, (r, g, b) => r > 240 && g > 240 && b > 240);
      assert.ok(white > 5000, `${path}: ${white} white pixels`);
    }
  });

  test('drawn again after the count changes, but at most once a minute', async () => {
    const path = `/c/${CAMPAIGN}/ba-tri/og.png`;
    const first = await image(path);
    clock += 5 * 60_000;
    // Nothing changed: the same image however much time passed.
    assert.equal((await image(path)).etag, first.etag);
    const pledge = () =>
      postPledge(`${service.url}/api/v1/campaigns/${CAMPAIGN}`, {
        unit: 'ba-tri',
        choice: 'smartphone',
        key: newKey(),
      });
    assert.equal((await pledge()).status, 201);
    // The last drawing is older than a minute: the new count is drawn at once.
    const second = await image(path);
    assert.notEqual(second.etag, first.etag);
    assert.notDeepEqual(second.bytes, first.bytes);
    // Another pledge within the minute: the image stays as it is.
    assert.equal((await pledge()).status, 201);
    clock += 59_000;
    assert.equal((await image(path)).etag, second.etag);
    clock += 2_000;
    assert.notEqual((await image(path)).etag, second.etag);
    // Revalidation answers 304 while the image is the same.
    const again = await image(path);
    const revalidated = await get(path, { 'If-None-Match': again.etag });
    assert.equal(revalidated.status, 304);
  });
});

describe('poster and QR code', () => {
  test('the A4 poster holds the message, the unit and the QR code as text-free SVG', async () => {
    const response = await get(`${unitPath}/poster`, { 'Accept-Language': 'en' });
    assert.equal(response.status, 200);
    const page = await response.text();
    assert.match(page, /<html lang="vi">/, 'a poster is Vietnamese unless ?lang=en');
    assert.match(page, /@page\{size:A4/);
    assert.ok(page.includes('&lt;script&gt;alert(&quot;tiêu đề&quot;)&lt;/script&gt;'));
    assert.ok(page.includes('&quot;&gt;&lt;img src=x onerror=alert(1)&gt; Lan tỏa chuyển đổi số'));
    assert.ok(!page.includes('<img src=x'));
    assert.match(page, /<div class="qr" role="img" aria-label="[^"]+"><svg xmlns="http:\/\/www.w3.org\/2000\/svg"/);
    assert.ok(page.includes(`href="${unitPath}/qr.svg"`) && page.includes(`href="${unitPath}/qr.png"`));
  });

  test('qr.png decodes to the unit page address', async () => {
    const response = await get(`${unitPath}/qr.png`);
    assert.equal(response.status, 200);
    assert.equal(response.headers.get('content-type'), 'image/png');
    const png = PNG.sync.read(Buffer.from(await response.arrayBuffer()));
    const code = jsQR(new Uint8ClampedArray(png.data), png.width, png.height);
    assert.equal(code?.data, `${PUBLIC_URL}${unitPath}`);
  });

  test('qr.svg is an SVG of the same code', async () => {
    const response = await get(`${unitPath}/qr.svg`);
    assert.equal(response.status, 200);
    assert.match(response.headers.get('content-type') ?? '', /^image\/svg\+xml/);
    const svg = await response.text();
    assert.match(svg, /^<svg xmlns="http:\/\/www.w3.org\/2000\/svg" viewBox="0 0 (\d+) \1">/);
    assert.doesNotMatch(svg, /<script|<text|href/);
  });
});

describe('bad addresses', () => {
  for (const [what, path] of [
    ['an unknown campaign', '/c/khong-co'],
    ['an unknown unit', `/c/${CAMPAIGN}/khong-co`],
    ['an unknown unit’s image', `/c/${CAMPAIGN}/khong-co/og.png`],
    ['an unknown unit’s poster', `/c/${CAMPAIGN}/khong-co/poster`],
    ['an unknown campaign’s QR code', '/c/khong-co/ba-tri/qr.png'],
    ['markup in the address', `/c/${encodeURIComponent('<script>x</script>')}/a"b`],
    ['a path deeper than any page', `/c/${CAMPAIGN}/ba-tri/poster/extra`],
    ['/c itself', '/c'],
  ] as const) {
    test(`${what}: an HTML 404 in Vietnamese with a link to the builder`, async () => {
      const response = await get(path);
      assert.equal(response.status, 404);
      assert.match(response.headers.get('content-type') ?? '', /^text\/html/);
      const page = await response.text();
      assert.match(page, /<html lang="vi">/);
      assert.match(page, /<h1>Không tìm thấy trang<\/h1>/);
      assert.match(page, /<a href="\/embed\/">Mở trình tạo mã nhúng<\/a>/);
      assert.match(page, /<meta name="robots" content="noindex">/);
      assert.ok(!page.includes('<script>x'));
    });
  }

  test('in English with ?lang=en, and a link to the campaign when only the unit is unknown', async () => {
    const response = await get(`/c/${CAMPAIGN}/khong-co?lang=en`);
    assert.equal(response.status, 404);
    const page = await response.text();
    assert.match(page, /<h1>Page not found<\/h1>/);
    assert.match(page, /<a href="\/embed\/">Open the embed builder<\/a>/);
    assert.ok(
      page.includes(
        `<a href="/c/${CAMPAIGN}?lang=en">Go to the campaign’s page: &lt;i&gt;Trial&lt;/i&gt; &quot;campaign&quot;</a>`,
      ),
    );
  });
});

function countPixels(png: PNG, test: (r: number, g: number, b: number) => boolean): number {
  let n = 0;
  for (let i = 0; i < png.data.length; i += 4) if (test(png.data[i], png.data[i + 1], png.data[i + 2])) n++;
  return n;
}
