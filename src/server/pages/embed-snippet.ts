/**
 * What the embed builder (/embed/) hands a webmaster: the snippet for the widgets they chose, for their
 * campaign and unit, with the room each widget takes reserved (no layout shift while it loads) and the
 * service's public address. Plain text: the builder page shows it escaped, the webmaster pastes it.
 */
import { BANNER_ROOM, CHART_ROOM, COUNTER_ROOM, QUIZ_ROOM } from '../../contract/rooms.js';
import { dataPaths, preloadHint, snippetScripts } from '../../contract/snippet-scripts.js';
import { rankingCss } from './province-page.js';

export const BANNER_VARIANTS = ['bar', 'hero', 'ribbon'] as const;
export const COUNTER_VARIANTS = ['full', 'compact', 'province'] as const;
export type BannerVariant = (typeof BANNER_VARIANTS)[number];
export type CounterVariant = (typeof COUNTER_VARIANTS)[number];
export type WidgetLang = 'auto' | 'vi' | 'en';

export interface EmbedChoice {
  /** The service's public origin (and path prefix): where the script comes from. */
  base: string;
  campaign: { id: string; title: string; units: number };
  /** The unit's id; needed by the counter's full and compact variants and by the quiz. */
  unit?: string;
  banner?: BannerVariant;
  counter?: CounterVariant;
  chart: boolean;
  quiz: boolean;
  /** `auto`: the page's language (`<html lang>`), else the one given. */
  lang: WidgetLang;
  /** Classic script tags (for CMSs that strip `type="module"`): every script a snippet names runs as either. */
  classic: boolean;
}

/** Text as HTML source: the snippet is pasted into a page, so the campaign's title must not become markup. */
function escapeHtml(text: string): string {
  return text.replace(/[&<>"]/g, (c) => `&${{ '&': 'amp', '<': 'lt', '>': 'gt', '"': 'quot' }[c]};`);
}

/** True when the choice needs a unit that was not given. */
export function needsUnit(choice: Pick<EmbedChoice, 'counter' | 'quiz'>): boolean {
  return choice.quiz || choice.counter === 'full' || choice.counter === 'compact';
}

export interface EmbedParts {
  /** The reserved room, as CSS (the snippet's `<style>` line; the builder's preview adds it to its own). */
  css: string;
  /** One element per widget, as HTML source. */
  tags: string[];
  /**
   * Data the widgets will ask for, named up front (`<link rel="preload">`) so it travels with the code instead of
   * a round trip after it has run (0.8 s on 2G): the banner's campaign feed, the counter's campaign and counts.
   */
  hints: string[];
  /** The script tags that load them from the service (src/contract/snippet-scripts.ts says which). */
  scripts: string[];
}

/** The snippet, or '' when nothing was chosen. */
export function embedSnippet(choice: EmbedChoice): string {
  const { css, tags, hints, scripts } = embedParts(choice);
  if (tags.length === 0) return '';
  return [...(css ? [`<style>${css}</style>`] : []), ...tags, ...hints, ...scripts].join('\n');
}

/** The snippet's pieces: the preview shows the very elements the webmaster pastes. */
export function embedParts(choice: EmbedChoice): EmbedParts {
  const { campaign, unit } = choice;
  const lang = choice.lang === 'auto' ? '' : ` lang="${choice.lang}"`;
  const rooms: string[] = [];
  const tags: string[] = [];
  const hints: string[] = [];
  if (choice.banner) {
    // The bar goes right after <body>, with its room reserved (the README's snippet); the card and the ribbon
    // sit in the page's content, where a late height costs less.
    const top = choice.banner === 'bar' ? ' id="lantoa-top"' : '';
    if (top) rooms.push(BANNER_ROOM);
    const variant = choice.banner === 'bar' ? '' : ` variant="${choice.banner}"`;
    // The headline inside reads before the script (and without it); the campaign's messages replace it.
    tags.push(
      `<lantoa-banner${top} campaign="${campaign.id}"${variant}${lang}>\n  <b slot="headline">${escapeHtml(campaign.title)}</b>\n</lantoa-banner>`,
    );
    hints.push(...dataPaths('lantoa-banner', campaign.id).map((path) => preloadHint(choice.base + path)));
  }
  if (choice.counter) {
    rooms.push(
      choice.counter === 'province'
        ? rankingCss(campaign.units)
        : COUNTER_ROOM.replace(/31rem,496px/, choice.counter === 'compact' ? '24rem,384px' : '31rem,496px'),
    );
    const variant = choice.counter === 'full' ? '' : ` variant="${choice.counter}"`;
    const unitAttr = choice.counter === 'province' || !unit ? '' : ` unit="${unit}"`;
    tags.push(`<lantoa-pledge-counter campaign="${campaign.id}"${unitAttr}${variant}${lang}></lantoa-pledge-counter>`);
    hints.push(...dataPaths('lantoa-pledge-counter', campaign.id).map((path) => preloadHint(choice.base + path)));
  }
  if (choice.chart) {
    rooms.push(CHART_ROOM);
    tags.push(`<lantoa-progress-chart illustrative${lang}></lantoa-progress-chart>`);
  }
  if (choice.quiz) {
    rooms.push(QUIZ_ROOM);
    tags.push(`<lantoa-quiz-card${unit ? ` unit="${unit}"` : ''}${lang}></lantoa-quiz-card>`);
  }
  const chosen = [
    [choice.banner, 'lantoa-banner'],
    [choice.counter, 'lantoa-pledge-counter'],
    [choice.chart, 'lantoa-progress-chart'],
    [choice.quiz, 'lantoa-quiz-card'],
  ] as const;
  const type = choice.classic ? '' : ' type="module"';
  const scripts = snippetScripts(chosen.filter(([on]) => on).map(([, tag]) => tag)).map(
    (file) => `<script${type} src="${choice.base}/lantoa/${file}"></script>`,
  );
  return { css: rooms.join(''), tags, hints, scripts };
}
