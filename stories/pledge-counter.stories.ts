/**
 * <lantoa-pledge-counter>: every state a designer needs, against a pledge service mocked inside the page
 * (stories/mock-pledge-api.ts): each story stubs fetch and EventSource for its own `.invalid` address and
 * puts them back when it is left. Controls and docs come from custom-elements.json.
 */
import type { Meta, StoryObj } from '@storybook/web-components-vite';
import { getStorybookHelpers } from '@wc-toolkit/storybook-helpers';
import { html, type TemplateResult } from 'lit';
import { styleMap } from 'lit/directives/style-map.js';
// A value import, not a bare `import '…/pledge-counter.js'`: package.json "sideEffects" lists only some
// files, so the production bundler could drop a bare import of the source and the element is never defined.
import { LantoaPledgeCounter } from '../src/widgets/pledge-counter/pledge-counter.js';
import {
  CAMPAIGN,
  devicePledgeKey,
  forgetDevice,
  isMockApi,
  LOCAL_API,
  MOCK_API,
  mockApi,
  mockPledgeApi,
  OUTBOX_KEY,
  pledgeElsewhere,
  setPledgeMode,
} from './mock-pledge-api.js';
import { argTypesByCategory, inlineCssProps, note, remountStory, storyDocs } from './story-support.js';

const { args, argTypes, template } = getStorybookHelpers<LantoaPledgeCounter>('lantoa-pledge-counter');

/** Shared tokens every widget reads (src/core/theme.ts) that the pledge counter does not document as @cssprop. */
const EXTRA_CSS_PROPS = ['--lantoa-color-primary', '--lantoa-radius', '--lantoa-font-family'];
const CSS_PROPS = [...Object.keys(argTypes).filter((name) => name.startsWith('--')), ...EXTRA_CSS_PROPS];

/** The widget's first retry of a queued pledge (doubled after each failure, up to a minute). */
const firstRetrySeconds = () => LantoaPledgeCounter.retryMs / 1000;

/** fetchJson's default timeout (src/core/load.ts), after which a silent service counts as unreachable. */
const LOAD_TIMEOUT_SECONDS = 10;

/** Where each variant usually sits on a union site: the page's main column, a sidebar, a province page. */
const FRAME_WIDTH: Record<string, string> = { full: '38rem', compact: '20rem', province: '48rem' };

const apiOf = (storyArgs: Record<string, unknown>) => String(storyArgs.api ?? '');

/** The widget through the helpers' template, CSS property controls as its own inline style, in a frame as wide as its usual place. */
function renderCounter(storyArgs: Record<string, unknown>): TemplateResult {
  const maxWidth = FRAME_WIDTH[String(storyArgs.variant)] ?? FRAME_WIDTH.full;
  return html`<div style=${styleMap({ maxWidth })}>${template(inlineCssProps(storyArgs, CSS_PROPS, EXTRA_CSS_PROPS))}</div>`;
}

/** The story's note: what this state is (optional), then where the numbers come from. */
function dataNote(
  storyArgs: Record<string, unknown>,
  vi?: TemplateResult | string,
  en?: TemplateResult | string,
  extra?: TemplateResult,
): TemplateResult {
  const api = apiOf(storyArgs);
  const mocked = isMockApi(api);
  return note(
    html`${vi ?? ''}
    ${
      mocked
        ? html`Số đếm là <strong>số minh họa</strong> của dịch vụ giả lập trong trang (<code>${api}</code>), không phải cam kết thật; mục tiêu
          cũng là số minh họa.`
        : html`Số liệu lấy từ dịch vụ thật tại <code>${api}</code>, không giả lập: cam kết gửi đi được ghi thật.`
    }`,
    html`${en ?? ''}
    ${
      mocked
        ? html`Counts are <strong>illustrative figures</strong> from the in-page mock service, not real pledges; the goals are illustrative too.`
        : html`Figures come from the real service at <code>${api}</code>, not a mock: a pledge sent here is stored for real.`
    }`,
    extra,
  );
}

function noteButton(label: string, onClick: () => void): TemplateResult {
  return html`<p><button type="button" @click=${onClick}>${label}</button></p>`;
}

