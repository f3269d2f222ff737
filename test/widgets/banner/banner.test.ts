import { expect, fixture, html, oneEvent } from '@open-wc/testing';
import sinon from 'sinon';
import { LantoaBanner } from '../../../src/widgets/banner/banner.js';
import { bannerStrings } from '../../../src/widgets/banner/banner.strings.js';
import { part, shownText, until, withConsole } from '../../helpers.js';

const STORAGE_PREFIX = 'lantoa:banner:dismissed:';
const XSS = `<img src=x onerror="window.__pwned=true"><script>window.__pwned=true</script>`;

/** A fixed clock for the date window and countdown: only Date is faked, timers run for real. */
function freezeDate(isoDay: string): sinon.SinonFakeTimers {
  const [y, m, d] = isoDay.split('-').map(Number);
  return sinon.useFakeTimers({ now: new Date(y, m - 1, d, 12, 0, 0), toFake: ['Date'] });
}

async function settled(el: LantoaBanner): Promise<void> {
  await el.updateComplete; // a property just set has not rendered its busy state yet
  await until(() => el.shadowRoot!.querySelector('[aria-busy="true"]') === null, 5000, 'feed to settle');
  await el.updateComplete;
}

describe('<lantoa-banner>', () => {
  let clock: sinon.SinonFakeTimers | undefined;
  afterEach(() => {
    clock?.restore();
    clock = undefined;
    localStorage.clear();
    document.documentElement.lang = 'vi';
    LantoaBanner.feedTimeoutMs = 10_000;
  });

  describe('defaults', () => {
    it('shows the letter’s message in Vietnamese by default, as a bar', async () => {
      const el = await fixture<LantoaBanner>(html`<lantoa-banner></lantoa-banner>`);
      expect(el.variant).to.equal('bar');
      expect(shownText(el, 'headline')).to.equal(bannerStrings.vi.headline);
      expect(shownText(el, 'headline')).to.contain('chuyển đổi số tỉnh Bến Tre giai đoạn 2020–2025');
      expect(shownText(el, 'message')).to.contain('từ điểm tới diện');
      expect(part(el, 'cta')).to.equal(null); // no link until a cta-href is given
      expect(part(el, 'dismiss')).to.equal(null);
      expect(el.hidden).to.equal(false);
    });

    it('shows the English default when the page is English', async () => {
      document.documentElement.lang = 'en';
      const el = await fixture<LantoaBanner>(html`<lantoa-banner></lantoa-banner>`);
      expect(shownText(el, 'headline')).to.equal('Bến Tre Digital Transformation Scheme 2020–2025, vision to 2030');
      expect(shownText(el, 'message')).to.contain('switch from 2G to 4G');
    });

    it('is not a landmark, so two banners with one headline on a page stay axe-clean', async () => {
      const wrapper = await fixture<HTMLDivElement>(
        html`<div><lantoa-banner></lantoa-banner><lantoa-banner variant="hero"></lantoa-banner></div>`,
      );
      await Promise.all([...wrapper.querySelectorAll('lantoa-banner')].map((b) => b.updateComplete));
      expect(part(wrapper.querySelector('lantoa-banner')!, 'base')!.hasAttribute('role')).to.equal(false);
      await expect(wrapper).to.be.accessible();
    });
  });

  describe('attributes', () => {
    it('renders headline, message and a call to action', async () => {
      const el = await fixture<LantoaBanner>(
        html`<lantoa-banner headline="Tiêu đề" message="Nội dung" cta-label="Tham gia" cta-href="https://example.org/a?b=1"></lantoa-banner>`,
      );
      expect(shownText(el, 'headline')).to.equal('Tiêu đề');
      expect(shownText(el, 'message')).to.equal('Nội dung');
      const cta = part(el, 'cta') as HTMLAnchorElement;
      expect(cta.href).to.equal('https://example.org/a?b=1');
      expect(cta.textContent!.trim()).to.equal('Tham gia');
    });

    it('labels the call to action by default and resolves relative links', async () => {
      const el = await fixture<LantoaBanner>(html`<lantoa-banner cta-href="/tim-hieu"></lantoa-banner>`);
      const cta = part(el, 'cta') as HTMLAnchorElement;
      expect(cta.textContent!.trim()).to.equal('Tìm hiểu thêm');
      expect(cta.href).to.equal(new URL('/tim-hieu', document.baseURI).href);
    });

    for (const variant of ['bar', 'hero', 'ribbon'] as const) {
      it(`lays out the ${variant} variant`, async () => {
        const el = await fixture<LantoaBanner>(html`<lantoa-banner variant=${variant}></lantoa-banner>`);
        expect(el.getAttribute('variant')).to.equal(variant);
        expect(part(el, 'base')).to.not.equal(null);
        await expect(el).to.be.accessible();
      });
    }

    it('variants differ where it matters: the bar is brand-coloured, the hero a card, the ribbon slim', async () => {
      const bar = await fixture<LantoaBanner>(html`<lantoa-banner variant="bar"></lantoa-banner>`);
      const hero = await fixture<LantoaBanner>(html`<lantoa-banner variant="hero"></lantoa-banner>`);
      const ribbon = await fixture<LantoaBanner>(html`<lantoa-banner variant="ribbon"></lantoa-banner>`);
      const bg = (el: LantoaBanner) => getComputedStyle(part(el, 'base')!).backgroundColor;
      expect(bg(bar)).to.equal('rgb(11, 78, 162)');
      expect(bg(hero)).to.not.equal(bg(bar));
      expect(getComputedStyle(part(hero, 'base')!).borderInlineStartWidth).to.equal('6px');
      expect(parseFloat(getComputedStyle(part(ribbon, 'base')!).fontSize)).to.be.below(
        parseFloat(getComputedStyle(part(bar, 'base')!).fontSize),
      );
    });

    it('follows theme tokens set by the page', async () => {
      const el = await fixture<LantoaBanner>(
        html`<lantoa-banner style="--lantoa-color-primary: rgb(1, 2, 3)"></lantoa-banner>`,
      );
      expect(getComputedStyle(part(el, 'base')!).backgroundColor).to.equal('rgb(1, 2, 3)');
      const own = await fixture<LantoaBanner>(
        html`<lantoa-banner style="--lantoa-banner-background: rgb(4, 5, 6)"></lantoa-banner>`,
      );
      expect(getComputedStyle(part(own, 'base')!).backgroundColor).to.equal('rgb(4, 5, 6)');
    });

    it('uses the dark palette with theme="dark"', async () => {
      const el = await fixture<LantoaBanner>(html`<lantoa-banner variant="hero" theme="dark"></lantoa-banner>`);
      expect(getComputedStyle(part(el, 'base')!).backgroundColor).to.equal('rgb(29, 37, 50)');
      await expect(el).to.be.accessible();
    });

    it('keeps text written inside the element (slots) over the attributes', async () => {
      const el = await fixture<LantoaBanner>(html`<lantoa-banner headline="Thuộc tính">
        <b slot="headline">Viết sẵn trong trang</b><span slot="message">Lời nhắn viết sẵn</span>
      </lantoa-banner>`);
      expect(shownText(el, 'headline')).to.equal('Viết sẵn trong trang');
      expect(shownText(el, 'message')).to.equal('Lời nhắn viết sẵn');
    });
  });

  describe('date window (fixed clock)', () => {
    it('shows inside the window, end day included', async () => {
      clock = freezeDate('2026-10-10');
      const el = await fixture<LantoaBanner>(html`<lantoa-banner start="2026-10-01" end="2026-10-10"></lantoa-banner>`);
      expect(el.hidden).to.equal(false);
      expect(part(el, 'base')).to.not.equal(null);
    });

    it('renders nothing and takes no space before the start', async () => {
      clock = freezeDate('2026-09-30');
      const el = await fixture<LantoaBanner>(html`<lantoa-banner start="2026-10-01" end="2026-10-10"></lantoa-banner>`);
      expect(el.hidden).to.equal(true);
      expect(part(el, 'base')).to.equal(null);
      expect(el.getBoundingClientRect().height).to.equal(0);
    });

    it('retires itself after the end, even against a page rule that displays it', async () => {
      clock = freezeDate('2026-10-11');
      const el = await fixture<LantoaBanner>(
        html`<lantoa-banner end="2026-10-10" style="display:block"></lantoa-banner>`,
      );
      expect(el.hidden).to.equal(true);
      expect(el.getBoundingClientRect().height).to.equal(0);
    });

    it('accepts full timestamps', async () => {
      clock = freezeDate('2026-10-10'); // 12:00 local
      const el = await fixture<LantoaBanner>(
        html`<lantoa-banner end=${new Date(2026, 9, 10, 11, 0).toISOString()}></lantoa-banner>`,
      );
      expect(el.hidden).to.equal(true);
    });
  });

  describe('countdown (fixed clock)', () => {
    it('counts the days left', async () => {
      clock = freezeDate('2026-09-30');
      const el = await fixture<LantoaBanner>(
        html`<lantoa-banner countdown-to="2026-10-10" countdown-label="Ngày Chuyển đổi số quốc gia"></lantoa-banner>`,
      );
      expect(shownText(el, 'countdown')).to.equal('Còn 10 ngày đến Ngày Chuyển đổi số quốc gia');
      el.lang = 'en';
      await el.updateComplete;
      expect(shownText(el, 'countdown')).to.equal('10 days to Ngày Chuyển đổi số quốc gia');
    });

    it('says "Hôm nay" on the day and "Today" in English', async () => {
      clock = freezeDate('2026-10-10');
      const el = await fixture<LantoaBanner>(html`<lantoa-banner countdown-to="2026-10-10"></lantoa-banner>`);
      expect(shownText(el, 'countdown')).to.equal('Hôm nay');
      el.lang = 'en';
      await el.updateComplete;
      expect(shownText(el, 'countdown')).to.equal('Today');
      el.countdownLabel = 'National Digital Transformation Day';
      await el.updateComplete;
      expect(shownText(el, 'countdown')).to.equal('Today is National Digital Transformation Day');
      el.lang = 'vi';
      el.countdownLabel = 'Ngày Chuyển đổi số quốc gia';
      await el.updateComplete;
      expect(shownText(el, 'countdown')).to.equal('Hôm nay là Ngày Chuyển đổi số quốc gia');
    });

    it('uses singular and plural in English and disappears after the day', async () => {
      clock = freezeDate('2026-10-09');
      const el = await fixture<LantoaBanner>(html`<lantoa-banner lang="en" countdown-to="2026-10-10"></lantoa-banner>`);
      expect(shownText(el, 'countdown')).to.equal('1 day left');
      el.countdownTo = '2026-10-12';
      await el.updateComplete;
      expect(shownText(el, 'countdown')).to.equal('3 days left');
      el.countdownTo = '2026-10-08';
      await el.updateComplete;
      expect(part(el, 'countdown')).to.equal(null);
    });
  });

  describe('dismissal', () => {
    it('closes, fires lantoa-dismiss and remembers for dismiss-days', async () => {
      const el = await fixture<LantoaBanner>(
        html`<lantoa-banner dismissible banner-id="top" dismiss-days="7"></lantoa-banner>`,
      );
      const button = part(el, 'dismiss') as HTMLButtonElement;
      expect(button.getAttribute('aria-label')).to.equal('Đóng thông báo');
      setTimeout(() => button.click());
      const event = await oneEvent(el, 'lantoa-dismiss');
      expect(event.detail.ids).to.deep.equal(['top']);
      expect(event.detail.until).to.be.closeTo(Date.now() + 7 * 86_400_000, 5000);
      await el.updateComplete;
      expect(el.hidden).to.equal(true);
      const stored = JSON.parse(localStorage.getItem(`${STORAGE_PREFIX}top`)!);
      expect(stored.until).to.equal(event.detail.until);

      const again = await fixture<LantoaBanner>(html`<lantoa-banner dismissible banner-id="top"></lantoa-banner>`);
      expect(again.hidden).to.equal(true);
      const other = await fixture<LantoaBanner>(html`<lantoa-banner dismissible banner-id="other"></lantoa-banner>`);
      expect(other.hidden).to.equal(false);
    });

    it('shows again once the dismissal has expired, and forgets it', async () => {
      localStorage.setItem(`${STORAGE_PREFIX}top`, JSON.stringify({ until: Date.now() - 1000 }));
      const el = await fixture<LantoaBanner>(html`<lantoa-banner dismissible banner-id="top"></lantoa-banner>`);
      expect(el.hidden).to.equal(false);
      expect(localStorage.getItem(`${STORAGE_PREFIX}top`)).to.equal(null);
    });

    it('still closes for the page view when storage is blocked', async () => {
      const setItem = sinon.stub(Storage.prototype, 'setItem').throws(new DOMException('blocked', 'SecurityError'));
      const getItem = sinon.stub(Storage.prototype, 'getItem').throws(new DOMException('blocked', 'SecurityError'));
      try {
        const el = await fixture<LantoaBanner>(html`<lantoa-banner dismissible></lantoa-banner>`);
        (part(el, 'dismiss') as HTMLButtonElement).click();
        await el.updateComplete;
        expect(el.hidden).to.equal(true);
      } finally {
        setItem.restore();
        getItem.restore();
      }
    });

    it('dismiss-days="0" closes for this page view only', async () => {
      const el = await fixture<LantoaBanner>(
        html`<lantoa-banner dismissible dismiss-days="0" banner-id="once"></lantoa-banner>`,
      );
      (part(el, 'dismiss') as HTMLButtonElement).click();
      await el.updateComplete;
      expect(el.hidden).to.equal(true);
      expect(localStorage.getItem(`${STORAGE_PREFIX}once`)).to.equal(null);
    });

    it('stays open when a listener cancels lantoa-dismiss', async () => {
      const el = await fixture<LantoaBanner>(
        html`<lantoa-banner dismissible @lantoa-dismiss=${(e: Event) => e.preventDefault()}></lantoa-banner>`,
      );
      (part(el, 'dismiss') as HTMLButtonElement).click();
      await el.updateComplete;
      expect(el.hidden).to.equal(false);
      expect(localStorage.length).to.equal(0);
    });

    it('is reachable and operable by keyboard', async () => {
      const el = await fixture<LantoaBanner>(
        html`<lantoa-banner dismissible cta-href="https://example.org"></lantoa-banner>`,
      );
      const button = part(el, 'dismiss') as HTMLButtonElement;
      button.focus();
      expect(el.shadowRoot!.activeElement).to.equal(button);
      expect(button.tagName).to.equal('BUTTON'); // Enter and Space activate a native button
      expect(button.getBoundingClientRect().width).to.be.at.least(44); // touch target
    });
  });

  describe('feed', () => {
    it('shows the current feed message in the widget’s language', async () => {
      clock = freezeDate('2026-10-05');
      const el = await fixture<LantoaBanner>(
        html`<lantoa-banner feed="/test/fixtures/feed-valid.json" headline="Dự phòng"></lantoa-banner>`,
      );
      await settled(el);
      expect(shownText(el, 'headline')).to.equal('Ngày Chuyển đổi số quốc gia 10/10');
      expect(shownText(el, 'countdown')).to.equal('Còn 5 ngày');
      expect((part(el, 'cta') as HTMLAnchorElement).href).to.equal('https://example.org/ngay-cds');
      el.lang = 'en';
      await el.updateComplete;
      expect(shownText(el, 'headline')).to.equal('National Digital Transformation Day');
      expect(part(el, 'cta')!.textContent!.trim()).to.equal('See');
    });

    it('falls back to the attributes when the feed is invalid, and logs the field path', async () => {
      await withConsole('error', async (errors) => {
        const el = await fixture<LantoaBanner>(
          html`<lantoa-banner feed="/test/fixtures/feed-invalid.json" headline="Dự phòng"></lantoa-banner>`,
        );
        await until(() => errors.calls.length > 0, 5000, 'the error log');
        await settled(el);
        expect(shownText(el, 'headline')).to.equal('Dự phòng');
        expect(errors.calls.join('\n')).to.contain('messages.0.headline');
      });
    });

    it('falls back when the feed answers 404', async () => {
      await withConsole('error', async (errors) => {
        const el = await fixture<LantoaBanner>(
          html`<lantoa-banner feed="/test/fixtures/missing.json"></lantoa-banner>`,
        );
        await until(() => errors.calls.length > 0, 5000, 'the error log');
        await settled(el);
        expect(shownText(el, 'headline')).to.equal(bannerStrings.vi.headline);
        expect(errors.calls.join('\n')).to.contain('404');
      });
    });

    it('falls back when the feed is not JSON', async () => {
      await withConsole('error', async (errors) => {
        const el = await fixture<LantoaBanner>(
          html`<lantoa-banner feed="/test/helpers.ts" headline="Dự phòng"></lantoa-banner>`,
        );
        await until(() => errors.calls.length > 0, 5000, 'the error log');
        expect(shownText(el, 'headline')).to.equal('Dự phòng');
        expect(errors.calls.join('\n')).to.contain('not valid JSON');
      });
    });

    it('gives up on a feed that does not answer in time, showing the fallback meanwhile', async () => {
      LantoaBanner.feedTimeoutMs = 300;
      await withConsole('error', async (errors) => {
        const el = await fixture<LantoaBanner>(
          html`<lantoa-banner
            feed="/test-fixtures/slow-feed.json?ms=3000"
            headline="Dự phòng"
            message="Tin dự phòng"
          ></lantoa-banner>`,
        );
        expect(part(el, 'base')!.getAttribute('aria-busy')).to.equal('true');
        expect(shownText(el, 'headline')).to.equal('Dự phòng'); // readable while loading
        // The headline alone while the feed loads: the feed's message comes below it, nothing inside the bar moves.
        expect(shownText(el, 'message')).to.equal('');
        await until(() => errors.calls.length > 0, 3000, 'the timeout');
        await settled(el);
        expect(errors.calls.join('\n')).to.contain('within 300 ms');
        expect(shownText(el, 'headline')).to.equal('Dự phòng');
        expect(shownText(el, 'message')).to.equal('Tin dự phòng');
      });
    });

    it('reads an inline <script type="application/json"> child, which wins over the feed URL', async () => {
      const el = await fixture<LantoaBanner>(html`<lantoa-banner feed="/test/fixtures/feed-valid.json">
        <script type="application/json">
          { "messages": [{ "id": "inline", "headline": "Tin viết trong trang" }] }
        </script>
      </lantoa-banner>`);
      await settled(el);
      expect(shownText(el, 'headline')).to.equal('Tin viết trong trang');
    });

    it('skips feed messages outside their window and falls back when none is current', async () => {
      clock = freezeDate('2026-11-01');
      const el = await fixture<LantoaBanner>(html`<lantoa-banner headline="Dự phòng"></lantoa-banner>`);
      el.messages = {
        messages: [
          { id: 'past', headline: 'Đã qua', end: '2026-10-31' },
          { id: 'future', headline: 'Sắp tới', start: '2026-11-02' },
        ],
      };
      await settled(el);
      expect(shownText(el, 'headline')).to.equal('Dự phòng');
      el.messages = { messages: [{ id: 'now', headline: 'Đang diễn ra', start: '2026-11-01', end: '2026-11-01' }] };
      await settled(el);
      expect(shownText(el, 'headline')).to.equal('Đang diễn ra');
    });

    it('rotates several current messages, with a pause control', async () => {
      const el = await fixture<LantoaBanner>(html`<lantoa-banner rotate-seconds="5"></lantoa-banner>`);
      el.messages = { messages: [1, 2, 3].map((n) => ({ id: `m${n}`, headline: `Tin ${n}` })) };
      await settled(el);
      expect(shownText(el, 'headline')).to.equal('Tin 1');
      const [pause, next] = [...part(el, 'controls')!.querySelectorAll('button')];
      expect(pause.getAttribute('aria-label')).to.equal('Tạm dừng tự động chuyển tin');
      expect(el.shadowRoot!.querySelector('.slides')!.getAttribute('aria-live')).to.equal('off');
      next.click();
      await el.updateComplete;
      expect(shownText(el, 'headline')).to.equal('Tin 2');
      expect(part(el, 'controls')!.textContent).to.contain('Tin 2/3');
      pause.click();
      await el.updateComplete;
      expect(pause.getAttribute('aria-label')).to.equal('Tiếp tục tự động chuyển tin');
      expect(el.shadowRoot!.querySelector('.slides')!.getAttribute('aria-live')).to.equal('polite');
      await expect(el).to.be.accessible();
    });

    it('advances by itself after rotate-seconds', async () => {
      clock = sinon.useFakeTimers({ toFake: ['setInterval', 'clearInterval'] });
      const el = await fixture<LantoaBanner>(html`<lantoa-banner rotate-seconds="6"></lantoa-banner>`);
      el.messages = { messages: [1, 2].map((n) => ({ id: `m${n}`, headline: `Tin ${n}` })) };
      await settled(el);
      clock.tick(6000);
      await el.updateComplete;
      expect(shownText(el, 'headline')).to.equal('Tin 2');
      (part(el, 'controls')!.querySelector('button') as HTMLButtonElement).click(); // pause
      await el.updateComplete;
      clock.tick(60_000);
      await el.updateComplete;
      expect(shownText(el, 'headline')).to.equal('Tin 2');
    });

    it('never rotates under prefers-reduced-motion, but keeps a next button', async () => {
      const matchMedia = sinon.stub(window, 'matchMedia').callsFake(
        (query: string) =>
          ({
            matches: query.includes('reduce'),
            addEventListener() {},
            removeEventListener() {},
          }) as unknown as MediaQueryList,
      );
      clock = sinon.useFakeTimers({ toFake: ['setInterval', 'clearInterval'] });
      try {
        const el = await fixture<LantoaBanner>(html`<lantoa-banner></lantoa-banner>`);
        el.messages = { messages: [1, 2].map((n) => ({ id: `m${n}`, headline: `Tin ${n}` })) };
        await settled(el);
        clock.tick(60_000);
        await el.updateComplete;
        expect(shownText(el, 'headline')).to.equal('Tin 1');
        const buttons = part(el, 'controls')!.querySelectorAll('button');
        expect(buttons.length).to.equal(1);
        expect(buttons[0].getAttribute('aria-label')).to.equal('Tin tiếp theo');
      } finally {
        matchMedia.restore();
      }
    });

    it('remembers a dismissal per feed message, so a new message shows again', async () => {
      const el = await fixture<LantoaBanner>(html`<lantoa-banner dismissible banner-id="tinh"></lantoa-banner>`);
      el.messages = { messages: [{ id: 'a', headline: 'Tin A' }] };
      await settled(el);
      (part(el, 'dismiss') as HTMLButtonElement).click();
      await el.updateComplete;
      expect(el.hidden).to.equal(true);
      expect(localStorage.getItem(`${STORAGE_PREFIX}tinh/a`)).to.not.equal(null);
      el.messages = { messages: [{ id: 'b', headline: 'Tin B' }] };
      await until(() => !el.hidden, 3000, 'the new message to show'); // hidden: no busy state to wait on
      await el.updateComplete;
      expect(shownText(el, 'headline')).to.equal('Tin B');
    });
    it('treats a feed message with the id "own" like any other: its own link, countdown and dismissal key', async () => {
      clock = freezeDate('2026-10-05');
      const el = await fixture<LantoaBanner>(
        html`<lantoa-banner dismissible banner-id="tinh" cta-href="https://example.org/attr" countdown-to="2026-10-07"></lantoa-banner>`,
      );
      el.messages = {
        messages: [
          { id: 'own', headline: 'Tin riêng', cta: { href: 'https://example.org/feed' }, countdownTo: '2026-10-10' },
        ],
      };
      await settled(el);
      expect(shownText(el, 'headline')).to.equal('Tin riêng');
      expect((part(el, 'cta') as HTMLAnchorElement).href).to.equal('https://example.org/feed');
      expect(shownText(el, 'countdown')).to.equal('Còn 5 ngày');
      (part(el, 'dismiss') as HTMLButtonElement).click();
      await el.updateComplete;
      expect(localStorage.getItem(`${STORAGE_PREFIX}tinh/own`)).to.not.equal(null);
      expect(localStorage.getItem(`${STORAGE_PREFIX}tinh`)).to.equal(null);
    });
  });

  describe('security', () => {
    afterEach(() => delete (window as { __pwned?: boolean }).__pwned);

    for (const scheme of [
      'javascript:alert(1)',
      'JaVaScRiPt:alert(1)',
      ' javascript:alert(1)',
      'data:text/html,<script>alert(1)</script>',
      'vbscript:x',
    ]) {
      it(`refuses cta-href "${scheme}" with a warning and renders no link`, async () => {
        await withConsole('warn', async (warnings) => {
          const el = await fixture<LantoaBanner>(
            html`<lantoa-banner cta-href=${scheme} cta-label="Bấm"></lantoa-banner>`,
          );
          expect(part(el, 'cta')).to.equal(null);
          expect(el.shadowRoot!.querySelector('a')).to.equal(null);
          expect(warnings.calls.join('\n')).to.contain('only http and https');
        });
      });
    }

    it('shows markup in every text attribute as literal text', async () => {
      const el = await fixture<LantoaBanner>(
        html`<lantoa-banner headline=${XSS} message=${XSS} cta-label=${XSS} cta-href="https://example.org" countdown-to="2099-01-01" countdown-label=${XSS}></lantoa-banner>`,
      );
      await new Promise((resolve) => setTimeout(resolve, 50));
      for (const name of ['headline', 'message', 'cta', 'countdown'])
        expect(shownText(el, name)).to.contain('<img src=x onerror=');
      expect(el.shadowRoot!.querySelector('img, script:not([type])')).to.equal(null);
      expect((window as { __pwned?: boolean }).__pwned).to.equal(undefined);
    });

    it('shows markup in every feed field as literal text and refuses a javascript: link from the feed', async () => {
      await withConsole('warn', async (warnings) => {
        const el = await fixture<LantoaBanner>(html`<lantoa-banner></lantoa-banner>`);
        el.messages = {
          messages: [
            {
              id: XSS,
              headline: XSS,
              message: { vi: XSS },
              countdownTo: '2099-01-01',
              countdownLabel: XSS,
              cta: { label: XSS, href: 'https://example.org' },
            },
          ],
        };
        await settled(el);
        await new Promise((resolve) => setTimeout(resolve, 50));
        for (const name of ['headline', 'message', 'cta', 'countdown'])
          expect(shownText(el, name)).to.contain('<img src=x onerror=');
        expect(el.shadowRoot!.querySelector('img')).to.equal(null);
        expect((window as { __pwned?: boolean }).__pwned).to.equal(undefined);
        el.messages = { messages: [{ id: 'x', headline: 'Tin', cta: { href: 'javascript:alert(1)' } }] };
        await settled(el);
        expect(part(el, 'cta')).to.equal(null);
        expect(warnings.calls.join('\n')).to.contain('only http and https');
      });
    });
  });

  describe('language', () => {
    it('follows its own lang, then the nearest ancestor’s, then <html lang>, and re-renders on change', async () => {
      const wrapper = await fixture<HTMLDivElement>(html`<div lang="en"><lantoa-banner></lantoa-banner></div>`);
      const el = wrapper.querySelector('lantoa-banner')!;
      await el.updateComplete;
      expect(shownText(el, 'headline')).to.equal(bannerStrings.en.headline);
      wrapper.lang = 'vi';
      await until(() => shownText(el, 'headline') === bannerStrings.vi.headline, 2000, 'ancestor lang switch');
      el.lang = 'en-GB';
      await el.updateComplete;
      expect(shownText(el, 'headline')).to.equal(bannerStrings.en.headline);
      el.removeAttribute('lang');
      wrapper.removeAttribute('lang');
      document.documentElement.lang = 'en';
      await until(() => shownText(el, 'headline') === bannerStrings.en.headline, 2000, '<html lang> switch');
      document.documentElement.lang = 'fr'; // unsupported: Vietnamese
      await until(() => shownText(el, 'headline') === bannerStrings.vi.headline, 2000, 'fallback to vi');
    });
  });

  describe('events', () => {
    it('fires lantoa-cta with the link when the call to action is followed', async () => {
      const el = await fixture<LantoaBanner>(
        html`<lantoa-banner banner-id="top" cta-href="#tim-hieu"></lantoa-banner>`,
      );
      const cta = part(el, 'cta') as HTMLAnchorElement;
      setTimeout(() => cta.click());
      const event = await oneEvent(document, 'lantoa-cta'); // bubbles and crosses the shadow root
      expect(event.detail).to.deep.equal({ id: 'top', href: new URL('#tim-hieu', document.baseURI).href });
      expect(event.composed).to.equal(true);
    });
  });

  describe('bad input', () => {
    /** The problem's words (src/core/problem-view.ts) load with the first problem on the page. */
    async function problemSays(el: LantoaBanner, text: string): Promise<void> {
      await until(() => !!part(el, 'problem')?.textContent?.includes(text), 3000, `the message “${text}”`);
      expect(part(el, 'problem')!.textContent).to.contain(text);
    }

    for (const [attribute, value] of [
      ['start', '10/01/2026'],
      ['end', '2026-02-30'],
      ['countdown-to', 'soon'],
      ['variant', 'banner'],
      ['dismiss-days', '-1'],
      ['rotate-seconds', '1'],
    ]) {
      it(`shows a localized message for ${attribute}="${value}" and logs the attribute`, async () => {
        await withConsole('error', async (errors) => {
          const el = await fixture<LantoaBanner>(html`<lantoa-banner></lantoa-banner>`);
          el.setAttribute(attribute, value);
          await el.updateComplete;
          await problemSays(el, `Thuộc tính “${attribute}” không hợp lệ`);
          expect(el.hidden).to.equal(false);
          expect(errors.calls.join('\n')).to.contain(`${attribute}="${value}"`);
          el.lang = 'en';
          await problemSays(el, `The “${attribute}” attribute is invalid`);
          await expect(el).to.be.accessible();
        });
      });
    }

    it('says in words which date format it wants (vi: năm-tháng-ngày, en: YYYY-MM-DD)', async () => {
      await withConsole('error', async () => {
        const el = await fixture<LantoaBanner>(html`<lantoa-banner start="10/01/2026"></lantoa-banner>`);
        await problemSays(el, 'cần một ngày dạng năm-tháng-ngày (ví dụ 2026-10-10)');
        el.lang = 'en';
        await problemSays(el, 'expected a date as YYYY-MM-DD (e.g. 2026-10-10)');
      });
    });
  });

  describe('load benchmark mark', () => {
    const marks = () => performance.getEntriesByName('lantoa:lantoa-banner', 'mark').length;
    beforeEach(() => performance.clearMarks('lantoa:lantoa-banner'));

    it('marks the first render of its content once, not again on later renders', async () => {
      const el = await fixture<LantoaBanner>(html`<lantoa-banner></lantoa-banner>`);
      expect(part(el, 'headline')).to.not.equal(null);
      expect(marks()).to.equal(1);
      el.headline = 'Tin mới';
      await el.updateComplete;
      expect(marks()).to.equal(1);
    });

    it('does not mark while it shows nothing (before its window) or only a problem', async () => {
      clock = freezeDate('2026-09-30');
      const hidden = await fixture<LantoaBanner>(html`<lantoa-banner start="2026-10-01"></lantoa-banner>`);
      expect(hidden.hidden).to.equal(true);
      await withConsole('error', async () => {
        const broken = await fixture<LantoaBanner>(html`<lantoa-banner variant="giant"></lantoa-banner>`);
        expect(part(broken, 'problem')).to.not.equal(null);
      });
      expect(marks()).to.equal(0);
    });
  });

  describe('accessibility', () => {
    it('is axe-clean with every part on show, in both languages', async () => {
      const el = await fixture<LantoaBanner>(
        html`<lantoa-banner dismissible countdown-to="2099-10-10" cta-href="https://example.org"></lantoa-banner>`,
      );
      await expect(el).to.be.accessible();
      el.lang = 'en';
      await el.updateComplete;
      await expect(el).to.be.accessible();
    });
  });
});
