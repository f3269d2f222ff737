/**
 * Time from the chart's `src` response to the painted chart on the demo province page (a CSV source),
 * cold loads, median of RUNS, unthrottled and on emulated 2G (280 kbit/s, 800 ms round trip, CPU 4×
 * slower). Reads the widget's performance marks `lantoa:lantoa-progress-chart:data` (response parsed)
 * and `…:chart` (first frame painted). Needs the service running: `npm start`, then `npm run bench:chart`
 * (BASE_URL overrides http://localhost:8787).
 */
import { chromium } from 'playwright-core';
import { CHROME_ARGS, chromePath } from './chrome-path.js';

const base = process.env.BASE_URL ?? 'http://localhost:8787';
const runs = Number(process.env.RUNS ?? 5);
const browser = await chromium.launch({ executablePath: chromePath(), args: CHROME_ARGS });

interface Run {
  dataToPaint: number;
  navigationToPaint: number;
}

async function once(slow: boolean): Promise<Run> {
  const context = await browser.newContext({ viewport: { width: 1280, height: 800 } });
  const page = await context.newPage();
  const cdp = await context.newCDPSession(page);
  await cdp.send('Network.enable');
  await cdp.send('Network.setCacheDisabled', { cacheDisabled: true });
  if (slow) {
    await cdp.send('Network.emulateNetworkConditions', {
      offline: false,
      latency: 800,
      downloadThroughput: 280_000 / 8,
      uploadThroughput: 280_000 / 8,
    });
    await cdp.send('Emulation.setCPUThrottlingRate', { rate: 4 });
  }
  // The visitor scrolls to the chart as soon as the page is there.
  await page.addInitScript(() =>
    document.addEventListener('DOMContentLoaded', () =>
      document.querySelector('lantoa-progress-chart')?.scrollIntoView(),
    ),
  );
  await page.goto(`${base}/demo/province.html`);
  await page.waitForFunction(
    () => performance.getEntriesByName('lantoa:lantoa-progress-chart:chart').length > 0,
    null,
    { timeout: 120_000 },
  );
  // (No helper function inside: tsx would wrap it in a __name() call the page does not have.)
  const [data, chart] = await page.evaluate(() =>
    ['lantoa:lantoa-progress-chart:data', 'lantoa:lantoa-progress-chart:chart'].map(
      (name) => performance.getEntriesByName(name)[0].startTime,
    ),
  );
  const result = { dataToPaint: chart - data, navigationToPaint: chart };
  await context.close();
  return result;
}

const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)];
for (const slow of [false, true]) {
  const results: Run[] = [];
  for (let i = 0; i < runs; i++) results.push(await once(slow));
  const label = slow ? '2G (280 kbit/s, 800 ms RTT, CPU 4×)' : 'unthrottled';
  console.log(
    `${label}: src response → painted chart ${median(results.map((r) => r.dataToPaint)).toFixed(0)} ms, ` +
      `navigation → painted chart ${median(results.map((r) => r.navigationToPaint)).toFixed(0)} ms (median of ${runs})`,
  );
}
await browser.close();
