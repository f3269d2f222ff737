/**
 * <lantoa-progress-chart>: each kind, each data source, both languages, the dark theme and every error
 * state. Data files are real files served by Vite (`?url` imports of the demo's CSV and the test fixtures),
 * not stubs: the widget fetches them exactly as on a union site. Targets are from docs/SOURCES.md; every current
 * value is illustrative and the chart says so. Controls and docs come from custom-elements.json.
 */
import type { Meta, StoryObj } from '@storybook/web-components-vite';
import { getStorybookHelpers } from '@wc-toolkit/storybook-helpers';
import { html, type TemplateResult } from 'lit';
import districtsCsv from '../demo/chart-districts.csv?url&no-inline';
// A value import (package.json "sideEffects" must not let a bundler drop the element's definition).
import { LantoaProgressChart } from '../src/widgets/progress-chart/progress-chart.js';
import badRowCsv from '../test/fixtures/chart/bad-row.csv?url&no-inline';
import brokenJson from '../test/fixtures/chart/broken.json?url&no-inline';
import compareJson from '../test/fixtures/chart/compare.json?url&no-inline';
import missingColumnCsv from '../test/fixtures/chart/missing-column.csv?url&no-inline';
import progressCsv from '../test/fixtures/chart/progress-vi.csv?url&no-inline';
import trendCsv from '../test/fixtures/chart/trend.csv?url&no-inline';
import { argTypesByCategory, inlineCssProps, note, storyDocs } from './story-support.js';

const { args, argTypes, template } = getStorybookHelpers<LantoaProgressChart>('lantoa-progress-chart');
const CSS_PROPS = Object.keys(argTypes).filter((name) => name.startsWith('--'));

/** Where the chart sits on a union site: the main column. */
const frame = (content: TemplateResult) => html`<div style="max-width: 44rem">${content}</div>`;
const renderChart = (storyArgs: Record<string, unknown>) => frame(template(inlineCssProps(storyArgs, CSS_PROPS)));

/** Nobody listens on port 9 (discard): the request fails at once, as it does offline. */
const UNREACHABLE = 'http://127.0.0.1:9/so-lieu.json';

const meta = {
  title: 'Widgets/Progress chart',
  component: 'lantoa-progress-chart',
  args: {
    ...args,
    // The helpers default every controlled property to "", which the chart would read as (invalid) data.
    data: undefined,
    lang: 'inherit',
    theme: 'light',
    kind: 'progress',
    refresh: 0,
  },
  argTypes: argTypesByCategory({
    ...argTypes,
    kind: { ...argTypes.kind, control: 'inline-radio', options: ['progress', 'trend', 'compare'] },
    format: { ...argTypes.format, control: 'inline-radio', options: [undefined, 'json', 'csv'] },
    data: { ...argTypes.data, control: 'object', type: { name: 'object', value: {} } },
    lang: { ...argTypes.lang, control: 'inline-radio', options: ['inherit', 'vi', 'en'], mapping: { inherit: '' } },
    theme: { ...argTypes.theme, control: 'inline-radio', options: ['light', 'dark', 'auto'] },
  }),
  render: (storyArgs) => renderChart(storyArgs),
  parameters: { layout: 'padded' },
} satisfies Meta;

export default meta;
type Story = StoryObj;

export const Progress: Story = {
  name: 'Progress – chỉ tiêu (mặc định)',
  parameters: storyDocs(
    'Không có dữ liệu: các chỉ tiêu của Đề án chuyển đổi số tỉnh Bến Tre (DVCTT mức 4: 100% đến 2025, cả nước 80% theo Quyết định 749/QĐ-TTg; hồ sơ trực tuyến 90/80/60%). Thời hạn 2025 đã qua nên cột giá trị ghi “Kết quả (minh họa)”; dòng ghi chú nói giai đoạn và địa giới của số liệu mẫu.',
    `No data given: the targets of Bến Tre’s digital transformation Scheme (level-4 services 100% by 2025, 80% nationwide per Decision 749/QĐ-TTg; records online 90/80/60%). The 2025 deadline is over, so the values’ column reads “Result (illustrative)”; the note says which period and boundaries the sample covers. chart.js loads when the element is within ${LantoaProgressChart.nearViewportMargin} of the viewport.`,
  ),
};

