/**
 * Small helpers shared by the stories: dates relative to today, notes, dismissal reset, a fetch stub, arg and
 * remount helpers, and the webmaster's snippet that the docs' "Show code" gives.
 */
import type { ArgTypes, Decorator, StoryContext } from '@storybook/web-components-vite';
import { html, render, type LitElement, type TemplateResult } from 'lit';
import { FORCE_REMOUNT } from 'storybook/internal/core-events';
import { addons } from 'storybook/preview-api';
import { WIDGETS } from '../scripts/widgets.js';
import { snippetScripts } from '../src/contract/snippet-scripts.js';
import type { LantoaBanner } from '../src/widgets/banner/banner.js';

/** The local calendar day `days` from today, as the ISO date the widget's attributes take (2026-10-10). */
export function isoDay(days = 0, from = new Date()): string {
  const day = new Date(from.getFullYear(), from.getMonth(), from.getDate() + days);
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${day.getFullYear()}-${pad(day.getMonth() + 1)}-${pad(day.getDate())}`;
}

/** The next 10 October (National Digital Transformation Day, Decision 505/QĐ-TTg), today included. */
export function nextDigitalTransformationDay(now = new Date()): string {
  const year = now.getFullYear();
  const thisYear = new Date(year, 9, 10);
  const today = new Date(year, now.getMonth(), now.getDate());
  return `${today <= thisYear ? year : year + 1}-10-10`;
}

/** Story parameters with a two-line description: Vietnamese first, then English. */
export function storyDocs(vi: string, en: string): { docs: { description: { story: string } } } {
  return { docs: { description: { story: `${vi}\n\n_${en}_` } } };
}

/** A visible note next to the banner, for states that cannot speak for themselves (hidden, loading, console). */
export function note(vi: TemplateResult | string, en: TemplateResult | string, extra?: TemplateResult): TemplateResult {
  return html`<div class="lantoa-sb-note" role="note">
    <p lang="vi">${vi}</p>
    <p lang="en">${en}</p>
    ${extra ?? ''}
  </div>`;
}

export const DISMISS_PREFIX = 'lantoa:banner:dismissed:';

/** A `beforeEach` that starts a story with nothing dismissed under `bannerId`, and leaves no trace behind. */
export function freshDismissal(bannerId: string): () => () => void {
  return () => {
    localStorage.removeItem(DISMISS_PREFIX + bannerId);
    return () => localStorage.removeItem(DISMISS_PREFIX + bannerId);
  };
}

/** A `beforeEach` that remembers `bannerId` as dismissed until `days` from now, as the widget itself would. */
export function rememberedDismissal(bannerId: string, days: number): () => () => void {
  return () => {
    localStorage.setItem(DISMISS_PREFIX + bannerId, JSON.stringify({ until: Date.now() + days * 86_400_000 }));
    return () => localStorage.removeItem(DISMISS_PREFIX + bannerId);
  };
}

/**
 * A button that forgets the dismissal. With `storyId` the story is mounted afresh, which is needed after a
 * click on the close button (the widget also keeps that dismissal in memory for the page view); without
 * it the banners with that id just look at storage again.
 */
export function showAgainButton(bannerId: string, storyId?: string): TemplateResult {
  const showAgain = () => {
    localStorage.removeItem(DISMISS_PREFIX + bannerId);
    if (storyId) {
      addons.getChannel().emit(FORCE_REMOUNT, { storyId });
      return;
    }
    document
      .querySelectorAll<LantoaBanner>(`lantoa-banner[banner-id="${CSS.escape(bannerId)}"]`)
      .forEach((banner) => banner.requestUpdate());
  };
  return html`<p><button type="button" @click=${showAgain}>Hiện lại banner / Show the banner again</button></p>`;
}

/** URLs whose fetch never answers (until aborted), with how many stories currently want each. */
const hanging = new Map<string, number>();
let realFetch: typeof fetch | undefined;

function absolute(input: RequestInfo | URL): string {
  const raw = input instanceof Request ? input.url : String(input);
  try {
    return new URL(raw, document.baseURI).href;
  } catch {
    return raw; // not a URL: the real fetch will say so
  }
}

function stubbedFetch(input: RequestInfo | URL, init?: RequestInit): Promise<Response> {
  if (!hanging.has(absolute(input)) || !realFetch) return (realFetch ?? fetch)(input, init);
  const signal = init?.signal ?? (input instanceof Request ? input.signal : undefined);
  return new Promise<Response>((_resolve, reject) => {
    const giveUp = () => reject(signal?.reason ?? new DOMException('The request was aborted.', 'AbortError'));
    if (signal?.aborted) giveUp();
    signal?.addEventListener('abort', giveUp, { once: true });
  });
}

/**
 * Makes `fetch(url)` hang like a feed server that never answers (it still honours AbortSignal, so the
 * widget's own timeout works). Returns the cleanup that puts the real fetch back: use it as a story's
 * `beforeEach`, which Storybook undoes when the story is left. No request leaves the page.
 */
export function neverAnswer(url: string): () => void {
  const key = new URL(url, document.baseURI).href;
  if (!realFetch) {
    realFetch = window.fetch;
    window.fetch = stubbedFetch;
  }
  hanging.set(key, (hanging.get(key) ?? 0) + 1);
  return () => {
    const left = (hanging.get(key) ?? 1) - 1;
    if (left > 0) hanging.set(key, left);
    else hanging.delete(key);
    if (hanging.size === 0 && realFetch) {
      window.fetch = realFetch;
      realFetch = undefined;
    }
  };
}

/**
 * Story args with the CSS custom property controls (`cssProps`, names starting with `--`) moved into the
 * element's own inline `style`, for the helpers' `template`: its <style> block is global (it would restyle
 * every widget on the docs page) and its `useScopedStyles` mode rewrites the tag name inside property names.
 * `extra` names controls that are not in the element's manifest (shared tokens): they are left out of the args.
 */
export function inlineCssProps(
  storyArgs: Record<string, unknown>,
  cssProps: readonly string[],
  extra: readonly string[] = [],
): Record<string, unknown> {
  const own = Object.fromEntries(Object.entries(storyArgs).filter(([name]) => !extra.includes(name)));
  const declarations: string[] = [];
  for (const name of cssProps) {
    if (storyArgs[name]) declarations.push(`${name}: ${String(storyArgs[name])}`);
    if (name in own) own[name] = '';
  }
  own.style = declarations.join('; '); // '' removes the attribute once every control is cleared
  return own;
}

const ARG_CATEGORY_ORDER = ['attributes', 'properties', 'slots', 'css properties', 'css shadow parts', 'events'];

/**
 * The docs table lists categories in the order they first appear, and Storybook puts first every arg whose
 * argType has no `type` (slots, CSS properties, parts from the helpers): give those their (string) type and
 * sort, attributes first, hidden entries last.
 */
export function argTypesByCategory(types: ArgTypes): ArgTypes {
  const rank = (category: unknown) => {
    const index = ARG_CATEGORY_ORDER.indexOf(String(category));
    return index === -1 ? ARG_CATEGORY_ORDER.length : index;
  };
  return Object.fromEntries(
    Object.entries(types)
      .map(
        ([key, type]) =>
          [key, type.type || !type.control ? type : { ...type, type: { name: 'string' as const } }] as const,
      )
      .sort(([, a], [, b]) => rank(a.table?.category) - rank(b.table?.category)),
  );
}

/** Mounts the story afresh (its `beforeEach` runs again), e.g. after a note's button changed storage. */
export function remountStory(storyId: string): void {
  addons.getChannel().emit(FORCE_REMOUNT, { storyId });
}

/** The province's server in the snippet, as the README writes it in each language. */
const SERVER = { vi: 'https://MAY-CHU-CUA-TINH', en: 'https://YOUR-PROVINCE-SERVER' } as const;
/** Where a webmaster keeps a data file the widget reads (`src`, `feed`): their own site. */
const OWN_SITE = { vi: 'https://TRANG-CUA-BAN/so-lieu/', en: 'https://YOUR-SITE/data/' } as const;
/** Attributes that take the URL of a data file. */
const DATA_URL_ATTRIBUTES = new Set(['src', 'feed']);

/** Where the page keeps room for a widget while the script loads: the README's snippet, from the widget registry. */
function reservationOf(tag: string): { style?: string; inline?: string; id?: string; variant?: string | null } {
  const snippet = WIDGETS.find((widget) => widget.tag === tag)?.bench.snippet;
  if (!snippet) return {};
  const parsed = document.createElement('template');
  parsed.innerHTML = snippet;
  const element = parsed.content.querySelector(tag);
  return {
    style: parsed.content.querySelector('style')?.textContent ?? undefined,
    inline: element?.getAttribute('style') ?? undefined,
    id: element?.id || undefined,
    variant: element?.getAttribute('variant') ?? null,
  };
}

/** A story's `api` that is the in-page mock (`….invalid` never reaches a network); a pasted snippet leaves `api` out. */
function isMockAddress(value: string): boolean {
  try {
    return new URL(value, document.baseURI).hostname.endsWith('.invalid');
  } catch {
    return false;
  }
}

/**
 * A data file's URL as the webmaster would write it: a file the story serves from Storybook (its build hashes the
 * name), or a story's unreachable or mock address, becomes the same file on their own site; a public URL stays.
 */
function pastedDataUrl(value: string, lang: 'vi' | 'en'): string {
  let url: URL;
  try {
    url = new URL(value, document.baseURI);
  } catch {
    return value;
  }
  const storyOnly =
    url.origin === location.origin ||
    /^(127\.|localhost$|\[::1\]$)/.test(url.hostname) ||
    url.hostname.endsWith('.invalid');
  if (!storyOnly) return value;
  const file = url.pathname.split('/').pop() || 'so-lieu.json';
  // Vite's build names a served file `<name>-<8-character hash>.<ext>` under assets/.
  return OWN_SITE[lang] + (url.pathname.includes('/assets/') ? file.replace(/-[\w-]{8}(\.\w+)$/, '$1') : file);
}

/** JSON in a `<script>` element: `</script` inside a string must not end it. */
function inlineJson(value: unknown): string {
  return JSON.stringify(value, null, 2).replace(/<\/(script)/gi, '<\\/$1');
}

/** One widget as a webmaster writes it: story-only attributes gone, object properties as an inline JSON child, room reserved. */
function pastedWidget(
  element: LitElement,
  lang: 'vi' | 'en',
  styles: Set<string>,
  comments: Set<string>,
  ids: Set<string>,
): string {
  const copy = element.cloneNode(true) as Element;
  const tag = element.localName;
  const properties = (element.constructor as typeof LitElement).elementProperties;
  // A fresh element tells the defaults: an attribute that only restates one (the helpers set every control) is left out.
  const fresh = document.createElement(tag) as unknown as Record<PropertyKey, unknown>;
  const propertyOf = new Map(
    [...properties].map(([name, option]) => [
      typeof option.attribute === 'string' ? option.attribute : String(name).toLowerCase(),
      { name, option },
    ]),
  );
  for (const { name, value } of [...copy.attributes]) {
    const property = propertyOf.get(name);
    const boolean = property?.option.type === Boolean;
    const restatesDefault =
      property && !boolean && fresh[property.name] !== undefined && String(fresh[property.name]) === value;
    if ((name === 'api' && isMockAddress(value)) || (value === '' && !boolean) || restatesDefault)
      copy.removeAttribute(name);
    else if (DATA_URL_ATTRIBUTES.has(name)) copy.setAttribute(name, pastedDataUrl(value, lang));
  }
  // Data set from JavaScript (`attribute: false` properties) travels as the inline JSON child every widget reads.
  if (!copy.querySelector(':scope > script[type="application/json"]')) {
    for (const [name, option] of properties) {
      const value = (element as unknown as Record<PropertyKey, unknown>)[name];
      const json = value !== null && typeof value === 'object' ? JSON.stringify(value) : undefined;
      if (
        option.attribute === false &&
        json &&
        json !== '[]' &&
        json !== '{}' &&
        json !== JSON.stringify(fresh[name])
      ) {
        copy.insertAdjacentHTML(
          'afterbegin',
          `\n  <script type="application/json">\n${inlineJson(value)}\n  </script>\n`,
        );
        break;
      }
    }
  }
  const room = reservationOf(tag);
  if (room.variant === copy.getAttribute('variant') && (room.style || room.inline)) {
    if (room.id && !copy.id && !ids.has(room.id)) copy.id = room.id; // ids are unique on a page
    if (copy.id) ids.add(copy.id);
    if (room.style) styles.add(room.id ? room.style.replaceAll(`#${room.id}`, `#${CSS.escape(copy.id)}`) : room.style);
    if (room.inline) copy.setAttribute('style', [room.inline, copy.getAttribute('style')].filter(Boolean).join(';'));
  } else {
    comments.add(
      `<!-- Giữ chỗ: style="display:block;min-height:…" bằng chiều cao của tiện ích trên trang (docs/widgets/${tag.replace(/^lantoa-/, '')}.md) / Reserve its height on your page the same way -->`,
    );
  }
  const booleanAttributes = [...propertyOf]
    .filter(([, { option }]) => option.type === Boolean)
    .map(([attribute]) => attribute);
  return booleanAttributes
    .reduce((markup, attribute) => markup.replace(` ${attribute}=""`, ` ${attribute}`), copy.outerHTML)
    .replace(/<!--\??(?:lit\$\d+\$)?-->/g, '')
    .replace(/\n\s*\n/g, '\n');
}

