/**
 * The public pages under /c/, mounted on the site app (service.ts): a unit's page, the province page,
 * their share images, the unit's poster and its QR code, and an HTML 404 for anything else under /c/;
 * and the embed builder at /embed/.
 * Pages are sent with a strict CSP (layout.ts), `Vary: Accept-Language`, revalidated on every visit (an
 * ETag makes that a 304 while nothing changed) and compressed.
 */
import type { HttpBindings } from '@hono/node-server';
import type { Context, Env, Hono, MiddlewareHandler } from 'hono';
import { compress } from 'hono/compress';
import { etag } from 'hono/etag';
import type { Scopes } from '../campaigns/scopes.js';
import { clientKey, type RateLimiter } from '../http/rate-limit.js';
import type { Rendered } from './layout.js';
import { pageLanguage } from './language.js';
import { campaignView, PageUrls, type CampaignView, type UnitView } from './model.js';
import { notFoundPage } from './not-found.js';
import type { PagesOptions } from './options.js';
import type { PageContext } from './parts.js';
import { embedPage } from './embed-page.js';
import { posterPage } from './poster.js';
import { provincePage } from './province-page.js';
import { qrPng, qrSvg } from './qr.js';
import { ShareImages } from './share-image.js';
import { PAGE_STRINGS } from './strings.js';
import { unitPage } from './unit-page.js';
import { readLoaderMap } from './widget-scripts.js';

export interface PagesDeps extends PagesOptions {
  scopes: Scopes;
  /** Requests per client address (PAGE_RATE_*): a page is rendered, and an image drawn, per request. */
  limiter: RateLimiter;
  /** Proxies in front whose X-Forwarded-For is trusted (as the API's). */
  trustProxy: number;
  /** The built widgets (dist/lantoa), whose loader-map.json says what each page preloads. */
  widgetsDir?: string;
}

const SECURITY_HEADERS = { 'X-Content-Type-Options': 'nosniff', 'Referrer-Policy': 'strict-origin-when-cross-origin' };