export const Trend: Story = {
  name: 'Trend – qua các năm',
  args: { kind: 'trend' },
  parameters: storyDocs(
    'Đường theo năm với đường chỉ tiêu (giá trị minh họa). Chuỗi DVCTT mức 4 dừng ở 2022: Nghị định 42/2022/NĐ-CP đã thay bốn mức bằng hai (toàn trình, một phần).',
    'Values by year with a target line (illustrative values). The level-4 series ends in 2022: Decree 42/2022/NĐ-CP replaced the four levels with two (end-to-end, partial).',
  ),
};

export const Compare: Story = {
  name: 'Compare – so sánh đơn vị',
  args: { kind: 'compare', '--lantoa-chart-height': '32rem' },
  parameters: storyDocs(
    'Chín đơn vị cấp huyện năm 2020 với chỉ tiêu 80% (giá trị minh họa), có dòng nguồn và dòng ghi chú địa giới.',
    'The nine district-level units of 2020 against the 80% target (illustrative values), with a source line and a note on the boundaries.',
  ),
};

export const InlineJson: Story = {
  name: 'Nguồn: JSON trong thẻ / inline JSON',
  render: () =>
    frame(html`<lantoa-progress-chart>
      <script type="application/json">
        {
          "kind": "trend",
          "illustrative": true,
          "title": { "vi": "Hồ sơ trực tuyến theo huyện", "en": "Records online by district" },
          "note": { "vi": "Giai đoạn 2020–2025, tỉnh Bến Tre (nay thuộc tỉnh Vĩnh Long); đơn vị theo địa giới năm 2020", "en": "2020–2025, Bến Tre province (now part of Vĩnh Long); units as of 2020" },
          "unit": "%",
          "periods": ["2021", "2022", "2023", "2024"],
          "series": [
            { "label": "Ba Tri", "values": [20, 35, null, 60] },
            { "label": "Thạnh Phú", "values": [15, 28, 40, 52] },
            { "label": "Chợ Lách", "values": [25, 30, 45, 58] }
          ],
          "target": { "label": { "vi": "Chỉ tiêu cấp huyện", "en": "District target" }, "value": 80, "deadline": 2025 }
        }
      </script>
    </lantoa-progress-chart>`),
  parameters: storyDocs(
    'Dữ liệu viết trong `<script type="application/json">`. Mỗi chuỗi số có hình điểm và nét riêng, không chỉ màu; `null` là năm chưa có số liệu.',
    'Data in an inline `<script type="application/json">`. Each series has its own point shape and dash, not only a colour; `null` is a year without a figure.',
  ),
};

export const JsonSource: Story = {
  name: 'Nguồn: JSON qua src / JSON URL',
  args: { src: compareJson },
  parameters: storyDocs(
    'Tệp JSON qua `src` (ở đây: tệp mẫu của bộ test).',
    'A JSON file at `src` (here: the test fixture).',
  ),
};

export const CsvSource: Story = {
  name: 'Nguồn: CSV (bảng tính) / CSV URL',
  args: {
    kind: 'compare',
    src: districtsCsv,
    illustrative: true,
    caption: 'Hồ sơ xử lý trực tuyến cấp huyện',
    note: 'Giai đoạn 2020–2025, tỉnh Bến Tre (nay thuộc tỉnh Vĩnh Long); đơn vị theo địa giới năm 2020',
    '--lantoa-chart-height': '32rem',
  },
  parameters: storyDocs(
    'Bảng tính xuất CSV: tiêu đề cột tiếng Việt, dấu chấm phẩy, dấu phẩy thập phân (“47,5”). Trình đọc CSV chỉ được tải khi nguồn là CSV. Thuộc tính `note` là dòng ghi chú dưới biểu đồ.',
    'A spreadsheet published as CSV: Vietnamese headers, semicolons, decimal commas (“47,5”). The CSV reader loads only for a CSV source. The `note` attribute is the line under the chart.',
  ),
};

