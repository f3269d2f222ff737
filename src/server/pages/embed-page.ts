/**
 * GET /embed/: the embed builder. A webmaster picks a campaign, their unit (grouped as the campaign groups
 * them), the widgets and the language, and gets the snippet with a live preview of the very same elements
 * against this service; "check my site" says whether their site may embed the campaign and what to do if
 * not. A plain GET form, rendered on the server: it works by keyboard alone, without JavaScript (the copy
 * button is the only script) and on any phone. Everything it echoes is validated first (ids are the
 * campaign's own, the site is parsed to its origin) and written through the escaping template.
 */
import { raw } from 'hono/html';
import type { CampaignScope, Scopes } from '../campaigns/scopes.js';
import { allowedOrigin } from '../http/cors.js';
import { EMBED_CSS, PAGE_CSS } from './assets.js';
import {
  BANNER_VARIANTS,
  COUNTER_VARIANTS,
  embedParts,
  embedSnippet,
  needsUnit,
  type BannerVariant,
  type CounterVariant,
  type EmbedChoice,
  type WidgetLang,
} from './embed-snippet.js';
import { EMBED_STRINGS } from './embed-strings.js';
import { h, renderDocument, type Rendered } from './layout.js';
import { BUILT_IN_QUIZ, PageUrls } from './model.js';
import type { PageContext } from './parts.js';
import { otherLanguage } from './strings.js';

/** The query of the builder's form, as the browser sends it. */
export type EmbedQuery = Record<string, string | undefined>;

interface SiteVerdict {
  ok: boolean;
  text: string;
}

type Problem = { field: 'unit' | 'campaign' | 'site'; text: string };

/** Whether pages on `origin` may use the campaign's widgets, as the API decides it (an open campaign takes any). */
function mayEmbed(scope: CampaignScope, origin: string): boolean {
  return allowedOrigin(scope.entry, origin, undefined) !== null;
}

function pick<T extends string>(value: string | undefined, allowed: readonly T[]): T | undefined {
  return allowed.find((v) => v === value);
}

/** The http(s) origin of what a webmaster typed ("huyendoan.gov.vn/trang" is taken as https), or undefined. */
function siteOrigin(typed: string): string | undefined {
  const text = typed.trim();
  try {
    const url = new URL(/^[a-z][a-z0-9+.-]*:/i.test(text) ? text : `https://${text}`);
    return url.protocol === 'http:' || url.protocol === 'https:' ? url.origin : undefined;
  } catch {
    return undefined;
  }
}

