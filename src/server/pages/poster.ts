/**
 * GET /c/:campaign/:unit/poster: an A4 poster for meetings and events (print CSS; Vietnamese unless
 * ?lang=en): the campaign's title and message, the unit, and a QR code to the unit's page, with the
 * code's SVG and PNG to download (screen only).
 */
// Our own SVG (uqr's modules: a rect and a path, nothing from the campaign) is the only raw markup.
import { raw } from 'hono/html';
import { POSTER_CSS } from './assets.js';
import { h, renderDocument, type Rendered } from './layout.js';
import { PageUrls, type CampaignView, type UnitView } from './model.js';
import type { PageContext } from './parts.js';
import { qrSvg } from './qr.js';
import { PAGE_STRINGS } from './strings.js';

export function posterPage({ lang, base, root }: PageContext, view: CampaignView, unit: UnitView): Rendered {
  const t = PAGE_STRINGS[lang];
  const { campaign } = view;
  const urls = new PageUrls(base, campaign.id, unit.id);
  const paths = new PageUrls(root, campaign.id, unit.id);
  // The code leads to the page without ?lang: each phone then opens it in its own language.
  const target = urls.page;
  const body = h`<main>
<article class="sheet">
<h1 class="campaign">${campaign.title[lang]}</h1>
${campaign.description ? h`<p class="message">${campaign.description[lang]}</p>` : ''}
<p class="unit">${unit.name}</p>
<div class="scan">
<div class="qr" role="img" aria-label="${t.unitPageOf}: ${target}">${raw(qrSvg(target))}</div>
<p class="call">${t.scan}</p>
<p class="url">${target}</p>
</div>
${campaign.note ? h`<p class="note">${campaign.note[lang]}</p>` : ''}
</article>
</main>
<nav class="screen" aria-label="${t.downloadQr}">
<p>${t.posterHint}</p>
<p>${t.downloadQr}: <a href="${paths.page}/qr.svg" download="qr-${campaign.id}-${unit.id}.svg">SVG</a> · <a href="${paths.page}/qr.png" download="qr-${campaign.id}-${unit.id}.png">PNG</a></p>
<p><a href="${paths.pageIn(lang)}">${t.unitPage(unit.name)}</a></p>
</nav>`;
  return renderDocument({
    lang,
    root,
    css: POSTER_CSS.text,
    body,
    card: {
      title: `${unit.name} – ${campaign.title[lang]}`,
      description: campaign.description?.[lang] ?? campaign.title[lang],
      url: urls.pageIn(lang),
      alternates: { vi: urls.pageIn('vi'), en: urls.pageIn('en') },
    },
  });
}
