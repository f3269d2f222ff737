import { html, nothing, svg, type TemplateResult } from 'lit';
import { property, state } from '../../core/decorators.js';
import { defineElement, nextTask } from '../../core/define.js';
import { INTL_TAG, pick, toLocale } from '../../core/i18n.js';
import { attributeProblem, LantoaElement, logWarning, type Problem } from '../../core/lantoa-element.js';
import { prefersReducedMotion } from '../../core/media.js';
import { DataSource, fetchJson, fetchText, LoadError, type Found } from '../../core/load.js';
import { httpUrl } from '../../core/safe-url.js';
import { cardStyles, resetStyles, themeTokens } from '../../core/theme.js';
import {
  deadlinesOver,
  formatDeadline,
  KINDS,
  rowCount,
  withUnit,
  type ChartData,
  type ChartKind,
  type Formatters,
} from './progress-chart.data.js';
import type { DrawOptions } from './progress-chart.canvas.js';
import { chartStrings, type ChartStrings } from './progress-chart.strings.js';
import { progressChartStyles } from './progress-chart.styles.js';
import { renderTable } from './progress-chart.table.js';

type ChartModule = typeof import('./progress-chart.canvas.js');
type ChartHandle = import('./progress-chart.canvas.js').ChartHandle;

const MIN_REFRESH_SECONDS = 10;

/**
 * A lazy chunk requested before it is needed (while the data is on the wire). A chunk that cannot load (offline, a
 * CSP) fails where it is awaited; the empty catch only keeps it from reaching the page as an unhandled rejection
 * when an earlier step fails first.
 */
const early = <T>(chunk: Promise<T>): Promise<T> => (chunk.catch(() => undefined), chunk);

export interface ChartReadyDetail {
  kind: ChartKind;
}

/**
 * A campaign's progress as a chart: indicators against their targets (`progress`), values over the
 * years (`trend`) or units side by side (`compare`).
 *
 * Data, most specific first: the `data` property; an inline `<script type="application/json">` child;
 * the `src` URL (JSON, or CSV when it ends in `.csv`, has `output=csv`, or `format="csv"`); a `<table>`
 * written inside the element (which is also what visitors without JavaScript see); else the default
 * targets of the sample campaign (Bến Tre's Scheme 2020–2025), with illustrative values.
 *
 * The data shows first as a table; chart.js is loaded only when the element comes near the viewport,
 * then draws the chart in the same space (the card's height is fixed, so nothing moves). The table stays
 * one toggle away; the canvas is named by a generated summary.
 *
 * @tag lantoa-progress-chart
 * @summary Progress chart (chart.js, loaded when seen) with a data table and a text summary.
 *
 * @slot - A `<table>` (header row first, same columns as the CSV) shown before and without JavaScript; also read as data.
 *
 * @csspart base - The card (a `<figure>`).
 * @csspart title - The title (the figure's caption).
 * @csspart illustrative - The "Số liệu minh họa" badge.
 * @csspart chart - The canvas.
 * @csspart table - The data table.
 * @csspart legend - The legend under the chart.
 * @csspart toggle - The "Xem bảng số liệu" button.
 * @csspart problem - The message shown instead of the chart when the data cannot be used.
 *
 * @cssprop --lantoa-chart-height - Height of the whole card (default 26em); reserve the same on the page (`min-height:max(26rem,416px)`).
 * @cssprop --lantoa-chart-color-1 - Bars and the first series (default: the primary colour).
 * @cssprop --lantoa-chart-color-2 - Second series.
 * @cssprop --lantoa-chart-color-3 - Third series.
 * @cssprop --lantoa-chart-color-4 - Fourth series.
 *
 * @fires lantoa-chart-ready - The canvas has painted its first frame; `detail: { kind }`.
 */
export class LantoaProgressChart extends LantoaElement {
  static override styles = [themeTokens, resetStyles, cardStyles, progressChartStyles];

  /** How far outside the viewport the element may be when chart.js starts loading. */
  static nearViewportMargin = '300px';

