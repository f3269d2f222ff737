/**
 * The HTML 404 of everything under /c/ that names no campaign or unit: says so in the visitor's language,
 * links to the embed builder (where a webmaster finds their unit) and, when the campaign exists, to its page.
 * Nothing of the requested address is written back into the page.
 */
import { PAGE_CSS } from './assets.js';
import { h, renderDocument, type Rendered } from './layout.js';
import { PageUrls, type CampaignView } from './model.js';
import type { PageContext } from './parts.js';
import { PAGE_STRINGS } from './strings.js';

export function notFoundPage({ lang, root }: PageContext, campaign?: CampaignView): Rendered {
  const t = PAGE_STRINGS[lang];
  const body = h`<main id="main">
<h1>${t.notFoundTitle}</h1>
<p>${t.notFoundText}</p>
<ul class="units">
<li><a href="${root}/embed/">${t.builder}</a></li>
${campaign ? h`<li><a href="${new PageUrls(root, campaign.campaign.id).pageIn(lang)}">${t.campaignHome}: ${campaign.campaign.title[lang]}</a></li>` : ''}
</ul>
</main>`;
  return renderDocument({
    lang,
    root,
    css: PAGE_CSS.text,
    body,
    card: { title: t.notFoundTitle, description: t.notFoundText },
  });
}
