/**
 * The embed builder (/embed/) over real HTTP: the unit list grouped as the campaign groups it (retired units
 * not offered), the snippet for each choice with the public address and the reserved room, the preview made of
 * the very same elements, campaign texts kept as text in both (a title with markup), the errors of a missing or
 * unknown unit, and "check my site" for a listed campaign.
 */
import assert from 'node:assert/strict';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import { BANNER_ROOM, COUNTER_ROOM } from '../../src/contract/rooms.js';
import { startService, type Service } from '../../src/server/service.js';
import { ROOT, start, tempDir, testConfig } from './helpers.js';

const PUBLIC_URL = 'https://lantoa.example.gov.vn';
const TITLE_VI = `<script>alert("x")</script> Lan tỏa "số" & 'thật'`;

const campaignsFile = {
  campaigns: [
    {
      id: 'thu-nghiem',
      title: { vi: TITLE_VI, en: 'Trial <i>campaign</i>' },
      choices: [{ id: 'smartphone', label: { vi: 'Tôi dùng điện thoại thông minh', en: 'I use a smartphone' } }],
      units: [
        { id: 'ba-tri', name: 'Ba Tri', goal: 2000, group: 'Huyện, Thành đoàn' },
        { id: 'cu-lao', name: 'Cù Lao <Minh>', goal: 10, group: 'Huyện, Thành đoàn', retired: true },
        { id: 'cong-an', name: 'Đoàn Thanh niên Công an tỉnh', goal: 500, group: 'Đoàn trực thuộc' },
      ],
      goal: 2510,
      goalsAreIllustrative: true,
      startDate: '2020-01-01',
      endDate: '2099-12-31',
      quizzes: [{ id: 'chuyen-doi-so-ben-tre', title: { vi: 'Tìm hiểu', en: 'Quiz' } }],
      // Listed: "check my site" then tells a listed site from one that is not (an open campaign takes both).
      embed: 'listed',
      allowedOrigins: ['https://huyendoan.example.gov.vn'],
    },
  ],
};

let service: Service;
const data = tempDir();

before(async () => {
  const file = join(data.path, 'campaigns.json');
  writeFileSync(file, JSON.stringify(campaignsFile));
  service = await startService(
    testConfig(join(data.path, 'data'), { campaignsFile: file }),
    { widgetsDir: join(ROOT, 'dist/lantoa'), demoDir: join(ROOT, 'demo') },
    { publicUrl: PUBLIC_URL },
  );
});
after(async () => {
  await service?.close();
  data.remove();
});

async function builder(query: string): Promise<{ status: number; headers: Headers; html: string }> {
  const response = await fetch(`${service.url}/embed/?${query}`);
  return { status: response.status, headers: response.headers, html: await response.text() };
}

