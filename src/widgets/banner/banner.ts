import { html, nothing, svg, type TemplateResult } from 'lit';
import { property, state } from '../../core/decorators.js';
import { calendarDaysUntil, isWithin, parseIsoDate, type IsoDate } from '../../core/dates.js';
import { defineElement } from '../../core/define.js';
import { pick } from '../../core/i18n.js';
import { attributeProblem, LantoaElement, logWarning, type Problem } from '../../core/lantoa-element.js';
import { prefersReducedMotion } from '../../core/media.js';
import { quickFeed } from '../../contract/feed-checks.js';
import { apiPath } from '../../contract/paths.js';
import { serviceBase } from '../../core/api-client.js';
import { DataSource, fetchJson } from '../../core/load.js';
import { httpUrl } from '../../core/safe-url.js';
import { readStored, removeStored, writeStored } from '../../core/storage.js';
import { resetStyles, themeTokens } from '../../core/theme.js';
import type { FeedMessage } from './banner.schema.js';
import { bannerStrings } from './banner.strings.js';
import { bannerStyles } from './banner.styles.js';

export type BannerVariant = 'bar' | 'hero' | 'ribbon';
const VARIANTS: readonly string[] = ['bar', 'hero', 'ribbon'];
const STORAGE_PREFIX = 'lantoa:banner:dismissed:';
const DAY_MS = 86_400_000;

export interface BannerDismissDetail {
  /** The ids remembered as dismissed (the banner id, or the ids of the feed messages on show). */
  ids: string[];
  /** When the dismissal expires (ms since epoch); null when it lasts for this page view only. */
  until: number | null;
}

export interface BannerCtaDetail {
  id: string;
  href: string;
}

/**
 * What the banner shows at a given moment: a feed message, or the banner's own content (its slots and
 * attributes), whose dismissal is remembered under the banner's key and a feed message's under `key/id`.
 */
interface Shown {
  /** Under which the dismissal is remembered, and the `id` of lantoa-cta. */
  key: string;
  /** Text from the feed; undefined (own content) means "the slot, else the attribute, else the default". */
  headline?: string;
  message?: string;
  ctaLabel?: string;
  ctaHref?: string;
  countdownTo?: string;
  countdownLabel?: string;
}

/**
 * The campaign message every union site carries.
 *
 * Content, most specific first: a current message of the campaign feed (`messages` property, an inline
 * `<script type="application/json">` child, the `feed` URL, or the feed of `campaign` on the service, which the
 * campaign office edits in the console); else text slotted inside the element (readable before the script
 * arrives); else the `headline` / `message` attributes; else the default message of the provincial letter, in the
 * widget's language. A feed URL is checked again every `refresh` seconds and when the visitor returns to the tab,
 * so an edit reaches pages already open.
 *
 * @tag lantoa-banner
 * @summary Campaign banner: top bar, hero card or slim ribbon, with countdown, dismissal and a feed.
 *
 * @slot headline - The headline, written inside the element so it shows before (and without) JavaScript.
 * @slot message - The one-line message, likewise.
 *
 * @csspart base - The banner box.
 * @csspart content - The centred row holding text and actions.
 * @csspart countdown - The "còn N ngày" badge.
 * @csspart headline - The headline paragraph.
 * @csspart message - The message paragraph.
 * @csspart cta - The call-to-action link.
 * @csspart controls - Pause and next buttons when several feed messages rotate.
 * @csspart dismiss - The close button.
 * @csspart problem - The message shown instead of the banner when its configuration is invalid.
 *
 * @cssprop --lantoa-banner-background - Background (bar: primary colour; hero, ribbon: light surface).
 * @cssprop --lantoa-banner-color - Text colour.
 * @cssprop --lantoa-banner-cta-background - Call-to-action background (bar: accent yellow; hero: primary).
 * @cssprop --lantoa-banner-cta-color - Call-to-action text colour.
 * @cssprop --lantoa-banner-max-width - Maximum width of the content row (default 72em).
 * @cssprop --lantoa-color-primary - Shared brand colour of every Lantoa widget (default #0b4ea2).
 * @cssprop --lantoa-radius - Shared corner radius (default 0.5em).
 * @cssprop --lantoa-font-family - Shared font stack (default: the system font).
 *
 * @fires lantoa-dismiss - The visitor closed the banner. Cancelable; `detail: { ids, until }`.
 * @fires lantoa-cta - The visitor followed the call to action; `detail: { id, href }`.
 */
