import { expect, html } from '@open-wc/testing';
import sinon from 'sinon';
import { calendarDaysUntil, isWithin, parseIsoDate } from '../../src/core/dates.js';
import { defineElement } from '../../src/core/define.js';
import { formatDate, formatNumber, resolveLocale, toLocale } from '../../src/core/i18n.js';
import { LantoaElement } from '../../src/core/lantoa-element.js';
import { fetchJson, LoadError, readInlineJson } from '../../src/core/load.js';
import { httpUrl } from '../../src/core/safe-url.js';
import { readStored, writeStored } from '../../src/core/storage.js';
import { captureConsole } from '../helpers.js';

describe('core', () => {
  describe('defineElement', () => {
    it('keeps the first definition and warns once when a tag is defined again', () => {
      class First extends HTMLElement {}
      class Second extends HTMLElement {}
      const warnings = captureConsole('warn');
      try {
        defineElement('lantoa-test-twice', First);
        expect(() => defineElement('lantoa-test-twice', Second)).to.not.throw();
        defineElement('lantoa-test-twice', Second);
        expect(customElements.get('lantoa-test-twice')).to.equal(First);
        expect(warnings.calls.length).to.equal(1);
        expect(warnings.calls[0]).to.contain('<lantoa-test-twice> is already defined');
      } finally {
        warnings.restore();
      }
    });
    it('upgrades elements already in the page in the next task, not in the module’s (a long task on a phone)', async () => {
      class Later extends HTMLElement {}
      class Copy extends HTMLElement {}
      const el = document.createElement('lantoa-test-later');
      document.body.append(el);
      const warnings = captureConsole('warn');
      try {
        defineElement('lantoa-test-later', Later);
        defineElement('lantoa-test-later', Copy); // a second copy of the script: still one definition, one warning
        expect(el instanceof Later, 'upgraded in the defining task').to.equal(false);
        await customElements.whenDefined('lantoa-test-later');
        expect(el instanceof Later).to.equal(true);
        await new Promise((resolve) => setTimeout(resolve));
        expect(warnings.calls.length).to.equal(1);
        // With none in the page there is nothing to upgrade: defined at once (a script that creates one then works).
        class Now extends HTMLElement {}
        defineElement('lantoa-test-now', Now);
        expect(customElements.get('lantoa-test-now')).to.equal(Now);
      } finally {
        warnings.restore();
        el.remove();
      }
    });
  });

  describe('LantoaElement', () => {
    class Probe extends LantoaElement {
      protected renderContent() {
        return html`<p>${this.lang}</p>`;
      }
    }
    defineElement('lantoa-test-probe', Probe);
    const microtasks = async (n: number) => {
      for (let i = 0; i < n; i++) await Promise.resolve();
    };

    it('renders first in a task after its upgrade (no long task on a slow phone), later updates at once', async () => {
      const el = document.createElement('lantoa-test-probe') as Probe;
      el.lang = 'vi';
      document.body.append(el);
      try {
        await microtasks(20); // Lit alone would have rendered within these
        expect(Boolean(el.shadowRoot?.querySelector('p')), 'rendered in the same task').to.equal(false);
        await el.updateComplete;
        expect(el.shadowRoot!.querySelector('p')!.textContent).to.equal('vi');
        el.lang = 'en';
        await microtasks(20);
        expect(el.shadowRoot!.querySelector('p')!.textContent).to.equal('en');
      } finally {
        el.remove();
      }
    });
  });

  describe('i18n', () => {
    it('maps language tags to a supported locale, Vietnamese by default', () => {
      expect(toLocale('en-GB')).to.equal('en');
      expect(toLocale('EN')).to.equal('en');
      expect(toLocale('vi-VN')).to.equal('vi');
      expect(toLocale('fr')).to.equal('vi');
      expect(toLocale('')).to.equal('vi');
      expect(toLocale(null)).to.equal('vi');
    });

    it('finds the nearest lang, crossing shadow roots', () => {
      const outer = document.createElement('div');
      outer.lang = 'en';
      const host = document.createElement('div');
      outer.append(host);
      const inner = document.createElement('span');
      host.attachShadow({ mode: 'open' }).append(inner);
      document.body.append(outer);
      try {
        expect(resolveLocale(inner)).to.equal('en');
        host.lang = 'vi';
        expect(resolveLocale(inner)).to.equal('vi');
      } finally {
        outer.remove();
      }
    });

    it('formats numbers and dates for the locale', () => {
      expect(formatNumber('vi', 1234567)).to.equal('1.234.567');
      expect(formatNumber('en', 1234567)).to.equal('1,234,567');
      expect(formatDate('vi', new Date(2026, 9, 10))).to.equal('10/10/2026');
    });
  });

  describe('dates', () => {
    it('parses ISO days and timestamps and refuses anything else', () => {
      expect(parseIsoDate('2026-10-10')!.start.getTime()).to.equal(new Date(2026, 9, 10).getTime());
      expect(parseIsoDate('2026-10-10')!.wholeDay).to.equal(true);
      expect(parseIsoDate('2026-10-10T08:00:00+07:00')!.start.toISOString()).to.equal('2026-10-10T01:00:00.000Z');
      for (const bad of ['2026-02-30', '2026-13-01', '10/10/2026', '2026-1-1', 'soon', '', '2026-10-10T25:00']) {
        expect(parseIsoDate(bad), bad).to.equal(null);
      }
    });

    it('treats the end day as included and missing bounds as open', () => {
      const start = parseIsoDate('2026-10-01');
      const end = parseIsoDate('2026-10-10');
      expect(isWithin(new Date(2026, 8, 30, 23, 59), start, end)).to.equal(false);
      expect(isWithin(new Date(2026, 9, 1, 0, 0), start, end)).to.equal(true);
      expect(isWithin(new Date(2026, 9, 10, 23, 59), start, end)).to.equal(true);
      expect(isWithin(new Date(2026, 9, 11, 0, 0), start, end)).to.equal(false);
      expect(isWithin(new Date(2030, 0, 1), null, null)).to.equal(true);
    });

    it('counts calendar days, whatever the hour', () => {
      const target = parseIsoDate('2026-10-10')!;
      expect(calendarDaysUntil(new Date(2026, 9, 9, 23, 59), target)).to.equal(1);
      expect(calendarDaysUntil(new Date(2026, 9, 10, 0, 1), target)).to.equal(0);
      expect(calendarDaysUntil(new Date(2026, 0, 1), target)).to.equal(282);
      expect(calendarDaysUntil(new Date(2026, 9, 11), target)).to.equal(-1);
    });
  });

  describe('httpUrl', () => {
    it('accepts http and https links, absolute or relative', () => {
      expect(httpUrl('https://example.org/x')).to.equal('https://example.org/x');
      expect(httpUrl('http://example.org')).to.equal('http://example.org/');
      expect(httpUrl('/trang')).to.equal(new URL('/trang', document.baseURI).href);
    });

    it('refuses every other scheme and malformed input', () => {
      for (const bad of [
        'javascript:alert(1)',
        ' JAVASCRIPT:alert(1)',
        'java\tscript:alert(1)',
        'data:text/html,x',
        'vbscript:x',
        'file:///etc/passwd',
        'ftp://x',
        'http://[',
        '',
        null,
        undefined,
      ]) {
        expect(httpUrl(bad), String(bad)).to.equal(null);
      }
    });
  });

  describe('loading', () => {
    it('fetches JSON', async () => {
      const data = (await fetchJson('/test/fixtures/feed-valid.json')) as { messages: unknown[] };
      expect(data.messages.length).to.equal(1);
    });

    it('names HTTP errors, bad JSON and timeouts', async () => {
      const failure = async (url: string, timeoutMs?: number) => {
        try {
          await fetchJson(url, { timeoutMs });
        } catch (error) {
          return error as LoadError;
        }
        throw new Error('expected a failure');
      };
      const missing = await failure('/test/fixtures/none.json');
      expect([missing.kind, missing.status]).to.deep.equal(['http', 404]);
      expect((await failure('/test/helpers.ts')).kind).to.equal('parse');
      const slow = await failure('/test-fixtures/slow-feed.json?ms=2000', 200);
      expect(slow.kind).to.equal('timeout');
      expect(slow.message).to.contain('within 200 ms');
    });

    it('aborts when asked', async () => {
      const controller = new AbortController();
      const pending = fetchJson('/test-fixtures/slow-feed.json?ms=2000', { signal: controller.signal });
      controller.abort();
      try {
        await pending;
        expect.fail('should have been aborted');
      } catch (error) {
        expect((error as Error).name).to.equal('AbortError');
      }
    });

    it('reads only a direct inline JSON child', () => {
      const host = document.createElement('div');
      host.innerHTML = '<div><script type="application/json">{"nested":true}</script></div>';
      expect(readInlineJson(host)).to.equal(undefined);
      host.insertAdjacentHTML('beforeend', '<script type="application/json">{"own":true}</script>');
      expect(readInlineJson(host)).to.deep.equal({ own: true });
      host.lastElementChild!.textContent = '{ broken';
      expect(() => readInlineJson(host)).to.throw(LoadError, 'not valid JSON');
    });
  });

  describe('storage', () => {
    it('reads back what it wrote, and reports blocked storage instead of throwing', () => {
      expect(writeStored('lantoa:test', { a: 1 })).to.equal(true);
      expect(readStored('lantoa:test')).to.deep.equal({ a: 1 });
      localStorage.removeItem('lantoa:test');
      const setItem = sinon.stub(Storage.prototype, 'setItem').throws(new DOMException('quota', 'QuotaExceededError'));
      const getItem = sinon.stub(Storage.prototype, 'getItem').throws(new DOMException('blocked', 'SecurityError'));
      try {
        expect(writeStored('lantoa:test', 1)).to.equal(false);
        expect(readStored('lantoa:test')).to.equal(null);
      } finally {
        setItem.restore();
        getItem.restore();
      }
    });
  });
});
