/**
 * <lantoa-banner>: every state a designer or campaign officer needs to see before it goes out.
 * Controls and docs come from custom-elements.json through @wc-toolkit/storybook-helpers.
 * Dates are computed from today, so no story goes stale.
 */
import type { Meta, StoryObj } from '@storybook/web-components-vite';
import { getStorybookHelpers } from '@wc-toolkit/storybook-helpers';
import { html } from 'lit';
import campaignFeed from '../demo/campaign-feed.json';
// A value import (LantoaBanner.feedTimeoutMs is read below), which also defines the element.
import { LantoaBanner } from '../src/widgets/banner/banner.js';
import { mockApi, mockPledgeApi } from './mock-pledge-api.js';
import {
  argTypesByCategory,
  freshDismissal,
  inlineCssProps,
  isoDay,
  neverAnswer,
  nextDigitalTransformationDay,
  note,
  rememberedDismissal,
  showAgainButton,
  storyDocs,
} from './story-support.js';

const { args, argTypes, template } = getStorybookHelpers<LantoaBanner>('lantoa-banner');

/** Said by the demo district page (demo/district-ba-tri.html), not invented here. */
const NATIONAL_DAY_LABEL = 'Ngày Chuyển đổi số quốc gia 10/10';
/** Relative, and answered by nobody: the Feed loading story stubs fetch for it, so nothing leaves the page. */
const SILENT_FEED = 'storybook-mock/campaign-feed-that-never-answers.json';

const feedTimeoutSeconds = () => LantoaBanner.feedTimeoutMs / 1000;

const CSS_PROPS = Object.keys(argTypes).filter((name) => name.startsWith('--'));

/**
 * Renders through the helpers' template, with the CSS custom property controls applied as the element's own
 * inline style rather than the helpers' global <style> block (see inlineCssProps).
 */
function renderBanner(storyArgs: Record<string, unknown>) {
  return template(inlineCssProps(storyArgs, CSS_PROPS));
}

const meta = {
  title: 'Widgets/Banner',
  component: 'lantoa-banner',
  args: {
    ...args,
    // The helpers default every controlled property to "", which the banner would read as (invalid) feed data.
    messages: undefined,
    lang: 'inherit',
    theme: 'light',
    '--lantoa-radius': '',
  },
  argTypes: argTypesByCategory({
    ...argTypes,
    variant: { ...argTypes.variant, control: 'inline-radio', options: ['bar', 'hero', 'ribbon'] },
    messages: { ...argTypes.messages, control: 'object', type: { name: 'object', value: {} } },
    // Friendlier controls than the manifest's types (string, ThemeChoice) give; "inherit" removes the attribute.
    lang: { ...argTypes.lang, control: 'inline-radio', options: ['inherit', 'vi', 'en'], mapping: { inherit: '' } },
    theme: { ...argTypes.theme, control: 'inline-radio', options: ['light', 'dark', 'auto'] },
    '--lantoa-radius': {
      name: '--lantoa-radius',
      description: 'Shared corner radius of every Lantoa widget (default 0.5em). Bo góc chung của mọi widget.',
      control: 'text',
      table: { category: 'css properties' },
    },
  }),
  render: (storyArgs) => renderBanner(storyArgs),
} satisfies Meta;

export default meta;
type Story = StoryObj;

export const Bar: Story = {
  name: 'Bar – thanh đầu trang',
  args: { 'cta-href': '#de-an' },
  parameters: storyDocs(
    'Thanh trên cùng của trang, nội dung mặc định lấy từ Công văn 1850-CV/TĐTN-TCKT.',
    'Top-of-page bar with the default message from the provincial letter.',
  ),
};

export const Hero: Story = {
  name: 'Hero – thẻ lớn',
  args: { variant: 'hero', 'cta-href': '#de-an', 'cta-label': 'Tìm hiểu Đề án' },
  parameters: {
    layout: 'padded',
    ...storyDocs(
      'Thẻ lớn cho trang chủ, với nút kêu gọi hành động.',
      'Large card for a home page, with a call to action.',
    ),
  },
};

export const Ribbon: Story = {
  name: 'Ribbon – dải mảnh',
  args: { variant: 'ribbon', 'cta-href': '#de-an' },
  parameters: storyDocs(
    'Một dòng mảnh, cho chân trang hoặc dưới thanh menu.',
    'One slim line, for a footer or under a menu.',
  ),
};

