/**
 * Numbers as a CSV file or a pasted table writes them, read in the data's language (part of the lazily
 * loaded row reader).
 *
 * The rule, in this order:
 * 1. The data's language decides. Vietnamese: "." or a space groups thousands, "," marks decimals
 *    (12.000 = 12000; 1.234.567; 72,5; 1.234,5). English: "," or a space groups thousands, "." marks
 *    decimals (12,000; 72.5). Spaces include the no-break and thin spaces spreadsheets write. A "%" before
 *    or after, and a sign ("-", "+", "−"), are allowed.
 * 2. The other language's decimal mark alone, where it cannot be a thousands group (not followed by exactly
 *    three digits, and with no grouping mark of its own), means one thing only and is read as a decimal:
 *    "72.5" in a Vietnamese table is 72,5 (percentages typed on an English keyboard), "72,5" in an English
 *    one is 72.5.
 * 3. A single mark followed by exactly three digits ("12.000", "12,000") reads differently in the two
 *    languages. It is read by rule 1 (12.000 is twelve thousand in Vietnamese), unless its column also has
 *    a value only the other language writes (rule 2): then the column contradicts itself and the value is
 *    reported as ambiguous. Mixed styles whose values each have one reading are not an error.
 * 4. Anything else is not a number: the other language's full style ("1,234.5" in Vietnamese, "1.234,5" in
 *    English: the message says how to write it), groups of the wrong size ("1.23.4"), letters, "1e3".
 */
import { INTL_TAG, type Locale } from '../../core/i18n.js';

/** How a cell was read: a bare number, in the data's style, by rule 2, or by rule 3 (then `other` is the other reading). */
export type NumberStyle = 'plain' | 'native' | 'foreign' | 'ambiguous' | 'invalid';

export interface NumberReading {
  /** NaN when invalid. */
  value: number;
  style: NumberStyle;
  /** The other language's reading, when there is one. */
  other?: number;
}

/** Why a cell is not a number, with what to write instead (formatted in the data's language). */
export type NumberNote =
  | { why: 'invalid'; locale: Locale; fixed?: string }
  | { why: 'ambiguous'; locale: Locale; readings: [string, string]; other: string; fixed: string };

const MARKS: Record<Locale, { group: string; decimal: string }> = {
  vi: { group: '.', decimal: ',' },
  en: { group: ',', decimal: '.' },
};

/** `body` (no sign, no %, spaces collapsed) written with this group and decimal mark → its value, else null. */
function readWith(body: string, group: string, decimal: string): number | null {
  const d = `\\${decimal}`;
  for (const g of [group, ' ']) {
    // A grouped number starts with 1–3 digits, not 0 ("0,125" is a decimal in any language).
    if (new RegExp(`^[1-9]\\d{0,2}(?:\\${g}\\d{3})+(?:${d}\\d+)?$`).test(body))
      return Number(body.split(g).join('').replace(decimal, '.'));
  }
  return new RegExp(`^\\d+(?:${d}\\d+)?$`).test(body) ? Number(body.replace(decimal, '.')) : null;
}

/** One cell, read in `locale`; undefined when empty. */
export function readNumber(raw: string, locale: Locale): NumberReading | undefined {
  const text = raw.trim();
  if (text === '') return undefined;
  let body = text.replace(/^%\s*|\s*%$/g, '');
  const sign = /^[-−]/.test(body) ? -1 : 1;
  body = body.replace(/^[-+−]/, '').replace(/\s+/g, ' ');
  const { group, decimal } = MARKS[locale];
  const native = readWith(body, group, decimal);
  const foreign = readWith(body, decimal, group);
  const other = foreign === null ? {} : { other: sign * foreign };
  if (native !== null) {
    const style = /^\d+$/.test(body) ? 'plain' : foreign !== null && foreign !== native ? 'ambiguous' : 'native';
    return { value: sign * native, style, ...(style === 'ambiguous' ? other : {}) };
  }
  if (foreign !== null && !body.includes(decimal)) return { value: sign * foreign, style: 'foreign' };
  return { value: NaN, style: 'invalid', ...other };
}

/** A value written as the data's language writes it, every decimal kept: "12.000", "72,5". */
export const writeNumber = (value: number, locale: Locale): string =>
  new Intl.NumberFormat(INTL_TAG[locale], { maximumFractionDigits: 20 }).format(value);

const bare = (value: number, locale: Locale) =>
  new Intl.NumberFormat(INTL_TAG[locale], { maximumFractionDigits: 20, useGrouping: false }).format(value);

/**
 * A column's readings (undefined = empty cell) → the first problem, by rule 3 and 4, as
 * `[index, note]`; null when every value has one reading.
 */
export function columnProblem(
  readings: (NumberReading | undefined)[],
  texts: string[],
  locale: Locale,
): [number, NumberNote] | null {
  const invalid = readings.findIndex((r) => r?.style === 'invalid');
  const foreign = readings.findIndex((r) => r?.style === 'foreign');
  const ambiguous = foreign === -1 ? -1 : readings.findIndex((r) => r?.style === 'ambiguous');
  const first = [invalid, ambiguous].filter((index) => index !== -1).sort((a, b) => a - b)[0];
  if (first === undefined) return null;
  const reading = readings[first] as NumberReading;
  if (first === invalid) {
    return [
      first,
      { why: 'invalid', locale, ...(reading.other === undefined ? {} : { fixed: writeNumber(reading.other, locale) }) },
    ];
  }
  const evidence = readings[foreign] as NumberReading;
  return [
    first,
    {
      why: 'ambiguous',
      locale,
      readings: [bare(reading.value, locale), bare(reading.other ?? NaN, locale)],
      other: texts[foreign],
      fixed: writeNumber(evidence.value, locale),
    },
  ];
}
