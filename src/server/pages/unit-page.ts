/**
 * GET /c/:campaign/:unit: the unit's page for fanpages, Zalo and SMS. The head carries the card (the
 * unit's name and current count); the body the campaign's banner, the unit's figure, share actions, the
 * pledge counter (its form) and the quiz, with room reserved for each widget (page.css).
 */
import { PAGE_CSS } from './assets.js';
import { h, shareSection, type Rendered } from './layout.js';
import { PageUrls, type CampaignView, type UnitView } from './model.js';
import {
  banner,
  campaignDocument,
  figure,
  illustrativeNote,
  languageLink,
  progress,
  type PageContext,
} from './parts.js';
import { PAGE_STRINGS } from './strings.js';

export function unitPage(ctx: PageContext, view: CampaignView, unit: UnitView): Rendered {
  const { lang, base, root } = ctx;
  const t = PAGE_STRINGS[lang];
  const { campaign } = view;
  const urls = new PageUrls(base, campaign.id, unit.id);
  const fig = figure(lang, unit.count, unit.goal);
  const title = `${unit.name}: ${fig.count} – ${campaign.title[lang]}`;
  const description = [
    unit.retired ? t.retiredUnit(unit.name, fig.count) : `${unit.name}: ${fig.sentence}.`,
    campaign.description?.[lang],
  ]
    .filter(Boolean)
    .join(' ');
  const paths = new PageUrls(root, campaign.id, unit.id);
  const campaignPaths = new PageUrls(root, campaign.id);
  const body = h`${banner(lang, view)}
<main id="main">
<h1>${unit.name}</h1>
<p class="figure"><strong>${fig.count}</strong>, ${fig.goal}</p>
${progress(lang, unit.count, unit.goal)}
${unit.retired ? h`<p class="notice" role="note">${t.retiredUnit(unit.name, fig.count)}</p>` : ''}
${illustrativeNote(lang, view)}
${shareSection(lang, { url: urls.pageIn(lang), title })}
<h2>${t.pledgeHeading}</h2>
<lantoa-pledge-counter campaign="${campaign.id}" unit="${unit.id}"></lantoa-pledge-counter>
${view.quizTitle ? h`<h2>${view.quizTitle[lang]}</h2>\n<lantoa-quiz-card unit="${unit.id}"></lantoa-quiz-card>` : ''}
<nav class="more" aria-label="${campaign.title[lang]}">
<a href="${campaignPaths.pageIn(lang)}">${t.provinceLink}</a>
<a href="${paths.page}/poster?lang=${lang}">${t.poster}</a>
${languageLink(lang, paths)}
</nav>
</main>`;
  return campaignDocument(ctx, {
    urls,
    title,
    description,
    imageAlt: `${unit.name}: ${fig.sentence}. ${campaign.title[lang]}`,
    css: PAGE_CSS.text,
    body,
  });
}
