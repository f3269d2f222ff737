/**
 * End to end, the hostile host pages of demo/hosts/ served by the real service with the built widgets, in
 * a real Chromium: a strict Content-Security-Policy page (no widget may cause a violation) and a
 * WordPress-like theme with `html { font-size: 62.5% }` (no widget may shrink). Needs `npm run build` first.
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { Page } from 'playwright-core';
import { endToEnd } from './setup.js';

const e2e = endToEnd();

interface Violation {
  directive: string;
  blocked: string;
  sample: string;
  source: string;
}

/** Opens `path` with every `securitypolicyviolation` recorded from before the first script runs. */
async function openRecordingViolations(path: string, width: number): Promise<Page> {
  const page = await e2e.browser.newPage({ viewport: { width, height: 900 } });
  // Injected over the DevTools protocol, so the page's own CSP does not apply to this script.
  await page.addInitScript(() => {
    const seen: Violation[] = [];
    (window as unknown as { violations: Violation[] }).violations = seen;
    document.addEventListener('securitypolicyviolation', (event) =>
      seen.push({
        directive: event.effectiveDirective,
        blocked: event.blockedURI,
        sample: event.sample,
        source: `${event.sourceFile}:${event.lineNumber}`,
      }),
    );
  });
  await page.goto(`${e2e.base}${path}`);
  return page;
}

const violations = (page: Page) => page.evaluate(() => (window as unknown as { violations: Violation[] }).violations);

/** Brings the chart near the viewport (it loads chart.js only then) and waits until it has drawn. */
async function chartDrawn(page: Page): Promise<void> {
  await page.locator('lantoa-progress-chart').scrollIntoViewIfNeeded();
  await page.locator('lantoa-progress-chart .layer.chart:not(.off) canvas').waitFor();
  await page.waitForFunction(() => {
    const canvas = document.querySelector('lantoa-progress-chart')?.shadowRoot?.querySelector('canvas');
    return !!canvas && canvas.width > 0 && canvas.height > 0;
  });
}

for (const lang of ['vi', 'en'] as const) {
  test(`strict CSP page (${lang}): all four widgets render real content and cause no CSP violation`, async () => {
    const page = await openRecordingViolations(`/demo/hosts/strict-csp.html${lang === 'en' ? '?lang=en' : ''}`, 375);
    const pageErrors: string[] = [];
    page.on('pageerror', (error) => pageErrors.push(error.message));
    const en = lang === 'en';

    await page
      .locator('lantoa-banner[variant="hero"] [part="cta"]', { hasText: en ? 'About the scheme' : 'Tìm hiểu Đề án' })
      .waitFor();
    assert.match(
      await page.locator('#lantoa-top [part="countdown"]').innerText(),
      en ? /days? to National Digital Transformation Day/ : /ngày đến Ngày Chuyển đổi số quốc gia/,
    );

    // The counter: figures from the service, the progress bar (the width it sets itself), then a pledge.
    const counter = page.locator('lantoa-pledge-counter');
    await counter.locator('.figure dd').first().waitFor();
    assert.match(
      await counter
        .locator('.bar > span')
        .first()
        .evaluate((span) => (span as HTMLElement).style.width),
      /^\d+(\.\d+)?%$/,
    );
    await counter.locator('input[value="smartphone"]').check();
    await counter.locator('button[type="submit"]').click();
    await counter.locator('.notice', { hasText: en ? 'Thank you' : 'Cảm ơn' }).waitFor();
    assert.equal(await counter.locator('.figure dd').first().innerText(), lang === 'vi' ? '1' : '2');

    await chartDrawn(page);
    assert.equal(await page.locator('lantoa-progress-chart [part="table"] tbody tr').count(), 3);

    const quiz = page.locator('lantoa-quiz-card');
    await quiz.locator('[part="choice"]').first().scrollIntoViewIfNeeded();
    assert.equal(await quiz.locator('[part="choice"]').count(), 4);
    await quiz.locator('[part="choice"] input').first().check();
    await quiz.locator('button', { hasText: en ? 'Check' : 'Kiểm tra' }).click();
    await quiz.locator('[part="feedback"]').waitFor();

    await page.waitForTimeout(300); // a violation report is dispatched as a task of its own
    assert.deepEqual(await violations(page), []);
    assert.deepEqual(pageErrors, []);

    // Control: the policy is in force and the recorder sees what it refuses, so the zero above can fail.
    await page.evaluate(() => document.body.insertAdjacentHTML('beforeend', '<div style="color: red">x</div>'));
    await page.waitForFunction(() => (window as unknown as { violations: Violation[] }).violations.length > 0);
    assert.equal((await violations(page))[0].directive, 'style-src-attr');
    await page.close();
  });
}