  /** `progress`, `trend` or `compare`: the kind of CSV, table or default data (JSON data names its own). */
  @property({ reflect: true }) kind: ChartKind = 'progress';

  /** URL of the data: JSON, or CSV (a spreadsheet published as CSV). */
  @property() src?: string;

  /** `csv` or `json`; default: CSV when `src` ends in `.csv` or asks for `output=csv`, else JSON. */
  @property() format?: 'csv' | 'json';

  /** Reload `src` every this many seconds (at least 10); 0 = never. */
  @property({ type: Number }) refresh = 0;

  /** Title; default: the data's `title`, the table's caption, or a title for the kind. */
  @property() caption?: string;

  /** One line under the chart on what the figures cover (period, boundaries); default: the data's `note`. */
  @property() note?: string;

  /** Where the figures come from, shown under the chart after "Nguồn:"; default: the data's `source`. */
  @property() source?: string;

  /** Marks the figures as illustrative ("Số liệu minh họa"), whatever the data says. */
  @property({ type: Boolean }) illustrative = false;

  /** The data set from JavaScript (same shape as the JSON); wins over every other source. */
  @property({ attribute: false }) data?: unknown;

  /** The figures: `data` > inline JSON child > `src` (JSON or CSV) > a pasted `<table>` > the sample campaign's. */
  private readonly figures = new DataSource<ChartData | undefined>(this, {
    args: () => [this.src, this.data, this.kind, this.format, this.refresh],
    property: () => this.data,
    url: () => (this.src && !this.badAttribute() && httpUrl(this.src)) || undefined,
    fetch: (url, signal) => this.fetchData(url, signal),
    read: (found) => this.readData(found),
    failed: (error, found) => this.dataFailed(error, found?.url),
    refreshSeconds: () => (this.badAttribute() ? 0 : this.refresh),
  });
  /** The visitor asked for the table. */
  @state() private tableChosen = false;
  @state() private drawn = false;
  @state() private near = false;
  /** What the arrow keys picked on the focused canvas, read out by a live region. */
  @state() private announced = '';
  /** chart.js could not be loaded (offline?): the table stays; the toggle tries again. */
  private chartFailed = false;

  private observer?: IntersectionObserver;
  private chart?: ChartHandle;
  private renderer?: Promise<ChartModule>;
  /** The chart chunk once it has arrived: it also brings the canvas's summary and the legend. */
  @state() private chartModule?: ChartModule;
  private drawing = false;
  private drawnWith = '';

  override connectedCallback(): void {
    super.connectedCallback();
    if (this.hasUpdated) this.observe();
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    this.observer?.disconnect();
    this.chart?.destroy();
    this.chart = undefined;
    this.drawn = false;
    this.drawnWith = '';
  }

  protected override firstUpdated(): void {
    this.observe();
  }

  protected override updated(): void {
    if (!this.chartData || rowCount(this.chartData) === 0) return;
    this.markContentRendered(); // the table shows real data from here on, chart or not
    if (this.near && !this.tableChosen && !this.chartFailed) void this.drawOrUpdate();
  }

  /** chart.js starts loading when the element comes within `nearViewportMargin` of the viewport. */
  private observe(): void {
    if (this.near || !('IntersectionObserver' in globalThis)) {
      this.near = true;
      return;
    }
    this.observer?.disconnect();
    this.observer = new IntersectionObserver(
      (entries) => {
        if (!entries.some((e) => e.isIntersecting)) return;
        this.observer?.disconnect();
        this.near = true;
        // Requested now, while the data may still be on the wire. A failure is handled where it is awaited
        // (drawOrUpdate); the empty catch only keeps it from reaching the page as an unhandled rejection meanwhile.
        this.renderer ??= import('./progress-chart.canvas.js');
        this.renderer.catch(() => undefined);
      },
      { rootMargin: LantoaProgressChart.nearViewportMargin },
    );
    this.observer.observe(this);
  }

