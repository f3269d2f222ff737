/**
 * The one list of widgets. The build (entries, loader map, direct entries), the size check (budgets), the load
 * benchmark (its pages) read it; test/scripts/widgets.test.ts checks package.json (`exports`, `sideEffects`),
 * src/index.ts, the stories, the tests and the README against it. A new widget is its folder
 * (src/widgets/<name>/<name>.ts defining <lantoa-<name>>), its story, its test and one entry here.
 */
import { BANNER_ROOM } from '../src/contract/rooms.js';
import { dataPaths, preloadHint } from '../src/contract/snippet-scripts.js';

/** How the load benchmark (`npm run bench:load`, scripts/bench-load-pages.ts) shows a widget. */
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
  /**
   * A later moment measured too, on the pages with this widget alone: an event the widget fires (the chart's
   * `lantoa-chart-ready`, its canvas painted), marked `lantoa:<tag>/<event>` by the bench's init script.
   */
  laterEvent?: string;
}

interface WidgetEntry {
  /** Folder under src/widgets/, build name (dist/lantoa/<name>.js) and package subpath (lantoa/<name>). */
  name: string;
  /** The element class its entry exports (and src/index.ts re-exports). */
  className: string;
  /**
   * Size budget in KB (gzip -9) of a page with this widget, through the loader and through its direct entry:
   * what it downloads up front plus the lazy modules it always loads (scripts/size-check.ts).
   */
  budgetKB: number;
  /**
   * Lazy modules of its folder the widget always loads on a page; each inner list holds alternatives of which a
   * page loads one (a language pack): the largest counts.
   */
  alwaysLoads: string[][];
  /**
   * Its direct entry (dist/lantoa/<name>.js) is one classic script that also runs as a module, as loader.js does: a
   * CMS that strips `type="module"` leaves it working, and the README's snippet names it. What the widget always loads
   * is bundled into it (and `inlines`); its other lazy parts are the step-1 chunks, and one that imports the shared
   * chunk brings a second Lit: so for a widget whose common paths need none of those (the banner; the counter, whose
   * province ranking is the exception; the chart, whose chart.js chunk imports nothing). Not the quiz: its
   * end-of-round view and results sender would bring that second Lit at the first answer, and both language packs
   * inside would take its page over 18 KB.
   */
  classic?: boolean;
  /** Lazy modules the README's snippet always loads beside `alwaysLoads` (the chart's pasted table: its reader and fast check), bundled into the classic script. */
  inlines?: string[];
  /** Its pages in the load benchmark (the tag is added here). */
  bench: Omit<BenchWidget, 'tag'>;
}

const ENTRIES: WidgetEntry[] = [
  {
    name: 'banner',
    className: 'LantoaBanner',
    budgetKB: 16,
    alwaysLoads: [],
    classic: true,
    bench: {
      place: 'top',
      frameHeight: 200,
      snippet: `<style>${BANNER_ROOM}</style>
<lantoa-banner id="lantoa-top" dismissible countdown-to="2027-10-10" countdown-label="Ngày Chuyển đổi số quốc gia">
  <b slot="headline">Đề án chuyển đổi số tỉnh Bến Tre giai đoạn 2020–2025, tầm nhìn đến 2030</b>
</lantoa-banner>`,
    },
  },
  {
    name: 'pledge-counter',
    className: 'LantoaPledgeCounter',
    budgetKB: 20,
    classic: true,
    // The form's pledge delivery comes with the data (the province view, without a form, skips it: size-check.ts).
    alwaysLoads: [['pledge-delivery.ts']],
    bench: {
      place: 'article',
      frameHeight: 560,
      data: true,
      // The reserved height (as the README's snippet gives it) keeps the text below from moving when the counts arrive;
      // the preload lines (the embed builder's) bring the campaign and its counts with the code.
      snippet: [
        `<lantoa-pledge-counter campaign="ben-tre-smartphone" unit="ba-tri" style="display:block;min-height:max(31rem,496px)"></lantoa-pledge-counter>`,
        ...dataPaths('lantoa-pledge-counter', 'ben-tre-smartphone').map(preloadHint),
      ].join('\n'),
    },
  },
  {
    name: 'progress-chart',
    className: 'LantoaProgressChart',
    // Before chart.js (lazy, with its own budget in scripts/size-check.ts); the element itself is held to 6 KB
    // beyond the shared chunk there, so this leaves the shared chunk the banner's room to grow.
    budgetKB: 17,
    alwaysLoads: [],
    classic: true,
    inlines: ['progress-chart.rows.ts', 'progress-chart.quick.ts'],
    bench: {
      place: 'article',
      frameHeight: 440,
      laterEvent: 'lantoa-chart-ready',
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
  },
  {
    name: 'quiz-card',
    className: 'LantoaQuizCard',
    budgetKB: 18,
    alwaysLoads: [['quiz-card.vi.ts', 'quiz-card.en.ts']],
    bench: {
      place: 'article',
      frameHeight: 560,
      snippet: `<lantoa-quiz-card style="display:block;min-height:max(30rem,480px)"></lantoa-quiz-card>`,
    },
  },
];

/** Each entry with what follows from its name: the tag and the entry module. */
export const WIDGETS = ENTRIES.map((w) => ({
  ...w,
  tag: `lantoa-${w.name}`,
  dir: `src/widgets/${w.name}/`,
  entry: `src/widgets/${w.name}/${w.name}.ts`,
}));
export type Widget = (typeof WIDGETS)[number];
