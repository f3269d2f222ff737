/**
 * The built chart (dist/lantoa, made by `npm run build` before the browser tests) on real pages, each an
 * iframe holding the snippet as a webmaster pastes it: chart.js is requested only near the viewport, and
 * neither the upgrade nor the table → chart swap moves the page.
 */
import { expect } from '@open-wc/testing';
import { DIST, openPage, requested, win } from '../../built-page.js';
import { until } from '../../helpers.js';

/** The README's snippet: the chart's room reserved while the script loads, and a table for visitors without JavaScript. */
const RESERVE = '<style>lantoa-progress-chart{display:block;min-height:max(26rem,416px)}</style>';
const TABLE = `<table><caption>Chỉ tiêu chuyển đổi số đến 2025</caption>
  <tr><th>Tiêu chí</th><th>Hiện tại</th><th>Chỉ tiêu</th><th>Thời hạn</th></tr>
  <tr><td>Dịch vụ công trực tuyến mức 4</td><td>72%</td><td>100%</td><td>2025</td></tr>
  <tr><td>Hồ sơ xử lý trực tuyến cấp tỉnh</td><td>64%</td><td>90%</td><td>2025</td></tr></table>`;

const frames: HTMLIFrameElement[] = [];
const page = (body: string, width?: number) => openPage(body, width, frames);

const chart = (frame: HTMLIFrameElement) => frame.contentDocument!.querySelector('lantoa-progress-chart')!;
const tableShown = (frame: HTMLIFrameElement) => !!chart(frame)?.shadowRoot?.querySelector('[part="table"]');
const chartShown = (frame: HTMLIFrameElement) => !!chart(frame)?.shadowRoot?.querySelector('.layer.chart:not(.off)');

describe('built <lantoa-progress-chart>', () => {
  afterEach(() => frames.splice(0).forEach((frame) => frame.remove()));

  it('shows the table at once and requests chart.js only when the element comes near the viewport', async () => {
    const frame = await page(`<p style="height:2400px">Nội dung dài phía trên</p>
      <lantoa-progress-chart illustrative>${TABLE}</lantoa-progress-chart>
      <script type="module" src="${DIST}/loader.js"></script>`);
    await until(() => tableShown(frame), 8000, 'the table');
    await new Promise((resolve) => setTimeout(resolve, 500));
    const before = requested(frame);
    expect(before.some((file) => file.startsWith('progress-chart.canvas-'))).to.equal(false);
    expect(before.some((file) => file.startsWith('progress-chart.csv-'))).to.equal(false); // no CSV, no parser
    // The pasted table is valid: its generated fast check says so, zod and the schema never load.
    expect(before.some((file) => file.startsWith('progress-chart.quick-'))).to.equal(true);
    expect(before.some((file) => file.startsWith('validate-') || file.startsWith('progress-chart.schema-'))).to.equal(
      false,
    );
    expect(chartShown(frame)).to.equal(false);
    win(frame).scrollTo(0, 2000); // now within 300 px of the viewport
    await until(
      () => requested(frame).some((file) => file.startsWith('progress-chart.canvas-')),
      5000,
      'the chart.js chunk',
    );
    await until(() => chartShown(frame), 8000, 'the chart');
    expect(win(frame).__errors).to.deep.equal([]);
  });

  it('loads the CSV parser chunk only for a CSV source, and zod only to explain data that is wrong', async () => {
    const frame = await page(`<lantoa-progress-chart src="/test/fixtures/chart/progress-vi.csv"></lantoa-progress-chart>
      <script type="module" src="${DIST}/loader.js"></script>`);
    await until(() => chartShown(frame), 8000, 'the chart');
    const files = requested(frame);
    expect(files.some((file) => file.startsWith('progress-chart.csv-'))).to.equal(true);
    expect(files.some((file) => file.startsWith('validate-'))).to.equal(false);
    // A document the schema refuses (a kind it does not know): zod arrives and the widget says what is wrong.
    const bad = await page(`<lantoa-progress-chart>
        <script type="application/json">{"kind":"pie","indicators":[]}</script>
      </lantoa-progress-chart>
      <script type="module" src="${DIST}/loader.js"></script>`);
    await until(() => !!chart(bad)?.shadowRoot?.querySelector('[part="problem"]'), 8000, 'the problem message');
    expect(requested(bad).some((file) => file.startsWith('validate-'))).to.equal(true);
  });

  it('without data of its own, loads neither zod nor the CSV parser', async () => {
    const frame = await page(
      `<lantoa-progress-chart></lantoa-progress-chart><script type="module" src="${DIST}/loader.js"></script>`,
    );
    await until(() => chartShown(frame), 8000, 'the chart');
    const files = requested(frame);
    expect(files.some((file) => file.startsWith('validate-') || file.startsWith('progress-chart.csv-'))).to.equal(
      false,
    );
  });

  for (const width of [375, 1280]) {
    it(`upgrades and swaps table for chart with no layout shift at ${width}px when the snippet reserves room`, async () => {
      // The loader arrives after the first paint, as it does on a slow network.
      const frame = await page(
        `${RESERVE}<lantoa-progress-chart illustrative>${TABLE}</lantoa-progress-chart><p id="below">Nội dung trang</p>
        <script>requestAnimationFrame(() => setTimeout(() => {
          const s = document.createElement('script'); s.type = 'module'; s.src = '${DIST}/loader.js'; document.head.append(s);
        }, 150));</script>`,
        width,
      );
      const below = () => frame.contentDocument!.getElementById('below')!.getBoundingClientRect().top;
      const before = below();
      await until(() => tableShown(frame), 8000, 'the table');
      expect(below()).to.equal(before);
      await until(() => chartShown(frame), 8000, 'the chart');
      await new Promise((resolve) => setTimeout(resolve, 700)); // the bars' animation
      expect(below()).to.equal(before);
      expect(win(frame).__shift).to.equal(0);
      expect(win(frame).__errors).to.deep.equal([]);
    });
  }

  it('(control) without the reserved room the upgrade does shift the page, so the test above can fail', async () => {
    const frame = await page(
      `<lantoa-progress-chart></lantoa-progress-chart><p>Nội dung trang</p>
      <script>requestAnimationFrame(() => setTimeout(() => {
        const s = document.createElement('script'); s.type = 'module'; s.src = '${DIST}/loader.js'; document.head.append(s);
      }, 150));</script>`,
    );
    await until(() => tableShown(frame), 8000, 'the table');
    await until(() => win(frame).__shift > 0, 3000, 'a layout shift');
  });
});