export class LantoaBanner extends LantoaElement {
  static override styles = [themeTokens, resetStyles, bannerStyles];

  /** How long to wait for the feed before showing the attributes or default content for good. */
  static feedTimeoutMs = 10_000;

  /** Layout: `bar` (top of page), `hero` (large card) or `ribbon` (slim line, e.g. a footer). */
  @property({ reflect: true }) variant: BannerVariant = 'bar';

  /** Headline; used when no feed message is current and no `headline` slot is filled. */
  @property() headline?: string;

  /** One-line message, same precedence as `headline`. */
  @property() message?: string;

  /** Label of the call-to-action link (default "Tìm hiểu thêm" / "Learn more"). */
  @property({ attribute: 'cta-label' }) ctaLabel?: string;

  /** Target of the call to action; only http(s) links are rendered, anything else is refused. */
  @property({ attribute: 'cta-href' }) ctaHref?: string;

  /** First day the banner shows (ISO date `2026-10-01`); before it the banner takes no space. */
  @property() start?: string;

  /** Last day the banner shows (inclusive); after it the banner retires itself. */
  @property() end?: string;

  /** A date to count down to: "Còn N ngày", "Hôm nay" on the day, nothing after it. */
  @property({ attribute: 'countdown-to' }) countdownTo?: string;

  /** Name of the day counted to, e.g. "Ngày Chuyển đổi số quốc gia": "Còn 12 ngày đến …", "Hôm nay là …". */
  @property({ attribute: 'countdown-label' }) countdownLabel?: string;

  /** Shows a close button. */
  @property({ type: Boolean, reflect: true }) dismissible = false;

  /** How long a dismissal is remembered on this device, in days; 0 = for this page view only. */
  @property({ attribute: 'dismiss-days', type: Number }) dismissDays = 30;

  /** Key under which the dismissal is remembered (default: the element's id, else "default"). */
  @property({ attribute: 'banner-id' }) bannerId?: string;

  /** URL of a JSON campaign feed (`{ "messages": [...] }`), so the province can change every site at once. */
  @property() feed?: string;

  /**
   * Campaign id (e.g. `ben-tre-smartphone`): the banner follows that campaign's messages, as the console publishes
   * them (`GET {api}/api/v1/campaigns/{campaign}/feed`). A `feed` URL wins over it.
   */
  @property() campaign?: string;

  /** Base URL of the Lantoa service for `campaign`; default: the origin this script was loaded from. */
  @property() api?: string;

  /**
   * Seconds between checks of the feed for news (a conditional request: "304 Not Modified" costs a few hundred
   * bytes), also checked when the visitor returns to the tab; 0: never.
   */
  @property({ type: Number }) refresh = 300;

  /** Seconds each message shows when several feed messages are current (at least 5). */
  @property({ attribute: 'rotate-seconds', type: Number }) rotateSeconds = 8;

  /** Feed data set from JavaScript (same shape as the feed document); wins over the inline child and `feed`. */
  @property({ attribute: false }) messages?: unknown;

  /** The feed's messages: `messages` property > inline JSON child > `feed` URL > `campaign`'s feed; a failure falls back to the own message. */
  private readonly feedSource = new DataSource<FeedMessage[]>(this, {
    args: () => [this.messages, this.feedUrl],
    property: () => this.messages,
    url: () => this.feedUrl,
    // A refresh (what is on show stays meanwhile) revalidates the browser's copy: a 304 when nothing changed.
    fetch: (url, signal): Promise<unknown> =>
      fetchJson(url, {
        signal,
        timeoutMs: LantoaBanner.feedTimeoutMs,
        cache: this.feedSource.status === 'loading' ? undefined : 'no-cache',
      }),
    read: async ({ from, data, url }): Promise<FeedMessage[]> => {
      if (from === 'none') return [];
      // Valid data never loads zod (issue 17: the page stays within 16 KB): the generated check says yes or no.
      const checked = quickFeed(data) ?? (await import('./banner.schema.js')).explainFeed(data, from, url);
      // A new feed starts at its first message; a refresh goes on where it is (the same text changes no node).
      if (this.feedSource.status === 'loading') this.rotationIndex = 0;
      return checked.messages;
    },
    failed: (error) => void this.logError('feed ignored, showing the attributes or default content instead', error),
    refreshSeconds: () => (this.badAttribute() ? 0 : this.refresh),
  });

