/**
 * The classic script (dist/lantoa/lantoa.iife.js, made by `npm run build` before the browser tests) on the
 * demo page a CMS without type="module" gets: it holds what each widget needs to show itself, and loads the
 * lazy parts (chart.js, the quiz's words) on demand as the module chunks beside it, from another origin too
 * (the province's snippet on a district site). Where those chunks cannot load (a CSP naming only the script),
 * each widget keeps its own fallback and nothing reaches the page.
 */
import { expect } from '@open-wc/testing';
import { executeServerCommand } from '@web/test-runner-commands';
import { DIST, openPage, requested, win } from '../built-page.js';
import { until } from '../helpers.js';

const frames: HTMLIFrameElement[] = [];

/** demo/classic-script.html as the service serves it, its /lantoa/ files taken from the build (dist/lantoa). */
async function demoPage(head = ''): Promise<HTMLIFrameElement> {
  const html = await (await fetch('/demo/classic-script.html')).text();
  const part = (tag: string) => html.slice(html.indexOf(`<${tag}>`) + tag.length + 2, html.indexOf(`</${tag}>`));
  const snippet = `${part('head')}${part('body')}`.replaceAll('"/lantoa/', `"${DIST}/`);
  if (!snippet.includes(`${DIST}/lantoa.iife.js`))
    throw new Error('demo/classic-script.html no longer loads lantoa.iife.js');
  return openPage(snippet, 1024, frames, head);
}

/** The real pledge service beside the tests (another origin than this page), serving dist/lantoa under /lantoa/. */
const SERVICE = await executeServerCommand<string, unknown>('pledge-service', { action: 'api' });

const shadow = (frame: HTMLIFrameElement, tag: string) => frame.contentDocument!.querySelector(tag)?.shadowRoot ?? null;

