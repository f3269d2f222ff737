import { html, nothing } from 'lit';
import type { ResultsResponse } from '../../contract/admin.js';
import { defineElement } from '../../core/define.js';
import { formatNumber, INTL_TAG, pick } from '../../core/i18n.js';
import '../../widgets/progress-chart/progress-chart.js';
import { api } from '../api.js';
import { Loader } from '../loader.js';
import { CampaignSection } from '../campaign-section.js';
import { numberColumn, tableRegion } from '../console-page.js';

/** The chart widget draws at most 100 periods and 8 series: the latest days, per choice when they fit. */
const CHART_DAYS = 100;
const CHART_SERIES = 8;

const sum = (counts: Iterable<number>) => [...counts].reduce((a, b) => a + b, 0);

/**
 * Results: daily totals drawn by the project's own <lantoa-progress-chart> (chart.js, loaded lazily), tables per
 * day, per unit × choice and per choice, quiz participation and mean score per unit, and the CSV export.
 */
export class LantoaConsoleResults extends CampaignSection {
  private results = new Loader(this, () => api.results(this.doc.id));

  /** Pledges summed by a key of each row (`day`, `unit|choice`…). */
  private tally(key: (row: ResultsResponse['days'][number]) => string): Map<string, number> {
    const totals = new Map<string, number>();
    for (const row of this.results.data?.days ?? []) totals.set(key(row), (totals.get(key(row)) ?? 0) + row.count);
    return totals;
  }

  private chartData() {
    const choices = this.doc.choices;
    const byDayChoice = this.tally((r) => `${r.day}|${r.choice}`);
    const days = [...new Set((this.results.data?.days ?? []).map((r) => r.day))].sort().slice(-CHART_DAYS);
    const series =
      choices.length <= CHART_SERIES
        ? choices.map((c) => ({ label: c.label, values: days.map((d) => byDayChoice.get(`${d}|${c.id}`) ?? 0) }))
        : [
            {
              label: { vi: 'Tổng', en: 'Total' },
              values: days.map((d) => sum(choices.map((c) => byDayChoice.get(`${d}|${c.id}`) ?? 0))),
            },
          ];
    return { kind: 'trend', title: { vi: 'Cam kết mỗi ngày', en: 'Pledges per day' }, periods: days, series };
  }

  override render() {
    const s = this.s.results;
    const csv = (what: 'pledges' | 'sites' | 'quiz', label: string) =>
      html`<li><a href=${api.exportUrl(this.doc.id, what)} download>${label}</a></li>`;
    return html`<h2>${this.s.campaign.results}</h2>
      <p class="label" id="downloads">${s.downloads}</p>
      <ul aria-labelledby="downloads" class="downloads">
        ${csv('pledges', s.csv)} ${csv('sites', s.csvSites)} ${csv('quiz', s.csvQuiz)}
      </ul>
      ${this.renderLoaded(this.results, (results) => this.renderResults(results))}`;
  }

  private renderResults(r: ResultsResponse) {
    const s = this.s.results;
    const n = (value: number) => formatNumber(this.locale, value);
    const byUnitChoice = this.tally((row) => `${row.unit}|${row.choice}`);
    const byDay = this.tally((row) => row.day);
    const choices = this.doc.choices;
    const unitName = (id: string) => this.doc.units.find((u) => u.id === id)?.name ?? id;
    const average = new Intl.NumberFormat(INTL_TAG[this.locale], { maximumFractionDigits: 1 });
    return html`
      <p><strong>${s.total(n(r.total))}</strong></p>
      ${
        r.days.length === 0
          ? html`<p>${s.none}</p>`
          : html`<h3>${s.chart}</h3>
            <lantoa-progress-chart lang=${this.locale} kind="trend" .data=${this.chartData()}></lantoa-progress-chart>
            <h3>${s.byUnit}</h3>
            ${tableRegion(
              s.byUnit,
              [s.unit, ...choices.map((c) => numberColumn(pick(c.label, this.locale))), numberColumn(s.pledges)],
              this.doc.units.map((u) => {
                const counts = choices.map((c) => byUnitChoice.get(`${u.id}|${c.id}`) ?? 0);
                return html`<tr>
                  <th scope="row">${u.name}${u.group ? html` <span class="muted">(${u.group})</span>` : nothing}</th>
                  ${counts.map((count) => html`<td class="number">${n(count)}</td>`)}
                  <td class="number">${n(sum(counts))}</td>
                </tr>`;
              }),
            )}
            <h3>${s.byChoice}</h3>
            ${tableRegion(
              s.byChoice,
              [s.choice, numberColumn(s.pledges)],
              choices.map(
                (c) => html`<tr>
                  <th scope="row">${pick(c.label, this.locale)}</th>
                  <td class="number">${n(sum(this.doc.units.map((u) => byUnitChoice.get(`${u.id}|${c.id}`) ?? 0)))}</td>
                </tr>`,
              ),
            )}
            <h3>${s.byDay}</h3>
            ${tableRegion(
              s.byDay,
              [s.day, numberColumn(s.pledges)],
              [...byDay]
                .sort(([a], [b]) => (a < b ? 1 : -1))
                .map(
                  ([day, count]) => html`<tr>
                    <th scope="row">${day}</th>
                    <td class="number">${n(count)}</td>
                  </tr>`,
                ),
            )}`
      }
      <h3>${s.quizzes}</h3>
      ${
        r.quizzes.length === 0
          ? html`<p>${s.noQuiz}</p>`
          : r.quizzes.map((quiz) =>
              tableRegion(
                pick(quiz.title, this.locale),
                [s.unit, numberColumn(s.participants), numberColumn(s.average)],
                quiz.units.map(
                  (u) => html`<tr>
                    <th scope="row">${unitName(u.unit)}</th>
                    <td class="number">${n(u.participants)}</td>
                    <td class="number">${average.format(u.averageScore)}</td>
                  </tr>`,
                ),
                { caption: true },
              ),
            )
      }
    `;
  }
}

defineElement('lantoa-console-results', LantoaConsoleResults);

declare global {
  interface HTMLElementTagNameMap {
    'lantoa-console-results': LantoaConsoleResults;
  }
}