/** Forgets this device's pledge for the story's service and mounts the story again, so the form comes back. */
function forgetButton(storyArgs: Record<string, unknown>, storyId: string): TemplateResult {
  return noteButton('Quên cam kết của máy này / Forget this device’s pledge', () => {
    forgetDevice(apiOf(storyArgs));
    remountStory(storyId);
  });
}

const meta = {
  title: 'Widgets/Pledge counter',
  component: 'lantoa-pledge-counter',
  args: {
    ...args,
    campaign: CAMPAIGN,
    unit: 'ba-tri',
    api: MOCK_API,
    lang: 'inherit',
    theme: 'light',
    ...Object.fromEntries(EXTRA_CSS_PROPS.map((name) => [name, ''])),
  },
  argTypes: argTypesByCategory({
    ...argTypes,
    api: {
      ...argTypes.api,
      description: `${argTypes.api?.description ?? ''} In Storybook: an \`https://….mock.lantoa.invalid\` address is the in-page mock; \`${LOCAL_API}\` is a local service (\`npm start\`).`,
    },
    variant: { ...argTypes.variant, control: 'inline-radio', options: ['full', 'compact', 'province'] },
    // Friendlier controls than the manifest's types (string, ThemeChoice) give; "inherit" removes the attribute.
    lang: { ...argTypes.lang, control: 'inline-radio', options: ['inherit', 'vi', 'en'], mapping: { inherit: '' } },
    theme: { ...argTypes.theme, control: 'inline-radio', options: ['light', 'dark', 'auto'] },
    '--lantoa-color-primary': {
      name: '--lantoa-color-primary',
      description:
        'Shared brand colour of every Lantoa widget (default #0b4ea2); the bars use it unless --lantoa-pledge-bar-color is set. Màu chính chung.',
      control: 'color',
      table: { category: 'css properties' },
    },
    '--lantoa-radius': {
      name: '--lantoa-radius',
      description: 'Shared corner radius of every Lantoa widget (default 0.5em). Bo góc chung của mọi widget.',
      control: 'text',
      table: { category: 'css properties' },
    },
    '--lantoa-font-family': {
      name: '--lantoa-font-family',
      description: 'Shared font stack (default: the system font). Phông chữ chung.',
      control: 'text',
      table: { category: 'css properties' },
    },
  }),
  render: (storyArgs) => html`${renderCounter(storyArgs)} ${dataNote(storyArgs)}`,
  parameters: {
    layout: 'padded',
    docs: {
      description: {
        component: `Người xem chọn một cam kết tham gia xã hội số, mỗi máy một lần; widget hiện số cam kết của đơn vị, tổng toàn tỉnh và tiến độ tới mục tiêu, cập nhật trực tiếp (SSE, hoặc hỏi lại định kỳ).

**Dữ liệu trong Storybook là giả lập.** Mỗi story tự thay \`fetch\` và \`EventSource\` cho địa chỉ \`api\` của nó (\`${MOCK_API}\` hoặc \`https://<tên>.mock.lantoa.invalid\`; đuôi \`.invalid\` không bao giờ ra mạng) và trả lại như cũ khi rời story. Cấu hình chiến dịch \`${CAMPAIGN}\` lấy từ \`campaigns/campaigns.json\`; số đếm là **số minh họa** (chiến dịch đặt \`goalsAreIllustrative: true\`, widget ghi “Mục tiêu là số liệu minh họa.”), và dưới tiêu đề là ghi chú của chiến dịch (\`note\`): “Giai đoạn 2020–2025, tỉnh Bến Tre (nay thuộc tỉnh Vĩnh Long); đơn vị theo địa giới năm 2020.” Gửi cam kết làm số tăng thật trong mock; rời story thì mock và bộ nhớ của máy (localStorage) về như ban đầu.

**Thử với dịch vụ thật trên máy:** chạy \`npm start\` (dịch vụ ở \`${LOCAL_API}\`, dữ liệu SQLite trong \`data/\`), mở Storybook bằng \`npm run storybook\` (cổng 6006), rồi đặt control \`api\` thành \`${LOCAL_API}\`. Chiến dịch mặc định cho phép các trang ở \`http://localhost:6006\` và \`http://127.0.0.1:6006\` (\`allowedOrigins\` trong \`campaigns/campaigns.json\`); Storybook ở cổng khác (ví dụ bản \`storybook-static\` phục vụ ở cổng khác) bị từ chối (403) và widget báo không kết nối được máy chủ. Khi đó không có gì được giả lập: cam kết được ghi thật và máy này nhớ đã cam kết (nút “Quên cam kết của máy này” trong story Counts xóa bộ nhớ đó).

_The visitor picks a pledge (once per device); the widget shows the unit's count, the province total and the progress to the goal, live. **In Storybook the service is a mock:** each story stubs \`fetch\` and \`EventSource\` for its own \`.invalid\` \`api\` and restores them when left; the campaign config is the one of \`campaigns/campaigns.json\`, the counts are illustrative figures, the campaign's \`note\` under the title says what the sample is (“2020–2025, Bến Tre province (now part of Vĩnh Long province); units as of 2020.”), and a pledge sent in a story raises the mock's counts. **To use a local service instead,** run \`npm start\` (\`${LOCAL_API}\`), run \`npm run storybook\` (port 6006, which the default campaign's \`allowedOrigins\` lists, with 127.0.0.1:6006) and set the \`api\` control to \`${LOCAL_API}\`. Nothing is mocked then: pledges are stored for real, and this device remembers its pledge (the Counts story's “Forget this device's pledge” button clears it). A Storybook served from another port gets 403 and the widget says the service cannot be reached._`,
      },
    },
  },
} satisfies Meta;