describe('classic script lantoa.iife.js on the demo page', () => {
  afterEach(() => {
    frames.splice(0).forEach((frame) => frame.remove());
    localStorage.clear();
  });

  it('shows the banner, paints the chart with chart.js fetched from beside the script, and asks a quiz question', async () => {
    const frame = await demoPage();
    await until(() => !!shadow(frame, 'lantoa-banner')?.querySelector('[part="headline"]'), 8000, 'the banner');
    await until(() => !!shadow(frame, 'lantoa-quiz-card')?.querySelector('.question'), 8000, 'a quiz question');
    const chart = frame.contentDocument!.querySelector('lantoa-progress-chart')!;
    chart.scrollIntoView();
    await until(
      () => !!shadow(frame, 'lantoa-progress-chart')?.querySelector('.layer.chart:not(.off)'),
      8000,
      'the chart',
    );
    const ready = await new Promise<boolean>((resolve) => {
      // Painted: the chart's canvas has pixels (or it told us it has drawn already).
      const canvas = shadow(frame, 'lantoa-progress-chart')!.querySelector('canvas')!;
      const painted = () => {
        const { width, height } = canvas;
        if (!width || !height) return false;
        const pixels = canvas.getContext('2d')!.getImageData(0, 0, width, height).data;
        for (let i = 3; i < pixels.length; i += 4) if (pixels[i] !== 0) return true;
        return false;
      };
      void until(painted, 8000, 'chart pixels').then(
        () => resolve(true),
        () => resolve(false),
      );
    });
    expect(ready, 'the canvas has painted pixels').to.equal(true);

    const files = requested(frame);
    // Everything came from the script's own directory: the script, then the lazy chunks it asked for.
    expect(files[0]).to.equal('lantoa.iife.js');
    expect(
      files.some((file) => /^progress-chart\.canvas-[\w-]{8}\.js$/.test(file)),
      'chart.js chunk from /lantoa/',
    ).to.equal(true);
    expect(
      files.some((file) => /^quiz-card\.vi-[\w-]{8}\.js$/.test(file)),
      'the quiz words in Vietnamese',
    ).to.equal(true);
    // The renderer's own import (the shared chunk) is requested with it, not discovered after it arrived.
    const timing = (prefix: string) =>
      win(frame)
        .performance.getEntriesByType('resource')
        .find((e) => new URL(e.name).pathname.startsWith(`${DIST}/${prefix}`)) as PerformanceResourceTiming;
    expect(timing('shared-').startTime).to.be.below(timing('progress-chart.canvas-').responseEnd);
    // On demand only: no English words, no CSV parser, no quiz schema (built-in quiz), no module-build entry.
    for (const away of [
      'quiz-card.en-',
      'progress-chart.csv-',
      'quiz-card.schema-',
      'banner-',
      'progress-chart-',
      'quiz-card-',
    ]) {
      expect(
        files.some((file) => file.startsWith(away)),
        `${away}… not requested`,
      ).to.equal(false);
    }
    expect(win(frame).__errors).to.deep.equal([]);
  });

  it('from the province server on a district site (another origin): the chunks come from its /lantoa/, with CORS', async () => {
    const frame = await openPage(
      `<lantoa-progress-chart></lantoa-progress-chart><script src="${SERVICE}/lantoa/lantoa.iife.js" defer></script>`,
      1024,
      frames,
    );
    await until(
      () => !!shadow(frame, 'lantoa-progress-chart')?.querySelector('.layer.chart:not(.off)'),
      8000,
      'the chart',
    );
    const fromService = win(frame)
      .performance.getEntriesByType('resource')
      .map((entry) => new URL(entry.name))
      .filter((url) => url.origin === new URL(SERVICE).origin)
      .map((url) => url.pathname);
    expect(fromService[0]).to.equal('/lantoa/lantoa.iife.js');
    expect(
      fromService.some((path) => /^\/lantoa\/progress-chart\.canvas-[\w-]{8}\.js$/.test(path)),
      JSON.stringify(fromService),
    ).to.equal(true);
    expect(fromService.some((path) => /^\/lantoa\/progress-chart\.defaults-[\w-]{8}\.js$/.test(path))).to.equal(true);
    expect(requested(frame)).to.deep.equal([]); // nothing from this page's own origin
    expect(win(frame).__errors).to.deep.equal([]);
  });

  it("keeps the chart's data table, readable, when only chart.js cannot load", async () => {
    const manifest = (await (await fetch(`${DIST}/widgets-manifest.json`)).json()) as Record<string, { file: string }>;
    const render = manifest['src/widgets/progress-chart/progress-chart.canvas.ts'].file;
    const allowed = [
      `${DIST}/lantoa.iife.js`,
      ...Object.values(manifest)
        .map(({ file }) => `${DIST}/${file}`)
        .filter((path) => !path.endsWith(render)),
    ];
    const csp = `<meta http-equiv="Content-Security-Policy" content="script-src ${allowed.map((path) => new URL(path, location.href).href).join(' ')} 'unsafe-inline'">`;
    const frame = await demoPage(csp);
    await until(
      () => win(frame).__warnings.some((w) => w.includes('the chart could not be drawn')),
      8000,
      'the chart to give up',
    );
    const root = shadow(frame, 'lantoa-progress-chart')!;
    expect(root.querySelector('.layer.table:not(.off) [part="table"]')!.textContent).to.contain(
      'Dịch vụ công trực tuyến mức 4',
    );
    expect(root.querySelector('.layer.chart:not(.off)'), 'no empty chart layer').to.equal(null);
    await until(
      () => !!shadow(frame, 'lantoa-quiz-card')?.querySelector('.question'),
      8000,
      'the quiz, whose words did load',
    );
    expect(win(frame).__errors).to.deep.equal([]);
  });

  it('keeps each widget usable with its own localized message when the lazy chunks cannot load (a CSP naming only the script)', async () => {
    // A path without a trailing slash allows that one file: the page's own script and lantoa.iife.js, no chunk.
    const allowed = ['/demo/lang-from-query.js', `${DIST}/lantoa.iife.js`].map(
      (path) => new URL(path, location.href).href,
    );
    const csp = `<meta http-equiv="Content-Security-Policy" content="script-src ${allowed.join(' ')} 'unsafe-inline'">
      <script>window.__blocked = []; document.addEventListener('securitypolicyviolation', (e) => __blocked.push(e.blockedURI));</script>`;
    const frame = await demoPage(csp);
    await until(() => !!shadow(frame, 'lantoa-banner')?.querySelector('[part="headline"]'), 8000, 'the banner');
    // The quiz's words could not come: its own short message, in the page's language.
    await until(
      () => !!shadow(frame, 'lantoa-quiz-card')?.textContent?.includes('Không tải được bộ câu hỏi.'),
      8000,
      'the quiz message',
    );
    // The chart cannot read its table without its row reader: its own message, a retry, and no empty canvas.
    await until(
      () => !!shadow(frame, 'lantoa-progress-chart')?.querySelector('[part="problem"]'),
      8000,
      'the chart message',
    );
    const root = shadow(frame, 'lantoa-progress-chart')!;
    expect(root.querySelector('[part="problem"]')!.textContent).to.contain('Không tải được số liệu.');
    expect(root.querySelector('button.retry'), 'a retry button').to.not.equal(null);
    expect(root.querySelector('canvas'), 'no empty chart').to.equal(null);
    await new Promise((resolve) => setTimeout(resolve, 300)); // any late rejection would land in __errors
    // The chunks were really refused, and nothing reached the page as an error.
    const blocked = (win(frame) as unknown as { __blocked: string[] }).__blocked.map((url) => new URL(url).pathname);
    expect(
      blocked.some((path) => /^\/dist\/lantoa\/quiz-card\.vi-[\w-]{8}\.js$/.test(path)),
      JSON.stringify(blocked),
    ).to.equal(true);
    expect(
      blocked.some((path) => path.startsWith(`${DIST}/progress-chart.rows-`)),
      JSON.stringify(blocked),
    ).to.equal(true);
    expect(win(frame).__errors).to.deep.equal([]);
    // Announced, not just drawn: the quiz's message is the widget's status box.
    expect(shadow(frame, 'lantoa-quiz-card')!.querySelector('[part="problem"][role="status"]')!.textContent).to.contain(
      'Không tải được bộ câu hỏi.',
    );
  });
});
