/**
 * What `npm run bench:load` measures. Adding a widget to the benchmark is one line in BENCH_WIDGETS: its
 * README snippet (without the script tag, which the page adds once). From each line the bench writes four
 * pages under demo/bench/ (the widget through the loader; through its direct entry /lantoa/<name>.js; an embed
 * page with only the widget; a host page showing that embed page in an iframe) and adds the widget to the page
 * with every widget. Then `npm run bench:load -- --pages-only` (or a full run) and commit demo/bench/.
 * The widget must be in scripts/widgets.ts, whose name gives the direct entry's file name.
 */

export interface BenchWidget {
  /** The element's tag; the widget sets `performance.mark('lantoa:<tag>')` when its real content first shows. */
  tag: string;
  /** The webmaster's snippet, as the README gives it (the loader's script tag is added by the page). */
  snippet: string;
  /** `top`: pasted right after `<body>` (the banner's bar); `article`: inside the article text. */
  place: 'top' | 'article';
  /** Height of the iframe in the iframe variant: embeds reserve a fixed box, as Datawrapper and H5P do. */
  frameHeight: number;
  /** Needs the service's data before its first content (counts, config): a warm visit still makes that trip. */
  data?: boolean;
}

export const BENCH_WIDGETS: readonly BenchWidget[] = [
  {
    tag: 'lantoa-banner',
    place: 'top',
    frameHeight: 200,
    snippet: `<style>#lantoa-top{display:block;min-height:max(8.5rem,136px)}@media(min-width:36rem){#lantoa-top{min-height:max(9rem,144px)}}@media(min-width:64rem){#lantoa-top{min-height:max(6rem,96px)}}@media(min-width:80rem){#lantoa-top{min-height:max(4.5rem,72px)}}</style>
<lantoa-banner id="lantoa-top" dismissible countdown-to="2027-10-10" countdown-label="Ngày Chuyển đổi số quốc gia">
  <b slot="headline">Đề án chuyển đổi số tỉnh Bến Tre giai đoạn 2020–2025, tầm nhìn đến 2030</b>
</lantoa-banner>`,
  },
  {
    tag: 'lantoa-pledge-counter',
    place: 'article',
    frameHeight: 560,
    data: true,
    // The reserved height (as the README's snippet gives it) keeps the text below from moving when the counts arrive.
    snippet: `<lantoa-pledge-counter campaign="ben-tre-smartphone" unit="ba-tri" style="display:block;min-height:max(31rem,496px)"></lantoa-pledge-counter>`,
  },
  {
    tag: 'lantoa-progress-chart',
    place: 'article',
    frameHeight: 440,
    snippet: `<style>lantoa-progress-chart{display:block;min-height:max(26rem,416px)}</style>
<lantoa-progress-chart illustrative>
  <table>
    <caption>Chỉ tiêu chuyển đổi số tỉnh Bến Tre đến 2025 (kết quả là số liệu minh họa)</caption>
    <tr><th>Tiêu chí</th><th>Kết quả</th><th>Chỉ tiêu</th><th>Thời hạn</th></tr>
    <tr><td>Dịch vụ công trực tuyến mức 4</td><td>72%</td><td>100%</td><td>2025</td></tr>
    <tr><td>Hồ sơ xử lý trực tuyến cấp tỉnh</td><td>64%</td><td>90%</td><td>2025</td></tr>
  </table>
</lantoa-progress-chart>`,
  },
  {
    tag: 'lantoa-quiz-card',
    place: 'article',
    frameHeight: 560,
    snippet: `<lantoa-quiz-card style="display:block;min-height:max(30rem,480px)"></lantoa-quiz-card>`,
  },
];

/** Network profiles (CDP Network.emulateNetworkConditions): kbit/s are 1000 bits a second; rtt in ms. */
export const PROFILES = {
  '2G': { downKbps: 280, upKbps: 256, rttMs: 800 },
  '3G': { downKbps: 1600, upKbps: 768, rttMs: 150 },
} as const;
export type ProfileName = keyof typeof PROFILES;

/** CPU slowdown of a cheap phone against this machine (Emulation.setCPUThrottlingRate). */
export const CPU_SLOWDOWN = 4;

/** A cheap Android phone's screen. */
export const VIEWPORT = { width: 360, height: 740 };

/** Loads per page, profile and cache state (BENCH_RUNS overrides); the median is reported. */
export const DEFAULT_RUNS = 5;

/** Where the service's pages live, relative to the service origin and to the repository. */
export const BENCH_DIR = 'demo/bench';
export const BENCH_PATH = '/demo/bench';
