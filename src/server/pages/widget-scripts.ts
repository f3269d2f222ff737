/**
 * How a public page loads its widgets: loader.js as a module (the snippet webmasters paste), with each widget on
 * the page and the chunks it imports preloaded (`modulepreload`), so on 2G they come in the same round trip as the
 * loader instead of one after it, and only the widgets the page shows are downloaded (the classic bundle carried
 * every widget). The files per tag are the build's `loader-map.json` (scripts/build.ts), read once at start.
 */
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { html } from 'hono/html';
import type { HtmlEscapedString } from 'hono/utils/html';

/** Per widget tag: its entry chunk and the chunks it imports statically (file names under /lantoa/). */
export type LoaderMap = Readonly<Record<string, readonly string[]>>;

/** The build's map in `widgetsDir` (dist/lantoa); empty when the widgets are not built (the loader still works). */
export function readLoaderMap(widgetsDir: string | undefined): LoaderMap {
  const file = widgetsDir && join(widgetsDir, 'loader-map.json');
  if (!file || !existsSync(file)) return {};
  return JSON.parse(readFileSync(file, 'utf8')) as LoaderMap;
}

/**
 * The <head> tags that load the widgets found in `body` (the page's own markup: campaign data in it is escaped, so
 * every `<lantoa-…` there is an element the page renders): their preloads, each file once, then the loader.
 */
export function widgetScripts(root: string, map: LoaderMap, body: string): HtmlEscapedString {
  const tags = new Set(Array.from(body.matchAll(/<(lantoa-[a-z-]+)[\s>]/g), (match) => match[1]));
  const files = new Set([...tags].flatMap((tag) => map[tag] ?? []));
  const preloads = [...files].map((file) => html`<link rel="modulepreload" href="${root}/lantoa/${file}">\n`);
  return html`${preloads}<script type="module" src="${root}/lantoa/loader.js"></script>` as HtmlEscapedString;
}
