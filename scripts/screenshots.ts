/**
 * Screenshots of the real demo pages for the README (docs/screenshots/), at a phone and a desktop width,
 * in Vietnamese and English. Needs the service running: `npm start` in another terminal, then
 * `npm run screenshots` (BASE_URL overrides http://localhost:8787).
 */
import { mkdir } from 'node:fs/promises';
import { chromium } from 'playwright-core';
import { CHROME_ARGS, chromePath } from './chrome-path.js';

const base = process.env.BASE_URL ?? 'http://localhost:8787';
const out = process.env.OUT_DIR ?? 'docs/screenshots';
const pages = (process.env.PAGES ?? 'district-ba-tri,province').split(',');
await mkdir(out, { recursive: true });
const browser = await chromium.launch({ executablePath: chromePath(), args: CHROME_ARGS });
for (const page of pages) {
  for (const lang of ['vi', 'en']) {
    for (const [label, width, height] of [
      ['phone', 375, 812],
      ['desktop', 1280, 800],
    ] as const) {
      const tab = await browser.newPage({
        viewport: { width, height },
        colorScheme: (process.env.COLOR_SCHEME as 'dark') ?? 'light',
      });
      await tab.goto(`${base}/demo/${page}.html?lang=${lang}`);
      // Every Lantoa element on the page upgraded, and none still loading its data.
      await tab.waitForFunction(() =>
        [...document.querySelectorAll('*')]
          .filter((element) => element.localName.startsWith('lantoa-'))
          .every(
            (element) =>
              customElements.get(element.localName) &&
              !element.shadowRoot?.querySelector('.loading, [aria-busy="true"]'),
          ),
      );
      await tab.waitForTimeout(300);
      const file = `${out}/${page}-${lang}-${label}.png`;
      await tab.screenshot({ path: file, fullPage: process.env.FULL_PAGE === '1' });
      console.log(file);
      await tab.close();
    }
  }
}
await browser.close();
