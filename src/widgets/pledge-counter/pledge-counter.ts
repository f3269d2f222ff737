import { html, nothing, type TemplateResult } from 'lit';
import { property, state } from '../../core/decorators.js';
import { campaignPhase, vietnamDay } from '../../contract/campaign-dates.js';
import { quickCampaign, quickCounts } from '../../contract/checks.js';
import { apiPath } from '../../contract/paths.js';
import { defineElement } from '../../core/define.js';
import { formatDate, formatNumber, formatPercent, pick } from '../../core/i18n.js';
import type { Explain } from '../../core/i18n.js';
import { LantoaElement, logWarning, type Problem } from '../../core/lantoa-element.js';
import { DataSource, fetchJson, LoadError } from '../../core/load.js';
import { serviceBase } from '../../core/api-client.js';
import { styleProps } from '../../core/style-props.js';
import { cardStyles, formStyles, resetStyles, themeTokens } from '../../core/theme.js';
import type { CampaignConfig, Counts } from './pledge-counter.schema.js';
import type { Unit } from '../../contract/pledge.js';
import { LiveCounts } from './pledge-live.js';
import type { SendResult } from '../../core/outbox.js';
import type { Outbox } from '../../core/outbox-delivery.js';
import {
  devicePledge,
  enqueue,
  newKey,
  pendingPledges,
  PLEDGE_OUTBOX,
  rememberPledge,
  type DevicePledge,
  type PendingPledge,
} from './pledge-outbox.js';
import { pledgeCounterStrings, type PledgeCounterStrings } from './pledge-counter.strings.js';
import { pledgeCounterStyles } from './pledge-counter.styles.js';

type Ranking = typeof import('./pledge-counter.ranking.js');
/**
 * Ranking rows in the first render (more than its box's first screen, so the box has its final height at once: no
 * layout shift), and added in each later task: laying out and painting 150 rows at once took 190 + 75 ms on a slow
 * phone (bench:load, 4× CPU).
 */
const RANKING_ROWS = 24;

export type PledgeCounterVariant = 'full' | 'compact' | 'province';

export interface PledgeEventDetail {
  campaign: string;
  unit: string;
  choice: string;
  /** `queued`: saved on the device, to be sent when the network allows; `counted`: the service has it. */
  state: 'queued' | 'counted';
}

const unreachable = (retry?: () => void): Problem => ({
  explain: (locale) => pledgeCounterStrings[locale].unreachable,
  retry,
});

/** A problem worded by src/core/service-problems.ts, loaded only now; if even that cannot load, unreachable. */
const explained = (word: (problems: typeof import('../../core/service-problems.js')) => Explain): Promise<Problem> =>
  import('../../core/service-problems.js').then(
    (problems) => ({ explain: word(problems) }),
    () => unreachable(),
  );

/**
 * A visitor pledges to join the digital society; the widget shows the unit's count, the province total and
 * the progress to the goal, live.
 *
 * @tag lantoa-pledge-counter
 * @summary Pledge counter: choose, pledge once per device, see the unit and province counts move.
 *
 * @csspart base - The card.
 * @csspart problem - The message shown when the campaign, the unit or the service cannot be used.
 *
 * @cssprop --lantoa-pledge-bar-color - Fill of the progress bars (default: the primary colour).
 *
 * @fires lantoa-pledge - The visitor pledged; `detail: { campaign, unit, choice, state }`, state `queued` or `counted`.
 */
export class LantoaPledgeCounter extends LantoaElement {
  static override styles = [themeTokens, resetStyles, cardStyles, formStyles, pledgeCounterStyles];

  /** First retry of a queued pledge; doubled after each failure, up to a minute. */
  static retryMs = 2000;

  /** Campaign id, as listed by the service (e.g. `ben-tre-smartphone`). */
  @property() campaign?: string;

  /** The unit (district or commune) whose page this is, e.g. `ba-tri`. Not needed for `variant="province"`. */
  @property() unit?: string;

  /** Base URL of the pledge service; default: the origin this script was loaded from. */
  @property() api?: string;

  /** `full` (counts and pledge form), `compact` (the same, tighter) or `province` (every unit ranked). */
  @property({ reflect: true }) variant: PledgeCounterVariant = 'full';

