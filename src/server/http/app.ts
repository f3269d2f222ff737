/**
 * The service's Hono app: the pledge and quiz API mounted under /api/v1 (`app.route`, api.ts), the built
 * widgets under /lantoa/, the demo pages, /healthz, and a JSON 404 for anything else. Served on
 * @hono/node-server by service.ts. Node only.
 */
import { serveStatic } from '@hono/node-server/serve-static';
import { Hono, type MiddlewareHandler } from 'hono';
import { compress } from 'hono/compress';
import { etag } from 'hono/etag';
import { secureHeaders } from 'hono/secure-headers';
import { API_PREFIX } from '../../contract/paths.js';
import { ADMIN_PREFIX } from '../../contract/admin.js';
import type { AdminEnv } from '../admin/admin-env.js';
import { log } from '../log/log.js';
import { createApi, type ApiDeps, type ApiEnv } from './api.js';
import { fail, respond } from './reply.js';

export interface AppOptions extends ApiDeps {
  /** Folder of the built widgets (dist/lantoa). */
  widgetsDir: string;
  /** Folder of the demo pages (demo/). */
  demoDir: string;
  /** False when the service cannot do its job (the store failed): /healthz answers 503 so a supervisor restarts it. */
  healthy: () => boolean;
  /** The console's API (admin/admin-api.ts), with every module's routes already on it. */
  admin?: Hono<AdminEnv>;
}

/** Hashed chunk names (banner-CIV1ciqc.js) never change content: cache them for a year. */
const HASHED = /-[\w-]{8}\.js(\.map)?$/;

/** `logged`: the site's access-log middleware has this request (a 404 inside it is not logged twice). */
type AppEnv = ApiEnv & { Variables: { logged?: true } };

export function createApp(options: AppOptions): Hono<AppEnv> {
  const { widgetsDir, demoDir, healthy, accessLog } = options;
  const app = new Hono<AppEnv>();
  app.route(API_PREFIX, createApi(options));
  if (options.admin) app.route(ADMIN_PREFIX, options.admin);

  // Per site path, not app-wide: a middleware on every path would run before each API route too, and
  // the API logs its own answers (api.ts).
  const logged: MiddlewareHandler<AppEnv> = async (c, next) => {
    const start = performance.now();
    c.set('logged', true);
    await next();
    if (accessLog) log.access(c.req.method, c.req.path, c.res.status, performance.now() - start);
  };

  // The public unit and province pages (pages/routes.ts, mounted after this app is made) are logged too.
  app.use('/c/*', logged);
  app.use('/embed/*', logged);
  app.get('/healthz', logged, (c) => (healthy() ? c.json({ ok: true }) : c.json({ ok: false }, 503)));

  app.use(
    '/lantoa/*',
    logged,
    // Any site may embed the widgets: module scripts and feeds fetched across origins need CORS and CORP.
    secureHeaders({ ...ONLY_NOSNIFF, crossOriginResourcePolicy: 'cross-origin' }),
    etag(),
    compress(),
    async (c, next) => {
      await next();
      c.header('Access-Control-Allow-Origin', '*');
      if (c.res.status === 200) {
        // The loader and the classic bundle keep their names, so browsers revalidate them (cheap 304s).
        c.header(
          'Cache-Control',
          HASHED.test(c.req.path) ? 'public, max-age=31536000, immutable' : 'public, max-age=300, must-revalidate',
        );
      }
    },
  );
  app.use('/lantoa/*', serveStatic({ root: widgetsDir, rewriteRequestPath: (path) => path.replace(/^\/lantoa/, '') }));

  app.use('/demo/*', logged, etag(), compress(), async (c, next) => {
    await next();
    if (c.res.status === 200) c.header('Cache-Control', 'no-cache');
    // Demo feeds are fetched by widgets on other origins too (a district site reading the province feed).
    if (c.req.path.endsWith('.json')) c.header('Access-Control-Allow-Origin', '*');
  });
  app.use('/demo/*', serveStatic({ root: demoDir, rewriteRequestPath: (path) => path.replace(/^\/demo/, '') }));
  app.get('/', logged, serveStatic({ root: demoDir, path: 'index.html' }));

  app.notFound((c) => {
    const start = performance.now();
    const api = c.req.path.startsWith(`${API_PREFIX}/`);
    const reply = fail(404, 'not_found', api ? `Nothing at ${c.req.method} ${c.req.path}` : `Nothing at ${c.req.path}`);
    if (accessLog && !c.var.logged) log.access(c.req.method, c.req.path, 404, performance.now() - start);
    return respond(reply);
  });
  // A bug, never bad input (every bad request has its 4xx): log it whole, tell the client little.
  app.onError((error, c) => {
    log.error('unhandled error', error, { method: c.req.method, path: c.req.path });
    return respond(fail(500, 'internal', 'Internal error'));
  });
  return app;
}

/** secure-headers' defaults off but for X-Content-Type-Options: the widgets' headers stay what they were. */
const ONLY_NOSNIFF = {
  contentSecurityPolicy: undefined,
  crossOriginEmbedderPolicy: false,
  crossOriginOpenerPolicy: false,
  originAgentCluster: false,
  referrerPolicy: false,
  strictTransportSecurity: false,
  xContentTypeOptions: true,
  xDnsPrefetchControl: false,
  xDownloadOptions: false,
  xFrameOptions: false,
  xPermittedCrossDomainPolicies: false,
  xXssProtection: false,
} as const;
