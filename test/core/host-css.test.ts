/**
 * What a host page's CSS does to every widget, in real Chromium: a root font size other than 16 px
 * (WordPress themes' `html { font-size: 62.5% }`) and a visitor whose OS is in dark mode.
 */
import { expect, fixture, html } from '@open-wc/testing';
import { emulateMedia, executeServerCommand } from '@web/test-runner-commands';
import '../../src/widgets/banner/banner.js';
import '../../src/widgets/pledge-counter/pledge-counter.js';
import '../../src/widgets/progress-chart/progress-chart.js';
import '../../src/widgets/quiz-card/quiz-card.js';
import type { LantoaElement } from '../../src/core/lantoa-element.js';
import { until } from '../helpers.js';

const API = await executeServerCommand<string, unknown>('pledge-service', { action: 'api' });

interface Widget {
  name: string;
  /** A widget showing real content, with its tap targets on show. */
  make: (theme?: string) => Promise<LantoaElement>;
  /** The widget's body text (not a heading, not a small note). */
  text: string;
  /** Its tap targets: buttons, links, whole-row labels. */
  targets: string;
  /** The body text's size in px on a 16 px root (the ribbon and the chart's table are set a little smaller). */
  textPx: number;
}

const themeAttr = (theme?: string) => theme ?? '';

async function shown(el: LantoaElement, selector: string): Promise<LantoaElement> {
  await until(() => !!el.shadowRoot?.querySelector(selector), 8000, `${el.localName} to show ${selector}`);
  await el.updateComplete;
  return el;
}

/** Sets the theme attribute only when given, so the default is really the default. */
function withTheme<T extends HTMLElement>(el: T, theme?: string): T {
  if (theme) el.setAttribute('theme', theme);
  return el;
}

const widgets: Widget[] = [
  {
    name: 'banner (bar)',
    make: async (theme) =>
      shown(
        withTheme(
          await fixture<LantoaElement>(
            html`<lantoa-banner dismissible cta-href="https://example.org/" message="Cùng lan tỏa chuyển đổi số."></lantoa-banner>`,
          ),
          theme,
        ),
        '[part="cta"]',
      ),
    text: '[part="headline"]',
    targets: '[part="cta"], [part="dismiss"]',
    textPx: 16,
  },
  {
    name: 'banner (hero)',
    make: async (theme) =>
      shown(
        withTheme(
          await fixture<LantoaElement>(
            html`<lantoa-banner variant="hero" dismissible cta-href="https://example.org/"></lantoa-banner>`,
          ),
          theme,
        ),
        '[part="cta"]',
      ),
    text: '[part="message"]',
    targets: '[part="cta"], [part="dismiss"]',
    textPx: 18, // the hero's message, at the width of the test page
  },
  {
    name: 'banner (ribbon)',
    make: async (theme) =>
      shown(
        withTheme(
          await fixture<LantoaElement>(
            html`<lantoa-banner variant="ribbon" dismissible cta-href="https://example.org/"></lantoa-banner>`,
          ),
          theme,
        ),
        '[part="cta"]',
      ),
    text: '[part="message"]',
    targets: '[part="cta"], [part="dismiss"]',
    textPx: 14,
  },
  {
    name: 'pledge counter',
    make: async (theme) =>
      shown(
        withTheme(
          await fixture<LantoaElement>(
            html`<lantoa-pledge-counter api=${API} campaign="test-campaign" unit="ba-tri"></lantoa-pledge-counter>`,
          ),
          theme,
        ),
        'form label',
      ),
    text: 'form label',
    targets: 'form label, form button',
    textPx: 16,
  },
  {
    name: 'quiz card',
    make: async (theme) =>
      shown(
        withTheme(await fixture<LantoaElement>(html`<lantoa-quiz-card></lantoa-quiz-card>`), theme),
        '[part="choice"]',
      ),
    text: '.choice-text',
    targets: '[part="choice"], button',
    textPx: 16,
  },
  {
    name: 'progress chart',
    make: async (theme) =>
      shown(
        withTheme(await fixture<LantoaElement>(html`<lantoa-progress-chart></lantoa-progress-chart>`), theme),
        '[part="toggle"]',
      ),
    text: '[part="table"] td',
    targets: '[part="toggle"]',
    textPx: 15,
  },
];

