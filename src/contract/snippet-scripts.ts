import { apiPath } from './paths.js';

/**
 * Widgets with a script of their own (/lantoa/<name>.js: the widget whole in one classic file, two round trips like
 * the USWDS banner, against three through the loader), in the order a page gives them their file. scripts/widgets.ts
 * marks them `classic` (a test checks).
 */
export const OWN_SCRIPT_TAGS: readonly string[] = ['lantoa-banner', 'lantoa-pledge-counter', 'lantoa-progress-chart'];

const ownScript = (tag: string) => `${tag.replace(/^lantoa-/, '')}.js`;

/**
 * The script files a webmaster's snippet names for its widgets (under the service's /lantoa/): the banner its own
 * file; of the others, one its own file (the counter first, else the chart), and the rest the loader, which shares
 * one Lit between them and leaves a widget whose own file is on the page to it. Each own file carries its own Lit:
 * one more beside the banner's brings the counter a round trip sooner on a page with every widget (measured), more
 * would make the banner's first round too heavy. The README, the embed builder and Storybook's "Show code" follow it.
 */
export function snippetScripts(tags: readonly string[]): string[] {
  const banner = tags.includes('lantoa-banner') ? ['lantoa-banner'] : [];
  const others = tags.filter((tag) => tag !== 'lantoa-banner');
  const second = OWN_SCRIPT_TAGS.find((tag) => tag !== 'lantoa-banner' && others.includes(tag));
  const rest = others.filter((tag) => tag !== second);
  return [...banner, ...(second ? [second] : [])].map(ownScript).concat(rest.length > 0 ? ['loader.js'] : []);
}

/**
 * The data a widget with `campaign` fetches before its first content (API paths): the banner's campaign feed, the
 * counter's campaign and counts. A page names them with `<link rel="preload" as="fetch" crossorigin>` so they come
 * with the code instead of a round trip after it has run (0.8 s on 2G).
 */
export function dataPaths(tag: string, campaign: string): string[] {
  if (tag === 'lantoa-banner') return [apiPath.feed(campaign)];
  if (tag === 'lantoa-pledge-counter') return [apiPath.campaign(campaign), apiPath.counts(campaign)];
  return [];
}

/**
 * The preload hint of a URL a widget fetches: the very URL, with the credentials it fetches with (fetch's default,
 * `crossorigin` = same-origin credentials), so Chromium hands the preloaded answer over instead of asking again.
 */
export const preloadHint = (url: string) => `<link rel="preload" as="fetch" crossorigin href="${url}">`;