  private get formatters(): Formatters {
    const locale = this.locale;
    return {
      locale,
      intl: INTL_TAG[locale],
      text: (text) => pick(text, locale),
      format: (value, unit) => withUnit(locale, value, unit),
      deadline: (d) => formatDeadline(locale, d),
    };
  }

  private get strings(): ChartStrings {
    return chartStrings[this.locale];
  }

  private get chartData(): ChartData | undefined {
    return this.figures.value;
  }

  protected override problem(): Problem | undefined {
    const bad = this.badAttribute();
    return bad ? attributeProblem(this, ...bad) : this.figures.problem;
  }

  private badAttribute(): [string, string] | undefined {
    if (!KINDS.includes(this.kind)) return ['kind', KINDS.join(' | ')];
    if (!Number.isFinite(this.refresh) || (this.refresh !== 0 && this.refresh < MIN_REFRESH_SECONDS))
      return ['refresh', `0 | ≥ ${MIN_REFRESH_SECONDS}`];
    if (this.format && this.format !== 'csv' && this.format !== 'json') return ['format', 'csv | json'];
    if (this.src && !httpUrl(this.src)) return ['src', 'http(s) URL'];
    return undefined;
  }

  private isCsv(url: string): boolean {
    if (this.format) return this.format === 'csv';
    const parsed = new URL(url);
    return (
      parsed.pathname.toLowerCase().endsWith('.csv') || /(^|&)(output|format)=csv(&|$)/.test(parsed.search.slice(1))
    );
  }

  /** GETs `src`: a CSV file as its rows, else JSON. The fast check and the row reader arrive meanwhile. */
  private async fetchData(url: string, signal: AbortSignal): Promise<unknown> {
    early(import('./progress-chart.quick.js'));
    let data: unknown;
    if (this.isCsv(url)) {
      early(import('./progress-chart.rows.js'));
      const [text, csv] = await Promise.all([
        fetchText(url, { signal }, 'text/csv'),
        import('./progress-chart.csv.js'),
      ]);
      data = csv.parseCsv(text);
      if (!data) throw new LoadError('parse', `${url} is not CSV`);
    } else {
      data = await fetchJson(url, { signal });
    }
    performance.mark('lantoa:lantoa-progress-chart:data');
    return data;
  }

  /** Validates what was found (rows of a CSV file or a pasted table become data first); nothing found: the sample. */
  private async readData({ from, data, url }: Found): Promise<ChartData | undefined> {
    if (this.badAttribute()) return undefined;
    const table = this.querySelector<HTMLTableElement>(':scope > table');
    if (from === 'none' && !table) return (await import('./progress-chart.defaults.js')).DEFAULT_DATA[this.kind];
    const quick = early(import('./progress-chart.quick.js'));
    let raw = data;
    const rows = url
      ? this.isCsv(url)
        ? (data as string[][])
        : null
      : from === 'none'
        ? (await import('./progress-chart.rows.js')).tableRows(table as HTMLTableElement)
        : null;
    if (rows) {
      const { rowsToData } = await import('./progress-chart.rows.js');
      // The data's language reads its numbers ("12.000" is twelve thousand in Vietnamese): a pasted table's own
      // `lang`, else the element's. Read once: a page switching language later does not rewrite its data.
      const result = rowsToData(this.kind, rows, table && !url && table.lang ? toLocale(table.lang) : this.locale);
      if (!result.ok) {
        this.logProblem(`invalid row in ${url ?? 'the <table>'}`, result.problem);
        // The messages come with the schema's chunk, loaded only now: the reader itself stays small.
        const { describeRowsProblem } = await import('./progress-chart.schema.js');
        throw { explain: (l) => describeRowsProblem(result.problem, l) } satisfies Problem;
      }
      const caption = table?.caption?.textContent?.trim();
      raw = caption && !url ? { title: caption, ...result.value } : result.value;
    }
    if (raw && typeof raw === 'object' && !Array.isArray(raw) && !('kind' in raw)) raw = { ...raw, kind: this.kind };
    // Valid data needs no zod: the schema's chunk comes only to say what is wrong. A document the fast check accepted
    // but completing refused (a series short of a value) already has its problem; only one it refused goes to zod.
    const { quickChartData, completeChartData } = await quick;
    let checked = quickChartData(raw);
    if (checked?.ok) return checked.value;
    const { checkChartInput, describeInvalid } = await import('./progress-chart.schema.js');
    if (!checked) {
      const input = checkChartInput(raw);
      checked = input.ok ? completeChartData(input.value) : input;
    }
    if (checked.ok) return checked.value;
    this.logProblem(
      `invalid data${checked.problem.path ? ` at "${checked.problem.path}"` : ''}`,
      checked.problem.detail,
    );
    throw { explain: (l) => describeInvalid(checked.problem, l) } satisfies Problem;
  }

