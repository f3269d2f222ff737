/**
 * The campaign console's pages: one HTML document (dist/console/index.html, built by scripts/build-console.ts)
 * answers every `/admin/*` page path (the console routes in the browser), its hashed assets under
 * `/admin/assets/`. A strict CSP: scripts and styles from this origin only, no inline script, no style
 * attribute, no framing. Lit's adopted style sheets are constructed, not parsed from the document, so
 * `style-src 'self'` does not block them (test/console/csp.test.ts listens for violations to prove it).
 */
import { serveStatic } from '@hono/node-server/serve-static';
import type { Hono, MiddlewareHandler } from 'hono';
import { compress } from 'hono/compress';
import { etag } from 'hono/etag';
import { secureHeaders } from 'hono/secure-headers';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';

export const CONSOLE_PATH = '/admin';

/** The console's Content-Security-Policy, as secure-headers writes it. */
export const CONSOLE_CSP = {
  defaultSrc: ["'self'"],
  scriptSrc: ["'self'"],
  styleSrc: ["'self'"],
  imgSrc: ["'self'", 'data:'],
  connectSrc: ["'self'"],
  frameAncestors: ["'none'"],
  baseUri: ["'none'"],
  formAction: ["'self'"],
};

const HASHED_ASSET = /-[\w-]{8}\.(js|css)(\.map)?$/;

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- mounted on the app whatever its env
export function mountConsolePages(app: Hono<any>, consoleDir: string): void {
  const headers = secureHeaders({
    contentSecurityPolicy: CONSOLE_CSP,
    xFrameOptions: 'DENY',
    referrerPolicy: 'no-referrer',
    crossOriginResourcePolicy: 'same-origin',
  });
  // Read at every request (a few hundred bytes, for a handful of staff): a rebuild while the service runs
  // (new hashed asset names) is served at once, and the service may start before `npm run build` wrote it.
  const page: MiddlewareHandler = async (c) => {
    let document: string;
    try {
      document = readFileSync(join(consoleDir, 'index.html'), 'utf8');
    } catch {
      c.header('Cache-Control', 'no-store');
      return c.text('The console is not built: run `npm run build`.', 503);
    }
    c.header('Cache-Control', 'no-store');
    return c.html(document);
  };

  app.use(`${CONSOLE_PATH}/assets/*`, headers, etag(), compress(), async (c, next) => {
    await next();
    if (c.res.status === 200)
      c.header('Cache-Control', HASHED_ASSET.test(c.req.path) ? 'public, max-age=31536000, immutable' : 'no-cache');
  });
  app.use(
    `${CONSOLE_PATH}/assets/*`,
    serveStatic({ root: consoleDir, rewriteRequestPath: (path) => path.slice(CONSOLE_PATH.length) }),
  );
  // A missing asset is a 404 (the app's JSON one), never the document: a stale chunk must fail loudly.
  app.get(`${CONSOLE_PATH}/assets/*`, (c) => c.notFound());
  app.get(CONSOLE_PATH, headers, page);
  app.get(`${CONSOLE_PATH}/*`, headers, page);
}