  /** The campaign's configuration and counts, loaded together; zod loads only if the service sends something odd. */
  private readonly campaignData = new DataSource<CampaignConfig | undefined>(this, {
    args: () => [this.campaign, this.api, this.unit],
    url: () => (this.missingAttribute() ? undefined : this.campaignUrl),
    fetch: (url, signal): Promise<unknown> => {
      // A reload after an edit (see showCounts) asks the service, not the browser's copy (the config may be cached).
      const cache: RequestCache | undefined = this.campaignData.status === 'loading' ? undefined : 'no-cache';
      return Promise.all([
        fetchJson(url, { signal, cache }),
        fetchJson(this.countsUrl, { signal, cache }),
        // The province ranking's code is part of what shows: it arrives with the data, waited for. The form's delivery
        // of pledges is asked for with the data too, but not waited for (`void`): it is needed at the first pledge
        // (and one that fails to load is tried again then).
        this.variant === 'province'
          ? import('./pledge-counter.ranking.js').then((r) => this.useRanking(r))
          : void this.delivery().catch(() => undefined),
      ]);
    },
    read: ({ data }, signal) => (data ? this.readCampaign(data as [unknown, unknown], signal) : undefined),
    failed: (error) => {
      this.logError(`campaign ${this.campaign} at ${this.apiBase}`, error);
      const status = error instanceof LoadError ? error.status : undefined;
      // Refused (403: this site is not on the campaign's list): a retry cannot help; say what the webmaster does.
      if (status === 403)
        return explained((problems) => problems.originRefused(this.apiBase, `campaign "${this.campaign}"`));
      return status === 404
        ? { explain: (locale) => pledgeCounterStrings[locale].unknownCampaign(this.campaign ?? '') }
        : unreachable(() => void this.campaignData.load());
    },
  });
  @state() private counts?: Counts;
  /** The ETag of the config on show, as the counts name it: counts naming another mean the campaign was edited. */
  private configTag?: string;
  /** The province view's ranking module (pledge-counter.ranking.ts), loaded for that variant only. */
  private ranking?: Ranking;
  /** What the visitor typed in the ranking's search box. */
  @state() private rankingQuery = '';
  /** Ranking rows rendered so far: the first screen, then more in each later task until all are there. */
  @state() private rankingRows = RANKING_ROWS;
  /** The visitor's unit has been scrolled to in the ranking (once: then the visitor scrolls). */
  private scrolledToMine = false;
  /** This site was taken off the campaign's list since the page loaded (a pledge was refused for it). */
  @state() private refusal?: Problem;
  @state() private selected?: string;
  @state() private sending = false;
  @state() private mine: DevicePledge | null = null;
  @state() private notice?: 'chooseFirst' | 'rejected' | 'copied';

  private readonly live = new LiveCounts(this, (data) => this.applyCounts(data));
  /**
   * Pledges saved on this device and not yet acknowledged by this service: sent, retried, dropped on a 4xx. Its
   * code (pledge-delivery.ts) loads with the data where there is a form, and at once where pledges wait.
   */
  private outbox?: Promise<Outbox<PendingPledge>>;

  private delivery(): Promise<Outbox<PendingPledge>> {
    return (this.outbox ??= import('./pledge-delivery.js').then(
      ({ pledgeOutbox }) =>
        pledgeOutbox(this, {
          storageKey: PLEDGE_OUTBOX,
          owns: (pledge) => pledge.api === this.apiBase,
          onResult: (pledge, result, first) => this.onDelivery(pledge, result, first),
          retryMs: () => LantoaPledgeCounter.retryMs,
        }),
      (error: unknown) => {
        this.outbox = undefined; // tried again at the next need
        throw error;
      },
    ));
  }

  override connectedCallback(): void {
    super.connectedCallback();
    // Pledges an earlier visit could not send go now, from any view of the counter.
    if (pendingPledges().length > 0) this.delivery().catch(() => undefined);
  }

  get apiBase(): string {
    return serviceBase(this.api);
  }

  private get campaignUrl(): string {
    return this.apiBase + apiPath.campaign(this.campaign ?? '');
  }

  private get countsUrl(): string {
    return this.apiBase + apiPath.counts(this.campaign ?? '');
  }

  /** The ranking module has arrived: its styles join the counter's, once. */
  private useRanking(ranking: Ranking): void {
    const root = this.renderRoot as ShadowRoot;
    const sheet = ranking.rankingStyles.styleSheet;
    if (sheet && !root.adoptedStyleSheets.includes(sheet))
      root.adoptedStyleSheets = [...root.adoptedStyleSheets, sheet];
    this.ranking = ranking;
  }