export default meta;
type Story = StoryObj;

export const Counts: Story = {
  name: 'Counts – đầy đủ (full)',
  beforeEach: mockPledgeApi(),
  render: (storyArgs, context) =>
    html`${renderCounter(storyArgs)}
    ${dataNote(
      storyArgs,
      html`Chọn một cam kết và bấm “Gửi cam kết”: dịch vụ trả 201 và số của đơn vị cùng tổng toàn tỉnh tăng 1 (sự kiện
        <code>lantoa-pledge</code> ở tab Actions).`,
      html`Choose a pledge and send it: the service answers 201 and the unit and province counts go up by one (see
        <code>lantoa-pledge</code> in Actions).`,
      html`${
        isMockApi(apiOf(storyArgs))
          ? noteButton(
              'Mô phỏng một cam kết từ máy khác ở đơn vị này / Simulate a pledge from another phone in this unit',
              () => pledgeElsewhere(apiOf(storyArgs), String(storyArgs.unit)),
            )
          : ''
      }
      ${forgetButton(storyArgs, context.id)}`,
    )}`,
  parameters: storyDocs(
    'Dạng đầy đủ cho trang của một đơn vị (Ba Tri): số của đơn vị, tổng toàn tỉnh, tiến độ và biểu mẫu cam kết.',
    'The full variant for a unit’s page (Ba Tri): unit count, province total, progress and the pledge form.',
  ),
};

export const Loading: Story = {
  name: 'Loading – đang tải',
  args: { api: mockApi('loading') },
  beforeEach: mockPledgeApi({ mode: 'hang' }),
  render: (storyArgs) =>
    html`${renderCounter(storyArgs)}
    ${note(
      html`Dịch vụ không bao giờ trả lời (fetch được giả lập trong story này). Trong lúc chờ, widget hiện “Đang tải số liệu cam kết…”
        (<code>role="status"</code>); sau ${LOAD_TIMEOUT_SECONDS} giây widget bỏ cuộc và hiện “Không kết nối được máy chủ cam kết.” với
        nút “Thử lại”, nút này lại bắt đầu chờ.`,
      html`A service that never answers (fetch is stubbed in this story only). While waiting the widget shows its loading line; after
        ${LOAD_TIMEOUT_SECONDS} s it gives up with the “cannot be reached” message and a Try again button, which starts waiting again.`,
    )}`,
  parameters: storyDocs('Đang tải: dịch vụ chưa trả lời.', 'Loading: the service has not answered yet.'),
};