  /** Data that is not JSON (or CSV) is named; anything else is the network's fault, and trying again may help. */
  private dataFailed(error: unknown, url: string | undefined): Problem {
    this.logError(`data from ${url ?? 'the inline JSON'}`, error);
    if (!(error instanceof LoadError && error.kind === 'parse'))
      return { explain: (l) => chartStrings[l].unreachable, retry: () => void this.figures.load() };
    const csv = !!url && this.isCsv(url);
    return { explain: (l) => (csv ? chartStrings[l].notCsv : chartStrings[l].notJson) };
  }

  private get heading(): string {
    // Until the data is read, a pasted table's caption is already the title it will have: showing it from the
    // first render keeps the box below the title from moving when the data arrives.
    const pending = this.chartData
      ? undefined
      : this.querySelector(':scope > table')?.querySelector('caption')?.textContent?.trim();
    return (
      this.caption ||
      pick(this.chartData?.title, this.locale) ||
      pending ||
      this.strings.defaultTitle[this.chartData?.kind ?? this.kind] ||
      ''
    );
  }

  private get isIllustrative(): boolean {
    return this.illustrative || !!this.chartData?.illustrative;
  }

  /** The column of values: "Hiện tại", or "Kết quả (minh họa)" once every deadline is over (today in Vietnam). */
  private get valueHeading(): string {
    const t = this.strings;
    if (!this.chartData || !deadlinesOver(this.chartData, Date.now())) return t.current;
    return this.isIllustrative ? t.resultIllustrative : t.result;
  }

  /**
   * Loads the chart chunk (then renders again: it brings the canvas's label and the legend), or draws the
   * chart, or redraws it when the language, theme (colours read from the tokens) or data changed.
   */
  private async drawOrUpdate(): Promise<void> {
    if (!this.chartData || this.drawing) return;
    this.drawing = true;
    try {
      if (!this.chartModule) {
        this.chartModule = await (this.renderer ??= import('./progress-chart.canvas.js'));
        return;
      }
      // chart.js builds and draws in a task of its own, not in the frame that rendered and laid out the canvas (one
      // task of about 50 ms at 4x CPU, two of about 30 now).
      await nextTask();
      const data = this.chartData;
      const module = this.chartModule;
      if (!data || !this.isConnected) return;
      const palette = module.readPalette(this);
      const key = JSON.stringify([data, this.isIllustrative, this.locale, palette]);
      const canvas = this.renderRoot.querySelector('canvas');
      if (key === this.drawnWith || !canvas) return;
      const options: DrawOptions = {
        data: this.isIllustrative ? { ...data, illustrative: true } : data,
        f: this.formatters,
        palette,
        animate: !prefersReducedMotion(),
        onDrawn: () => {
          performance.mark('lantoa:lantoa-progress-chart:chart');
          this.drawn = true;
          this.emit<ChartReadyDetail>('lantoa-chart-ready', { kind: data.kind });
        },
      };
      if (this.chart) this.chart.update(options);
      else this.chart = module.drawChart(canvas, options);
      this.drawnWith = key;
    } catch (error) {
      this.renderer = undefined;
      this.chartFailed = true;
      logWarning(this, `the chart could not be drawn; the table stays (${String(error)})`);
    } finally {
      this.drawing = false;
    }
  }