export const CsvTrend: Story = {
  name: 'Nguồn: CSV, kind="trend"',
  args: { kind: 'trend', src: trendCsv, illustrative: true },
  parameters: storyDocs(
    'CSV theo năm: cột đầu là kỳ, mỗi cột sau là một chuỗi số, cột “Chỉ tiêu” là đường chỉ tiêu.',
    'A trend CSV: periods first, one column per series, a “Chỉ tiêu” (target) column.',
  ),
};

export const CsvProgress: Story = {
  name: 'Nguồn: CSV, kind="progress"',
  args: { src: progressCsv, illustrative: true },
  parameters: storyDocs(
    'CSV chỉ tiêu: Tiêu chí; Hiện tại; Chỉ tiêu; Thời hạn; Đơn vị tính.',
    'A progress CSV: indicator, current, target, deadline, unit.',
  ),
};

export const TableSource: Story = {
  name: 'Nguồn: bảng trong thẻ / light-DOM table',
  render: () =>
    frame(html`<lantoa-progress-chart illustrative>
      <table>
        <caption>Chỉ tiêu chuyển đổi số đến 2025</caption>
        <tr><th>Tiêu chí</th><th>Hiện tại</th><th>Chỉ tiêu</th><th>Thời hạn</th></tr>
        <tr><td>Dịch vụ công trực tuyến mức 4</td><td>72%</td><td>100%</td><td>2025</td></tr>
        <tr><td>Hồ sơ xử lý trực tuyến cấp xã</td><td>38%</td><td>60%</td><td>2025</td></tr>
      </table>
    </lantoa-progress-chart>`),
  parameters: storyDocs(
    'Cách khuyên dùng: bảng viết trong thẻ là thứ khách thấy khi không có JavaScript, và là dữ liệu của biểu đồ.',
    'The recommended way: the table written inside the element is what visitors without JavaScript see, and the chart’s data.',
  ),
};

export const VietnameseNumbers: Story = {
  name: 'Số kiểu Việt Nam / Vietnamese numbers',
  render: () =>
    frame(html`<lantoa-progress-chart illustrative>
      <table>
        <caption>Cam kết dùng điện thoại thông minh</caption>
        <tr><th>Tiêu chí</th><th>Hiện tại</th><th>Chỉ tiêu</th><th>Đơn vị tính</th></tr>
        <tr><td>Cam kết toàn tỉnh</td><td>120.500</td><td>157.000</td><td>người</td></tr>
        <tr><td>Cam kết của Ba Tri</td><td>12.000</td><td>23.000</td><td>người</td></tr>
        <tr><td>Tỷ lệ đoàn viên đã cài VNeID</td><td>72,5</td><td>100</td><td>%</td></tr>
      </table>
    </lantoa-progress-chart>`),
  parameters: storyDocs(
    'Bảng tiếng Việt: dấu chấm ngăn hàng nghìn (“157.000” là một trăm năm mươi bảy nghìn), dấu phẩy thập phân (“72,5”). Bảng tiếng Anh (`lang="en"` trên bảng hoặc thẻ) viết ngược lại. Số liệu minh họa.',
    'A Vietnamese table: a point between thousands (“157.000” is one hundred and fifty-seven thousand), a comma before decimals (“72,5”). An English table (`lang="en"` on the table or the element) writes the reverse. Illustrative figures.',
  ),
};

export const AmbiguousNumber: Story = {
  name: 'Lỗi: số không rõ nghĩa / ambiguous number',
  render: () =>
    frame(html`<lantoa-progress-chart kind="compare">
      <table>
        <tr><th>Đơn vị</th><th>Giá trị</th></tr>
        <tr><td>Ba Tri</td><td>72.5</td></tr>
        <tr><td>Thạnh Phú</td><td>12.000</td></tr>
      </table>
    </lantoa-progress-chart>`),
  parameters: storyDocs(
    'Cột có cả “72.5” (dấu chấm thập phân) lẫn “12.000”: không rõ 12.000 là mười hai nghìn hay mười hai, nên tiện ích nêu dòng, cột và cách viết lại.',
    'A column with both “72.5” (a decimal point) and “12.000”: 12.000 could be twelve thousand or twelve, so the widget names the row and column and says how to write it.',
  ),
};

