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
