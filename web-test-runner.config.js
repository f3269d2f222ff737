// Browser tests in real headless Chromium (Debian's, or CHROME_PATH). `npm run test:browser`.
import { esbuildPlugin } from '@web/dev-server-esbuild';
import { chromeLauncher } from '@web/test-runner-chrome';
import { CHROME_ARGS, chromePath } from './scripts/chrome-path.js';
import { pledgeServicePlugin } from './test/pledge-service-plugin.js';
import { consoleApiProxy } from './test/console-api-proxy.js';
import { campaignApi, campaignFeed } from './test/stand-in-service.js';

/**
 * Ports: the test pages and the real pledge service beside them. Both can be moved (WTR_PORT,
 * TEST_SERVICE_PORT) so that two checkouts can run their tests at once; the service's test campaign is
 * given the test pages' origin as its allowed origin.
 */
const PAGE_PORT = Number(process.env.WTR_PORT ?? 8000);
const SERVICE_PORT = Number(process.env.TEST_SERVICE_PORT ?? 8791);

const chartHits = new Map();
const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));

export default {
  files: ['test/**/*.test.ts', '!test/server/**', '!test/e2e/**', '!test/scripts/**', '!test/faults/**'],
  nodeResolve: { exportConditions: ['development'] },
  port: PAGE_PORT,
  plugins: [
    esbuildPlugin({ ts: true, tsconfig: 'tsconfig.json' }),
    pledgeServicePlugin({
      port: SERVICE_PORT,
      campaignsFile: 'test/fixtures/campaigns.test.json',
      pageOrigin: `http://localhost:${PAGE_PORT}`,
    }),
  ],
  browsers: [chromeLauncher({ launchOptions: { executablePath: chromePath(), headless: true, args: CHROME_ARGS } })],
  // One page at a time: a background tab gets no animation frames and no paint, which layout-shift and
  // rendering tests depend on. The whole suite takes seconds anyway.
  concurrency: 1,
  testFramework: { config: { timeout: 10000, grep: process.env.GREP } },
  middleware: [
    // The console's tests: its API is same-origin in production, so the test pages reach the real service through
    // this pass-through (Host and Origin kept: the service sees its own origin, as behind a reverse proxy).
    consoleApiProxy(SERVICE_PORT),
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
    campaignFeed,
    campaignApi,
    // Chart data that fails once per id (503) and then answers: the widget's retry button must recover;
    // and data whose value counts the requests per id: the widget's refresh must show the new value.
    async function chartData(context, next) {
      if (context.path !== '/test-fixtures/flaky-chart' && context.path !== '/test-fixtures/counting-chart')
        return next();
      const key = `${context.path}?${context.query.id}`;
      const hits = (chartHits.get(key) ?? 0) + 1;
      chartHits.set(key, hits);
      if (context.path.includes('flaky') && hits === 1) {
        context.status = 503;
        return;
      }
      context.type = 'application/json';
      context.body = JSON.stringify({
        kind: 'progress',
        illustrative: true,
        indicators: [{ label: 'Lần tải', value: hits * 10, target: 100, unit: '%' }],
      });
    },
  ],
};
