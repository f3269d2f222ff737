/**
 * GET /c/:campaign/:unit: the unit's page for fanpages, Zalo and SMS. The head carries the card (the
 * unit's name and current count); the body the campaign's banner, the unit's figure, share actions, the
 * pledge counter (its form) and the quiz, with room reserved for each widget (page.css).
 */
import { PAGE_CSS } from './assets.js';
import { h, type Rendered } from './layout.js';
import { PageUrls, type CampaignView, type UnitView } from './model.js';
import { campaignDocument, figure, type PageContext } from './parts.js';
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
  const content = h`<h2>${t.pledgeHeading}</h2>
<lantoa-pledge-counter campaign="${campaign.id}" unit="${unit.id}"></lantoa-pledge-counter>
${view.quizTitle ? h`<h2>${view.quizTitle[lang]}</h2>\n<lantoa-quiz-card unit="${unit.id}"></lantoa-quiz-card>` : ''}`;
  const links = h`<a href="${campaignPaths.pageIn(lang)}">${t.provinceLink}</a>
<a href="${paths.page}/poster?lang=${lang}">${t.poster}</a>
`;
  return campaignDocument(ctx, view, {
    urls,
    paths,
    title,
    description,
    imageAlt: `${unit.name}: ${fig.sentence}. ${campaign.title[lang]}`,
    css: PAGE_CSS.text,
    top: {
      heading: unit.name,
      count: unit.count,
      goal: unit.goal,
      notice: unit.retired ? t.retiredUnit(unit.name, fig.count) : undefined,
    },
    content,
    links,
  });
}
