/**
 * The built files (dist/lantoa, made by `npm run build` before the browser tests) on real pages:
 * each page is an iframe holding the snippet exactly as a webmaster pastes it.
 */
import { expect } from '@open-wc/testing';
import { DIST, openPage, requested, win } from '../built-page.js';
import { executeServerCommand } from '@web/test-runner-commands';
import { until } from '../helpers.js';

type LoaderMap = Record<string, string[]>;
let loaderMap: LoaderMap;

/** The reservation style of the README's top-bar snippet (keeps the page still while the script loads). */
const RESERVE = `<style>#lantoa-top{display:block;min-height:max(9rem,144px)}@media(min-width:36rem){#lantoa-top{min-height:max(10.5rem,168px)}}@media(min-width:64rem){#lantoa-top{min-height:max(7.25rem,116px)}}@media(min-width:80rem){#lantoa-top{min-height:max(5.75rem,92px)}}</style>`;

async function bannerRendered(frame: HTMLIFrameElement, selector = 'lantoa-banner'): Promise<Element> {
  const doc = frame.contentDocument!;
  await until(
    () => !!doc.querySelector(selector)?.shadowRoot?.querySelector('[part="base"]'),
    8000,
    'the banner to render',
  );
  return doc.querySelector(selector)!;
}

const frames: HTMLIFrameElement[] = [];
async function page(body: string, width?: number) {
  const frame = await openPage(body, width);
  frames.push(frame);
  return frame;
}

