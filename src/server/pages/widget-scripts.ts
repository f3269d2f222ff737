/**
 * How a public page loads its widgets, chosen by measurement (docs/BENCHMARKS.md, "The service's own pages"):
 * - one or two widgets (the province page: banner and ranking): loader.js as a module (the snippet webmasters paste),
 *   with each widget's files preloaded (`modulepreload`, from the build's `loader-map.json`, read once at start), so
 *   on 2G they come in the loader's round trip and no other widget is downloaded: 4.94 → 4.03 s on 2G against the
 *   classic bundle;
 * - three or more (a unit's page: banner, counter, quiz; the builder's preview): the classic bundle, lantoa.iife.js,
 *   one deferred request for all four, which then weighs no more than their own files: with the loader that page
 *   made 14 requests instead of 5 and was 0.1–0.4 s slower on 2G and 3G.
 */
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { html, raw } from 'hono/html';
import { dataPaths, preloadHint } from '../../contract/snippet-scripts.js';
import type { HtmlEscapedString } from 'hono/utils/html';

/** Per widget tag: its entry chunk and the chunks it imports statically (file names under /lantoa/). */
export type LoaderMap = Readonly<Record<string, readonly string[]>>;

/** The build's map in `widgetsDir` (dist/lantoa); empty when the widgets are not built (the loader still works). */
export function readLoaderMap(widgetsDir: string | undefined): LoaderMap {
  const file = widgetsDir && join(widgetsDir, 'loader-map.json');
  if (!file || !existsSync(file)) return {};
  return JSON.parse(readFileSync(file, 'utf8')) as LoaderMap;
}

/** From this many widgets on a page, the classic bundle of all of them is the faster load. */
export const BUNDLE_FROM = 3;

/**
 * The <head> tags that load the widgets found in `body` (the page's own markup: campaign data in it is escaped, so
 * every `<lantoa-…` there is an element the page renders): the bundle, or their preloads, each file once, and the
 * loader.
 */
export function widgetScripts(root: string, map: LoaderMap, body: string): HtmlEscapedString {
  const tags = new Set(Array.from(body.matchAll(/<(lantoa-[a-z-]+)[\s>]/g), (match) => match[1]));
  // The data the widgets fetch first (a counter's campaign and counts), with the code: a round trip sooner. The
  // widgets ask the origin of their script, this page's.
  const data = new Set(
    Array.from(body.matchAll(/<(lantoa-[a-z-]+)\s[^>]*?\bcampaign="([\w-]+)"/g), ([, tag, campaign]) =>
      dataPaths(tag, campaign),
    ).flat(),
  );
  const hints = raw([...data].map((path) => `${preloadHint(path)}\n`).join(''));
  if (tags.size >= BUNDLE_FROM)
    return html`<script src="${root}/lantoa/lantoa.iife.js" defer></script>
${hints}` as HtmlEscapedString;
  const files = new Set([...tags].flatMap((tag) => map[tag] ?? []));
  const preloads = [...files].map((file) => html`<link rel="modulepreload" href="${root}/lantoa/${file}">\n`);
  return html`${preloads}<script type="module" src="${root}/lantoa/loader.js"></script>
${hints}` as HtmlEscapedString;
}
