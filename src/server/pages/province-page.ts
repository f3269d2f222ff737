/**
 * GET /c/:campaign: the province's page: the campaign's total, the ranking of its units (the pledge
 * counter's province variant, live) and a link to every unit's page, which also reads without JavaScript.
 */
import { PAGE_CSS } from './assets.js';
import { h, type Rendered } from './layout.js';
import { PageUrls, type CampaignView } from './model.js';
import { campaignDocument, figure, type PageContext } from './parts.js';
import { formatCount, PAGE_STRINGS } from './strings.js';

/**
 * From this many units the ranking has a search box and scrolls in a box of its own (`SEARCH_FROM` of
 * src/widgets/pledge-counter/pledge-counter.ranking.ts; a test holds the two equal), so its height stops growing.
 */
export const RANKING_SCROLLS_FROM = 12;

/**
 * Room for the ranking, so the page below does not move when it arrives. Below RANKING_SCROLLS_FROM units it grows
 * with them: the card's head and a row per unit (measured with 9 units: 612 px wide, rows of 40 px; 923 px at 320 px
 * wide, where names wrap, rows up to 74 px; the head is about 250 px). From there on the rows scroll in a box of
 * their own and the whole is about 49 rem wide and 53 rem at 320 px, whatever the count (measured at 13 and 150
 * units: reserving per unit left 10,000 px of blank page at 150).
 */
export function rankingCss(units: number): string {
  const rem = (perUnit: number, scrolling: number) =>
    units >= RANKING_SCROLLS_FROM ? scrolling : Math.ceil((17 + units * perUnit) * 10) / 10;
  const wide = rem(2.6, 50);
  const narrow = rem(4.7, 54);
  return `lantoa-pledge-counter{min-height:max(${wide}rem,${wide * 16}px)}@media(max-width:36rem){lantoa-pledge-counter{min-height:max(${narrow}rem,${narrow * 16}px)}}`;
}

export function provincePage(ctx: PageContext, view: CampaignView): Rendered {
  const { lang, base, root } = ctx;
  const t = PAGE_STRINGS[lang];
  const { campaign } = view;
  const urls = new PageUrls(base, campaign.id);
  const paths = new PageUrls(root, campaign.id);
  const fig = figure(lang, view.total, campaign.goal);
  const title = `${campaign.title[lang]}: ${fig.count}`;
  const description = [`${t.provinceTotal}: ${fig.sentence}.`, campaign.description?.[lang]].filter(Boolean).join(' ');
  const content = h`<lantoa-pledge-counter campaign="${campaign.id}" variant="province"></lantoa-pledge-counter>
<h2>${t.units}</h2>
<ul class="units">
${view.units.map((unit) => h`<li><a href="${new PageUrls(root, campaign.id, unit.id).pageIn(lang)}">${unit.name}</a>: ${t.pledges(formatCount(lang, unit.count))}</li>\n`)}</ul>`;
  return campaignDocument(ctx, view, {
    urls,
    paths,
    title,
    description,
    imageAlt: `${campaign.title[lang]}: ${fig.sentence}`,
    css: `${PAGE_CSS.text}\n${rankingCss(campaign.units.length)}`,
    top: { heading: campaign.title[lang], figureLabel: t.provinceTotal, count: view.total, goal: campaign.goal },
    content,
  });
}
