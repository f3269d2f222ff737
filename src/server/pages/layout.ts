/**
 * The document around every public page: the server-rendered <head> (title, description, canonical and
 * language alternates, Open Graph and Twitter card tags), the inline style sheet and scripts with the
 * strict Content-Security-Policy that allows exactly them, and the share actions the pages have in common.
 * Every value is interpolated through Hono's `html` template, which escapes it: campaign data is text.
 */
import { createHash } from 'node:crypto';
import { html, raw } from 'hono/html';
import type { HtmlEscapedString } from 'hono/utils/html';
import type { InlineAsset } from './assets.js';
import { SHARE_JS } from './assets.js';
import type { PageLang } from './language.js';
import { otherLanguage, PAGE_STRINGS } from './strings.js';
import { widgetScripts, type LoaderMap } from './widget-scripts.js';

/** html`` with only strings, numbers and other html`` inside, which is never a promise. */
export const h = (strings: TemplateStringsArray, ...values: unknown[]) => html(strings, ...values) as HtmlEscapedString;

export interface Card {
  title: string;
  description: string;
  /** Absolute URL of the page in its language (canonical, og:url); none for an error page. */
  url?: string;
  /** The same page in each language (hreflang alternates). */
  alternates?: Record<PageLang, string>;
  image?: { url: string; alt: string };
}

export interface Document {
  lang: PageLang;
  card: Card;
  /** Path prefix of the service (PUBLIC_URL's path, usually ''), for same-origin script and links. */
  root: string;
  css: string;
  body: HtmlEscapedString;
  /**
   * The build's widget files (widget-scripts.ts): the page loads the widgets its body holds, and the share script.
   * Absent: a page without widgets.
   */
  widgets?: LoaderMap;
}

export interface Rendered {
  html: string;
  csp: string;
}

function inline(text: string): InlineAsset {
  return { text, source: `'sha256-${createHash('sha256').update(text).digest('base64')}'` };
}

export function renderDocument({ lang, card, root, css, body, widgets }: Document): Rendered {
  const t = PAGE_STRINGS[lang];
  const style = inline(css);
  const scripts = widgets ? [SHARE_JS] : [];
  const head = h`<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<link rel="icon" href="data:,">
<title>${card.title}</title>
<meta name="description" content="${card.description}">
${card.url ? h`<link rel="canonical" href="${card.url}">\n<meta property="og:url" content="${card.url}">\n` : h`<meta name="robots" content="noindex">\n`}${(['vi', 'en'] as const).map((l) => (card.alternates ? h`<link rel="alternate" hreflang="${l}" href="${card.alternates[l]}">\n` : ''))}<meta property="og:type" content="website">
<meta property="og:site_name" content="Lan tỏa">
<meta property="og:title" content="${card.title}">
<meta property="og:description" content="${card.description}">
<meta property="og:locale" content="${t.ogLocale}">
<meta property="og:locale:alternate" content="${PAGE_STRINGS[otherLanguage(lang)].ogLocale}">
${
  card.image
    ? h`<meta property="og:image" content="${card.image.url}">
<meta property="og:image:type" content="image/png">
<meta property="og:image:width" content="1200">
<meta property="og:image:height" content="630">
<meta property="og:image:alt" content="${card.image.alt}">
<meta name="twitter:card" content="summary_large_image">
<meta name="twitter:image" content="${card.image.url}">
<meta name="twitter:image:alt" content="${card.image.alt}">
`
    : h`<meta name="twitter:card" content="summary">
`
}<meta name="twitter:title" content="${card.title}">
<meta name="twitter:description" content="${card.description}">
<style>${raw(style.text)}</style>
${widgets ? widgetScripts(root, widgets, body.toString()) : ''}`;
  const page = h`<!doctype html>
<html lang="${lang}">
<head>
${head}
</head>
<body>
${body}
${scripts.map((script) => h`<script>${raw(script.text)}</script>`)}
</body>
</html>
`;
  return { html: page.toString(), csp: pageCsp([style], scripts) };
}

/**
 * Scripts and styles from this service and the page's own inline ones only (by hash); requests back to this
 * service only (the widgets' API); not framed. The widgets run under it unchanged (demo/hosts/strict-csp.html).
 */
export function pageCsp(styles: InlineAsset[], scripts: InlineAsset[]): string {
  return [
    "default-src 'none'",
    `script-src 'self' ${scripts.map((s) => s.source).join(' ')}`.trim(),
    `style-src 'self' ${styles.map((s) => s.source).join(' ')}`.trim(),
    "img-src 'self' data:",
    "connect-src 'self'",
    "base-uri 'none'",
    "form-action 'self'",
    "frame-ancestors 'none'",
  ].join('; ');
}

export interface ShareTarget {
  /** The page in the reader's language: what is shared and copied. */
  url: string;
  title: string;
}

/** Share links that need no script of any network (plain URLs), plus copy and the Web Share API with ours. */
export function shareSection(lang: PageLang, { url, title }: ShareTarget): HtmlEscapedString {
  const t = PAGE_STRINGS[lang];
  const encoded = encodeURIComponent(url);
  // Facebook's sharer and Zalo's share plugin (the address Zalo's own SDK opens), as links: no third-party script.
  const facebook = `https://www.facebook.com/sharer/sharer.php?u=${encoded}`;
  const zalo = `https://sp.zalo.me/plugins/share?href=${encoded}`;
  return h`<section class="share" aria-labelledby="share-heading">
<h2 id="share-heading">${t.share}</h2>
<ul class="share-links">
<li><a class="button facebook" href="${facebook}" target="_blank" rel="noopener noreferrer" aria-label="${t.shareOnFacebook}">${t.facebook}</a></li>
<li><a class="button zalo" href="${zalo}" target="_blank" rel="noopener noreferrer" aria-label="${t.shareOnZalo}">${t.zalo}</a></li>
<li><button class="button" type="button" id="share-native" hidden data-title="${title}" data-url="${url}">${t.shareMore}</button></li>
</ul>
<div class="copy"><label for="share-url">${t.linkLabel}</label>
<div class="copy-row"><input id="share-url" type="url" readonly value="${url}"><button class="button" type="button" id="share-copy" hidden data-copied="${t.copied}" data-failed="${t.copyFailed}">${t.copyLink}</button></div></div>
<p id="share-status" class="status" role="status"></p>
</section>`;
}