  private get config(): CampaignConfig | undefined {
    return this.campaignData.value;
  }

  protected override updated(): void {
    // The counts are on screen (not the loading state, not a problem): the load benchmark's mark.
    if (this.config && this.counts && !this.problem()) this.markContentRendered();
    if (this.ranking && this.unit && !this.scrolledToMine)
      this.scrolledToMine = this.ranking.scrollToMine(this.renderRoot);
    // The ranking's rows come a screen a frame, so no frame lays out the whole list (a state change in updated() would
    // render in the same task; a new task alone may still share its frame's layout with the next steps). Another
    // update meanwhile may add a second step: the list is then done sooner.
    if (this.ranking && this.rankingRows < (this.config?.units.length as number))
      requestAnimationFrame(() => (this.rankingRows += RANKING_ROWS));
  }

  /** Without a campaign, or a unit (but for the province view), there is nothing to load. */
  private missingAttribute(): string | undefined {
    return !this.campaign ? 'campaign' : !this.unit && this.variant !== 'province' ? 'unit' : undefined;
  }

  protected override problem(): Problem | undefined {
    const missing = this.missingAttribute();
    if (missing) return { explain: (locale) => pledgeCounterStrings[locale].missingAttribute(missing) };
    return this.campaignData.problem ?? this.refusal;
  }

  /** Config and counts as the contract says (the quick checks; zod only to name what is wrong), for a unit it has. */
  private async readCampaign(
    [configData, countsData]: [unknown, unknown],
    signal: AbortSignal,
  ): Promise<CampaignConfig> {
    const config = quickCampaign(configData) ?? (await import('./pledge-counter.schema.js')).checkConfig(configData);
    const counts = quickCounts(countsData) ?? (await import('./pledge-counter.schema.js')).checkCounts(countsData);
    const units = config.units.map((u) => u.id);
    if (this.variant !== 'province' && !units.includes(this.unit ?? ''))
      throw await explained((problems) => problems.unknownUnit(this.unit ?? '', units));
    if (signal.aborted) return config; // another campaign is on its way
    [this.counts, this.refusal, this.configTag] = [counts, undefined, counts.config];
    this.mine = devicePledge(this.apiBase, this.campaign ?? '');
    this.live.follow({ countsUrl: this.countsUrl, streamUrl: this.apiBase + apiPath.stream(this.campaign ?? '') });
    return config;
  }

  private applyCounts(data: unknown): void {
    const counts = quickCounts(data);
    if (!counts) {
      // Not what the contract says: zod names the field for the console, and the numbers on show stay.
      import('./pledge-counter.schema.js')
        .then((schema) => this.showCounts(schema.checkCounts(data)))
        .catch((error: unknown) => this.logError('counts ignored', error));
      return;
    }
    this.showCounts(counts);
  }

  private showCounts(counts: Counts): void {
    // Out-of-order answers (a slow poll after a fresh SSE event) must not move the numbers backwards.
    if (!this.counts || (counts.updatedAt ?? '') >= (this.counts.updatedAt ?? '')) this.counts = counts;
    // The campaign was edited in the console (a unit added or retired, a goal or title changed): its config again,
    // with fresh counts; what is on show stays until they arrive. (A service without the console sends no tag.)
    if (counts.config && this.configTag && counts.config !== this.configTag) {
      this.configTag = counts.config;
      void this.campaignData.load(true);
    }
  }

  private async submit(event: SubmitEvent): Promise<void> {
    event.preventDefault();
    if (!this.campaign || !this.unit) return;
    if (!this.selected) {
      this.notice = 'chooseFirst';
      return;
    }
    const pledge: PendingPledge = {
      api: this.apiBase,
      campaign: this.campaign,
      unit: this.unit,
      choice: this.selected,
      key: newKey(),
      queuedAt: Date.now(),
    };
    // Saved before it is sent: from here on, nothing the network does can lose it.
    this.mine = { choice: pledge.choice, key: pledge.key, state: 'queued' };
    rememberPledge(pledge.api, pledge.campaign, this.mine);
    this.notice = undefined;
    this.sending = true;
    enqueue(pledge); // in storage before anything else can fail
    try {
      await (await this.delivery()).submit(pledge);
    } catch (error) {
      // The delivery's code did not load (the connection dropped since the page opened): the pledge waits in
      // storage and goes when the browser is back online, or at the next visit.
      this.logError('pledge delivery', error);
      addEventListener('online', () => void this.delivery().catch(() => undefined), { once: true });
    }
    this.sending = false;
  }