  /** Arrow keys, Home and End move along the bars or periods (the chart chunk knows how); each is read out. */
  private onCanvasKey(event: KeyboardEvent): void {
    const text = this.chart?.key(event.key);
    if (!text) return;
    event.preventDefault();
    this.announced = text;
  }

  private toggleTable(): void {
    if (this.drawn) {
      this.tableChosen = !this.tableChosen;
      return;
    }
    // Before chart.js is here (or after it failed to come), un-pressing the button asks for the chart now.
    this.tableChosen = false;
    this.chartFailed = false;
    this.near = true;
    this.requestUpdate();
  }

  protected override frameProblem(message: TemplateResult): unknown {
    return this.renderCard(message);
  }

  protected renderContent(): unknown {
    return this.renderCard();
  }

  /** The card: title, the box (the chart and the table, or `problem`), the toggle, note and source. */
  private renderCard(problem?: TemplateResult): TemplateResult {
    const t = this.strings;
    const data = problem ? undefined : this.chartData;
    const rows = data ? rowCount(data) : 0;
    const title = this.heading;
    const chartShown = this.drawn && !this.tableChosen;
    const note = this.note || pick(data?.note, this.locale);
    const source = this.source || pick(data?.source, this.locale);
    return html`<figure part="base" class="reset card" aria-busy=${this.figures.status === 'loading' ? 'true' : 'false'}>
      <figcaption class="head">
        <span part="title" class="title" id="title">${title}</span>
        ${this.isIllustrative ? html`<span part="illustrative" class="badge">${t.illustrative}</span>` : nothing}
      </figcaption>
      <div class="box">${problem ?? this.renderBox(t, data, rows, title, chartShown)}</div>
      ${
        data && rows
          ? html`<div class="foot">
            <button part="toggle" class="toggle" type="button" aria-pressed=${chartShown ? 'false' : 'true'} aria-controls="table-view" @click=${this.toggleTable}>
              ${t.showTable}
            </button>
          </div>`
          : nothing
      }
      ${note ? html`<p class="note">${note}</p>` : nothing}
      ${source ? html`<p class="source">${t.source(source)}</p>` : nothing}
    </figure>`;
  }

  private renderBox(
    t: ChartStrings,
    data: ChartData | undefined,
    rows: number,
    title: string,
    chartShown: boolean,
  ): TemplateResult {
    if (this.figures.status === 'loading' || !data)
      return html`<p class="status" role="status">${t.loading}</p><slot></slot>`;
    if (rows === 0) return html`<p class="status" role="status">${t.empty}</p>`;
    const illustrative = this.isIllustrative;
    const summary =
      this.chartModule?.summarize(illustrative ? { ...data, illustrative } : data, this.formatters, title) ?? title;
    const caption = illustrative ? `${title} (${t.illustrative})` : title;
    return html`<div class="layer chart ${chartShown ? '' : 'off'} ${this.drawn ? '' : 'undrawn'}">
        ${this.chartModule?.renderLegend({ html, svg, nothing }, data, this.formatters, t, this.valueHeading)}
        <div class="canvas">
          <canvas part="chart" role="img" aria-label=${summary} tabindex=${chartShown ? '0' : '-1'} @keydown=${this.onCanvasKey} @blur=${() => (this.announced = this.chart?.key('') ?? '')}></canvas>
        </div>
        <p class="visually-hidden" aria-live="polite">${this.announced}</p>
      </div>
      <div class="layer table ${chartShown ? 'off' : ''}" id="table-view" role="region" aria-labelledby="title" tabindex="0">
        ${renderTable(data, this.locale, t, caption, this.valueHeading)}
      </div>`;
  }
}

defineElement('lantoa-progress-chart', LantoaProgressChart);

declare global {
  interface HTMLElementTagNameMap {
    'lantoa-progress-chart': LantoaProgressChart;
  }
  interface GlobalEventHandlersEventMap {
    'lantoa-chart-ready': CustomEvent<ChartReadyDetail>;
  }
}
