import { apiPath } from './paths.js';

/**
 * Widgets with a script of their own (/lantoa/<name>.js: the widget whole in one classic file, two round trips like
 * the USWDS banner, against three through the loader). scripts/widgets.ts marks them `classic` (a test checks).
 */
export const OWN_SCRIPT_TAGS: readonly string[] = ['lantoa-banner', 'lantoa-pledge-counter', 'lantoa-progress-chart'];

const ownScript = (tag: string) => `${tag.replace(/^lantoa-/, '')}.js`;

/**
 * The script files a webmaster's snippet names for its widgets (under the service's /lantoa/): the banner's own
 * script; besides it, one widget with its own script has that script; any other widget, or two or more, the
 * loader (one Lit shared between them; it leaves a widget whose own script is on the page to that script). The
 * README, the embed builder and Storybook's "Show code" follow it.
 */
export function snippetScripts(tags: readonly string[]): string[] {
  const others = tags.filter((tag) => tag !== 'lantoa-banner');
  return [
    ...(tags.includes('lantoa-banner') ? [ownScript('lantoa-banner')] : []),
    ...(others.length === 1 && OWN_SCRIPT_TAGS.includes(others[0])
      ? [ownScript(others[0])]
      : others.length > 0
        ? ['loader.js']
        : []),
  ];
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