export function mountPages<E extends Env>(
  app: Hono<E>,
  { scopes, publicUrl, now, limiter, trustProxy, widgetsDir }: PagesDeps,
): void {
  const images = new ShareImages(now);
  const widgets = readLoaderMap(widgetsDir);
  const root = publicUrl ? new URL(publicUrl).pathname.replace(/\/$/, '') : '';

  const context = (c: Context): PageContext => ({
    lang: pageLanguage(c.req.query('lang'), c.req.header('accept-language')),
    // Without PUBLIC_URL the request's own origin (its Host header; documented in src/server/README.md).
    base: publicUrl ?? new URL(c.req.url).origin,
    root,
    widgets,
  });

  const send = (c: Context, { html, csp }: Rendered, lang: string, status: 200 | 404 = 200) => {
    c.header('Content-Security-Policy', csp);
    c.header('Content-Language', lang);
    c.header('Vary', 'Accept-Language');
    c.header('Cache-Control', 'no-cache');
    for (const [name, value] of Object.entries(SECURITY_HEADERS)) c.header(name, value);
    return c.html(html, status);
  };

  const notFound = (c: Context, view?: CampaignView) => {
    const ctx = context(c);
    return send(c, notFoundPage(ctx, view), ctx.lang, 404);
  };

  /** The campaign and unit a route names, or undefined (then the 404 page). */
  const lookup = (c: Context): { view: CampaignView; unit?: UnitView } | undefined => {
    const view = campaignView(scopes, c.req.param('campaign') ?? '');
    if (!view) return undefined;
    const unitId = c.req.param('unit');
    if (unitId === undefined) return { view };
    const unit = view.units.find((u) => u.id === unitId);
    return unit ? { view, unit } : undefined;
  };

  const limited: MiddlewareHandler = async (c, next) => {
    const incoming = (c.env as HttpBindings | undefined)?.incoming;
    const forwarded = c.req.header('x-forwarded-for');
    const verdict = limiter.take(clientKey(incoming?.socket.remoteAddress, forwarded, trustProxy));
    if (verdict.ok) return next();
    const wait = String(verdict.retryAfterSeconds);
    return c.text(
      `Quá nhiều yêu cầu, hãy thử lại sau ${wait} giây.\nToo many requests: try again in ${wait} s.\n`,
      429,
      {
        'Retry-After': wait,
        ...SECURITY_HEADERS,
      },
    );
  };
  app.use('/c/*', limited, etag(), compress());

  const image = async (c: Context, view: CampaignView, unit?: UnitView) => {
    const lang = c.req.query('lang') === 'en' ? 'en' : 'vi';
    const { campaign } = view;
    const png = await images.get(`${campaign.id}/${unit?.id ?? ''}/${lang}`, {
      lang,
      campaignTitle: campaign.title[lang],
      heading: unit?.name ?? PAGE_STRINGS[lang].provinceTotal,
      count: unit?.count ?? view.total,
      goal: unit?.goal ?? campaign.goal,
      illustrative: campaign.goalsAreIllustrative,
    });
    if (c.req.header('if-none-match') === png.etag) return c.body(null, 304, { ETag: png.etag });
    // Cards are fetched by crawlers and chat apps: a minute's freshness matches how often the image can change.
    return c.body(new Uint8Array(png.png), 200, {
      'Content-Type': 'image/png',
      'Cache-Control': 'public, max-age=60',
      ETag: png.etag,
      ...SECURITY_HEADERS,
    });
  };

  // Before /c/:campaign/:unit, which would take og.png for a unit id.
  app.get('/c/:campaign/og.png', (c) => {
    const found = lookup(c);
    return found ? image(c, found.view) : notFound(c);
  });
  app.get('/c/:campaign/:unit/og.png', (c) => {
    const found = lookup(c);
    return found?.unit ? image(c, found.view, found.unit) : notFound(c);
  });

  app.get('/c/:campaign', (c) => {
    const found = lookup(c);
    if (!found) return notFound(c);
    const ctx = context(c);
    return send(c, provincePage(ctx, found.view), ctx.lang);
  });

  app.get('/c/:campaign/:unit', (c) => {
    const found = lookup(c);
    if (!found?.unit) return notFound(c, campaignView(scopes, c.req.param('campaign')));
    const ctx = context(c);
    return send(c, unitPage(ctx, found.view, found.unit), ctx.lang);
  });

  app.get('/c/:campaign/:unit/poster', (c) => {
    const found = lookup(c);
    if (!found?.unit) return notFound(c, campaignView(scopes, c.req.param('campaign')));
    // A poster is Vietnamese unless asked otherwise: it is printed for meetings in Vietnam.
    const ctx = { ...context(c), lang: c.req.query('lang') === 'en' ? ('en' as const) : ('vi' as const) };
    return send(c, posterPage(ctx, found.view, found.unit), ctx.lang);
  });

  const qrTarget = (c: Context) => {
    const found = lookup(c);
    return found?.unit ? new PageUrls(context(c).base, found.view.campaign.id, found.unit.id).page : undefined;
  };
  app.get('/c/:campaign/:unit/qr.svg', (c) => {
    const target = qrTarget(c);
    if (!target) return notFound(c);
    return c.body(qrSvg(target), 200, {
      'Content-Type': 'image/svg+xml; charset=utf-8',
      'Cache-Control': 'public, max-age=3600',
      ...SECURITY_HEADERS,
    });
  });
  app.get('/c/:campaign/:unit/qr.png', async (c) => {
    const target = qrTarget(c);
    if (!target) return notFound(c);
    return c.body(new Uint8Array(await qrPng(target)), 200, {
      'Content-Type': 'image/png',
      'Cache-Control': 'public, max-age=3600',
      ...SECURITY_HEADERS,
    });
  });

  app.use('/embed/*', limited, etag(), compress());
  app.get('/embed', (c) => c.redirect(`${root}/embed/`, 301));
  app.get('/embed/', (c) => {
    const ctx = context(c);
    return send(c, embedPage(ctx, scopes, c.req.query()), ctx.lang);
  });

  app.all('/c', (c) => notFound(c));
  app.all('/c/*', (c) => notFound(c));
}
