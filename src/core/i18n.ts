/** Languages every widget ships. Vietnamese is the default: the campaign is Vietnamese. */
export const LOCALES = ['vi', 'en'] as const;
export type Locale = (typeof LOCALES)[number];
export const DEFAULT_LOCALE: Locale = 'vi';

/** A widget's strings: one object per locale, same keys in each (the type makes a missing one fail tsc). */
export type Strings<T> = Record<Locale, T>;

/** A message worded in the language of the moment (the page may switch languages while it shows). */
export type Explain = (locale: Locale) => string;

/** Maps any BCP 47 tag (`vi-VN`, `en-GB`, `EN`) to a supported locale; unknown or empty gives the default. */
export function toLocale(tag: string | null | undefined): Locale {
  const primary = (tag ?? '').trim().toLowerCase().split(/[-_]/)[0];
  return (LOCALES as readonly string[]).includes(primary) ? (primary as Locale) : DEFAULT_LOCALE;
}

/**
 * The language an element speaks: its own `lang`, else the nearest ancestor's (crossing shadow roots),
 * else `<html lang>`, else Vietnamese.
 */
export function resolveLocale(element: Element): Locale {
  let node: Node | null = element;
  while (node) {
    if (node instanceof Element && node.hasAttribute('lang') && node.getAttribute('lang')) {
      return toLocale(node.getAttribute('lang'));
    }
    node = node.parentNode ?? (node instanceof ShadowRoot ? node.host : null);
  }
  return DEFAULT_LOCALE;
}

/** Full Intl tag for a locale, so numbers read 1.234.567 in Vietnamese and 1,234,567 in English. */
export const INTL_TAG: Record<Locale, string> = { vi: 'vi-VN', en: 'en-GB' };

/** Text given once for every language, or per language with Vietnamese required (every Lantoa data format). */
export type LocalText = string | { vi: string; en?: string };

/** The text in `locale`, else the Vietnamese; '' when there is none. */
export const pick = (text: LocalText | undefined, locale: Locale): string =>
  text === undefined ? '' : typeof text === 'string' ? text : (text[locale] ?? text.vi);

/**
 * Number formats made once per locale (and style): building one costs tens of µs, and a 150-unit ranking formats
 * 300 numbers per render (a new format per number made each render a long task on a slow phone).
 */
const numberFormats: Record<string, Intl.NumberFormat> = {};

/** 0.725 → "73 %" (vi) / "73%" (en): whole percent. */
export const formatPercent = (locale: Locale, ratio: number): string =>
  (numberFormats[`${locale}%`] ??= new Intl.NumberFormat(INTL_TAG[locale], { style: 'percent' })).format(ratio);

export const formatNumber = (locale: Locale, value: number): string =>
  (numberFormats[locale] ??= new Intl.NumberFormat(INTL_TAG[locale])).format(value);

export function formatDate(locale: Locale, date: Date): string {
  return new Intl.DateTimeFormat(INTL_TAG[locale], { day: 'numeric', month: 'numeric', year: 'numeric' }).format(date);
}
