/**
 * CSV text → rows, with d3-dsv (1.2 KB gzip; Papa Parse measured 7.3 KB for the same use). Loaded lazily,
 * only when the chart's `src` is a CSV file. Spreadsheets exported with a Vietnamese locale separate
 * columns with semicolons (the comma is their decimal sign): the header line decides which is used.
 */
import { dsvFormat } from 'd3-dsv';

/** The separator that splits the header line most often, outside quotes: `,`, `;` or a tab. */
function delimiterOf(text: string): string {
  const line = (text.split(/\r?\n/, 1)[0] ?? '').replace(/"[^"]*"/g, '');
  let best = ',';
  let most = 0;
  for (const candidate of [',', ';', '\t']) {
    const count = line.split(candidate).length - 1;
    if (count > most) [best, most] = [candidate, count];
  }
  return best;
}

/** Rows of cells; null when the text is plainly not CSV (an HTML page, e.g. a sheet's sign-in page). */
export function parseCsv(text: string): string[][] | null {
  const clean = text.replace(/^\ufeff/, '');
  if (/^\s*</.test(clean)) return null;
  return dsvFormat(delimiterOf(clean)).parseRows(clean);
}
