/**
 * The script files a webmaster's snippet names for its widgets (under the service's /lantoa/): banner.js for the
 * banner, the whole banner in one file, a round trip less than through the loader; loader.js for any other widget
 * (it leaves the banner to banner.js when the page has both). The embed builder and Storybook's "Show code" follow it.
 */
export function snippetScripts(tags: readonly string[]): string[] {
  return [
    ...(tags.includes('lantoa-banner') ? ['banner.js'] : []),
    ...(tags.some((tag) => tag !== 'lantoa-banner') ? ['loader.js'] : []),
  ];
}
