/**
 * Pieces the unit and province pages share: the campaign's banner, the figure and its progress bar, the
 * link to the other language.
 */
import type { HtmlEscapedString } from 'hono/utils/html';
import { h, renderDocument, type Rendered } from './layout.js';
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
export function banner(lang: PageLang, view: CampaignView) {
  const { title, description } = view.campaign;
  return h`<lantoa-banner id="lantoa-top" headline="${title[lang]}" message="${description?.[lang] ?? ''}"><b slot="headline">${title[lang]}</b></lantoa-banner>`;
}

/** Sample goals say so next to the figure (the counter widget repeats it with the campaign's note). */
export function illustrativeNote(lang: PageLang, view: CampaignView) {
  return view.campaign.goalsAreIllustrative ? h`<p class="note">${PAGE_STRINGS[lang].illustrative}</p>` : '';
}

export function progress(lang: PageLang, count: number, goal: number) {
  const { sentence } = figure(lang, count, goal);
  return h`<progress max="${Math.max(goal, 1)}" value="${Math.min(count, Math.max(goal, 1))}" aria-label="${sentence}"></progress>`;
}

/** The same page in the other language; `paths` are the page's addresses under the service's path prefix. */
export function languageLink(lang: PageLang, paths: PageUrls) {
  const t = PAGE_STRINGS[lang];
  const other = otherLanguage(lang);
  return h`<a href="${paths.pageIn(other)}" lang="${other}" hreflang="${other}">${t.otherLanguage}</a>`;
}

/**
 * A unit's or the province's page as a whole document: its card (title, description, canonical address
 * in both languages, share image) and its body, with the widgets' scripts.
 */
export function campaignDocument(
  { lang, root, widgets }: PageContext,
  page: { urls: PageUrls; title: string; description: string; imageAlt: string; css: string; body: HtmlEscapedString },
): Rendered {
  const { urls } = page;
  return renderDocument({
    lang,
    root,
    css: page.css,
    widgets,
    body: page.body,
    card: {
      title: page.title,
      description: page.description,
      url: urls.pageIn(lang),
      alternates: { vi: urls.pageIn('vi'), en: urls.pageIn('en') },
      image: { url: urls.image(lang), alt: page.imageAlt },
    },
  });
}