  /** Where the feed is: the `feed` URL, else the campaign's feed on the service. */
  private get feedUrl(): string | undefined {
    return this.feed || (this.campaign ? serviceBase(this.api) + apiPath.feed(this.campaign) : undefined);
  }

  @state() private rotationIndex = 0;
  @state() private paused = false;
  /** The visitor is pointing at or focused inside the banner: rotation holds still (WAI-ARIA carousel pattern). */
  @state() private interacting = false;
  @state() private dismissedThisView = new Set<string>();

  /** The messages on show in this update, or null when the banner takes no space (see visibleMessages). */
  private visible: Shown[] | null = null;
  private rotationTimer?: ReturnType<typeof setInterval>;

  override connectedCallback(): void {
    super.connectedCallback();
    document.addEventListener('visibilitychange', this.onVisible);
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    this.stopRotation();
    document.removeEventListener('visibilitychange', this.onVisible);
  }

  /** Back to the tab (a phone's browser brought back after hours): the feed is checked at once, not at the next tick. */
  private readonly onVisible = () => {
    if (!document.hidden && this.refresh && this.feedUrl && this.feedSource.status === 'ready')
      void this.feedSource.load(true);
  };

  protected override willUpdate(): void {
    // Worked out once per update (it reads the dismissals from storage): render and updated() share it.
    this.visible = this.visibleMessages();
  }

  protected override updated(): void {
    this.toggleAttribute('hidden', this.visible === null);
    // First real content on screen (not hidden, not a problem message): the load benchmark's mark.
    if (this.visible?.length) this.markContentRendered();
    this.syncRotation();
  }

  /** Feed messages inside their date window, or the banner's own message when there are none. */
  private currentMessages(now: Date): Shown[] {
    const locale = this.locale;
    const base = this.bannerId || this.id || 'default';
    const current = (this.feedSource.value ?? []).filter((m) =>
      isWithin(now, m.start ? parseIsoDate(m.start) : null, m.end ? parseIsoDate(m.end) : null),
    );
    if (current.length === 0) {
      // The own message: slots and attributes, remembered as dismissed under the banner's key itself. While its feed
      // loads, the headline alone: the feed's message (or, if it fails, the own one) then comes below it, and the
      // headline does not move when the controls narrow it (no layout shift inside the bar).
      const { ctaLabel, ctaHref, countdownTo, countdownLabel } = this;
      const message = this.feedSource.status === 'loading' && this.feedUrl ? '' : undefined;
      return [{ key: base, message, ctaLabel, ctaHref, countdownTo, countdownLabel }];
    }
    return current.map((m) => ({
      key: `${base}/${m.id}`,
      headline: pick(m.headline, locale),
      message: pick(m.message, locale),
      ctaLabel: pick(m.cta?.label, locale),
      ctaHref: m.cta?.href ?? '',
      countdownTo: m.countdownTo,
      countdownLabel: pick(m.countdownLabel, locale),
    }));
  }

  /** The messages to show now, or null when the banner should take no space (out of window, dismissed). */
  private visibleMessages(): Shown[] | null {
    if (this.badAttribute()) return [];
    const now = new Date();
    if (!isWithin(now, this.dateAttribute(this.start), this.dateAttribute(this.end))) return null;
    const messages = this.currentMessages(now);
    return messages.every((m) => this.isDismissed(m.key)) ? null : messages;
  }

  private dateAttribute(value: string | undefined): IsoDate | null {
    return value ? parseIsoDate(value) : null;
  }

