/**
 * CSV files of the console's exports, made for spreadsheets: UTF-8 with a byte-order mark (without it
 * Excel reads Vietnamese as Windows-1252 mojibake), CRLF line ends, RFC 4180 quoting (d3-dsv's, which the
 * progress chart already uses to read CSV), and cells an editor typed neutralised against formula
 * injection: a text starting with =, +, -, @, tab or CR gets a leading ' so a spreadsheet shows it as
 * text instead of running it (OWASP "CSV Injection").
 */
import { csvFormatRow } from 'd3-dsv';

export type Cell = string | number | boolean;

const FORMULA_START = /^[=+\-@\t\r]/;

/** A text cell as a spreadsheet will show it, never as a formula. Numbers are ours, never typed: kept. */
export function safeCell(value: Cell): string {
  if (typeof value !== 'string') return String(value);
  return FORMULA_START.test(value) ? `'${value}` : value;
}

/** The whole file: BOM, the header row, the rows, each line ended by CRLF. */
export function toCsv(columns: readonly string[], rows: readonly (readonly Cell[])[]): string {
  const lines = [columns, ...rows].map((row) => csvFormatRow(row.map(safeCell)));
  return `\uFEFF${lines.join('\r\n')}\r\n`;
}
