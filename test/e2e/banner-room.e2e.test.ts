/**
 * End to end, the README's banner snippet in a real Chromium at phone, tablet and desktop widths: the room its
 * `<style>` line reserves (src/contract/rooms.ts) holds the bar with every message of the sample campaign's feed and
 * with its own headline and countdown, in Vietnamese and English, so nothing on the host page moves when the
 * script or the feed arrives. Uses the bench pages written from the same snippet (demo/bench/).
 * Needs `npm run build` first.
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { Page } from 'playwright-core';
import { endToEnd } from './setup.js';

const e2e = endToEnd();

/** The narrowest width of each of the room's steps (narrower wraps more), a phone and the widest desktop. */
const WIDTHS = [320, 360, 414, 576, 768, 1024, 1280, 1440];

interface Fit {
  room: number;
  heights: number[];
}

/** The bar's height with each message in turn (own content: one), against the reserved room. */
function measure(page: Page, lang: string): Promise<Fit> {
  return page.evaluate(async (lang) => {
    type Banner = HTMLElement & {
      updateComplete: Promise<boolean>;
      feedSource: { value?: unknown[] };
      rotationIndex: number;
    };
    const banner = document.querySelector<Banner>('#lantoa-top')!;
    banner.setAttribute('lang', lang);
    await banner.updateComplete;
    const heights: number[] = [];
    for (let index = 0; index < Math.max(1, banner.feedSource.value?.length ?? 0); index++) {
      banner.rotationIndex = index;
      await banner.updateComplete;
      heights.push(banner.getBoundingClientRect().height);
    }
    return { room: parseFloat(getComputedStyle(banner).minHeight), heights };
  }, lang);
}

for (const [page, what] of [
  ['banner-feed', 'following the campaign feed'],
  ['banner-direct', 'with its own headline and countdown'],
] as const) {
  test(`the banner's reserved room holds it ${what}, at every width, in Vietnamese and English`, async () => {
    const tooTall: string[] = [];
    for (const width of WIDTHS) {
      const tab = await e2e.browser.newPage({ viewport: { width, height: 800 } });
      // Where the page's own heading, below the banner, stands before any script has run; and every layout shift,
      // inside the bar too (the own headline shown while the feed loads must start where the feed's message does).
      await tab.addInitScript(() => {
        const shifts: number[] = [];
        (window as unknown as { shifts: number[] }).shifts = shifts;
        new PerformanceObserver((list) => {
          for (const entry of list.getEntries()) shifts.push((entry as unknown as { value: number }).value);
        }).observe({ type: 'layout-shift', buffered: true });
        document.addEventListener('DOMContentLoaded', () => {
          (window as unknown as { headingTop: number }).headingTop = document
            .querySelector('h1')!
            .getBoundingClientRect().top;
        });
      });
      await tab.goto(`${e2e.base}/demo/bench/${page}.html`);
      await tab.waitForFunction(() => performance.getEntriesByName('lantoa:lantoa-banner', 'mark').length > 0);
      if (page === 'banner-feed')
        await tab.waitForFunction(
          () =>
            ((document.querySelector('#lantoa-top') as unknown as { feedSource: { value?: unknown[] } }).feedSource
              .value?.length ?? 0) > 0,
        );
      const [before, after] = await tab.evaluate(() => [
        (window as unknown as { headingTop: number }).headingTop,
        document.querySelector('h1')!.getBoundingClientRect().top,
      ]);
      assert.equal(after, before, `${page} at ${width} px: the page below the banner moved as it came`);
      const shifts = await tab.evaluate(() => (window as unknown as { shifts: number[] }).shifts);
      assert.deepEqual(shifts, [], `${page} at ${width} px: layout shifts as the banner came`);
      for (const lang of ['vi', 'en']) {
        const { room, heights } = await measure(tab, lang);
        assert.ok(heights.length > (page === 'banner-feed' ? 1 : 0), 'no message measured');
        for (const [index, height] of heights.entries())
          if (height > room) tooTall.push(`${width} px, ${lang}, message ${index + 1}: ${height} px in ${room} px`);
      }
      await tab.close();
    }
    assert.deepEqual(tooTall, []);
  });
}