/** The snippet of each story as last rendered in docs mode, by story id (see captureSnippet). */
const snippets = new Map<string, string>();

/** What a webmaster pastes for the widgets in a rendered story, or nothing when it shows none. */
function snippetOf(story: unknown, context: StoryContext): string | undefined {
  const container = document.createElement('div');
  if (story instanceof Node) container.append(story.cloneNode(true));
  else render(story, container);
  const all = [...container.querySelectorAll<LitElement>('*')].filter((element) =>
    element.localName.startsWith('lantoa-'),
  );
  const widgets = all.filter((widget) => !all.some((other) => other !== widget && other.contains(widget)));
  if (!widgets.length) return undefined;
  const styles = new Set<string>();
  const comments = new Set<string>();
  const ids = new Set<string>();
  const lang = (widgets[0].getAttribute('lang') || context.globals.locale) === 'en' ? 'en' : 'vi';
  const pasted = widgets.map((widget) => pastedWidget(widget, lang, styles, comments, ids));
  return [
    ...[...styles].map((style) => `<style>${style}</style>`),
    ...comments,
    ...pasted,
    ...snippetScripts(widgets.map((widget) => widget.localName)).map(
      (file) => `<script type="module" src="${SERVER[lang]}/lantoa/${file}"></script>`,
    ),
  ].join('\n');
}

/**
 * A decorator that renders the story once more, detached (as Storybook's own source decorator does), and keeps
 * what a webmaster would paste for it; it runs inside the story's hooks, where the render function may be called.
 * Properties set from JavaScript are readable on those elements. On a failure Storybook's own code shows.
 */
export const captureSnippet: Decorator = (storyFn, context) => {
  const story = storyFn();
  if (context.viewMode === 'docs') {
    try {
      const snippet = snippetOf(story, context);
      if (snippet) snippets.set(context.id, snippet);
      else snippets.delete(context.id);
    } catch (error) {
      // Storybook's own code shows instead; say why, so the fallback is never silent.
      console.warn(`Show code: no webmaster snippet for ${context.id}`, error);
      snippets.delete(context.id);
    }
  }
  return story;
};

/**
 * `parameters.docs.source.transform`: the docs' "Show code" gives what a webmaster pastes (the reserved
 * height, the widget with its attributes and inline data, the loader's script tag), not the story's
 * wrapper, notes and mock `api`.
 */
export function webmasterSnippet(code: string, context: StoryContext): string {
  return snippets.get(context.id) ?? code;
}
