/**
 * The site part of the Lantoa service, a Hono app: built widgets under /lantoa/, the demo pages,
 * health, and the JSON 404 for anything else. The pledge and quiz API is its own Hono app in front of
 * this one, which hands it every request outside /api/v1 (api.ts; both are wired up in service.ts).
 * Node only.
 */
import { serveStatic } from '@hono/node-server/serve-static';
import { Hono } from 'hono';
import { compress } from 'hono/compress';
import { etag } from 'hono/etag';
import { log } from '../log/log.js';

export interface AppOptions {
  /** Folder of the built widgets (dist/lantoa). */
  widgetsDir: string;
  /** Folder of the demo pages (demo/). */
  demoDir: string;
  /** JSON-lines access log on stdout (default true). */
  accessLog?: boolean;
  /** False when the service cannot do its job (the store failed): /healthz answers 503 so a supervisor restarts it. */
  healthy?: () => boolean;
}

/** Hashed chunk names (banner-CIV1ciqc.js) never change content: cache them for a year. */
const HASHED = /-[\w-]{8}\.js(\.map)?$/;

export function createApp({ widgetsDir, demoDir, accessLog = true, healthy = () => true }: AppOptions): Hono {
  const app = new Hono();

  if (accessLog) {
    app.use(async (c, next) => {
      const start = performance.now();
      await next();
      // No client address and no query string: nothing that identifies a visitor.
      log.access(c.req.method, c.req.path, c.res.status, performance.now() - start);
    });
  }

  app.get('/healthz', (c) => (healthy() ? c.json({ ok: true }) : c.json({ ok: false }, 503)));

  app.use('/lantoa/*', etag(), compress(), async (c, next) => {
    await next();
    // Any site may embed the widgets: module scripts and feeds fetched across origins need CORS.
    c.header('Access-Control-Allow-Origin', '*');
    c.header('Cross-Origin-Resource-Policy', 'cross-origin');
    c.header('X-Content-Type-Options', 'nosniff');
    if (c.res.status === 200) {
      // The loader and the classic bundle keep their names, so browsers revalidate them (cheap 304s).
      c.header('Cache-Control', HASHED.test(c.req.path) ? 'public, max-age=31536000, immutable' : 'public, max-age=300, must-revalidate');
    }
  });
  app.use('/lantoa/*', serveStatic({ root: widgetsDir, rewriteRequestPath: (path) => path.replace(/^\/lantoa/, '') }));

  app.use('/demo/*', etag(), compress(), async (c, next) => {
    await next();
    if (c.res.status === 200) c.header('Cache-Control', 'no-cache');
    // Demo feeds are fetched by widgets on other origins too (a district site reading the province feed).
    if (c.req.path.endsWith('.json')) c.header('Access-Control-Allow-Origin', '*');
  });
  app.use('/demo/*', serveStatic({ root: demoDir, rewriteRequestPath: (path) => path.replace(/^\/demo/, '') }));
  app.get('/', serveStatic({ root: demoDir, path: 'index.html' }));

  app.notFound((c) => c.json({ error: { code: 'not_found', message: `Nothing at ${c.req.path}` } }, 404));
  // A bug, never bad input (every bad request has its 4xx): log it whole, tell the client little.
  app.onError((error, c) => {
    log.error('unhandled error', error, { method: c.req.method, path: c.req.path });
    return c.json({ error: { code: 'internal', message: 'Internal error' } }, 500);
  });
  return app;
}