  protected override problem(): Problem | undefined {
    const bad = this.badAttribute();
    return bad ? attributeProblem(this, ...bad) : undefined;
  }

  /** The first invalid attribute, as [name, what was expected]; cta-href is handled apart (warned, not fatal). */
  private badAttribute(): [string, string] | null {
    const t = bannerStrings[this.locale];
    if (!VARIANTS.includes(this.variant)) return ['variant', 'bar | hero | ribbon'];
    for (const [name, value] of [
      ['start', this.start],
      ['end', this.end],
      ['countdown-to', this.countdownTo],
    ] as const) {
      if (value && !parseIsoDate(value)) return [name, t.expectDate];
    }
    if (!Number.isFinite(this.dismissDays) || this.dismissDays < 0) return ['dismiss-days', '≥ 0'];
    if (!Number.isFinite(this.rotateSeconds) || this.rotateSeconds < 5) return ['rotate-seconds', '≥ 5'];
    if (!Number.isFinite(this.refresh) || this.refresh < 0) return ['refresh', '≥ 0'];
    return null;
  }

  private isDismissed(key: string): boolean {
    if (this.dismissedThisView.has(key)) return true;
    const stored = readStored<{ until: number }>(STORAGE_PREFIX + key);
    if (!stored) return false;
    if (typeof stored.until === 'number' && stored.until > Date.now()) return true;
    removeStored(STORAGE_PREFIX + key); // expired: forget it, so storage does not grow forever
    return false;
  }

  private dismiss(shown: Shown[]): void {
    const ids = shown.map((m) => m.key);
    const until = this.dismissDays > 0 ? Date.now() + this.dismissDays * DAY_MS : null;
    if (!this.emit<BannerDismissDetail>('lantoa-dismiss', { ids, until }, true)) return;
    for (const id of ids) if (until !== null) writeStored(STORAGE_PREFIX + id, { until });
    // Also kept in memory: with storage blocked the banner still closes for this page view.
    this.dismissedThisView = new Set([...this.dismissedThisView, ...ids]);
  }

  private get rotating(): boolean {
    return !this.paused && !this.interacting && !prefersReducedMotion();
  }

  private syncRotation(): void {
    const count = this.visible?.length ?? 0;
    if (count > 1 && this.rotating) {
      this.rotationTimer ??= setInterval(() => this.showNext(), this.rotateSeconds * 1000);
    } else {
      this.stopRotation();
    }
  }

  private stopRotation(): void {
    clearInterval(this.rotationTimer);
    this.rotationTimer = undefined;
  }

  private showNext(): void {
    this.rotationIndex += 1;
  }

  private onCtaClick(shown: Shown, href: string): void {
    this.emit<BannerCtaDetail>('lantoa-cta', { id: shown.key, href });
  }

  protected renderContent(): unknown {
    const messages = this.visible;
    if (!messages) return nothing;
    const current = this.rotationIndex % messages.length;
    // Every current message is laid out in the same grid cell, the one on show first and the others
    // invisible beneath it: the banner is as tall as its tallest message, so rotating never moves the page.
    const order = [...messages.slice(current), ...messages.slice(0, current)];
    return html`<div
      part="base"
      class="reset banner"
      aria-busy=${this.feedSource.status === 'loading' ? 'true' : 'false'}
      @pointerenter=${() => (this.interacting = true)}
      @pointerleave=${() => (this.interacting = false)}
      @focusin=${() => (this.interacting = true)}
      @focusout=${(event: FocusEvent) => {
        // Still inside (moving between our buttons)? Keep holding. Deferred: focus also leaves when a
        // click removes the focused button mid-render, and state must not change during a render.
        if (!this.shadowRoot?.contains(event.relatedTarget as Node | null))
          queueMicrotask(() => (this.interacting = false));
      }}
    >
      <div part="content" class="content">
        <div class="slides" aria-live=${messages.length > 1 && this.rotating ? 'off' : 'polite'}>
          ${order.map((shown, index) => this.renderSlide(shown, index === 0))}
        </div>
        ${this.renderControls(messages.length)}
      </div>
      ${
        this.dismissible
          ? html`<button part="dismiss" class="dismiss" type="button" aria-label=${bannerStrings[this.locale].dismiss} @click=${() => this.dismiss(messages)}>
            <svg viewBox="0 0 24 24" aria-hidden="true"><path d="M18.3 5.7 12 12l6.3 6.3-1.4 1.4L10.6 13.4 4.3 19.7 2.9 18.3 9.2 12 2.9 5.7l1.4-1.4 6.3 6.3 6.3-6.3z" transform="translate(1.1 0)" /></svg>
          </button>`
          : nothing
      }
    </div>`;
  }