export const English: Story = {
  name: 'English – cả ba dạng',
  args: { lang: 'en', 'cta-href': '#de-an' },
  argTypes: { variant: { control: false } },
  render: (storyArgs) =>
    html`<div class="lantoa-sb-stack">
      ${(['bar', 'hero', 'ribbon'] as const).map((variant) => renderBanner({ ...storyArgs, variant }))}
    </div>`,
  parameters: {
    layout: 'padded',
    ...storyDocs(
      'Ba dạng với `lang="en"`. Nút “Ngôn ngữ” trên thanh công cụ đổi `<html lang>` cho mọi story. Ba banner cùng tiêu đề là ba vùng (region) trùng tên: tab Accessibility báo `landmark-unique`.',
      'The three variants with `lang="en"`; the toolbar language switch changes `<html lang>` for every story. Three banners with one headline are three regions with the same name, which the Accessibility tab reports (`landmark-unique`).',
    ),
  },
};

export const Dismissible: Story = {
  name: 'Dismissible – có nút đóng',
  args: { dismissible: true, 'banner-id': 'storybook-dismissible' },
  beforeEach: freshDismissal('storybook-dismissible'),
  render: (storyArgs, context) =>
    html`${renderBanner(storyArgs)}
    ${note(
      html`Bấm ✕: banner đóng, phát sự kiện <code>lantoa-dismiss</code> (xem tab Actions) và được nhớ ${storyArgs['dismiss-days']} ngày
        trong localStorage (khóa <code>lantoa:banner:dismissed:storybook-dismissible</code>). Story này xóa khóa mỗi lần mở.`,
      html`Press ✕: the banner closes, fires <code>lantoa-dismiss</code> (see Actions) and is remembered for the
        <code>dismiss-days</code> on this device. This story clears that key each time it opens.`,
      showAgainButton('storybook-dismissible', context.id),
    )}`,
  parameters: storyDocs(
    'Banner có nút đóng; việc đóng được nhớ theo `banner-id`.',
    'A banner with a close button; the dismissal is remembered per `banner-id`.',
  ),
};

export const Dismissed: Story = {
  name: 'Dismissed – đã đóng trước đó',
  args: { dismissible: true, 'banner-id': 'storybook-dismissed' },
  beforeEach: rememberedDismissal('storybook-dismissed', 30),
  render: (storyArgs) =>
    html`${note(
      html`Người xem đã đóng banner này: localStorage có <code>lantoa:banner:dismissed:storybook-dismissed</code> =
        <code>{"until": …}</code> (30 ngày nữa), nên banner không hiện và không chiếm chỗ.`,
      html`The visitor closed this banner before: localStorage holds <code>{"until": …}</code> 30 days ahead, so the
        banner renders nothing and takes no space. The button forgets it.`,
      showAgainButton('storybook-dismissed'),
    )}
    ${renderBanner(storyArgs)}`,
  parameters: storyDocs(
    'Trạng thái đã đóng: banner ẩn cho tới khi hết hạn ghi nhớ.',
    'Already dismissed: hidden until the remembered dismissal expires.',
  ),
};

export const Countdown: Story = {
  name: 'Countdown – đếm ngược',
  args: { 'countdown-to': nextDigitalTransformationDay(), 'countdown-label': NATIONAL_DAY_LABEL, 'cta-href': '#de-an' },
  parameters: storyDocs(
    'Đếm ngược tới ngày 10/10 sắp tới (tính từ hôm nay): “Còn N ngày”.',
    'Counting down to the next 10 October, computed from today: “N days left”.',
  ),
};

export const CountdownToday: Story = {
  name: 'Countdown – đúng ngày (Hôm nay)',
  args: { 'countdown-to': isoDay(0), 'countdown-label': NATIONAL_DAY_LABEL },
  parameters: storyDocs(
    'Mô phỏng đúng ngày đích (`countdown-to` = hôm nay): huy hiệu ghi “Hôm nay”; sau ngày đó huy hiệu biến mất.',
    'On the day itself (`countdown-to` = today) the badge reads “Hôm nay” / “Today”; after it, no badge.',
  ),
};