export const English: Story = {
  name: 'English',
  args: { lang: 'en' },
  render: (storyArgs) =>
    html`<div class="lantoa-sb-stack">
      ${(['progress', 'trend', 'compare'] as const).map((kind) => renderChart({ ...storyArgs, kind }))}
    </div>`,
  parameters: storyDocs(
    'Ba loại với `lang="en"`: chữ, số (72.5 / 1,234) và bản tóm tắt bằng tiếng Anh.',
    'The three kinds with `lang="en"`: text, numbers and the summary in English.',
  ),
};

export const Dark: Story = {
  name: 'Dark – nền tối',
  args: { theme: 'dark' },
  render: (storyArgs) =>
    html`<div class="lantoa-sb-stack" style="background: #15181d; padding: 1rem">
      ${(['progress', 'trend', 'compare'] as const).map((kind) => renderChart({ ...storyArgs, kind }))}
    </div>`,
  parameters: storyDocs(
    'Bảng màu tối; màu biểu đồ đọc từ biến giao diện của tiện ích.',
    'Dark palette; the canvas colours are read from the widget’s theme tokens.',
  ),
};

export const InvalidField: Story = {
  name: 'Lỗi: trường sai / invalid field',
  args: {
    data: {
      kind: 'progress',
      indicators: [
        { label: 'A', value: 72, target: 100 },
        { label: 'B', value: 'nhiều', target: 90 },
      ],
    },
  },
  parameters: storyDocs(
    'Dữ liệu sai kiểu: thông báo nêu đúng trường (“indicators”, mục 2, “value”).',
    'Wrong type: the message names the field.',
  ),
};

export const BadCsvRow: Story = {
  name: 'Lỗi: dòng CSV sai / bad CSV row',
  args: { src: badRowCsv },
  parameters: storyDocs(
    'Ô không phải số: thông báo nêu dòng và cột (“Dòng 3, cột Hiện tại”).',
    'A cell that is not a number: the message names the row and column.',
  ),
};

export const MissingColumn: Story = {
  name: 'Lỗi: thiếu cột / missing column',
  args: { src: missingColumnCsv },
  parameters: storyDocs('CSV thiếu cột “Chỉ tiêu”.', 'A CSV without the “Chỉ tiêu” (target) column.'),
};

export const NotJson: Story = {
  name: 'Lỗi: không phải JSON / not JSON',
  args: { src: brokenJson },
  parameters: storyDocs('Tệp JSON hỏng.', 'A broken JSON file.'),
};

export const Empty: Story = {
  name: 'Chưa có số liệu / empty',
  args: { data: { kind: 'progress', indicators: [] } },
  parameters: storyDocs('Dữ liệu rỗng: “Chưa có số liệu”.', 'Empty data: “No data yet”.'),
};

export const NetworkError: Story = {
  name: 'Lỗi mạng / network error',
  args: { src: UNREACHABLE },
  render: (storyArgs) =>
    html`${renderChart(storyArgs)}
    ${note(
      html`Địa chỉ <code>${UNREACHABLE}</code> không trả lời; nút “Thử lại” tải lại.`,
      html`Nobody answers at <code>${UNREACHABLE}</code>; “Try again” loads again.`,
    )}`,
  parameters: storyDocs(
    'Không tải được số liệu: thông báo và nút “Thử lại”.',
    'The data cannot be loaded: a message and a retry button.',
  ),
};

export const InvalidAttribute: Story = {
  name: 'Lỗi: thuộc tính sai / invalid attribute',
  args: { kind: 'pie' },
  parameters: storyDocs(
    '`kind="pie"` không có: thông báo nêu các giá trị hợp lệ.',
    '`kind="pie"` does not exist: the message lists the valid values.',
  ),
};
