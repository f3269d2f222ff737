/**
 * The chart's data model (what the zod schema accepts, after validation) and the pieces both the table
 * and the canvas need: text in the widget's language, numbers with their unit, deadlines and whether they
 * are over.
 */
import { formatNumber, type Locale, type LocalText } from '../../core/i18n.js';

export const KINDS = ['progress', 'trend', 'compare'] as const;
export type ChartKind = (typeof KINDS)[number];

export interface Target {
  value: number;
  /** Whose target, e.g. "Cả nước" / "Nation". */
  label?: LocalText;
  /** A year (2025) or an ISO date. */
  deadline?: number | string;
}

export interface Indicator {
  label: LocalText;
  value: number;
  target: number;
  deadline?: number | string;
  /** Unit of measure: "%", "người", "hồ sơ"… */
  unit?: string;
  /** A second target to compare with, e.g. 80% nationwide beside the province's 100%. */
  reference?: Target;
}

interface Common {
  title?: LocalText;
  /** Values that are not facts: the chart says "Số liệu minh họa" on itself. */
  illustrative?: boolean;
  /** Where the numbers come from, shown under the chart. */
  source?: LocalText;
  /** One line on what the figures cover, shown under the chart: the period, whose boundaries ("units as of 2020"). */
  note?: LocalText;
}

export interface ProgressData extends Common {
  kind: 'progress';
  indicators: Indicator[];
}

export interface TrendData extends Common {
  kind: 'trend';
  unit?: string;
  periods: string[];
  /** One value per period; null leaves a gap (no figure for that period). */
  series: { label: LocalText; values: (number | null)[] }[];
  target?: Target;
}

export interface CompareData extends Common {
  kind: 'compare';
  unit?: string;
  units: { label: LocalText; value: number }[];
  target?: Target;
}

export type ChartData = ProgressData | TrendData | CompareData;

/** 72 % → "72%", 1234 người → "1.234 người" (vi) / "1,234 người" (en). */
export function withUnit(locale: Locale, value: number, unit = ''): string {
  const number = formatNumber(locale, Math.round(value * 100) / 100);
  if (!unit) return number;
  return unit === '%' ? `${number}%` : `${number} ${unit}`;
}

/** "2025" for a year; an ISO date in the locale's day order. */
export function formatDeadline(locale: Locale, deadline: number | string | undefined): string {
  if (deadline === undefined) return '';
  if (typeof deadline === 'number') return String(deadline);
  const [y, m, d] = deadline.slice(0, 10).split('-').map(Number);
  return new Intl.DateTimeFormat(locale === 'vi' ? 'vi-VN' : 'en-GB').format(new Date(y, m - 1, d));
}

/**
 * A progress chart whose every indicator's deadline is over at `now` (ms) shows results ("Kết quả"), no longer
 * current values. Deadlines are Vietnamese dates: the day is Vietnam's (UTC+7, no daylight saving; the
 * contract's vietnamDay says the same, but importing it would cost this element one more request). A year is
 * over once it has ended (2025 from 1/1/2026), a date the day after it.
 */
export function deadlinesOver(data: ChartData, now: number): boolean {
  const day = new Date(now + 7 * 3_600_000).toISOString().slice(0, 10);
  const over = (d: number | string | undefined) =>
    d !== undefined && day > (typeof d === 'number' ? `${d}-12-31` : d.slice(0, 10));
  return data.kind === 'progress' && data.indicators.length > 0 && data.indicators.every((i) => over(i.deadline));
}

/** Number of rows the chart and the table show; 0 means "Chưa có số liệu". */
export function rowCount(data: ChartData): number {
  if (data.kind === 'progress') return data.indicators.length;
  if (data.kind === 'compare') return data.units.length;
  return data.series.length === 0 ? 0 : data.periods.length;
}

/** The element's formatting in its current language, handed to the lazily loaded chart modules. */
export interface Formatters {
  locale: Locale;
  /** The locale's Intl tag (`vi-VN`, `en-GB`), for chart.js's own number formats. */
  intl: string;
  text: (text: LocalText | undefined) => string;
  format: (value: number, unit?: string) => string;
  deadline: (deadline: number | string | undefined) => string;
}
