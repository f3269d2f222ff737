/**
 * Pieces the unit and province pages share: the campaign's banner, the figure and its progress bar, the
 * link to the other language.
 */
import type { HtmlEscapedString } from 'hono/utils/html';
import { h, renderDocument, shareSection, type Rendered } from './layout.js';
import type { PageLang } from './language.js';
import type { CampaignView, PageUrls } from './model.js';
import { formatCount, formatPercent, otherLanguage, PAGE_STRINGS } from './strings.js';
import type { LoaderMap } from './widget-scripts.js';

export interface PageContext {
  lang: PageLang;
  /** Public origin (and path prefix) of the service. */
  base: string;
  /** Path prefix alone, for same-origin links and scripts. */
  root: string;
  /** The build's widget files, for the pages that show widgets (widget-scripts.ts). */
  widgets: LoaderMap;
}

/** "1.234 cam kết, mục tiêu 23.000 (5%)": the sentence under a unit's or the campaign's name. */
export function figure(lang: PageLang, count: number, goal: number): { count: string; goal: string; sentence: string } {
  const t = PAGE_STRINGS[lang];
  const n = t.pledges(formatCount(lang, count));
  const g = t.goalOf(formatCount(lang, goal), formatPercent(lang, count, goal));
  return { count: n, goal: g, sentence: `${n}, ${g}` };
}

/** The campaign's message in the top bar, written inside the element so it reads before and without JavaScript. */
function banner(lang: PageLang, view: CampaignView) {
  const { title, description } = view.campaign;
  return h`<lantoa-banner id="lantoa-top" headline="${title[lang]}" message="${description?.[lang] ?? ''}"><b slot="headline">${title[lang]}</b></lantoa-banner>`;
}

/** Sample goals say so next to the figure (the counter widget repeats it with the campaign's note). */
function illustrativeNote(lang: PageLang, view: CampaignView) {
  return view.campaign.goalsAreIllustrative ? h`<p class="note">${PAGE_STRINGS[lang].illustrative}</p>` : '';
}

function progress(lang: PageLang, count: number, goal: number) {
  const { sentence } = figure(lang, count, goal);
  return h`<progress max="${Math.max(goal, 1)}" value="${Math.min(count, Math.max(goal, 1))}" aria-label="${sentence}"></progress>`;
}

/** The same page in the other language; `paths` are the page's addresses under the service's path prefix. */
function languageLink(lang: PageLang, paths: PageUrls) {
  const t = PAGE_STRINGS[lang];
  const other = otherLanguage(lang);
  return h`<a href="${paths.pageIn(other)}" lang="${other}" hreflang="${other}">${t.otherLanguage}</a>`;
}

/** The top of a unit's or the province's page: its heading, the figure (with a label) and a notice (a retired unit's). */
export interface PageTop {
  heading: string;
  figureLabel?: string;
  count: number;
  goal: number;
  notice?: string;
}

/**
 * A unit's or the province's page as a whole document: its card (title, description, canonical address
 * in both languages, share image) and its body, with the widgets' scripts. The body: the banner, then in `<main>`
 * the heading, the figure with its progress bar, the notice, the note on sample goals, the share actions, the page's
 * own `content`, and the links to other pages (`links`, then the other language's).
 */
export function campaignDocument(
  { lang, root, widgets }: PageContext,
  view: CampaignView,
  page: {
    urls: PageUrls;
    /** The page's addresses under the path prefix alone, for its links. */
    paths: PageUrls;
    title: string;
    description: string;
    imageAlt: string;
    css: string;
    top: PageTop;
    content: HtmlEscapedString;
    links?: HtmlEscapedString;
  },
): Rendered {
  const { urls, top } = page;
  const fig = figure(lang, top.count, top.goal);
  const label = top.figureLabel ? `${top.figureLabel}: ` : '';
  const body = h`${banner(lang, view)}
<main id="main">
<h1>${top.heading}</h1>
<p class="figure">${label}<strong>${fig.count}</strong>, ${fig.goal}</p>
${progress(lang, top.count, top.goal)}
${top.notice === undefined ? '' : h`<p class="notice" role="note">${top.notice}</p>`}
${illustrativeNote(lang, view)}
${shareSection(lang, { url: urls.pageIn(lang), title: page.title })}
${page.content}
<nav class="more" aria-label="${view.campaign.title[lang]}">
${page.links ?? ''}${languageLink(lang, page.paths)}
</nav>
</main>`;
  return renderDocument({
    lang,
    root,
    css: page.css,
    widgets,
    body,
    card: {
      title: page.title,
      description: page.description,
      url: urls.pageIn(lang),
      alternates: { vi: urls.pageIn('vi'), en: urls.pageIn('en') },
      image: { url: urls.image(lang), alt: page.imageAlt },
    },
  });
}
