/**
 * Rows of text (a CSV file, or the `<table>` written inside the element) → chart data. The first row
 * names the columns, in Vietnamese or English, with or without diacritics ("Chỉ tiêu", "chi tieu",
 * "target"); numbers are read in the data's language (progress-chart.numbers.ts has the rule). A bad cell
 * is reported by its row (as numbered in a spreadsheet: the header is row 1) and its column header.
 * Loaded lazily, only for those sources.
 */
import { foldText } from '../../core/fold.js';
import type { Locale } from '../../core/i18n.js';
import type { ChartKind } from './progress-chart.data.js';
import { columnProblem, readNumber, type NumberNote } from './progress-chart.numbers.js';

export type RowsProblem =
  | {
      type: 'cell';
      row: number;
      column: string;
      value: string;
      expected: 'number' | 'text' | 'deadline';
      number?: NumberNote;
    }
  | { type: 'column'; column: string };

export type RowsResult = { ok: true; value: Record<string, unknown> } | { ok: false; problem: RowsProblem };

/** "Chỉ tiêu (%)" → "chitieu": no diacritics, no case, no punctuation. */
export const normalizeHeader = (header: string): string => foldText(header).replace(/[^a-z0-9]/g, '');

const COLUMNS = {
  label: ['tieuchi', 'noidung', 'chiso', 'label', 'indicator', 'name'],
  value: ['hientai', 'ketqua', 'giatri', 'datduoc', 'value', 'current', 'result'],
  target: ['chitieu', 'muctieu', 'target'],
  deadline: ['thoihan', 'han', 'deadline'],
  unit: ['donvitinh', 'dvt', 'unit'],
  area: ['donvi', 'diaban', 'huyen', 'xa', 'ten', 'name', 'area', 'label'],
  period: ['ky', 'nam', 'giaidoan', 'thoigian', 'period', 'year'],
} as const;
type Column = keyof typeof COLUMNS;

/** Which column holds each field: exact header names first, then headers that start with one ("Chỉ tiêu 2025"). */
function locate(headers: string[], fields: Column[]): Partial<Record<Column, number>> {
  const names = headers.map(normalizeHeader);
  const found: Partial<Record<Column, number>> = {};
  const taken = new Set<number>();
  for (const exact of [true, false]) {
    for (const field of fields) {
      if (found[field] !== undefined) continue;
      const index = names.findIndex(
        (name, i) => !taken.has(i) && COLUMNS[field].some((alias) => (exact ? name === alias : name.startsWith(alias))),
      );
      if (index !== -1) {
        found[field] = index;
        taken.add(index);
      }
    }
  }
  return found;
}

class CellError extends Error {
  constructor(readonly problem: RowsProblem) {
    super('cell');
  }
}

