/**
 * Screenshots of every console page at a phone (375 px) and a desktop (1280 px) width, in Vietnamese and
 * English, for looking at (cut-off text, overflowing tables, wrapping buttons). Needs the service running and
 * an account: `npm start`, `npm run admin -- add-user NAME --role admin`, then
 * `CONSOLE_USER=NAME CONSOLE_PASSWORD=… npm run screenshots:console` (BASE_URL, OUT_DIR, CAMPAIGN override).
 */
import { mkdir } from 'node:fs/promises';
import { chromium } from 'playwright-core';
import { CHROME_ARGS, chromePath } from './chrome-path.js';

const base = process.env.BASE_URL ?? 'http://localhost:8787';
const out = process.env.OUT_DIR ?? 'docs/screenshots/console';
const campaign = process.env.CAMPAIGN ?? 'chuyen-doi-so-2020-2025';
const user = process.env.CONSOLE_USER;
const password = process.env.CONSOLE_PASSWORD;
if (!user || !password) throw new Error('set CONSOLE_USER and CONSOLE_PASSWORD (an account of the running service)');

const pages = [
  ['sign-in', '/admin/'],
  ['campaigns', '/admin/'],
  ...['messages', 'units', 'settings', 'sites', 'results'].map((s) => [s, `/admin/campaigns/${campaign}/${s}`]),
  ['audit', '/admin/audit'],
  ['accounts', '/admin/accounts'],
  ['password', '/admin/password'],
] as const;

await mkdir(out, { recursive: true });
const browser = await chromium.launch({ executablePath: chromePath(), args: CHROME_ARGS });
for (const lang of ['vi', 'en'] as const) {
  for (const [label, width, height] of [
    ['phone', 375, 812],
    ['desktop', 1280, 800],
  ] as const) {
    const context = await browser.newContext({ viewport: { width, height } });
    await context.addInitScript((l) => localStorage.setItem('lantoa:console:lang', JSON.stringify(l)), lang);
    const tab = await context.newPage();
    for (const [name, path] of pages) {
      await tab.goto(`${base}${path}`);
      const main = tab.locator('lantoa-console main');
      await main.locator('h1').waitFor();
      if (name === 'sign-in') {
        await tab.screenshot({ path: `${out}/${name}-${label}-${lang}.png`, fullPage: true });
        await tab.locator('#name').fill(user);
        await tab.locator('#password').fill(password);
        await tab.locator('button[type=submit]').click();
        await tab.locator('lantoa-console-campaigns h1').waitFor();
        continue;
      }
      // Loaded: no "Loading…" left in any page or section.
      // A string, not a function: tsx would wrap a named inner function in a helper the page does not have.
      await tab.waitForFunction(`(() => {
        const busy = (root) => !!root && (!!root.querySelector('[role=status]:not(.status)') ||
          [...root.querySelectorAll('*')].some((el) => el.localName.startsWith('lantoa-console') && busy(el.shadowRoot)));
        return !busy(document.querySelector('lantoa-console')?.shadowRoot);
      })()`);
      await tab.waitForTimeout(name === 'results' ? 1500 : 300); // the chart draws after chart.js arrives
      await tab.screenshot({ path: `${out}/${name}-${label}-${lang}.png`, fullPage: true });
    }
    await context.close();
  }
}
await browser.close();
console.log(`screenshots in ${out}`);
