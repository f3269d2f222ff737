/** The data table: shown before chart.js arrives (and without it), and one toggle away after. */
import { html, type TemplateResult } from 'lit';
import { pick, type Locale } from '../../core/i18n.js';
import { formatDeadline, withUnit, type ChartData, type Target } from './progress-chart.data.js';
import type { ChartStrings } from './progress-chart.strings.js';

const targetText = (locale: Locale, target: Target, unit?: string) => {
  const deadline = formatDeadline(locale, target.deadline);
  return `${withUnit(locale, target.value, unit)}${deadline ? ` (${deadline})` : ''}`;
};

/** `current` heads the column of values: "Hiện tại", or "Kết quả" once the deadlines are over. */
export function renderTable(
  data: ChartData,
  locale: Locale,
  t: ChartStrings,
  caption: string,
  current: string,
): TemplateResult {
  const v = (value: number | null, unit?: string) => (value === null ? '—' : withUnit(locale, value, unit));
  let head: string[];
  let rows: { label: string; cells: string[] }[];
  if (data.kind === 'progress') {
    const references = data.indicators.some((i) => i.reference);
    head = [t.indicator, current, t.target, t.deadline, ...(references ? [t.referenceColumn] : [])];
    rows = data.indicators.map((i) => ({
      label: pick(i.label, locale),
      cells: [
        v(i.value, i.unit),
        v(i.target, i.unit),
        formatDeadline(locale, i.deadline),
        ...(references
          ? [i.reference ? `${pick(i.reference.label, locale)} ${targetText(locale, i.reference, i.unit)}`.trim() : '']
          : []),
      ],
    }));
  } else if (data.kind === 'trend') {
    head = [
      t.period,
      ...data.series.map((s) => pick(s.label, locale)),
      ...(data.target ? [pick(data.target.label, locale) || t.target] : []),
    ];
    rows = data.periods.map((period, index) => ({
      label: period,
      cells: [
        ...data.series.map((s) => v(s.values[index], data.unit)),
        ...(data.target ? [targetText(locale, data.target, data.unit)] : []),
      ],
    }));
  } else {
    const target = data.target;
    head = [t.unit, t.value, ...(target ? [`${t.target} ${targetText(locale, target, data.unit)}`] : [])];
    rows = data.units.map((u) => ({
      label: pick(u.label, locale),
      cells: [v(u.value, data.unit), ...(target ? [u.value >= target.value ? t.met : t.notMet] : [])],
    }));
  }
  return html`<table part="table">
    <caption class="visually-hidden">
      ${caption}
    </caption>
    <thead>
      <tr>
        ${head.map((name, index) => html`<th scope="col" class=${index === 0 ? '' : 'number'}>${name}</th>`)}
      </tr>
    </thead>
    <tbody>
      ${rows.map(
        (row) => html`<tr>
          <th scope="row">${row.label}</th>
          ${row.cells.map((cell) => html`<td class="number">${cell}</td>`)}
        </tr>`,
      )}
    </tbody>
  </table>`;
}