/** `locale` is the data's language: it decides what "12.000" means. */
export function rowsToData(kind: ChartKind, rows: string[][], locale: Locale): RowsResult {
  const [headers = [], ...body] = rows;
  const data = body
    .map((cells, index) => ({ cells, row: index + 2 }))
    .filter(({ cells }) => cells.some((cell) => cell.trim() !== ''));
  const cell = (cells: string[], column: number | undefined) =>
    column === undefined ? '' : (cells[column] ?? '').trim();
  const columns = new Map<number, (number | undefined)[]>();
  /** A column of numbers, read whole: whether "12.000" is ambiguous depends on the rest of its column. */
  const numbers = (column: number, required: boolean): (number | undefined)[] => {
    const known = columns.get(column);
    if (known) return known;
    const texts = data.map(({ cells }) => cell(cells, column));
    const readings = texts.map((text) => readNumber(text, locale));
    const missing = required ? readings.findIndex((r) => r === undefined) : -1;
    const problem = columnProblem(readings, texts, locale);
    const at = [missing, problem?.[0] ?? -1].filter((index) => index !== -1).sort((a, b) => a - b)[0];
    if (at !== undefined) {
      const note: NumberNote = at === problem?.[0] ? problem[1] : { why: 'invalid', locale };
      throw new CellError({
        type: 'cell',
        row: data[at].row,
        column: headers[column],
        value: texts[at],
        expected: 'number',
        number: note,
      });
    }
    const values = readings.map((r) => r?.value);
    columns.set(column, values);
    return values;
  };
  const text = (cells: string[], row: number, column: number): string => {
    const value = cell(cells, column);
    if (!value) throw new CellError({ type: 'cell', row, column: headers[column], value, expected: 'text' });
    return value;
  };
  /** A column of percentages: "%" in its header ("Giá trị (%)") or in its cells ("72%"). */
  const percent = (column: number) =>
    (headers[column] ?? '').includes('%') || data.some(({ cells }) => cell(cells, column).includes('%'));
  const required = (at: Partial<Record<Column, number>>, field: Column, name: string): number => {
    const index = at[field];
    if (index === undefined) throw new CellError({ type: 'column', column: name });
    return index;
  };
  try {
    if (kind === 'progress') {
      const at = locate(headers, ['label', 'value', 'target', 'deadline', 'unit']);
      const [label, value, target] = [
        required(at, 'label', 'Tiêu chí'),
        required(at, 'value', 'Hiện tại'),
        required(at, 'target', 'Chỉ tiêu'),
      ];
      return {
        ok: true,
        value: {
          kind,
          indicators: data.map(({ cells, row }, index) => {
            const deadline = cell(cells, at.deadline);
            if (deadline && !/^\d{4}(-\d\d-\d\d)?$/.test(deadline)) {
              throw new CellError({
                type: 'cell',
                row,
                column: headers[at.deadline ?? 0],
                value: deadline,
                expected: 'deadline',
              });
            }
            const unit =
              cell(cells, at.unit) ||
              (cell(cells, value).includes('%') || headers[value].includes('%') ? '%' : undefined);
            return {
              label: text(cells, row, label),
              value: numbers(value, true)[index],
              target: numbers(target, true)[index],
              ...(deadline ? { deadline: deadline.length === 4 ? Number(deadline) : deadline } : {}),
              ...(unit ? { unit } : {}),
            };
          }),
        },
      };
    }
    if (kind === 'compare') {
      const at = locate(headers, ['unit', 'area', 'value', 'target']);
      const [label, value] = [required(at, 'area', 'Đơn vị'), required(at, 'value', 'Giá trị')];
      const target = at.target === undefined ? undefined : numbers(at.target, false).find((t) => t !== undefined);
      const unit = data.map(({ cells }) => cell(cells, at.unit)).find(Boolean) || (percent(value) ? '%' : undefined);
      return {
        ok: true,
        value: {
          kind,
          ...(unit ? { unit } : {}),
          units: data.map(({ cells, row }, index) => ({
            label: text(cells, row, label),
            value: numbers(value, true)[index],
          })),
          ...(target !== undefined ? { target: { value: target } } : {}),
        },
      };
    }
    // Trend: one column of periods, one column per series, optionally a target and a unit column.
    const at = locate(headers, ['period', 'target', 'unit']);
    const period = at.period ?? 0;
    const seriesColumns = headers
      .map((_, index) => index)
      .filter((index) => index !== period && index !== at.target && index !== at.unit);
    const target = at.target === undefined ? undefined : numbers(at.target, false).find((t) => t !== undefined);
    const unit =
      data.map(({ cells }) => cell(cells, at.unit)).find(Boolean) || (seriesColumns.some(percent) ? '%' : undefined);
    return {
      ok: true,
      value: {
        kind,
        ...(unit ? { unit } : {}),
        periods: data.map(({ cells, row }) => text(cells, row, period)),
        series: seriesColumns.map((column) => ({
          label: headers[column].trim() || `#${column + 1}`,
          values: numbers(column, false).map((v) => v ?? null),
        })),
        ...(target !== undefined ? { target: { value: target } } : {}),
      },
    };
  } catch (error) {
    if (error instanceof CellError) return { ok: false, problem: error.problem };
    throw error;
  }
}

/** The rows of a `<table>` (header row first), as text: the no-JavaScript fallback doubles as the data. */
export function tableRows(table: HTMLTableElement): string[][] {
  return [...table.rows].map((row) => [...row.cells].map((c) => (c.textContent ?? '').replace(/\s+/g, ' ').trim()));
}