export const GoalReached: Story = {
  name: 'Goal reached – đạt mục tiêu',
  args: { api: mockApi('goal'), unit: 'cho-lach' },
  beforeEach: mockPledgeApi(),
  parameters: storyDocs(
    'Chợ Lách đã vượt mục tiêu (11.500 / 11.000): thanh tiến độ đầy và dòng “Đã đạt mục tiêu!”.',
    'Chợ Lách is past its goal (11,500 of 11,000): a full bar and “Goal reached!”.',
  ),
};

export const Pledged: Story = {
  name: 'Pledged – máy này đã cam kết',
  args: { api: mockApi('pledged') },
  beforeEach: mockPledgeApi({ device: 'counted' }),
  render: (storyArgs, context) =>
    html`${renderCounter(storyArgs)}
    ${dataNote(
      storyArgs,
      html`Máy này đã cam kết: localStorage có <code>${devicePledgeKey(apiOf(storyArgs))}</code> =
        <code>{"choice":"smartphone","key":"…","state":"counted"}</code>, đặt trước khi hiện story và xóa khi rời story. Widget cảm ơn
        thay vì hiện biểu mẫu, và có nút “Chia sẻ”.`,
      html`This device has pledged: the story sets the widget’s device key before rendering and clears it when left. The widget says
        thank you instead of showing the form, with a Share button.`,
      forgetButton(storyArgs, context.id),
    )}`,
  parameters: storyDocs(
    'Máy này đã cam kết trước đó: lời cảm ơn và nút chia sẻ.',
    'This device pledged before: a thank-you and a share button.',
  ),
};

export const Queued: Story = {
  name: 'Queued – đã lưu, chờ có mạng',
  args: { api: mockApi('queued') },
  beforeEach: mockPledgeApi({ device: 'queued', pledges: 'network-error' }),
  render: (storyArgs) =>
    html`${renderCounter(storyArgs)}
    ${dataNote(
      storyArgs,
      html`Cam kết đã lưu trên máy nhưng chưa gửi được: <code>state: "queued"</code> và một mục trong <code>${OUTBOX_KEY}</code>. Mọi
        lần gửi tới dịch vụ giả lập đều lỗi mạng, widget thử lại sau ${firstRetrySeconds()} giây, rồi gấp đôi mỗi lần (tối đa 1 phút). Bấm nút dưới đây: mạng “trở lại”,
        cam kết được đếm và lời cảm ơn thay cho thông báo chờ.`,
      html`Saved on the device but not sent: <code>state: "queued"</code> and an outbox entry. Every POST to the mock fails with a
        network error and the widget retries after ${firstRetrySeconds()} s, doubling each time (up to a minute). The button brings the network “back”: the pledge is counted and the
        thank-you replaces the waiting notice.`,
      noteButton('Có mạng trở lại / The network is back', () => {
        setPledgeMode(apiOf(storyArgs), 'count');
        window.dispatchEvent(new Event('online'));
      }),
    )}`,
  parameters: storyDocs(
    'Mất mạng khi gửi: cam kết nằm trong hộp thư đi của máy, sẽ tự gửi khi có mạng.',
    'Sent without a network: the pledge waits in the device’s outbox and goes out when the network is back.',
  ),
};

export const ErrorUnknownCampaign: Story = {
  name: 'Error – chiến dịch không tồn tại (404)',
  args: { api: mockApi('unknown-campaign'), campaign: 'ben-tre-dien-thoai' },
  beforeEach: mockPledgeApi(),
  render: (storyArgs) =>
    html`${renderCounter(storyArgs)}
    ${note(
      html`<code>campaign="ben-tre-dien-thoai"</code> không có trên dịch vụ: dịch vụ trả 404 <code>unknown_campaign</code>, widget hiện
        thông báo ngắn và ghi lỗi vào console: <code>[lantoa] &lt;lantoa-pledge-counter&gt; campaign ben-tre-dien-thoai at … answered
        HTTP 404</code>.`,
      html`The service has no such campaign: it answers 404 and the widget shows a short message and logs the URL to the console.`,
    )}`,
  parameters: storyDocs(
    'Sai mã chiến dịch (`campaign`): thông báo “Không tìm thấy chiến dịch”.',
    'A wrong `campaign` id: “Campaign … was not found”.',
  ),
};

