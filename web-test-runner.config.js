// Browser tests in real headless Chromium (Debian's, or CHROME_PATH). `npm run test:browser`.
import { esbuildPlugin } from '@web/dev-server-esbuild';
import { chromeLauncher } from '@web/test-runner-chrome';
import { CHROME_ARGS, chromePath } from './scripts/chrome-path.js';
import { pledgeServicePlugin } from './test/pledge-service-plugin.js';

/**
 * Ports: the test pages and the real pledge service beside them. Both can be moved (WTR_PORT,
 * TEST_SERVICE_PORT) so that two checkouts can run their tests at once; the service's test campaign is
 * given the test pages' origin as its allowed origin.
 */
const PAGE_PORT = Number(process.env.WTR_PORT ?? 8000);
const SERVICE_PORT = Number(process.env.TEST_SERVICE_PORT ?? 8791);

const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));

export default {
  files: ['test/**/*.test.ts', '!test/server/**', '!test/e2e/**', '!test/scripts/**'],
  nodeResolve: { exportConditions: ['development'] },
  port: PAGE_PORT,
  plugins: [
    esbuildPlugin({ ts: true, tsconfig: 'tsconfig.json' }),
    pledgeServicePlugin({ port: SERVICE_PORT, campaignsFile: 'test/fixtures/campaigns.test.json', pageOrigin: `http://localhost:${PAGE_PORT}` }),
  ],
  browsers: [chromeLauncher({ launchOptions: { executablePath: chromePath(), headless: true, args: CHROME_ARGS } })],
  // One page at a time: a background tab gets no animation frames and no paint, which layout-shift and
  // rendering tests depend on. The whole suite takes seconds anyway.
  concurrency: 1,
  testFramework: { config: { timeout: 10000, grep: process.env.GREP } },
  middleware: [
    // Test fixtures a real network would give: a feed that answers too late.
    async function slowFeed(context, next) {
      if (context.path === '/test-fixtures/slow-feed.json') {
        await sleep(Number(context.query.ms ?? 3000));
        context.type = 'application/json';
        context.body = JSON.stringify({ messages: [{ id: 'late', headline: 'Too late' }] });
        return;
      }
      return next();
    },
  ],
};