  /** Acts on the service's answer to one pledge; `first` marks the visitor's own click. */
  private onDelivery(pledge: PendingPledge, result: SendResult, first: boolean): void {
    const detail = { campaign: pledge.campaign, unit: pledge.unit, choice: pledge.choice };
    if (result.outcome === 'sent') {
      rememberPledge(pledge.api, pledge.campaign, { choice: pledge.choice, key: pledge.key, state: 'counted' });
      if (pledge.campaign === this.campaign && pledge.api === this.apiBase) {
        this.mine = devicePledge(pledge.api, pledge.campaign);
        const counts = (result.body as { counts?: unknown } | null)?.counts;
        if (counts) this.applyCounts(counts);
      }
      this.emit<PledgeEventDetail>('lantoa-pledge', { ...detail, state: 'counted' });
    } else if (result.outcome === 'rejected') {
      rememberPledge(pledge.api, pledge.campaign, null);
      this.mine = null;
      this.notice = 'rejected';
      this.logProblem(`pledge refused (HTTP ${result.status} ${result.code})`, result.message);
      // This site was taken off the campaign's list since the page loaded: the whole counter says so.
      if (result.code === 'origin_not_allowed' && pledge.campaign === this.campaign)
        void explained((problems) => problems.originRefused(this.apiBase, `campaign "${pledge.campaign}"`)).then(
          (problem) => (this.refusal = problem),
        );
    } else if (first) {
      this.emit<PledgeEventDetail>('lantoa-pledge', { ...detail, state: 'queued' });
    }
  }

  private async share(): Promise<void> {
    const t = this.strings;
    const data = {
      title: document.title,
      text: t.shareText(this.config ? pick(this.config.title, this.locale) : ''),
      url: location.href,
    };
    try {
      if (navigator.share) return await navigator.share(data);
      await navigator.clipboard.writeText(location.href);
      this.notice = 'copied';
    } catch (error) {
      if ((error as Error).name !== 'AbortError') logWarning(this, `sharing failed: ${String(error)}`);
    }
  }

  private get strings(): PledgeCounterStrings {
    return pledgeCounterStrings[this.locale];
  }

  private formatPercent(part: number, whole: number): string {
    return formatPercent(this.locale, whole > 0 ? part / whole : 0);
  }

  protected renderContent(): unknown {
    const t = this.strings;
    const { config, counts } = this;
    if (this.campaignData.status !== 'ready' || !config || !counts) {
      return html`<div part="base" class="reset card loading" role="status">${t.loading}</div>`;
    }
    return html`<section part="base" class="reset card" aria-labelledby="title">
      <p id="title" class="title">${pick(config.title, this.locale)}</p>
      ${this.renderGoalsNote(t, config)}
      ${this.variant === 'province' ? this.renderProvince(t, config, counts) : this.renderUnit(t, config, counts)}
    </section>`;
  }

  /** What the figures are about (the campaign's own note: period, place, units of which year), and whether they are illustrative. */
  private renderGoalsNote(t: PledgeCounterStrings, config: CampaignConfig): TemplateResult | typeof nothing {
    if (!config.note && !config.goalsAreIllustrative) return nothing;
    return html`<p class="illustrative">
      ${config.note ? html`<span class="note">${pick(config.note, this.locale)}</span>` : nothing}
      ${config.goalsAreIllustrative ? t.illustrative : nothing}
    </p>`;
  }

  private renderProgress(id: string, count: number, goal: number): TemplateResult {
    const t = this.strings;
    const label =
      count >= goal
        ? `${t.goalProgress(formatNumber(this.locale, count), formatNumber(this.locale, goal), this.formatPercent(count, goal))} · ${t.goalReached}`
        : t.goalProgress(
            formatNumber(this.locale, count),
            formatNumber(this.locale, goal),
            this.formatPercent(count, goal),
          );
    const width = `${Math.min(100, goal > 0 ? (count / goal) * 100 : 0)}%`;
    return html`<p class="progress-label" id=${id}>${label}</p>
      <div class="bar" role="progressbar" aria-labelledby=${id} aria-valuemin="0" aria-valuemax=${goal} aria-valuenow=${Math.min(count, goal)}>
        <span ${styleProps({ width })}></span>
      </div>`;
  }

