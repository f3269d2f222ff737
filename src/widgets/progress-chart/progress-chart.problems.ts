/**
 * Localized messages for bad outside data, naming the row and column (CSV, table) or the field (JSON).
 * Loaded lazily with the schema and the row reader: only outside data can be bad.
 */
import type { Locale, Strings } from '../../core/i18n.js';
import type { Problem } from '../../core/validate.js';
import type { RowsProblem } from './progress-chart.rows.js';

interface ProblemStrings {
  invalidAt: (where: string, expected: string) => string;
  invalidCell: (row: number, column: string, value: string, expected: string) => string;
  missingColumn: (column: string) => string;
  item: (list: string, index: number) => string;
  number: string;
  text: string;
  deadline: string;
  value: string;
}

const strings: Strings<ProblemStrings> = {
  vi: {
    invalidAt: (where, expected) => `Số liệu không hợp lệ ở ${where}: cần ${expected}.`,
    invalidCell: (row, column, value, expected) => `Dòng ${row}, cột “${column}”: “${value}” không hợp lệ, cần ${expected}.`,
    missingColumn: (column) => `Thiếu cột “${column}”.`,
    item: (list, index) => `${list}, mục ${index}`,
    number: 'một số (ví dụ 72,5 hoặc 72.5)',
    text: 'một đoạn chữ',
    deadline: 'một năm (2025) hoặc một ngày NNNN-TT-NN',
    value: 'giá trị đúng kiểu',
  },
  en: {
    invalidAt: (where, expected) => `Invalid data at ${where}: expected ${expected}.`,
    invalidCell: (row, column, value, expected) => `Row ${row}, column “${column}”: “${value}” is invalid, expected ${expected}.`,
    missingColumn: (column) => `The “${column}” column is missing.`,
    item: (list, index) => `${list}, item ${index}`,
    number: 'a number (e.g. 72.5 or 72,5)',
    text: 'some text',
    deadline: 'a year (2025) or a date YYYY-MM-DD',
    value: 'a value of the right type',
  },
};

/** A zod problem at "indicators.2.value" → "“indicators”, mục 3, “value”: cần một số". */
export function describeInvalid(problem: Problem, locale: Locale): string {
  const t = strings[locale];
  let where = '';
  problem.path.split('.').forEach((part, index) => {
    if (/^\d+$/.test(part)) where = t.item(where, Number(part) + 1);
    else if (part) where += `${index ? ', ' : ''}“${part}”`;
  });
  const expected = /expected (number|nan)/.test(problem.detail) ? t.number : /expected string/.test(problem.detail) ? t.text : t.value;
  return t.invalidAt(where || 'JSON', expected);
}

/** A bad cell of a CSV file or table, by spreadsheet row number and column header. */
export function describeRowsProblem(problem: RowsProblem, locale: Locale): string {
  const t = strings[locale];
  if (problem.type === 'column') return t.missingColumn(problem.column);
  return t.invalidCell(problem.row, problem.column, problem.value, t[problem.expected]);
}
