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
  /** How numbers are written in data of that language ("dấu chấm ngăn hàng nghìn…"), and two examples. */
  numberStyle: Record<Locale, string>;
  numberExamples: Record<Locale, string>;
  /** The cell as it should be written: “1.234,5”. */
  numberFixed: (fixed: string) => string;
  ambiguous: (
    row: number,
    column: string,
    value: string,
    readings: [string, string],
    other: string,
    style: string,
    fixed: string,
  ) => string;
  item: (list: string, index: number) => string;
  number: string;
  text: string;
  deadline: string;
  value: string;
}

const strings: Strings<ProblemStrings> = {
  vi: {
    invalidAt: (where, expected) => `Số liệu không hợp lệ ở ${where}: cần ${expected}.`,
    invalidCell: (row, column, value, expected) =>
      `Dòng ${row}, cột “${column}”: “${value}” không hợp lệ, cần ${expected}.`,
    missingColumn: (column) => `Thiếu cột “${column}”.`,
    numberStyle: {
      vi: 'dấu chấm ngăn hàng nghìn, dấu phẩy trước phần thập phân',
      en: 'viết kiểu tiếng Anh như ngôn ngữ của bảng: dấu phẩy ngăn hàng nghìn, dấu chấm trước phần thập phân',
    },
    numberExamples: { vi: 'ví dụ 12.000 hoặc 72,5', en: 'ví dụ 12,000 hoặc 72.5' },
    numberFixed: (fixed) => `ở đây: “${fixed}”`,
    ambiguous: (row, column, value, [a, b], other, style, fixed) =>
      `Dòng ${row}, cột “${column}”: không rõ “${value}” là ${a} hay ${b}, vì cột này có cả “${other}”. Viết mọi số trong cột theo một kiểu: ${style} (“${other}” viết là “${fixed}”).`,
    item: (list, index) => `${list}, mục ${index}`,
    number: 'một số',
    text: 'một đoạn chữ',
    deadline: 'một năm (2025) hoặc một ngày NNNN-TT-NN',
    value: 'giá trị đúng kiểu',
  },
  en: {
    invalidAt: (where, expected) => `Invalid data at ${where}: expected ${expected}.`,
    invalidCell: (row, column, value, expected) =>
      `Row ${row}, column “${column}”: “${value}” is invalid, expected ${expected}.`,
    missingColumn: (column) => `The “${column}” column is missing.`,
    numberStyle: {
      vi: 'written the Vietnamese way, as the table’s language says: a point between thousands, a comma before decimals',
      en: 'a comma between thousands, a point before decimals',
    },
    numberExamples: { vi: 'e.g. 12.000 or 72,5', en: 'e.g. 12,000 or 72.5' },
    numberFixed: (fixed) => `here: “${fixed}”`,
    ambiguous: (row, column, value, [a, b], other, style, fixed) =>
      `Row ${row}, column “${column}”: “${value}” could be ${a} or ${b}, as the column also has “${other}”. Write every number in the column one way: ${style} (“${other}” as “${fixed}”).`,
    item: (list, index) => `${list}, item ${index}`,
    number: 'a number',
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
  const expected = /expected (number|nan)/.test(problem.detail)
    ? t.number
    : /expected string/.test(problem.detail)
      ? t.text
      : t.value;
  return t.invalidAt(where || 'JSON', expected);
}

/**
 * A bad cell of a CSV file or table, by spreadsheet row number and column header. A number's message says
 * how numbers are written in the data's language, which may differ from the message's (a `<table lang>`).
 */
export function describeRowsProblem(problem: RowsProblem, locale: Locale): string {
  const t = strings[locale];
  if (problem.type === 'column') return t.missingColumn(problem.column);
  const note = problem.number;
  if (!note) return t.invalidCell(problem.row, problem.column, problem.value, t[problem.expected]);
  const style = t.numberStyle[note.locale];
  if (note.why === 'ambiguous')
    return t.ambiguous(problem.row, problem.column, problem.value, note.readings, note.other, style, note.fixed);
  const how = note.fixed === undefined ? t.numberExamples[note.locale] : t.numberFixed(note.fixed);
  return t.invalidCell(problem.row, problem.column, problem.value, `${t.number}, ${style} (${how})`);
}
