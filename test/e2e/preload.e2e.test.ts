/**
 * End to end, a snippet that names the banner's feed in a `<link rel="preload" as="fetch" crossorigin>` (the bench's
 * `banner-feed` pages, written from the README's snippet): the banner takes the preloaded response, so the
 * feed is requested once, with the code, not a second time once the code has run. Needs `npm run build` first.
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { endToEnd } from './setup.js';

const e2e = endToEnd();

for (const page of ['banner-feed', 'banner-feed-loader']) {
  test(`${page}: the feed named by the snippet's preload is fetched once and shown`, async () => {
    const tab = await e2e.browser.newPage({ viewport: { width: 375, height: 800 } });
    const feedRequests: string[] = [];
    tab.on('request', (request) => {
      if (request.url().endsWith('/api/v1/campaigns/ben-tre-smartphone/feed')) feedRequests.push(request.url());
    });
    await tab.goto(`${e2e.base}/demo/bench/${page}.html`);
    // The feed's first message (the sample campaign's) replaces the snippet's own headline.
    await tab.waitForFunction(() =>
      document.querySelector('#lantoa-top')?.shadowRoot?.textContent?.includes('Dịch vụ công trực tuyến mức độ 4'),
    );
    await tab.waitForLoadState('networkidle');
    assert.equal(feedRequests.length, 1, `the feed was requested ${feedRequests.length} times`);
    await tab.close();
  });
}