export const Campaign: Story = {
  name: 'Campaign – tin của chiến dịch (trang quản trị)',
  args: { campaign: 'ben-tre-smartphone', api: mockApi('banner-campaign') },
  beforeEach: mockPledgeApi(),
  parameters: storyDocs(
    'Với `campaign`, banner hiện tin Tỉnh đoàn soạn trong trang quản trị (`GET {api}/api/v1/campaigns/:campaign/feed`; ở đây là dịch vụ giả lập trả ba tin của `demo/campaign-feed.json`) và hỏi lại mỗi `refresh` giây.',
    'With `campaign`, the banner shows the messages the campaign office edits in the console (`GET {api}/api/v1/campaigns/:campaign/feed`; here the in-page mock service answers with the three messages of `demo/campaign-feed.json`) and checks again every `refresh` seconds.',
  ),
};

export const FeedRotating: Story = {
  name: 'Feed – nhiều tin xoay vòng',
  args: { messages: campaignFeed },
  parameters: storyDocs(
    'Ba tin của `demo/campaign-feed.json`, đặt qua thuộc tính `messages`; tự chuyển sau `rotate-seconds`, có nút dừng và tin tiếp.',
    'The three messages of `demo/campaign-feed.json` via the `messages` property; they rotate, with pause and next buttons.',
  ),
};

export const FeedLoading: Story = {
  name: 'Feed – đang tải (không trả lời)',
  args: { feed: SILENT_FEED },
  beforeEach: () => neverAnswer(SILENT_FEED),
  render: (storyArgs) =>
    html`${renderBanner(storyArgs)}
    ${note(
      html`Nguồn tin không bao giờ trả lời (fetch được giả lập trong story này). Trong lúc chờ, banner hiện nội dung mặc
        định với <code>aria-busy="true"</code>; sau ${feedTimeoutSeconds()} giây widget bỏ nguồn tin, ghi lỗi vào console và giữ
        nội dung mặc định.`,
      html`A feed that never answers (fetch is stubbed in this story only). While waiting the banner shows its default
        content with <code>aria-busy="true"</code>; after ${feedTimeoutSeconds()} s it gives up, logs a console error and keeps
        that content.`,
    )}`,
  parameters: storyDocs(
    'Nguồn tin chậm hoặc không trả lời không làm trống trang.',
    'A slow or silent feed never blanks the page.',
  ),
};

export const FeedInvalid: Story = {
  name: 'Feed – dữ liệu sai',
  // The national-day message of the demo feed, with the date typed the Vietnamese way instead of ISO.
  args: { messages: { messages: [{ ...campaignFeed.messages[1], countdownTo: '10/10/2027' }] } },
  render: (storyArgs) =>
    html`${renderBanner(storyArgs)}
    ${note(
      html`Tin trong nguồn có <code>countdownTo: "10/10/2027"</code> (không phải dạng năm-tháng-ngày): widget bỏ cả nguồn tin, hiện
        nội dung mặc định và ghi lỗi vào console: <code>[lantoa] &lt;lantoa-banner&gt; feed ignored …
        at "messages.0.countdownTo"</code>.`,
      html`The feed has a non-ISO date: the widget ignores the feed, shows its default content and logs the exact
        field path to the console (open the browser developer tools).`,
    )}`,
  parameters: storyDocs(
    'Nguồn tin sai định dạng: quay về nội dung mặc định, lỗi ghi trong console.',
    'An invalid feed falls back to the default content; the console names the field.',
  ),
};

export const OutsideDateWindow: Story = {
  name: 'Ngoài khung ngày – không hiện',
  args: { start: isoDay(-30), end: isoDay(-1) },
  render: (storyArgs) =>
    html`${note(
      html`Khung hiển thị <code>start</code>–<code>end</code> đã qua (kết thúc hôm qua), nên banner không hiện gì và không chiếm
        chỗ (thuộc tính <code>hidden</code>). Đặt <code>end</code> thành một ngày sau hôm nay trong Controls để thấy lại.`,
      html`The start–end display window ended yesterday, so the banner renders nothing and takes no space. Set
        <code>end</code> to a later day in Controls to see it again.`,
    )}
    ${renderBanner(storyArgs)}`,
  parameters: storyDocs(
    'Ngoài khung ngày `start`–`end`, banner tự ẩn.',
    'Outside its `start`–`end` window the banner retires itself.',
  ),
};

export const InvalidAttribute: Story = {
  name: 'Thuộc tính sai – thông báo lỗi',
  args: { 'countdown-to': '10/10/2027' },
  parameters: storyDocs(
    '`countdown-to` viết kiểu ngày Việt Nam (`10/10/2027`): widget hiện thông báo ngắn theo ngôn ngữ của nó thay vì banner.',
    'A non-ISO `countdown-to`: the widget shows a short localized message in its own box instead.',
  ),
};

