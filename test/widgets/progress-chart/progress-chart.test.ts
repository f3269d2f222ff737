import { expect, fixture, html, oneEvent } from '@open-wc/testing';
import { emulateMedia, sendKeys } from '@web/test-runner-commands';
import sinon from 'sinon';
import type { ChartData } from '../../../src/widgets/progress-chart/progress-chart.data.js';
import '../../../src/widgets/progress-chart/progress-chart.js';
import type { LantoaProgressChart } from '../../../src/widgets/progress-chart/progress-chart.js';
import { part, until, withConsole } from '../../helpers.js';

const FIX = '/test/fixtures/chart';

/** Waits until the data (or a problem) shows: no longer busy. */
async function settled(el: LantoaProgressChart): Promise<void> {
  await el.updateComplete;
  await until(() => el.shadowRoot!.querySelector('[aria-busy="false"]') !== null, 5000, 'data to settle');
  await el.updateComplete;
}

/** Waits until chart.js has painted the canvas and the chart is the view on show. */
async function drawn(el: LantoaProgressChart): Promise<HTMLCanvasElement> {
  await settled(el);
  await until(() => el.shadowRoot!.querySelector('.layer.chart:not(.off)') !== null, 8000, 'the chart to be drawn');
  const canvas = part(el, 'chart') as HTMLCanvasElement;
  // (The reduced-motion rule gives every property a 0.01 ms transition, visibility included: wait a frame.)
  await until(() => getComputedStyle(canvas).visibility === 'visible', 1000, 'the chart to be visible');
  return canvas;
}

/** The table as text: header row, then one row per data row. */
function tableText(el: LantoaProgressChart): string[][] {
  const table = part(el, 'table') as HTMLTableElement | null;
  return [...(table?.rows ?? [])].map((row) =>
    [...row.cells].map((cell) => (cell.textContent ?? '').replace(/\s+/g, ' ').trim()),
  );
}

function problemText(el: LantoaProgressChart): string {
  return (part(el, 'problem')?.textContent ?? '').replace(/\s+/g, ' ').trim();
}

/** Pixels of the canvas whose colour is within `tolerance` of `rgb`. */
function pixelsOf(canvas: HTMLCanvasElement, rgb: [number, number, number], tolerance = 12): number {
  const { data } = canvas.getContext('2d')!.getImageData(0, 0, canvas.width, canvas.height);
  let count = 0;
  for (let i = 0; i < data.length; i += 4) {
    if (
      data[i + 3] > 200 &&
      Math.abs(data[i] - rgb[0]) <= tolerance &&
      Math.abs(data[i + 1] - rgb[1]) <= tolerance &&
      Math.abs(data[i + 2] - rgb[2]) <= tolerance
    )
      count++;
  }
  return count;
}

const progress = (indicators: unknown[], extra: Record<string, unknown> = {}) => ({
  kind: 'progress',
  illustrative: true,
  indicators,
  ...extra,
});

