/**
 * The language of a public page: `?lang=vi|en` when given (links that must show one language: the
 * canonical URL, what the share buttons share), else the visitor's Accept-Language (the first of vi and en
 * in the order of preference), else Vietnamese.
 */
export type PageLang = 'vi' | 'en';

export function pageLanguage(query: string | undefined, acceptLanguage: string | undefined): PageLang {
  if (query === 'vi' || query === 'en') return query;
  let best: PageLang = 'vi';
  let bestQ = 0;
  // "en-US,en;q=0.9,vi;q=0.8": a primary subtag and an optional weight per entry.
  for (const entry of (acceptLanguage ?? '').slice(0, 512).split(',')) {
    const [tag = '', ...params] = entry.trim().toLowerCase().split(';');
    const primary = tag.split('-')[0];
    if (primary !== 'vi' && primary !== 'en') continue;
    const weight = params.map((p) => /^\s*q=([01](?:\.\d{0,3})?)\s*$/.exec(p)?.[1]).find((q) => q !== undefined);
    const q = weight === undefined ? 1 : Number(weight);
    if (q > bestQ) {
      best = primary;
      bestQ = q;
    }
  }
  return best;
}

/**
 * The English strings of a page, typed from its Vietnamese ones (the reference): the same keys, each a string or a
 * function of the same arguments.
 */
export type Translation<T> = {
  [K in keyof T]: T[K] extends (...args: infer A) => string ? (...args: A) => string : string;
};