describe('built loader and bundles', () => {
  before(async () => {
    const response = await fetch(`${DIST}/loader-map.json`);
    if (!response.ok) throw new Error('dist/lantoa is missing: run `npm run build` before the browser tests');
    loaderMap = (await response.json()) as LoaderMap;
  });
  afterEach(() => {
    frames.splice(0).forEach((frame) => frame.remove());
    localStorage.clear(); // srcdoc pages share this origin's storage: no dismissal may leak into the next test
  });

  it('requests the banner and its shared chunks at once, and nothing else, on a banner-only page', async () => {
    const frame = await page(`<lantoa-banner></lantoa-banner><script type="module" src="${DIST}/loader.js"></script>`);
    await bannerRendered(frame);
    const files = requested(frame);
    const expected = ['loader.js', ...loaderMap['lantoa-banner']];
    expect([...files].sort()).to.deep.equal([...expected].sort());
    expect(files).to.not.include(loaderMap['lantoa-pledge-counter'][0]); // other widgets are not fetched
    expect(files.some((file) => file.startsWith('validate-'))).to.equal(false); // nor zod, without outside data
    // Shared chunks are announced as modulepreload by the loader, not discovered after the widget arrives.
    const preloads = [...frame.contentDocument!.querySelectorAll<HTMLLinkElement>('link[rel="modulepreload"]')].map(
      (link) => new URL(link.href).pathname.split('/').pop(),
    );
    expect(preloads.sort()).to.deep.equal(loaderMap['lantoa-banner'].slice(1).sort());
    expect(win(frame).__errors).to.deep.equal([]);
  });

  it('loads no validator for a valid feed (the generated check), and zod only to explain an invalid one', async () => {
    const extraFor = async (feed: string) => {
      const frame = await page(
        `<lantoa-banner feed="${feed}"></lantoa-banner><script type="module" src="${DIST}/loader.js"></script>`,
      );
      const banner = await bannerRendered(frame);
      await until(() => banner.shadowRoot!.querySelector('[aria-busy="false"]') !== null, 5000, 'the feed');
      const extra = requested(frame).filter(
        (file) => file !== 'loader.js' && !loaderMap['lantoa-banner'].includes(file),
      );
      return { banner, extra: extra.map((file) => file.replace(/-[\w-]{8}\.js$/, '')).sort() };
    };
    const valid = await extraFor('/test/fixtures/feed-valid.json');
    expect(valid.extra).to.deep.equal([]); // issue 17: the banner-with-feed page stays within 16 KB
    expect(valid.banner.shadowRoot!.querySelector('[part="headline"]')!.textContent).to.contain(
      'Ngày Chuyển đổi số quốc gia',
    );
    const invalid = await extraFor('/test/fixtures/feed-invalid.json');
    expect(invalid.extra).to.deep.equal(['banner.schema', 'validate']);
  });

  it('requests no widget on a page without Lantoa elements, and loads one added later', async () => {
    const frame = await page(`<p>Trang trống</p><script type="module" src="${DIST}/loader.js"></script>`);
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(requested(frame)).to.deep.equal(['loader.js']);
    const later = frame.contentDocument!.createElement('div');
    later.innerHTML = '<section><lantoa-banner variant="ribbon"></lantoa-banner></section>';
    frame.contentDocument!.body.append(later);
    await bannerRendered(frame);
    expect(requested(frame)).to.include(loaderMap['lantoa-banner'][0]);
  });

  /** Resource timing of the page's requests whose path matches `pattern`. */
  const timing = (frame: HTMLIFrameElement, pattern: RegExp) =>
    win(frame)
      .performance.getEntriesByType('resource')
      .filter((entry): entry is PerformanceResourceTiming => pattern.test(new URL(entry.name).pathname));
  const fileTiming = (frame: HTMLIFrameElement, file: string) =>
    timing(frame, new RegExp(`/${file.replace(/\./g, '\\.')}$`));

  for (const [lang, other] of [
    ['en', 'vi'],
    ['vi', 'en'],
  ] as const) {
    it(`requests the quiz's ${lang} language pack in the same round as the quiz, not after its code has run`, async () => {
      // The page says vi; the element's own lang (or, without one, the page's) picks the pack, as the widget does.
      const frame = await page(
        `<lantoa-quiz-card${lang === 'en' ? ' lang="en"' : ''}></lantoa-quiz-card><script type="module" src="${DIST}/loader.js"></script>`,
      );
      await until(
        () => !!frame.contentDocument!.querySelector('lantoa-quiz-card')?.shadowRoot?.querySelector('legend'),
        8000,
        'the first question',
      );
      const [entry] = fileTiming(frame, loaderMap['lantoa-quiz-card'][0]);
      const packs = timing(frame, new RegExp(`/quiz-card\\.${lang}-[\\w-]{8}\\.js$`));
      expect(packs.length).to.equal(1);
      // Asked for before the quiz's own code had even arrived: only the loader can have asked, in the same round.
      expect(packs[0].startTime).to.be.below(entry.responseEnd);
      expect(timing(frame, new RegExp(`/quiz-card\\.${other}-`))).to.have.length(0);
      expect(win(frame).__errors).to.deep.equal([]);
    });
  }

  it('loader.js works when a CMS strips type="module": same file, same requests, no error, no global leaked', async () => {
    const frame = await page(`<lantoa-banner lang="en"></lantoa-banner><script src="${DIST}/loader.js"></script>`);
    const before = Object.keys(win(frame));
    await bannerRendered(frame);
    expect([...requested(frame)].sort()).to.deep.equal(['loader.js', ...loaderMap['lantoa-banner']].sort());
    expect(win(frame).__errors).to.deep.equal([]);
    // Run as a classic script, its top-level names would be the page's globals: the build wraps them.
    expect(Object.keys(win(frame)).filter((name) => !before.includes(name))).to.deep.equal([]);
    // A later element is still found (the observer runs in the classic script too).
    frame.contentDocument!.body.insertAdjacentHTML('beforeend', '<lantoa-quiz-card lang="en"></lantoa-quiz-card>');
    await until(
      () => !!frame.contentDocument!.querySelector('lantoa-quiz-card')?.shadowRoot?.querySelector('legend'),
      8000,
      'the quiz',
    );
  });

  it('loader.js without type="module" from the province server on another origin loads the chunks from there', async () => {
    const service = await executeServerCommand<string, unknown>('pledge-service', { action: 'api' });
    const frame = await page(`<lantoa-banner></lantoa-banner><script src="${service}/lantoa/loader.js"></script>`);
    await bannerRendered(frame);
    const fromService = win(frame)
      .performance.getEntriesByType('resource')
      .filter((entry) => new URL(entry.name).origin === new URL(service).origin)
      .map((entry) => new URL(entry.name).pathname.replace('/lantoa/', ''));
    expect([...fromService].sort()).to.deep.equal(['loader.js', ...loaderMap['lantoa-banner']].sort());
    expect(requested(frame)).to.deep.equal([]);
    expect(win(frame).__errors).to.deep.equal([]);
  });

  it('works as one classic script (lantoa.iife.js) for CMSs that strip type="module"', async () => {
    const frame = await page(
      `<script src="${DIST}/lantoa.iife.js" defer></script><lantoa-banner lang="en" headline="<b>x</b>"></lantoa-banner>`,
    );
    const banner = await bannerRendered(frame);
    expect(banner.shadowRoot!.querySelector('[part="headline"]')!.textContent).to.contain('<b>x</b>');
    expect(requested(frame)).to.deep.equal(['lantoa.iife.js']);
  });

  it('survives two copies of the script on one page: one warning, no error, one working banner', async () => {
    const frame = await page(`<lantoa-banner dismissible></lantoa-banner>
      <script src="${DIST}/lantoa.iife.js"></script>
      <script type="module" src="${DIST}/loader.js"></script>
      <script src="${DIST}/lantoa.iife.js"></script>`);
    const banner = await bannerRendered(frame);
    await until(() => requested(frame).includes(loaderMap['lantoa-banner'][0]), 5000, 'the module copy');
    await new Promise((resolve) => setTimeout(resolve, 200));
    expect(win(frame).__errors).to.deep.equal([]);
    const duplicateWarnings = win(frame).__warnings.filter((w) => w.includes('<lantoa-banner> is already defined'));
    expect(duplicateWarnings.length).to.be.at.least(1);
    expect(duplicateWarnings.length).to.be.at.most(2); // once per extra copy of the code (each copy has its own guard)
    (banner.shadowRoot!.querySelector('[part="dismiss"]') as HTMLButtonElement).click();
    await until(() => (banner as HTMLElement).hidden, 2000, 'dismissal');
  });

  for (const width of [375, 1280]) {
    it(`upgrades with no layout shift at ${width}px when the snippet reserves room`, async () => {
      // The loader arrives after the first paint, as it does on a slow network.
      const frame = await page(
        `${RESERVE}<lantoa-banner id="lantoa-top" dismissible countdown-to="2099-10-10"></lantoa-banner><p id="below">Nội dung trang</p>
        <script>requestAnimationFrame(() => setTimeout(() => {
          const s = document.createElement('script'); s.type = 'module'; s.src = '${DIST}/loader.js'; document.head.append(s);
        }, 150));</script>`,
        width,
      );
      const before = frame.contentDocument!.getElementById('below')!.getBoundingClientRect().top;
      await bannerRendered(frame);
      await new Promise((resolve) => setTimeout(resolve, 300));
      expect(frame.contentDocument!.getElementById('below')!.getBoundingClientRect().top).to.equal(before);
      expect(win(frame).__shift).to.equal(0);
    });
  }

  it('(control) without the reserved room the same upgrade does shift the page, so the test above can fail', async () => {
    const frame = await page(
      `<lantoa-banner dismissible></lantoa-banner><p>Nội dung trang</p>
      <script>requestAnimationFrame(() => setTimeout(() => {
        const s = document.createElement('script'); s.type = 'module'; s.src = '${DIST}/loader.js'; document.head.append(s);
      }, 150));</script>`,
    );
    await bannerRendered(frame);
    await until(() => win(frame).__shift > 0, 3000, 'a layout shift');
  });
});