describe('<lantoa-progress-chart>', () => {
  before(() => emulateMedia({ reducedMotion: 'reduce' }));
  after(() => emulateMedia({ reducedMotion: 'no-preference' }));
  afterEach(() => {
    document.documentElement.lang = 'vi';
  });

  describe('defaults', () => {
    it('shows the sourced targets (docs/SOURCES.md), labelled as illustrative, as a table and then a chart', async () => {
      const el = await fixture<LantoaProgressChart>(html`<lantoa-progress-chart></lantoa-progress-chart>`);
      await settled(el);
      expect(part(el, 'illustrative')!.textContent!.trim()).to.equal('Số liệu minh họa');
      const rows = tableText(el);
      // Every deadline (2025) is over: the values are results, illustrative ones.
      expect(rows[0]).to.deep.equal(['Tiêu chí', 'Kết quả (minh họa)', 'Chỉ tiêu', 'Thời hạn', 'Tham chiếu']);
      // The targets are facts (Bến Tre's Scheme: 100% level-4 services, records online 90/80/60%; nationwide 80%).
      expect(rows.slice(1).map((r) => [r[0], r[2], r[3]])).to.deep.equal([
        ['Dịch vụ công trực tuyến mức 4', '100%', '2025'],
        ['Hồ sơ xử lý trực tuyến cấp tỉnh', '90%', '2025'],
        ['Hồ sơ xử lý trực tuyến cấp huyện', '80%', '2025'],
        ['Hồ sơ xử lý trực tuyến cấp xã', '60%', '2025'],
      ]);
      expect(rows[1][4]).to.equal('cả nước 80% (2025)');
      expect((part(el, 'table') as HTMLTableElement).caption!.textContent).to.contain('(Số liệu minh họa)');
      expect(el.shadowRoot!.querySelector('.source')!.textContent).to.equal(
        'Nguồn: Chỉ tiêu: Đề án chuyển đổi số tỉnh Bến Tre giai đoạn 2020–2025; cả nước: Quyết định 749/QĐ-TTg (03/6/2020)',
      );
      await drawn(el);
      expect(el.shadowRoot!.querySelector('.legend')!.textContent).to.contain('Kết quả (minh họa)');
    });

    it('speaks English on an English page', async () => {
      document.documentElement.lang = 'en';
      const el = await fixture<LantoaProgressChart>(html`<lantoa-progress-chart></lantoa-progress-chart>`);
      await settled(el);
      expect(part(el, 'illustrative')!.textContent!.trim()).to.equal('Illustrative data');
      expect(tableText(el)[1][0]).to.equal('Online public services at level 4');
      expect(part(el, 'toggle')!.textContent!.trim()).to.equal('Show data table');
      expect(tableText(el)[0][1]).to.equal('Result (illustrative)');
      expect(tableText(el)[1][4]).to.equal('nationwide 80% (2025)');
      expect(el.shadowRoot!.querySelector('.source')!.textContent).to.contain(
        'Bến Tre digital transformation Scheme 2020–2025; nationwide: Decision 749/QĐ-TTg',
      );
    });

    it('has default data for the trend and compare kinds too, also illustrative', async () => {
      const trend = await fixture<LantoaProgressChart>(
        html`<lantoa-progress-chart kind="trend"></lantoa-progress-chart>`,
      );
      await settled(trend);
      expect(tableText(trend)[0]).to.deep.equal(['Kỳ', 'Bến Tre', 'Chỉ tiêu tỉnh']);
      // "Level 4" ended with Decree 42/2022: the series does too.
      expect(
        tableText(trend)
          .slice(1)
          .map((r) => r[0]),
      ).to.deep.equal(['2020', '2021', '2022']);
      expect(part(trend, 'illustrative')).to.not.equal(null);
      const compare = await fixture<LantoaProgressChart>(
        html`<lantoa-progress-chart kind="compare"></lantoa-progress-chart>`,
      );
      await settled(compare);
      expect(
        tableText(compare)
          .slice(1)
          .map((r) => r[0]),
      ).to.include.members(['Ba Tri', 'Thạnh Phú', 'Mỏ Cày Bắc']);
      expect(tableText(compare)).to.have.length(10); // header + the nine districts of 2020
    });

    for (const lang of ['vi', 'en'] as const) {
      it(`says under every default chart which period and boundaries the sample covers, and its source (${lang})`, async () => {
        const expected = {
          vi: [
            'Giai đoạn 2020–2025, tỉnh Bến Tre (nay thuộc tỉnh Vĩnh Long); đơn vị theo địa giới năm 2020',
            'Nguồn: Chỉ tiêu: Đề án chuyển đổi số tỉnh Bến Tre giai đoạn 2020–2025',
          ],
          en: [
            '2020–2025, Bến Tre province (now part of Vĩnh Long); units as of 2020',
            'Bến Tre digital transformation Scheme 2020–2025',
          ],
        }[lang];
        for (const kind of ['progress', 'trend', 'compare'] as const) {
          const el = await fixture<LantoaProgressChart>(
            html`<lantoa-progress-chart kind=${kind} lang=${lang}></lantoa-progress-chart>`,
          );
          await settled(el);
          expect(el.shadowRoot!.querySelector('.note')?.textContent, kind).to.equal(expected[0]);
          expect(el.shadowRoot!.querySelector('.source')?.textContent, kind)
            .to.contain(expected[1])
            .and.match(/^(Nguồn|Source): /);
        }
        await expect(
          await fixture(html`<lantoa-progress-chart kind="compare" lang=${lang}></lantoa-progress-chart>`),
        ).to.be.accessible();
      });
    }

    it('shows the note and source the data or the page gives (the widget serves any campaign: no built-in note)', async () => {
      const data = progress([{ label: 'A', value: 1, target: 2 }], {
        note: { vi: 'Đơn vị theo địa giới năm 2026', en: 'Units as of 2026' },
      });
      const el = await fixture<LantoaProgressChart>(
        html`<lantoa-progress-chart .data=${data}></lantoa-progress-chart>`,
      );
      await settled(el);
      expect(el.shadowRoot!.querySelector('.note')!.textContent).to.equal('Đơn vị theo địa giới năm 2026');
      el.lang = 'en';
      await el.updateComplete;
      expect(el.shadowRoot!.querySelector('.note')!.textContent).to.equal('Units as of 2026');
      el.setAttribute('note', 'Xã, phường từ 01/7/2025');
      await el.updateComplete;
      expect(el.shadowRoot!.querySelector('.note')!.textContent).to.equal('Xã, phường từ 01/7/2025');
      expect(el.shadowRoot!.querySelector('.source')).to.equal(null);
      el.setAttribute('source', 'Tỉnh đoàn Vĩnh Long');
      await el.updateComplete;
      expect(el.shadowRoot!.querySelector('.source')!.textContent).to.equal('Source: Tỉnh đoàn Vĩnh Long');
      const bare = await fixture<LantoaProgressChart>(
        html`<lantoa-progress-chart .data=${progress([{ label: 'A', value: 1, target: 2 }])}></lantoa-progress-chart>`,
      );
      await settled(bare);
      expect(bare.shadowRoot!.querySelector('.note')).to.equal(null);
    });

    it('keeps at least 12rem for the chart on a phone, however long the note and source; never sized by its content', async () => {
      await withConsole('error', async () => {
        const long = 'Giai đoạn 2020–2025, tỉnh Bến Tre (nay thuộc tỉnh Vĩnh Long); đơn vị theo địa giới năm 2020';
        const wrapper = await fixture<HTMLDivElement>(html`<div style="width: 320px">
          <lantoa-progress-chart note=${long} source=${long}></lantoa-progress-chart>
          <lantoa-progress-chart><table>${[...Array(40).keys()].map((i) => html`<tr><td>Dòng ${i}</td></tr>`)}</table></lantoa-progress-chart>
        </div>`);
        const [noted, tall] = [...wrapper.querySelectorAll<LantoaProgressChart>('lantoa-progress-chart')];
        await settled(noted);
        const box = (el: Element) => el.shadowRoot!.querySelector('.box')!.getBoundingClientRect().height;
        const card = (el: Element) => el.shadowRoot!.querySelector('.card')!.getBoundingClientRect().height;
        const rem = parseFloat(getComputedStyle(document.documentElement).fontSize);
        expect(box(noted)).to.be.at.least(12 * rem - 0.5);
        expect(card(noted)).to.be.above(26 * rem); // grown, as the floor asks, rather than squeezing the chart
        // A long pasted table (here, while it is read and then as a message) scrolls inside: the card keeps its height.
        await tall.updateComplete;
        expect(card(tall)).to.be.closeTo(26 * rem, 0.5);
        await settled(tall);
        expect(card(tall)).to.be.closeTo(26 * rem, 0.5);
      });
    });

    describe('past deadlines read as past (today in Vietnam time)', () => {
      let clock: sinon.SinonFakeTimers | undefined;
      afterEach(() => clock?.restore());
      const table = (
        illustrative: boolean,
        deadline: string,
      ) => html`<lantoa-progress-chart ?illustrative=${illustrative}>
        <table>
          <tr><th>Tiêu chí</th><th>Hiện tại</th><th>Chỉ tiêu</th><th>Thời hạn</th></tr>
          <tr><td>A</td><td>72%</td><td>100%</td><td>${deadline}</td></tr>
          <tr><td>B</td><td>38%</td><td>60%</td><td>2025-06-30</td></tr>
        </table>
      </lantoa-progress-chart>`;
      const cases = [
        // [now (UTC), deadline of A, illustrative, lang, the values' column]
        ['2025-12-31T16:59:59Z', '2025', true, 'vi', 'Hiện tại'], // 23:59:59 on 31/12/2025 in Vietnam: 2025 is not over
        ['2025-12-31T17:00:00Z', '2025', true, 'vi', 'Kết quả (minh họa)'], // 00:00 on 1/1/2026 in Vietnam
        ['2025-12-31T17:00:00Z', '2025', false, 'vi', 'Kết quả'],
        ['2025-12-31T17:00:00Z', '2025', true, 'en', 'Result (illustrative)'],
        ['2025-12-31T17:00:00Z', '2025', false, 'en', 'Result'],
        ['2026-12-07T03:00:00Z', '2026-12-07', true, 'vi', 'Hiện tại'], // a date is over the day after it
        ['2026-12-07T17:00:00Z', '2026-12-07', true, 'vi', 'Kết quả (minh họa)'],
        ['2026-12-07T17:00:00Z', '2030', true, 'en', 'Current'], // one deadline still ahead: current values
      ] as const;
      for (const [now, deadline, illustrative, lang, heading] of cases) {
        it(`heads the values “${heading}” at ${now} against ${deadline}`, async () => {
          clock = sinon.useFakeTimers({ now: Date.parse(now), toFake: ['Date'] });
          document.documentElement.lang = lang;
          const el = await fixture<LantoaProgressChart>(table(illustrative, deadline));
          await settled(el);
          expect(tableText(el)[0][1]).to.equal(heading);
        });
      }
    });
  });

  describe('canvas', () => {
    it('actually paints: bars in the series colour, target ticks in the text colour', async () => {
      const el = await fixture<LantoaProgressChart>(
        html`<lantoa-progress-chart theme="light"></lantoa-progress-chart>`,
      );
      const canvas = await drawn(el);
      expect(canvas.width).to.be.greaterThan(100);
      expect(pixelsOf(canvas, [11, 78, 162])).to.be.greaterThan(2000); // #0b4ea2 bars
      expect(pixelsOf(canvas, [27, 31, 36], 30)).to.be.greaterThan(100); // #1b1f24 ticks and labels
    });

    it('paints with the dark palette under theme="dark"', async () => {
      const el = await fixture<LantoaProgressChart>(html`<lantoa-progress-chart theme="dark"></lantoa-progress-chart>`);
      const canvas = await drawn(el);
      expect(pixelsOf(canvas, [156, 195, 255])).to.be.greaterThan(2000); // #9cc3ff bars
      expect(pixelsOf(canvas, [11, 78, 162])).to.equal(0);
      await expect(el).to.be.accessible();
    });

    it('names the canvas with the generated summary, and fires lantoa-chart-ready', async () => {
      const el = document.createElement('lantoa-progress-chart');
      const ready = oneEvent(el, 'lantoa-chart-ready');
      document.body.append(el);
      try {
        const event = await ready;
        expect(event.detail).to.deep.equal({ kind: 'progress' });
        const canvas = await drawn(el);
        expect(canvas.getAttribute('role')).to.equal('img');
        const label = canvas.getAttribute('aria-label')!;
        expect(label).to.contain('Chỉ tiêu chuyển đổi số tỉnh Bến Tre đến 2025. Số liệu minh họa.');
        expect(label).to.contain(
          'Dịch vụ công trực tuyến mức 4: đạt 72%, chỉ tiêu 100% đến 2025 (cả nước 80% đến 2025)',
        );
        expect(label).to.contain('Hồ sơ xử lý trực tuyến cấp xã: đạt 38%, chỉ tiêu 60% đến 2025');
      } finally {
        el.remove();
      }
    });

    it('summarizes a trend and a comparison', async () => {
      const trend = await fixture<LantoaProgressChart>(
        html`<lantoa-progress-chart kind="trend"></lantoa-progress-chart>`,
      );
      expect((await drawn(trend)).getAttribute('aria-label')).to.contain(
        'Bến Tre: từ 25% (2020) đến 51% (2022); Chỉ tiêu tỉnh 100% đến 2025.',
      );
      const compare = await fixture<LantoaProgressChart>(
        html`<lantoa-progress-chart kind="compare" lang="en"></lantoa-progress-chart>`,
      );
      expect((await drawn(compare)).getAttribute('aria-label')).to.contain(
        'highest TP Bến Tre 84%, lowest Thạnh Phú 47%; 1 of 9 units meet the target of 80% (by 2025)',
      );
    });
  });

  describe('data sources', () => {
    it('reads an inline JSON child, and the table equals the data', async () => {
      const el = await fixture<LantoaProgressChart>(html`<lantoa-progress-chart>
        <script type="application/json">
          {
            "kind": "progress",
            "illustrative": true,
            "title": "Tiến độ",
            "indicators": [
              { "label": "Chỉ số A", "value": 1234.5, "target": 2000, "deadline": "2025-12-31", "unit": "người" },
              { "label": { "vi": "Chỉ số B", "en": "Indicator B" }, "value": 40, "target": 80, "unit": "%" }
            ]
          }
        </script>
      </lantoa-progress-chart>`);
      await settled(el);
      expect(tableText(el)).to.deep.equal([
        ['Tiêu chí', 'Hiện tại', 'Chỉ tiêu', 'Thời hạn'],
        ['Chỉ số A', '1.234,5 người', '2.000 người', '31/12/2025'],
        ['Chỉ số B', '40%', '80%', ''],
      ]);
      expect(part(el, 'title')!.textContent).to.equal('Tiến độ');
    });

    it('reads JSON from src', async () => {
      const el = await fixture<LantoaProgressChart>(
        html`<lantoa-progress-chart src="${FIX}/compare.json"></lantoa-progress-chart>`,
      );
      await settled(el);
      expect(tableText(el)).to.deep.equal([
        ['Đơn vị', 'Giá trị', 'Chỉ tiêu 80% (2025)'],
        ['Ba Tri', '69%', 'Chưa đạt'],
        ['Thạnh Phú', '47%', 'Chưa đạt'],
        ['Chợ Lách', '81%', 'Đạt chỉ tiêu'],
      ]);
      expect(el.kind).to.equal('progress'); // the JSON names its own kind
      await drawn(el);
    });

    it('reads CSV with Vietnamese headers, semicolons, decimal commas and a byte-order mark', async () => {
      const el = await fixture<LantoaProgressChart>(
        html`<lantoa-progress-chart src="${FIX}/progress-vi.csv"></lantoa-progress-chart>`,
      );
      await settled(el);
      expect(tableText(el)).to.deep.equal([
        ['Tiêu chí', 'Kết quả', 'Chỉ tiêu', 'Thời hạn'], // the 2025 deadlines are over; the file does not say "illustrative"
        ['Dịch vụ công trực tuyến mức 4', '72,5%', '100%', '2025'],
        ['Hồ sơ xử lý trực tuyến cấp tỉnh', '64,25%', '90%', '2025'],
      ]);
      const canvas = await drawn(el);
      expect(canvas.getAttribute('aria-label')).to.contain(
        'Dịch vụ công trực tuyến mức 4: đạt 72,5%, chỉ tiêu 100% đến 2025',
      );
    });

    it('reads a trend CSV with quoted decimal commas, decimal points and gaps', async () => {
      const el = await fixture<LantoaProgressChart>(
        html`<lantoa-progress-chart kind="trend" src="${FIX}/trend.csv" lang="en"></lantoa-progress-chart>`,
      );
      await settled(el);
      expect(tableText(el)).to.deep.equal([
        ['Period', 'Bến Tre', 'Cả nước', 'Target'],
        ['2021', '38.5', '30.1', '100'],
        ['2022', '51', '—', '100'],
        ['2023', '63.5', '55', '100'],
      ]);
      await drawn(el);
    });

    it('reads a compare CSV whose % is in the header', async () => {
      const el = await fixture<LantoaProgressChart>(
        html`<lantoa-progress-chart kind="compare" src="${FIX}/compare.csv"></lantoa-progress-chart>`,
      );
      await settled(el);
      expect(tableText(el).slice(1)).to.deep.equal([
        ['Ba Tri', '69%', 'Chưa đạt'],
        ['Thạnh Phú', '47,5%', 'Chưa đạt'],
      ]);
    });

    it('reads the <table> written inside the element (what visitors without JavaScript see)', async () => {
      const el = await fixture<LantoaProgressChart>(html`<lantoa-progress-chart illustrative>
        <table>
          <caption>Chỉ tiêu đến 2025</caption>
          <tr><th>Tiêu chí</th><th>Hiện tại</th><th>Chỉ tiêu</th><th>Thời hạn</th></tr>
          <tr><td>Dịch vụ công trực tuyến mức 4</td><td>72%</td><td>100%</td><td>2025</td></tr>
        </table>
      </lantoa-progress-chart>`);
      await settled(el);
      expect(part(el, 'title')!.textContent).to.equal('Chỉ tiêu đến 2025');
      expect(tableText(el)[1]).to.deep.equal(['Dịch vụ công trực tuyến mức 4', '72%', '100%', '2025']);
      expect(part(el, 'illustrative')).to.not.equal(null);
      // Upgraded, the light-DOM table no longer shows (no default slot once the data is read).
      expect(el.querySelector('table')!.getBoundingClientRect().height).to.equal(0);
    });

    it('reads "12.000" in a Vietnamese table as twelve thousand: table and summary say 12.000, not 12', async () => {
      const el = await fixture<LantoaProgressChart>(html`<lantoa-progress-chart illustrative>
        <table>
          <caption>Cài ứng dụng</caption>
          <tr><th>Tiêu chí</th><th>Hiện tại</th><th>Chỉ tiêu</th><th>Đơn vị tính</th></tr>
          <tr><td>Người dùng VNeID</td><td>12.000</td><td>15.000</td><td>người</td></tr>
          <tr><td>Hồ sơ trực tuyến</td><td>8.500</td><td>1.234.567</td><td>hồ sơ</td></tr>
        </table>
      </lantoa-progress-chart>`);
      await settled(el);
      expect(tableText(el).slice(1)).to.deep.equal([
        ['Người dùng VNeID', '12.000 người', '15.000 người', ''],
        ['Hồ sơ trực tuyến', '8.500 hồ sơ', '1.234.567 hồ sơ', ''],
      ]);
      const canvas = await drawn(el);
      expect(canvas.getAttribute('aria-label')).to.contain('Người dùng VNeID: đạt 12.000 người, chỉ tiêu 15.000 người');
      el.lang = 'en'; // the figures stay what they are; only their display follows the language
      await until(
        () =>
          canvas.getAttribute('aria-label')!.includes('Người dùng VNeID: 12,000 người reached, target 15,000 người'),
        3000,
        'the English summary',
      );
      expect(tableText(el)[2][1]).to.equal('8,500 hồ sơ');
    });

    it('reads an English table\'s numbers the English way: on an English page, or as a table with lang="en" on a Vietnamese one', async () => {
      const rows = html`<tr><th>Indicator</th><th>Current</th><th>Target</th><th>Unit</th></tr>
        <tr><td>VNeID users</td><td>12,000</td><td>15,000.5</td><td>people</td></tr>`;
      const english = await fixture<LantoaProgressChart>(
        html`<lantoa-progress-chart lang="en"><table>${rows}</table></lantoa-progress-chart>`,
      );
      await settled(english);
      expect(tableText(english)[1]).to.deep.equal(['VNeID users', '12,000 people', '15,000.5 people', '']);
      const vi = await fixture<LantoaProgressChart>(
        html`<lantoa-progress-chart><table lang="en">${rows}</table></lantoa-progress-chart>`,
      );
      await settled(vi);
      expect(tableText(vi)[1]).to.deep.equal(['VNeID users', '12.000 people', '15.000,5 people', '']);
    });

    it('takes the data property over every other source', async () => {
      const el = await fixture<LantoaProgressChart>(
        html`<lantoa-progress-chart src="${FIX}/compare.json"></lantoa-progress-chart>`,
      );
      await settled(el);
      el.data = progress([{ label: 'Từ JavaScript', value: 5, target: 10 }]);
      await until(() => tableText(el)[1]?.[0] === 'Từ JavaScript', 3000, 'the property data');
    });

    it('refreshes src every `refresh` seconds, keeping the chart on show', async () => {
      const clock = sinon.useFakeTimers({ toFake: ['setInterval', 'clearInterval'] });
      try {
        const el = await fixture<LantoaProgressChart>(
          html`<lantoa-progress-chart refresh="30" src="/test-fixtures/counting-chart?id=${Math.random()}"></lantoa-progress-chart>`,
        );
        await settled(el);
        expect(tableText(el)[1][1]).to.equal('10%');
        clock.tick(30_000);
        await until(() => tableText(el)[1][1] === '20%', 3000, 'the refreshed value');
      } finally {
        clock.restore();
      }
    });
  });

  it("shows a pasted table's caption as its title from the first render (the box below never moves)", async () => {
    const el = await fixture<LantoaProgressChart>(html`<lantoa-progress-chart>
      <table>
        <caption>Chỉ tiêu chuyển đổi số tỉnh Bến Tre đến 2025, một tiêu đề dài xuống nhiều dòng trên điện thoại</caption>
        <tr><th>Tiêu chí</th><th>Hiện tại</th><th>Chỉ tiêu</th><th>Thời hạn</th></tr>
        <tr><td>Dịch vụ công trực tuyến mức 4</td><td>72%</td><td>100%</td><td>2025</td></tr>
      </table>
    </lantoa-progress-chart>`);
    const caption = 'Chỉ tiêu chuyển đổi số tỉnh Bến Tre đến 2025, một tiêu đề dài xuống nhiều dòng trên điện thoại';
    const firstTitle = part(el, 'title')!.textContent!.trim();
    await until(() => !!el.shadowRoot!.querySelector('table tbody tr'), 5000, 'the data to be read');
    expect(firstTitle).to.equal(caption);
    expect(part(el, 'title')!.textContent!.trim()).to.equal(caption);
  });

  describe('language and keyboard', () => {
    it('switches language with the page: table, toggle and summary', async () => {
      const el = await fixture<LantoaProgressChart>(html`<lantoa-progress-chart></lantoa-progress-chart>`);
      const canvas = await drawn(el);
      expect(canvas.getAttribute('aria-label')).to.contain('đạt 72%');
      document.documentElement.lang = 'en';
      await until(
        () => canvas.getAttribute('aria-label')!.includes('72% reached, target 100% by 2025'),
        3000,
        'the English summary',
      );
      expect(tableText(el)[0][0]).to.equal('Indicator');
      expect(part(el, 'toggle')!.textContent!.trim()).to.equal('Show data table');
      expect(el.shadowRoot!.querySelector('.legend')!.textContent).to.contain('Target');
    });

    it('formats numbers for the locale on the axis and in the table (1.234,5 / 1,234.5)', async () => {
      const data = progress([{ label: 'A', value: 1234.5, target: 2000, unit: 'người' }]);
      const el = await fixture<LantoaProgressChart>(
        html`<lantoa-progress-chart lang="en" .data=${data}></lantoa-progress-chart>`,
      );
      await settled(el);
      expect(tableText(el)[1][1]).to.equal('1,234.5 người');
      el.lang = 'vi';
      await el.updateComplete;
      expect(tableText(el)[1][1]).to.equal('1.234,5 người');
    });

    it('the table is one keypress away, and the canvas and table are reachable by keyboard', async () => {
      const el = await fixture<LantoaProgressChart>(html`<lantoa-progress-chart></lantoa-progress-chart>`);
      const canvas = await drawn(el);
      const toggle = part(el, 'toggle') as HTMLButtonElement;
      expect(canvas.tabIndex).to.equal(0);
      expect(toggle.getAttribute('aria-pressed')).to.equal('false');
      toggle.focus();
      await sendKeys({ press: 'Enter' });
      await el.updateComplete;
      expect(toggle.getAttribute('aria-pressed')).to.equal('true');
      const region = el.shadowRoot!.getElementById('table-view')!;
      const layer = canvas.closest('.layer')!;
      // (Polled: the reduced-motion rule gives every property a 0.01 ms transition, visibility included.)
      await until(
        () => getComputedStyle(region).visibility === 'visible' && getComputedStyle(layer).visibility === 'hidden',
        1000,
        'the table view',
      );
      await sendKeys({ down: 'Shift' });
      await sendKeys({ press: 'Tab' });
      await sendKeys({ up: 'Shift' });
      expect(el.shadowRoot!.activeElement).to.equal(region); // the scrollable table is focusable
      await expect(el).to.be.accessible();
      toggle.click();
      await until(
        () => getComputedStyle(layer).visibility === 'visible' && getComputedStyle(region).visibility === 'hidden',
        1000,
        'the chart view',
      );
      expect(toggle.getAttribute('aria-pressed')).to.equal('false');
    });

    it('reads each figure as the arrow keys move along the focused canvas, marking it on the canvas', async () => {
      const el = await fixture<LantoaProgressChart>(
        html`<lantoa-progress-chart kind="compare" theme="light"></lantoa-progress-chart>`,
      );
      const canvas = await drawn(el);
      const live = el.shadowRoot!.querySelector('[aria-live="polite"]')!;
      expect(canvas.getAttribute('aria-label')).to.contain('Dùng phím mũi tên để nghe từng số liệu.');
      const before = pixelsOf(canvas, [27, 31, 36], 30);
      canvas.focus();
      await sendKeys({ press: 'ArrowDown' });
      await el.updateComplete;
      expect(live.textContent!.trim()).to.equal('TP Bến Tre: 84%, đạt chỉ tiêu');
      expect(pixelsOf(canvas, [27, 31, 36], 30)).to.be.greaterThan(before); // the picked bar's dark outline
      await sendKeys({ press: 'ArrowDown' });
      await el.updateComplete;
      expect(live.textContent!.trim()).to.equal('Châu Thành: 71%, chưa đạt chỉ tiêu');
      await sendKeys({ press: 'End' });
      await el.updateComplete;
      expect(live.textContent!.trim()).to.equal('Mỏ Cày Bắc: 60%, chưa đạt chỉ tiêu');
      await sendKeys({ press: 'ArrowDown' }); // stays on the last
      await el.updateComplete;
      expect(live.textContent!.trim()).to.equal('Mỏ Cày Bắc: 60%, chưa đạt chỉ tiêu');
      await expect(el).to.be.accessible();
      canvas.blur();
      await el.updateComplete;
      expect(live.textContent!.trim()).to.equal('');
    });

    it('reads a trend period by period in English, gaps included', async () => {
      const data: ChartData = {
        kind: 'trend',
        unit: '%',
        periods: ['2023', '2024'],
        series: [
          { label: 'A', values: [1.5, null] },
          { label: 'B', values: [2, 3] },
        ],
      };
      const el = await fixture<LantoaProgressChart>(
        html`<lantoa-progress-chart lang="en" .data=${data}></lantoa-progress-chart>`,
      );
      const canvas = await drawn(el);
      canvas.focus();
      await sendKeys({ press: 'End' });
      await el.updateComplete;
      expect(el.shadowRoot!.querySelector('[aria-live="polite"]')!.textContent!.trim()).to.equal(
        '2024: A no figure, B 3%',
      );
    });

    it('does not animate under prefers-reduced-motion (the first frame is the final one)', async () => {
      const el = await fixture<LantoaProgressChart>(
        html`<lantoa-progress-chart theme="light"></lantoa-progress-chart>`,
      );
      const canvas = await drawn(el);
      const first = pixelsOf(canvas, [11, 78, 162]);
      await new Promise((resolve) => setTimeout(resolve, 300));
      expect(pixelsOf(canvas, [11, 78, 162])).to.equal(first);
    });
  });

  describe('bad data', () => {
    let errors: string[];
    const onError = (event: ErrorEvent) => errors.push(event.message);
    beforeEach(() => {
      errors = [];
      addEventListener('error', onError);
    });
    afterEach(() => {
      removeEventListener('error', onError);
      expect(errors, 'nothing may throw into the host page').to.deep.equal([]);
    });

    it('names the field of invalid JSON data, and logs its path', async () => {
      await withConsole('error', async (log) => {
        const data = progress([
          { label: 'A', value: 1, target: 2 },
          { label: 'B', value: 'nhiều', target: 2 },
        ]);
        const el = await fixture<LantoaProgressChart>(
          html`<lantoa-progress-chart .data=${data}></lantoa-progress-chart>`,
        );
        await settled(el);
        expect(problemText(el)).to.contain('Số liệu không hợp lệ ở “indicators”, mục 2, “value”: cần một số');
        expect(log.calls.join('\n')).to.contain('indicators.1.value');
        await expect(el).to.be.accessible();
      });
    });

    it('says when a trend series has the wrong number of values', async () => {
      await withConsole('error', async () => {
        const data = {
          kind: 'trend',
          periods: ['2023', '2024'],
          series: [
            { label: 'A', values: [1, 2] },
            { label: 'B', values: [1] },
          ],
        };
        const el = await fixture<LantoaProgressChart>(
          html`<lantoa-progress-chart lang="en" .data=${data}></lantoa-progress-chart>`,
        );
        await settled(el);
        expect(problemText(el)).to.contain('Invalid data at “series”, item 2, “values”');
      });
    });

    it('says so when src is not valid JSON', async () => {
      await withConsole('error', async () => {
        const el = await fixture<LantoaProgressChart>(
          html`<lantoa-progress-chart src="${FIX}/broken.json"></lantoa-progress-chart>`,
        );
        await settled(el);
        expect(problemText(el)).to.contain('Nguồn số liệu không phải JSON hợp lệ.');
        expect(part(el, 'toggle')).to.equal(null);
      });
    });

    // [what, the element, where the console says the data came from, the message in vi, then in en]
    const badCells = [
      [
        'names the row and column of a bad CSV cell',
        () => html`<lantoa-progress-chart src="${FIX}/bad-row.csv"></lantoa-progress-chart>`,
        'bad-row.csv',
        ['Dòng 3, cột “Hiện tại”: “bảy mươi” không hợp lệ, cần một số'],
        ['Row 3, column “Hiện tại”: “bảy mươi” is invalid, expected a number'],
      ],
      [
        'names the cell a column makes ambiguous, and says how to write the column',
        () => html`<lantoa-progress-chart kind="compare">
          <table>
            <tr><th>Đơn vị</th><th>Giá trị</th></tr>
            <tr><td>Ba Tri</td><td>72.5</td></tr>
            <tr><td>Thạnh Phú</td><td>12.000</td></tr>
          </table>
        </lantoa-progress-chart>`,
        'the <table>',
        [
          'Dòng 3, cột “Giá trị”: không rõ “12.000” là 12000 hay 12, vì cột này có cả “72.5”.',
          '(“72.5” viết là “72,5”)',
        ],
        ['Row 3, column “Giá trị”: “12.000” could be 12000 or 12', '(“72.5” as “72,5”)'],
      ],
    ] as const;
    for (const [what, template, source, vi, en] of badCells) {
      it(`${what}, in vi and en`, async () => {
        await withConsole('error', async (log) => {
          const el = await fixture<LantoaProgressChart>(template());
          await settled(el);
          for (const text of vi) expect(problemText(el)).to.contain(text);
          expect(log.calls.join('\n')).to.contain(source);
          el.lang = 'en';
          await el.updateComplete;
          for (const text of en) expect(problemText(el)).to.contain(text);
          await expect(el).to.be.accessible();
        });
      });
    }

    it('names a missing CSV column', async () => {
      await withConsole('error', async () => {
        const el = await fixture<LantoaProgressChart>(
          html`<lantoa-progress-chart src="${FIX}/missing-column.csv"></lantoa-progress-chart>`,
        );
        await settled(el);
        expect(problemText(el)).to.contain('Thiếu cột “Chỉ tiêu”');
      });
    });

    it('says "Chưa có số liệu" for empty data, from JSON and from a header-only CSV', async () => {
      const el = await fixture<LantoaProgressChart>(
        html`<lantoa-progress-chart .data=${progress([])}></lantoa-progress-chart>`,
      );
      await settled(el);
      expect(el.shadowRoot!.querySelector('.status')!.textContent).to.equal('Chưa có số liệu.');
      await expect(el).to.be.accessible();
      const csv = await fixture<LantoaProgressChart>(
        html`<lantoa-progress-chart lang="en" src="${FIX}/header-only.csv"></lantoa-progress-chart>`,
      );
      await settled(csv);
      expect(csv.shadowRoot!.querySelector('.status')!.textContent).to.equal('No data yet.');
    });

    it('offers a retry after a network error, which recovers', async () => {
      await withConsole('error', async () => {
        const el = await fixture<LantoaProgressChart>(
          html`<lantoa-progress-chart src="/test-fixtures/flaky-chart?id=${Math.random()}"></lantoa-progress-chart>`,
        );
        await settled(el);
        expect(problemText(el)).to.contain('Không tải được số liệu.');
        await expect(el).to.be.accessible();
        (el.shadowRoot!.querySelector('.retry') as HTMLButtonElement).click();
        await settled(el);
        await until(() => tableText(el)[1]?.[1] === '20%', 3000, 'the data after retrying');
      });
    });

    it('says so when the server is unreachable', async () => {
      await withConsole('error', async () => {
        const el = await fixture<LantoaProgressChart>(
          html`<lantoa-progress-chart src="http://127.0.0.1:9/khong-co.json"></lantoa-progress-chart>`,
        );
        await settled(el);
        expect(problemText(el)).to.contain('Không tải được số liệu.');
      });
    });

    for (const [attribute, value, expected] of [
      ['kind', 'pie', 'progress | trend | compare'],
      ['refresh', '3', '0 | ≥ 10'],
      ['src', 'javascript:alert(1)', 'http(s) URL'],
    ] as const) {
      it(`refuses ${attribute}="${value}" with a localized message`, async () => {
        await withConsole('error', async (log) => {
          const el = document.createElement('lantoa-progress-chart');
          el.setAttribute(attribute, value);
          document.body.append(el);
          try {
            await settled(el);
            expect(problemText(el)).to.contain(`Thuộc tính “${attribute}” không hợp lệ: cần ${expected}.`);
            expect(log.calls.join('\n')).to.contain(`attribute ${attribute}`);
          } finally {
            el.remove();
          }
        });
      });
    }

    it('shows outside text as text, never as HTML', async () => {
      const data: ChartData = {
        kind: 'compare',
        units: [{ label: '<img src=x onerror="window.__pwned=1">', value: 1 }],
      };
      const el = await fixture<LantoaProgressChart>(
        html`<lantoa-progress-chart .data=${data}></lantoa-progress-chart>`,
      );
      await drawn(el);
      expect(el.shadowRoot!.querySelector('img')).to.equal(null);
      expect(tableText(el)[1][0]).to.equal('<img src=x onerror="window.__pwned=1">');
      expect((window as { __pwned?: number }).__pwned).to.equal(undefined);
    });
  });

  describe('accessibility', () => {
    for (const kind of ['progress', 'trend', 'compare'] as const) {
      for (const lang of ['vi', 'en']) {
        it(`is axe-clean as a ${kind} chart in ${lang}, in table and chart views`, async () => {
          const el = await fixture<LantoaProgressChart>(
            html`<lantoa-progress-chart kind=${kind} lang=${lang}></lantoa-progress-chart>`,
          );
          await settled(el);
          await expect(el).to.be.accessible(); // table view
          await drawn(el);
          await expect(el).to.be.accessible();
        });
      }
    }

    it('tells series apart by point shape and dash, not only colour (legend swatches differ)', async () => {
      const data: ChartData = {
        kind: 'trend',
        periods: ['2023', '2024'],
        series: [
          { label: 'A', values: [1, 2] },
          { label: 'B', values: [2, 3] },
        ],
        target: { value: 4 },
      };
      const el = await fixture<LantoaProgressChart>(
        html`<lantoa-progress-chart .data=${data}></lantoa-progress-chart>`,
      );
      await drawn(el);
      const swatches = [...el.shadowRoot!.querySelectorAll('.legend svg')].map((svg) =>
        svg.innerHTML.replace(/<!--[^>]*-->|stroke="[^"]*"|fill="[^"]*"/g, ''),
      );
      expect(new Set(swatches).size).to.equal(swatches.length);
      expect(el.shadowRoot!.querySelector('.legend')!.textContent).to.contain('Chỉ tiêu');
    });
  });
});