/** Per widget: body-text selectors (the first match is measured) and the tap targets inside its shadow root. */
const MEASURED: Record<string, string[]> = {
  '#lantoa-top': ['[part="countdown"]'],
  'lantoa-banner[variant="hero"]': ['[part="message"]'],
  'lantoa-banner[variant="ribbon"]': ['[part="countdown"]', '[part="headline"]'],
  'lantoa-pledge-counter': ['.title', 'label'],
  'lantoa-progress-chart': ['.title', 'td'],
  'lantoa-quiz-card': ['.question', '.choice-text'],
};
const TARGETS = 'button, a[href], label, summary';

interface Measured {
  /** `host selector › text selector` → computed font size, px. */
  text: Record<string, number>;
  /** `host selector › target n` → its box, px. */
  targets: Record<string, { width: number; height: number }>;
}

async function measure(page: Page): Promise<Measured> {
  return page.evaluate(
    ({ measured, targets }) => {
      const out: Measured = { text: {}, targets: {} };
      for (const [host, selectors] of Object.entries(measured)) {
        const root = document.querySelector(host)!.shadowRoot!;
        for (const selector of selectors)
          out.text[`${host} › ${selector}`] = parseFloat(getComputedStyle(root.querySelector(selector)!).fontSize);
        [...root.querySelectorAll(targets)].forEach((target, index) => {
          const { width, height } = target.getBoundingClientRect();
          if (width > 0)
            out.targets[`${host} › ${target.localName} ${index}`] = {
              width: Math.round(width),
              height: Math.round(height),
            };
        });
      }
      // Text written by the page inside the banner (the theme makes <b> 12 px) takes the banner's typography.
      out.text['#lantoa-top › slotted headline'] = parseFloat(
        getComputedStyle(document.querySelector('#lantoa-top [slot="headline"]')!).fontSize,
      );
      return out;
    },
    { measured: MEASURED, targets: TARGETS },
  );
}

async function openWordPressTheme(lang: 'vi' | 'en', root?: string): Promise<Page> {
  const page = await e2e.browser.newPage({ viewport: { width: 375, height: 800 } });
  await page.goto(`${e2e.base}/demo/hosts/wordpress-theme.html${lang === 'en' ? '?lang=en' : ''}`);
  if (root) await page.addStyleTag({ content: `html { font-size: ${root} !important; }` });
  await page.locator('lantoa-pledge-counter form label').first().waitFor();
  await page.locator('lantoa-quiz-card [part="choice"]').first().waitFor();
  await page.locator('lantoa-banner[variant="hero"] [part="cta"]').waitFor();
  await chartDrawn(page);
  return page;
}

for (const lang of ['vi', 'en'] as const) {
  test(`WordPress-like theme with html{font-size:62.5%} at 375 px (${lang}): text as on a 16 px root, tap targets ≥ 44 px`, async () => {
    const themed = await openWordPressTheme(lang);
    assert.equal(await themed.evaluate(() => getComputedStyle(document.documentElement).fontSize), '10px');
    const onTheme = await measure(themed);
    const plain = await openWordPressTheme(lang, '100%');
    assert.equal(await plain.evaluate(() => getComputedStyle(document.documentElement).fontSize), '16px');
    const onSixteen = await measure(plain);

    // Text sizes are the same on both roots. (Boxes are not compared: their width is the page's column, which
    // this theme sizes partly in rem; the targets' minimum is checked below.)
    assert.deepEqual(onTheme.text, onSixteen.text);
    for (const [where, size] of Object.entries(onTheme.text)) {
      // Body text at 16 px; the ribbon, the countdown badges and the chart's table are set smaller by design (14 and 15 px on any root).
      assert.ok(size >= (/countdown|ribbon/.test(where) ? 14 : / td$/.test(where) ? 15 : 16), `${where}: ${size}px`);
    }
    const targets = Object.entries(onTheme.targets);
    assert.ok(targets.length >= 10, `tap targets measured: ${targets.length}`);
    for (const [where, box] of targets)
      assert.ok(box.height >= 44 && box.width >= 44, `${where}: ${box.width}×${box.height}`);
    await themed.close();
    await plain.close();
  });
}