export const ErrorUnknownUnit: Story = {
  name: 'Error – đơn vị không có trong chiến dịch',
  args: { api: mockApi('unknown-unit'), unit: 'batri' },
  beforeEach: mockPledgeApi(),
  render: (storyArgs) =>
    html`${renderCounter(storyArgs)}
    ${note(
      html`<code>unit="batri"</code> (thiếu dấu gạch: đúng là <code>ba-tri</code>) không có trong chiến dịch. Widget hiện thông báo,
        gợi ý mã gần nhất (“Có phải ý bạn là “ba-tri”?”) và console liệt kê các mã đơn vị hợp lệ.`,
      html`A unit id the campaign does not have (a missing hyphen): the widget says so and suggests the closest valid id (“Did you
        mean “ba-tri”?”); the console lists the valid unit ids.`,
    )}`,
  parameters: storyDocs(
    'Sai mã đơn vị (`unit`): thông báo “Chiến dịch không có đơn vị …” và gợi ý mã gần nhất.',
    'A wrong `unit` id: “The campaign has no unit …”, with the closest valid id suggested.',
  ),
};

export const ErrorUnreachable: Story = {
  name: 'Error – không kết nối được máy chủ',
  args: { api: mockApi('unreachable') },
  beforeEach: mockPledgeApi({ mode: 'unreachable' }),
  render: (storyArgs) =>
    html`${renderCounter(storyArgs)}
    ${note(
      html`Mọi yêu cầu tới dịch vụ đều lỗi mạng (fetch bị từ chối), như khi mất mạng hoặc sai địa chỉ <code>api</code>. Widget hiện
        thông báo và nút “Thử lại”.`,
      html`Every request fails like a dead network (fetch rejects), as with no connection or a wrong <code>api</code>. The widget
        shows a message and a Try again button.`,
    )}`,
  parameters: storyDocs(
    'Không kết nối được dịch vụ: thông báo và nút “Thử lại”.',
    'The service cannot be reached: a message and a Try again button.',
  ),
};

export const ErrorSiteNotAllowed: Story = {
  name: 'Error – trang chưa được phép nhúng (403)',
  args: { api: mockApi('refused') },
  beforeEach: mockPledgeApi({ mode: 'refused' }),
  render: (storyArgs) =>
    html`${renderCounter(storyArgs)}
    ${note(
      html`Chiến dịch chỉ cho phép các trang trong danh sách, và trang này không có trong đó: dịch vụ trả 403
        <code>origin_not_allowed</code>. Widget nêu đúng địa chỉ trang và việc quản trị web cần làm (không có nút “Thử lại”, vì thử
        lại không giúp được); console ghi một dòng cho quản trị web.`,
      html`The campaign lists the sites that may embed it, and this one is not among them: the service answers 403
        <code>origin_not_allowed</code>. The widget names this site and what the webmaster does (no Try again button: retrying
        cannot help); the console gets one line for the webmaster.`,
    )}`,
  parameters: storyDocs(
    'Trang chưa được phép nhúng: thông báo nêu địa chỉ trang và đề nghị Tỉnh đoàn thêm trang vào chiến dịch.',
    'A site the campaign does not list: the message names the site and asks the campaign office to add it.',
  ),
};

export const Compact: Story = {
  name: 'Compact – gọn (cột bên)',
  args: { api: mockApi('compact'), variant: 'compact', unit: 'mo-cay-nam' },
  beforeEach: mockPledgeApi(),
  parameters: storyDocs(
    'Dạng gọn cho cột bên của trang (khung rộng 20rem): Mỏ Cày Nam.',
    'The compact variant for a page’s sidebar (a 20rem frame): Mỏ Cày Nam.',
  ),
};