const decode = (text: string) =>
  text.replace(
    /&(lt|gt|quot|#39|amp);/g,
    (_, e: string) => ({ lt: '<', gt: '>', quot: '"', '#39': "'", amp: '&' })[e]!,
  );

/** The snippet as the webmaster copies it: the code box's text. */
function snippetOf(html: string): string | undefined {
  const box = /<textarea id="share-url"[^>]*>([^<]*)<\/textarea>/.exec(html);
  return box ? decode(box[1]) : undefined;
}

function previewOf(html: string): string {
  return /<div class="preview">([\s\S]*?)<\/div>\n<\/section>/.exec(html)?.[1] ?? '';
}

describe('GET /embed/', () => {
  test('a first visit: the units grouped, retired ones left out, a strict CSP, and no code before a unit is chosen', async () => {
    const { status, headers, html } = await builder('');
    assert.equal(status, 200);
    assert.match(headers.get('content-security-policy') ?? '', /default-src 'none'.*frame-ancestors 'none'/);
    assert.match(html, /<optgroup label="Huyện, Thành đoàn"><option value="ba-tri">Ba Tri<\/option><\/optgroup>/);
    assert.match(html, /<optgroup label="Đoàn trực thuộc"><option value="cong-an">/);
    assert.doesNotMatch(html, /value="cu-lao"/, 'a retired unit is not offered');
    assert.equal(snippetOf(html), undefined);
    assert.match(html, /Hãy chọn đơn vị/);
    // The title is text wherever it shows: never a script element of the builder page.
    assert.doesNotMatch(html, /<script>alert/);
  });

  test('a unit and widgets: the snippet with the public address and room reserved, previewed with the same elements', async () => {
    const { html } = await builder(
      'step=1&campaign=thu-nghiem&unit=ba-tri&banner=bar&counter=full&chart=on&quiz=on&widget-lang=en',
    );
    const snippet = snippetOf(html);
    assert.ok(snippet, 'a snippet is shown');
    const lines = snippet.split('\n');
    assert.ok(lines[0].startsWith(`<style>${BANNER_ROOM}${COUNTER_ROOM}`), lines[0]);
    assert.match(snippet, /<lantoa-banner id="lantoa-top" campaign="thu-nghiem" lang="en">/);
    // The campaign's title is escaped once in the snippet: pasted, it shows as text, not as a script.
    assert.match(
      snippet,
      /<b slot="headline">Trial &lt;i&gt;campaign&lt;\/i&gt;<\/b>|<b slot="headline">&lt;script&gt;/,
    );
    assert.match(
      snippet,
      /<lantoa-pledge-counter campaign="thu-nghiem" unit="ba-tri" lang="en"><\/lantoa-pledge-counter>/,
    );
    assert.match(snippet, /<lantoa-progress-chart illustrative lang="en"><\/lantoa-progress-chart>/);
    assert.match(snippet, /<lantoa-quiz-card unit="ba-tri" lang="en"><\/lantoa-quiz-card>/);
    // The banner's and the counter's own files (a round trip less each), then the loader for the others, which
    // leaves those two to their files; the data the banner and the counter fetch first, named before them.
    assert.deepEqual(lines.slice(-6), [
      `<link rel="preload" as="fetch" crossorigin href="${PUBLIC_URL}/api/v1/campaigns/thu-nghiem/feed">`,
      `<link rel="preload" as="fetch" crossorigin href="${PUBLIC_URL}/api/v1/campaigns/thu-nghiem">`,
      `<link rel="preload" as="fetch" crossorigin href="${PUBLIC_URL}/api/v1/campaigns/thu-nghiem/counts">`,
      `<script type="module" src="${PUBLIC_URL}/lantoa/banner.js"></script>`,
      `<script type="module" src="${PUBLIC_URL}/lantoa/pledge-counter.js"></script>`,
      `<script type="module" src="${PUBLIC_URL}/lantoa/loader.js"></script>`,
    ]);
    const preview = previewOf(html);
    for (const tag of ['lantoa-banner', 'lantoa-pledge-counter', 'lantoa-progress-chart', 'lantoa-quiz-card']) {
      const inSnippet = new RegExp(`<${tag}[^>]*>`).exec(snippet)?.[0];
      assert.ok(inSnippet && preview.includes(inSnippet), `the preview holds ${inSnippet}`);
    }
    assert.match(
      html,
      /<a href="\/c\/thu-nghiem\/ba-tri\?lang=vi">https:\/\/lantoa\.example\.gov\.vn\/c\/thu-nghiem\/ba-tri<\/a>/,
    );
    // For fanpages and meetings: the poster and the QR code to download.
    assert.match(html, /<a href="\/c\/thu-nghiem\/ba-tri\/poster\?lang=vi">Áp phích A4 có mã QR<\/a>/);
    assert.match(html, /<a href="\/c\/thu-nghiem\/ba-tri\/qr\.svg" download="ba-tri-qr\.svg">Tải mã QR \(SVG\)<\/a>/);
    assert.match(html, /<a href="\/c\/thu-nghiem\/ba-tri\/qr\.png" download="ba-tri-qr\.png">Tải mã QR \(PNG\)<\/a>/);
  });

  test('the Vietnamese title in the snippet is escaped, never markup', async () => {
    const { html } = await builder('step=1&unit=ba-tri&banner=hero');
    const snippet = snippetOf(html) ?? '';
    assert.ok(
      snippet.includes(
        '<b slot="headline">&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; Lan tỏa &quot;số&quot; &amp; \'thật\'</b>',
      ),
      snippet,
    );
    assert.match(snippet, /variant="hero"/);
    assert.doesNotMatch(snippet, /<style>/, 'a hero card in the article needs no top-bar room');
    assert.doesNotMatch(html, /<script>alert/);
  });

  test('the classic script for CMSs that strip type="module"', async () => {
    const snippet = snippetOf((await builder('step=1&unit=ba-tri&counter=compact&classic=on')).html) ?? '';
    assert.match(snippet, /variant="compact"/);
    // The counter alone: its own script, its data named up front (the very URLs it fetches).
    assert.deepEqual(snippet.split('\n').slice(-3), [
      `<link rel="preload" as="fetch" crossorigin href="${PUBLIC_URL}/api/v1/campaigns/thu-nghiem">`,
      `<link rel="preload" as="fetch" crossorigin href="${PUBLIC_URL}/api/v1/campaigns/thu-nghiem/counts">`,
      `<script src="${PUBLIC_URL}/lantoa/pledge-counter.js"></script>`,
    ]);
    assert.doesNotMatch(snippet, /banner\.js|loader\.js/, 'no banner chosen, no banner.js; one widget, no loader');
    const withQuiz = snippetOf((await builder('step=1&unit=ba-tri&chart=on&quiz=on&classic=on')).html) ?? '';
    assert.deepEqual(withQuiz.split('\n').slice(-2), [
      `<script src="${PUBLIC_URL}/lantoa/progress-chart.js"></script>`,
      `<script src="${PUBLIC_URL}/lantoa/loader.js"></script>`,
    ]);
    const withBanner = snippetOf((await builder('step=1&unit=ba-tri&banner=bar&classic=on')).html) ?? '';
    assert.equal(withBanner.split('\n').at(-1), `<script src="${PUBLIC_URL}/lantoa/banner.js"></script>`);
    assert.doesNotMatch(withBanner, /loader\.js/, 'the banner alone needs only banner.js');
  });

  test('the province ranking needs no unit and reserves room for every unit', async () => {
    const snippet = snippetOf((await builder('step=1&counter=province')).html) ?? '';
    assert.match(snippet, /<lantoa-pledge-counter campaign="thu-nghiem" variant="province"><\/lantoa-pledge-counter>/);
    assert.match(snippet, /@media\(max-width:36rem\)\{lantoa-pledge-counter\{min-height:/);
  });

  test('an unknown or retired unit, and a counter without a unit: an error summary and no code', async () => {
    for (const query of ['step=1&unit=khong-co&counter=full', 'step=1&unit=cu-lao&counter=full']) {
      const { status, html } = await builder(query);
      assert.equal(status, 200);
      assert.match(html, /<div class="error-summary" role="alert"/);
      assert.match(html, /<a href="#unit">Đơn vị này không có/);
      assert.match(html, /aria-describedby="unit-hint unit-error"/);
      assert.equal(snippetOf(html), undefined, query);
    }
    const missing = await builder('step=1&counter=full');
    assert.match(missing.html, /<a href="#unit">Hãy chọn đơn vị/);
    const unknownCampaign = await builder('campaign=khong-co&lang=en');
    assert.match(unknownCampaign.html, /There is no such campaign/);
  });

  test('check my site: a listed origin may embed, another is told what to do, a non-http address is refused', async () => {
    const listed = await builder('step=1&unit=ba-tri&counter=full&site=https://huyendoan.example.gov.vn/tin-tuc/bai-1');
    assert.match(
      listed.html,
      /<p class="verdict" role="status">Được\. https:\/\/huyendoan\.example\.gov\.vn có trong danh sách/,
    );
    const bare = await builder('step=1&site=xa-an-thuy.example.vn&lang=en');
    assert.match(
      bare.html,
      /<p class="verdict no" role="status">Not yet\. .*https:\/\/xa-an-thuy\.example\.vn is not on the list/,
    );
    const script = await builder(`step=1&site=${encodeURIComponent('javascript:alert(1)')}`);
    assert.match(script.html, /<a href="#site">Hãy nhập một địa chỉ bắt đầu bằng http:\/\/ hoặc https:\/\/\.<\/a>/);
    assert.doesNotMatch(script.html, /class="verdict/);
    const markup = await builder(`step=1&site=${encodeURIComponent('"><img src=x onerror=alert(1)>')}`);
    assert.doesNotMatch(markup.html, /<img src=x/);
  });

  test('/embed redirects to /embed/, and the page is compressed and revalidated', async () => {
    const redirect = await fetch(`${service.url}/embed`, { redirect: 'manual' });
    assert.equal(redirect.status, 301);
    assert.equal(redirect.headers.get('location'), '/embed/');
    const page = await fetch(`${service.url}/embed/`, { headers: { 'accept-encoding': 'gzip' } });
    assert.equal(page.headers.get('content-encoding'), 'gzip');
    assert.equal(page.headers.get('cache-control'), 'no-cache');
  });
});

test('public pages are rate limited per client address: 429 with Retry-After, in both languages, then served again', async () => {
  const dir = tempDir();
  const limited = await start(dir.path, { pageRate: { perMinute: 60, burst: 3 } });
  try {
    const statuses: number[] = [];
    for (let i = 0; i < 3; i += 1) statuses.push((await fetch(`${limited.url}/embed/`)).status);
    const refused = await fetch(`${limited.url}/c/ben-tre-smartphone`);
    assert.deepEqual(statuses, [200, 200, 200]);
    assert.equal(refused.status, 429);
    assert.equal(refused.headers.get('retry-after'), '1');
    assert.match(await refused.text(), /Quá nhiều yêu cầu, hãy thử lại sau 1 giây\.\nToo many requests/);
    // The API has its own limits: a page flood does not refuse the widgets' reads.
    assert.equal((await fetch(`${limited.api}/counts`)).status, 200);
    await new Promise((resolve) => setTimeout(resolve, 1100));
    assert.equal((await fetch(`${limited.url}/c/ben-tre-smartphone`)).status, 200);
  } finally {
    await limited.close();
    dir.remove();
  }
});