export const ThemeOverrides: Story = {
  name: 'Theme – biến CSS tùy chỉnh',
  args: {
    variant: 'hero',
    'cta-href': '#de-an',
    'cta-label': 'Tìm hiểu Đề án',
    'countdown-to': nextDigitalTransformationDay(),
    'countdown-label': NATIONAL_DAY_LABEL,
    '--lantoa-color-primary': '#8a1538',
    '--lantoa-banner-background': '#fdf3e7',
    '--lantoa-banner-cta-background': '#8a1538',
    '--lantoa-font-family': "Georgia, 'Times New Roman', serif",
    '--lantoa-radius': '1.25rem',
  },
  parameters: {
    layout: 'padded',
    ...storyDocs(
      'Trang của đơn vị đổi màu, nền, nút, bo góc và phông bằng biến CSS `--lantoa-*`.',
      'A site restyles colour, background, button, radius and font through `--lantoa-*` custom properties.',
    ),
  },
};

export const DarkTheme: Story = {
  name: 'Dark – giao diện tối',
  args: {
    theme: 'dark',
    variant: 'hero',
    'cta-href': '#de-an',
    'cta-label': 'Tìm hiểu Đề án',
    'countdown-to': nextDigitalTransformationDay(),
    'countdown-label': NATIONAL_DAY_LABEL,
    dismissible: true,
    'banner-id': 'storybook-dark',
  },
  beforeEach: freshDismissal('storybook-dark'),
  globals: { backgrounds: { value: 'dark' } },
  parameters: {
    layout: 'padded',
    ...storyDocs('`theme="dark"` trên nền trang tối.', '`theme="dark"` on a dark page.'),
  },
};

export const Themes: Story = {
  name: 'Giao diện sáng, tối, tự động – light, dark, auto',
  args: { variant: 'hero', 'cta-href': '#de-an' },
  argTypes: { theme: { control: false } },
  render: (storyArgs) =>
    html`<div class="lantoa-sb-stack">
      ${(['light', 'dark', 'auto'] as const).map((theme) => renderBanner({ ...storyArgs, theme, headline: `theme="${theme}"` }))}
    </div>`,
  parameters: {
    layout: 'padded',
    ...storyDocs(
      'Mặc định là giao diện sáng, kể cả khi điện thoại của người xem đang ở chế độ tối; trang chọn `theme="dark"`, hoặc `theme="auto"` để theo cài đặt của người xem (thanh thứ ba đổi theo chế độ sáng/tối của máy).',
      'Light by default, even when the visitor’s phone is in dark mode; a page opts in with `theme="dark"`, or `theme="auto"` to follow the visitor’s setting (the third banner changes with the OS light/dark mode).',
    ),
  },
};

export const SlottedText: Story = {
  name: 'Chữ viết bên trong phần tử (slot)',
  args: {
    'headline-slot': '<b>Ngày Chuyển đổi số quốc gia 10/10</b>',
    'message-slot': '<span>Cùng lan tỏa chuyển đổi số từ điểm tới diện.</span>',
  },
  parameters: storyDocs(
    'Tiêu đề và lời nhắn viết sẵn trong phần tử (`<b slot="headline">`, `<span slot="message">`): đọc được cả trước khi script tải.',
    'Headline and message written inside the element: readable before (and without) the script.',
  ),
};

export const MarkupShownAsText: Story = {
  name: 'Bảo mật – mã HTML hiện thành chữ',
  args: {
    headline: '<img src="x" onerror="alert(\'headline\')"> Tiêu đề có <b>thẻ HTML</b>',
    message: '<script>alert("message")</script> Lời nhắn có thẻ script',
    'cta-href': "javascript:alert('cta')",
    'cta-label': 'Bấm vào đây',
  },
  render: (storyArgs) =>
    html`${renderBanner(storyArgs)}
    ${note(
      html`Thẻ HTML trong thuộc tính hiện nguyên văn, không chạy. Liên kết <code>javascript:</code> bị từ chối (không có nút,
        cảnh báo trong console): chỉ nhận http(s).`,
      html`Markup in attributes is shown as text, never run. The <code>javascript:</code> link is refused (no button,
        a console warning): only http(s) links are rendered.`,
    )}`,
  parameters: storyDocs(
    'Minh họa an toàn: nội dung từ thuộc tính luôn là chữ.',
    'Security demonstration: attribute content is always text.',
  ),
};