  private renderSlide(shown: Shown, onShow: boolean): TemplateResult {
    return html`<div class="slide ${onShow ? '' : 'behind'}">
      <div class="text">
        ${this.renderCountdown(shown)}
        <p part="headline" class="headline">${this.renderHeadline(shown)}</p>
        <p part="message" class="message">${this.renderMessage(shown)}</p>
      </div>
      ${this.renderCta(shown)}
    </div>`;
  }

  private renderHeadline(shown: Shown): unknown {
    if (shown.headline !== undefined) return shown.headline;
    return html`<slot name="headline">${this.headline || bannerStrings[this.locale].headline}</slot>`;
  }

  private renderMessage(shown: Shown): unknown {
    if (shown.message !== undefined) return shown.message;
    return html`<slot name="message">${this.message || bannerStrings[this.locale].message}</slot>`;
  }

  private renderCountdown({ countdownTo, countdownLabel: label }: Shown): TemplateResult | typeof nothing {
    const target = countdownTo ? parseIsoDate(countdownTo) : null;
    if (!target) return nothing;
    const days = calendarDaysUntil(new Date(), target);
    if (days < 0) return nothing;
    const t = bannerStrings[this.locale];
    return html`<p part="countdown" class="countdown">${days === 0 ? t.today(label) : t.daysLeft(days, label)}</p>`;
  }

  private renderCta(shown: Shown): TemplateResult | typeof nothing {
    const raw = shown.ctaHref;
    if (!raw) return nothing;
    const href = httpUrl(raw);
    if (!href) {
      logWarning(this, `link "${raw}" refused: only http and https are allowed`);
      return nothing;
    }
    const label = shown.ctaLabel || bannerStrings[this.locale].ctaLabel;
    return html`<a part="cta" class="cta" href=${href} @click=${() => this.onCtaClick(shown, href)}>${label}</a>`;
  }

  private renderControls(count: number): TemplateResult | typeof nothing {
    if (count < 2) return nothing;
    const t = bannerStrings[this.locale];
    const position = (this.rotationIndex % count) + 1;
    const canRotate = !prefersReducedMotion();
    return html`<div part="controls" class="controls">
      ${
        canRotate
          ? html`<button type="button" aria-label=${this.paused ? t.play : t.pause} @click=${() => (this.paused = !this.paused)}>
            <svg viewBox="0 0 24 24" aria-hidden="true">
              ${this.paused ? svgPlay : svgPause}
            </svg>
          </button>`
          : nothing
      }
      <button type="button" aria-label=${t.next} @click=${() => this.showNext()}>
        <svg viewBox="0 0 24 24" aria-hidden="true">${svgNext}</svg>
      </button>
      <span>${t.position(position, count)}</span>
    </div>`;
  }
}

const svgPause = svg`<path d="M6 4h4v16H6zM14 4h4v16h-4z" />`;
const svgPlay = svg`<path d="M7 4v16l13-8z" />`;
const svgNext = svg`<path d="M8.6 5.4 10 4l8 8-8 8-1.4-1.4 6.6-6.6z" />`;

defineElement('lantoa-banner', LantoaBanner);

declare global {
  interface HTMLElementTagNameMap {
    'lantoa-banner': LantoaBanner;
  }
  interface GlobalEventHandlersEventMap {
    'lantoa-dismiss': CustomEvent<BannerDismissDetail>;
    'lantoa-cta': CustomEvent<BannerCtaDetail>;
  }
}