  private renderUnit(t: PledgeCounterStrings, config: CampaignConfig, counts: Counts): TemplateResult {
    // load() has checked that the unit exists before config is set.
    const unit: Unit = config.units.find((u) => u.id === this.unit) ?? { id: '', name: this.unit ?? '', goal: 0 };
    const unitCount = counts.units.find((u) => u.id === unit.id)?.count ?? 0;
    return html`<dl class="figures">
        <div class="figure"><dt>${t.unitCount(unit.name)}</dt><dd>${formatNumber(this.locale, unitCount)}</dd></div>
        <div class="figure"><dt>${t.provinceTotal}</dt><dd>${formatNumber(this.locale, counts.total)}</dd></div>
      </dl>
      ${this.renderProgress('unit-progress', unitCount, unit.goal)} ${this.mine && !this.sending ? this.renderPledged(t, config, this.mine) : this.renderFormOrDates(t, config, unit)}`;
  }

  /** The form while the campaign runs; before or after its dates (Vietnam time, as the service counts), why not. */
  private renderFormOrDates(t: PledgeCounterStrings, config: CampaignConfig, unit: Unit): TemplateResult {
    // A retired unit takes no more pledges (the service refuses them); its count stays on show.
    if (unit.retired) return html`<p class="notice" role="status">${t.unitRetired(unit.name)}</p>`;
    const phase = campaignPhase(config, vietnamDay(Date.now()));
    // Noon UTC is the same calendar day in every time zone a visitor is likely to be in.
    const day = (iso: string) => formatDate(this.locale, new Date(`${iso}T12:00:00Z`));
    if (phase === 'not-started')
      return html`<p class="notice" role="status">${t.notStarted(day(config.startDate))}</p>`;
    if (phase === 'closed') return html`<p class="notice" role="status">${t.closed(day(config.endDate))}</p>`;
    return this.renderForm(t, config);
  }

  private renderForm(t: PledgeCounterStrings, config: CampaignConfig): TemplateResult {
    return html`<form @submit=${this.submit} novalidate>
      <fieldset>
        <legend>${t.choose}</legend>
        ${config.choices.map(
          (choice) => html`<label>
            <input type="radio" name="choice" .value=${choice.id} ?checked=${this.selected === choice.id} ?disabled=${this.sending} @change=${() => ((this.selected = choice.id), (this.notice = undefined))} />
            ${pick(choice.label, this.locale)}
          </label>`,
        )}
      </fieldset>
      ${
        this.notice === 'chooseFirst' || this.notice === 'rejected'
          ? html`<p class="hint" role="alert">${this.notice === 'chooseFirst' ? t.chooseFirst : t.rejected}</p>`
          : nothing
      }
      <button type="submit" ?disabled=${this.sending}>${this.sending ? t.sending : t.submit}</button>
    </form>`;
  }

  private renderPledged(t: PledgeCounterStrings, config: CampaignConfig, mine: DevicePledge): TemplateResult {
    const choice = config.choices.find((c) => c.id === mine.choice);
    const queued = mine.state === 'queued' && !this.sending;
    return html`<div class="notice" role="status">
      <strong>${queued ? t.queued : t.thanks}</strong>
      ${queued ? t.queuedDetail : choice ? t.thanksDetail(pick(choice.label, this.locale)) : nothing}
      ${this.notice === 'copied' ? html`<span> · ${t.copied}</span>` : nothing}
    </div>
    <button class="secondary" type="button" @click=${this.share}>${t.share}</button>`;
  }

  private renderProvince(t: PledgeCounterStrings, config: CampaignConfig, counts: Counts): TemplateResult {
    return html`<dl class="figures">
        <div class="figure"><dt>${t.provinceTotal}</dt><dd>${formatNumber(this.locale, counts.total)}</dd></div>
      </dl>
      ${this.renderProgress('total-progress', counts.total, config.goal)}
      ${this.ranking?.renderRanking({
        locale: this.locale,
        t,
        config,
        counts,
        mine: this.unit,
        query: this.rankingQuery,
        limit: this.rankingRows,
        onQuery: (query) => (this.rankingQuery = query),
      })}`;
  }
}

defineElement('lantoa-pledge-counter', LantoaPledgeCounter);

declare global {
  interface HTMLElementTagNameMap {
    'lantoa-pledge-counter': LantoaPledgeCounter;
  }
  interface GlobalEventHandlersEventMap {
    'lantoa-pledge': CustomEvent<PledgeEventDetail>;
  }
}