export const Province: Story = {
  name: 'Province – xếp hạng chín đơn vị',
  args: { api: mockApi('province'), variant: 'province', unit: '' },
  beforeEach: mockPledgeApi(),
  render: (storyArgs) =>
    html`${renderCounter(storyArgs)}
    ${dataNote(
      storyArgs,
      html`Trang của tỉnh: tổng toàn tỉnh, tiến độ tới mục tiêu 157.000 và bảng xếp hạng chín đơn vị cấp huyện (năm 2020). Không cần
        <code>unit</code>, không có biểu mẫu.`,
      html`The province page: the total, its progress to the 157,000 goal and the nine 2020 district-level units ranked. No
        <code>unit</code>, no form.`,
      isMockApi(apiOf(storyArgs))
        ? noteButton('Mô phỏng 1.500 cam kết ở Thạnh Phú / Simulate 1,500 pledges in Thạnh Phú', () =>
            pledgeElsewhere(apiOf(storyArgs), 'thanh-phu', 'smartphone', 1500),
          )
        : undefined,
    )}`,
  parameters: storyDocs(
    'Dạng toàn tỉnh: tổng, tiến độ và xếp hạng các đơn vị, cập nhật trực tiếp.',
    'The province variant: total, progress and the units ranked, live.',
  ),
};

export const Province150: Story = {
  name: 'Province – 150 đơn vị, nhóm và tìm kiếm',
  args: { api: mockApi('province-150'), campaign: 'test-150-units', variant: 'province', unit: 'don-vi-077' },
  beforeEach: mockPledgeApi(),
  render: (storyArgs) =>
    html`${renderCounter(storyArgs)}
    ${dataNote(
      storyArgs,
      html`Chiến dịch thử nghiệm 150 đơn vị (tên và số liệu giả lập) trong mười nhóm: mỗi nhóm có dòng tổng; ô tìm kiếm không
        phân biệt dấu (“don vi thu nghiem 07”); <code>unit="don-vi-077"</code> được tô đậm, ghi hạng phía trên bảng và cuộn tới
        trong khung danh sách.`,
      html`The 150-unit test campaign (made-up names and figures) in ten groups: each group has a subtotal row; the search box
        ignores accents (“don vi thu nghiem 07”); <code>unit="don-vi-077"</code> is highlighted, its rank said above the
        table, and scrolled to inside the list's box.`,
    )}`,
  parameters: storyDocs(
    'Xếp hạng toàn tỉnh ở quy mô 150 đơn vị: nhóm, tổng nhóm, tìm kiếm, đơn vị của bạn.',
    'The province ranking at 150 units: groups, subtotals, search, your unit.',
  ),
};

export const English: Story = {
  name: 'English – tiếng Anh',
  args: { api: mockApi('english'), lang: 'en' },
  argTypes: { variant: { control: false } },
  beforeEach: mockPledgeApi(),
  render: (storyArgs) =>
    html`<div class="lantoa-sb-stack">
        ${(['full', 'compact', 'province'] as const).map((variant) => renderCounter({ ...storyArgs, variant }))}
      </div>
      ${dataNote(storyArgs)}`,
  parameters: storyDocs(
    'Ba dạng với `lang="en"`. Nút “Ngôn ngữ” trên thanh công cụ đổi `<html lang>` cho mọi story. Tên đơn vị là tên riêng, không dịch.',
    'The three variants with `lang="en"`; the toolbar language switch changes `<html lang>` for every story. Unit names are proper nouns and stay Vietnamese.',
  ),
};

export const DarkTheme: Story = {
  name: 'Dark – giao diện tối',
  args: { api: mockApi('dark'), theme: 'dark' },
  argTypes: { variant: { control: false } },
  beforeEach: mockPledgeApi(),
  globals: { backgrounds: { value: 'dark' } },
  render: (storyArgs) =>
    html`<div class="lantoa-sb-stack">
        ${(['full', 'province'] as const).map((variant) => renderCounter({ ...storyArgs, variant }))}
      </div>
      ${dataNote(storyArgs)}`,
  parameters: storyDocs(
    '`theme="dark"` trên nền trang tối: dạng đầy đủ và dạng toàn tỉnh.',
    '`theme="dark"` on a dark page: full and province variants.',
  ),
};
