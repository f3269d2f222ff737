/** Small helpers shared by the stories: dates relative to today, notes, dismissal reset, a fetch stub, arg and remount helpers. */
import type { ArgTypes } from '@storybook/web-components-vite';
import { html, type TemplateResult } from 'lit';
import { FORCE_REMOUNT } from 'storybook/internal/core-events';
import { addons } from 'storybook/preview-api';
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
export function inlineCssProps(storyArgs: Record<string, unknown>, cssProps: readonly string[], extra: readonly string[] = []): Record<string, unknown> {
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
      .map(([key, type]) => [key, type.type || !type.control ? type : { ...type, type: { name: 'string' as const } }] as const)
      .sort(([, a], [, b]) => rank(a.table?.category) - rank(b.table?.category)),
  );
}

/** Mounts the story afresh (its `beforeEach` runs again), e.g. after a note's button changed storage. */
export function remountStory(storyId: string): void {
  addons.getChannel().emit(FORCE_REMOUNT, { storyId });
}