export function embedPage(ctx: PageContext, scopes: Scopes, query: EmbedQuery): Rendered {
  const { lang, base, root } = ctx;
  const t = EMBED_STRINGS[lang];
  const problems: Problem[] = [];
  const campaigns = [...scopes.campaigns.values()];
  let scope = scopes.campaigns.get(query.campaign ?? '') ?? campaigns[0];
  if (query.campaign && !scopes.campaigns.has(query.campaign)) {
    problems.push({ field: 'campaign', text: t.unknownCampaign });
    scope = campaigns[0];
  }
  const campaign = scope.entry.public;
  const activeUnits = campaign.units.filter((unit) => !unit.retired);
  const hasQuiz = scope.entry.quizzes.some((quiz) => quiz.id === BUILT_IN_QUIZ);

  // A first visit (no `step`) starts from the README's choice: the top bar and the full counter.
  const submitted = query.step === '1';
  const unitId = query.unit || undefined;
  const unit = unitId === undefined ? undefined : activeUnits.find((u) => u.id === unitId);
  if (unitId !== undefined && !unit) problems.push({ field: 'unit', text: t.unknownUnit });
  const choice: EmbedChoice = {
    base,
    campaign: { id: campaign.id, title: campaign.title[lang], units: campaign.units.length },
    unit: unit?.id,
    banner: submitted ? pick<BannerVariant>(query.banner, BANNER_VARIANTS) : 'bar',
    counter: submitted ? pick<CounterVariant>(query.counter, COUNTER_VARIANTS) : 'full',
    chart: query.chart === 'on',
    quiz: hasQuiz && query.quiz === 'on',
    lang: pick<WidgetLang>(query['widget-lang'], ['auto', 'vi', 'en']) ?? 'auto',
    classic: query.classic === 'on',
  };
  if (submitted && !unit && unitId === undefined && needsUnit(choice))
    problems.push({ field: 'unit', text: t.unitNeeded });
  const ready = !problems.some((p) => p.field === 'unit') && !(needsUnit(choice) && !unit);

  let verdict: SiteVerdict | undefined;
  if (query.site !== undefined && query.site.trim() !== '') {
    const origin = siteOrigin(query.site);
    if (!origin) problems.push({ field: 'site', text: t.badSite });
    else if (mayEmbed(scope, origin))
      verdict = { ok: true, text: scope.entry.embed === 'open' ? t.openOk(origin) : t.listedOk(origin) };
    else verdict = { ok: false, text: t.listedNo(origin) };
  }

  const snippet = ready ? embedSnippet(choice) : '';
  const parts = embedParts(choice);
  const errorOf = (field: Problem['field']) => problems.find((p) => p.field === field);
  const fieldError = (field: Problem['field']) => {
    const problem = errorOf(field);
    return problem ? h`<p class="error" id="${field}-error">${problem.text}</p>` : '';
  };
  const described = (field: Problem['field'], hint?: string) =>
    [hint, errorOf(field) ? `${field}-error` : undefined].filter(Boolean).join(' ') || undefined;

  /** The unit's page, its poster and its QR code: what a fanpage or a meeting uses instead of a snippet. */
  const unitLinks = (paths: PageUrls, urls: PageUrls) =>
    h`<p>${t.unitPage} <a href="${paths.pageIn(lang)}">${urls.page}</a></p>
<p>${t.forEvents}</p>
<ul class="units">
<li><a href="${paths.page}/poster?lang=${lang}">${t.poster}</a></li>
<li><a href="${paths.page}/qr.svg" download="${unit?.id}-qr.svg">${t.qrSvg}</a></li>
<li><a href="${paths.page}/qr.png" download="${unit?.id}-qr.png">${t.qrPng}</a></li>
</ul>`;
  // One pass, each unit pushed onto its group's list (groups in the order their first unit comes).
  const groups = new Map<string, typeof activeUnits>();
  for (const u of activeUnits) {
    const members = groups.get(u.group ?? '');
    if (members) members.push(u);
    else groups.set(u.group ?? '', [u]);
  }
  const unitOption = (u: (typeof activeUnits)[number]) =>
    h`<option value="${u.id}"${u.id === unit?.id ? raw(' selected') : ''}>${u.name}</option>`;
  const unitOptions = [...groups].map(([group, units]) =>
    group ? h`<optgroup label="${group}">${units.map(unitOption)}</optgroup>` : h`${units.map(unitOption)}`,
  );
  /** A group of radio buttons, `[value, label]` each, the `current` one checked. */
  const radios = (name: string, legend: string, current: string, options: [value: string, label: string][]) =>
    h`<fieldset><legend>${legend}</legend>
${options.map(([value, label]) => h`<label class="choice"><input type="radio" name="${name}" value="${value}"${value === current ? raw(' checked') : ''}> ${label}</label>\n`)}</fieldset>`;
  const box = (name: string, on: boolean, label: string) =>
    h`<label class="choice"><input type="checkbox" name="${name}"${on ? raw(' checked') : ''}> ${label}</label>`;

  const body = h`<main id="main" class="builder">
<h1>${t.title}</h1>
<p>${t.lead}</p>
${
  problems.length > 0
    ? h`<div class="error-summary" role="alert" aria-labelledby="error-summary-title" tabindex="-1">
<h2 id="error-summary-title">${t.errorSummary}</h2>
<ul>${problems.map((p) => h`<li><a href="#${p.field}">${p.text}</a></li>`)}</ul>
</div>`
    : ''
}
<div class="builder-grid">
<form method="get" action="${root}/embed/#snippet-title">
<input type="hidden" name="step" value="1">
<input type="hidden" name="lang" value="${lang}">
<div class="field"><label for="campaign">${t.campaign}</label>
<select id="campaign" name="campaign">${campaigns.map((s) => h`<option value="${s.id}"${s === scope ? raw(' selected') : ''}>${s.entry.public.title[lang]}</option>`)}</select></div>
<div class="field"><label for="unit">${t.unit}</label>
<p class="hint" id="unit-hint">${t.unitHint}</p>${fieldError('unit')}
<select id="unit" name="unit" aria-describedby="${described('unit', 'unit-hint')}"><option value="">${t.chooseUnit}</option>${unitOptions}</select></div>
<fieldset><legend>${t.widgets}</legend>
${radios('banner', t.banner, choice.banner ?? '', [
  ['', t.bannerNone],
  ['bar', t.bannerBar],
  ['hero', t.bannerHero],
  ['ribbon', t.bannerRibbon],
])}
${radios('counter', t.counter, choice.counter ?? '', [
  ['', t.counterNone],
  ['full', t.counterFull],
  ['compact', t.counterCompact],
  ['province', t.counterProvince],
])}
${box('chart', choice.chart, t.chart)}
${hasQuiz ? box('quiz', choice.quiz, t.quiz) : h`<p class="hint">${t.quizMissing}</p>`}
</fieldset>
${radios('widget-lang', t.language, choice.lang, [
  ['auto', t.langAuto],
  ['vi', t.langVi],
  ['en', t.langEn],
])}
${box('classic', choice.classic, t.classic)}
<p><button class="button primary" type="submit">${t.show}</button></p>
<fieldset><legend>${t.check}</legend>
<div class="field"><label for="site">${t.site}</label>
<p class="hint" id="site-hint">${t.checkHint}</p>${fieldError('site')}
<input id="site" name="site" type="url" inputmode="url" autocomplete="url" value="${(query.site ?? '').slice(0, 2000)}" aria-describedby="${described('site', 'site-hint')}"></div>
<button class="button" type="submit">${t.checkButton}</button>
${verdict ? h`<p class="verdict${verdict.ok ? '' : ' no'}" role="status">${verdict.text}</p>` : ''}
</fieldset>
</form>
<div>
<section aria-labelledby="snippet-title">
<h2 id="snippet-title">${t.snippet}</h2>
${
  snippet
    ? h`<div class="copy"><label for="share-url">${t.snippetHint}</label>
<textarea id="share-url" class="code" readonly rows="${Math.min(snippet.split('\n').length + 1, 14)}" spellcheck="false">${snippet}</textarea>
<p><button class="button" type="button" id="share-copy" hidden data-copied="${t.copied}" data-failed="${t.copyFailed}">${t.copy}</button></p>
<p id="share-status" class="status" role="status"></p></div>`
    : h`<p>${ready ? t.nothingChosen : t.unitNeeded}</p>`
}
${unit ? unitLinks(new PageUrls(root, campaign.id, unit.id), new PageUrls(base, campaign.id, unit.id)) : ''}
</section>
${
  snippet
    ? h`<section aria-labelledby="preview-title">
<h2 id="preview-title">${t.preview}</h2>
<p class="hint">${t.previewHint}</p>
<div class="preview">${raw(parts.tags.join('\n'))}</div>
</section>`
    : ''
}
</div>
</div>
<nav class="more" aria-label="${t.title}">
<a href="${root}/embed/?lang=${otherLanguage(lang)}" lang="${otherLanguage(lang)}" hreflang="${otherLanguage(lang)}">${t.otherLanguage}</a>
</nav>
</main>`;
  return renderDocument({
    lang,
    root,
    // The preview's elements get the room the snippet reserves for them, as on the webmaster's page.
    css: `${PAGE_CSS.text}\n${EMBED_CSS.text}\n${snippet ? parts.css : ''}`,
    widgets: ctx.widgets,
    body,
    card: { title: t.title, description: t.lead, url: `${base}/embed/?lang=${lang}` },
  });
}