interface Sizes {
  text: number;
  targets: { height: number; width: number }[];
}

function sizes(el: LantoaElement, widget: Widget): Sizes {
  const root = el.shadowRoot!;
  const text = root.querySelector(widget.text)!;
  const targets = [...root.querySelectorAll(widget.targets)].map((target) => {
    const { height, width } = target.getBoundingClientRect();
    return { height: Math.round(height * 10) / 10, width: Math.round(width * 10) / 10 };
  });
  return { text: parseFloat(getComputedStyle(text).fontSize), targets };
}

const setRoot = (size: string) => (document.documentElement.style.fontSize = size);

describe('host CSS', () => {
  afterEach(() => {
    setRoot('');
    localStorage.clear();
  });

  describe('root font size', () => {
    for (const widget of widgets) {
      it(`${widget.name}: html { font-size: 62.5% } changes no text size and no tap target; targets ≥ 44 px`, async () => {
        const el = await widget.make();
        const atSixteen = sizes(el, widget);
        expect(parseFloat(getComputedStyle(document.documentElement).fontSize)).to.equal(16);
        expect(atSixteen.text).to.equal(widget.textPx);
        expect(atSixteen.targets.length).to.be.greaterThan(0);

        setRoot('62.5%');
        expect(parseFloat(getComputedStyle(document.documentElement).fontSize)).to.equal(10);
        const atTen = sizes(el, widget);
        expect(atTen).to.deep.equal(atSixteen);
        for (const target of atTen.targets) expect(target.height, `${widget.name} target height`).to.be.at.least(44);
        for (const target of atTen.targets) expect(target.width, `${widget.name} target width`).to.be.at.least(44);
      });
    }

    it('a page that enlarges its root text enlarges the widgets with it', async () => {
      const widget = widgets.find((w) => w.name === 'quiz card')!;
      const el = await widget.make();
      const before = sizes(el, widget);
      setRoot('125%');
      const after = sizes(el, widget);
      expect(after.text).to.equal(before.text * 1.25);
      expect(after.targets[0].height).to.be.greaterThan(before.targets[0].height);
    });
  });

  describe('theme, with the OS in dark mode', () => {
    before(() => emulateMedia({ colorScheme: 'dark' }));
    after(() => emulateMedia({ colorScheme: 'light' }));

    /** Whether the widget's own box is painted dark (relative luminance of its background colour). */
    function paintedDark(el: LantoaElement): boolean {
      const base = el.shadowRoot!.querySelector('[part="base"]')!;
      const [r, g, b] = getComputedStyle(base).backgroundColor.match(/\d+/g)!.map(Number);
      return 0.2126 * r + 0.7152 * g + 0.0722 * b < 128;
    }

    for (const widget of widgets.filter((w) => !w.name.includes('bar') && !w.name.includes('ribbon'))) {
      for (const [theme, dark] of [
        [undefined, false],
        ['light', false],
        ['auto', true],
        ['dark', true],
      ] as const) {
        it(`${widget.name}: theme=${themeAttr(theme) || '(none)'} is ${dark ? 'dark' : 'light'}, axe-clean`, async () => {
          expect(matchMedia('(prefers-color-scheme: dark)').matches).to.equal(true);
          const el = await widget.make(theme);
          expect(getComputedStyle(el).colorScheme).to.equal(dark ? 'dark' : 'light');
          expect(paintedDark(el)).to.equal(dark);
          await expect(el).to.be.accessible();
        });
      }
    }
  });
});
