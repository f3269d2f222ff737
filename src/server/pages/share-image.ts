/**
 * GET /c/:campaign/og.png and /c/:campaign/:unit/og.png: the 1200×630 card image a fanpage or Zalo shows
 * for a link: the campaign's title, the unit, its count and progress to the goal. Drawn as an SVG of glyph
 * paths (glyphs.ts) and rendered to PNG by resvg off the event loop; kept in memory and drawn again only
 * when what it shows changed and the last drawing is a minute old, so a stream of pledges costs one
 * rendering a minute per image at most (about 0.2 s of a worker thread; 20–40 KB each).
 */
import { createHash } from 'node:crypto';
import { linePath, loadGlyphs, wrap } from './glyphs.js';
import type { PageLang } from './language.js';
import { formatCount, formatPercent, PAGE_STRINGS } from './strings.js';

export const IMAGE_WIDTH = 1200;
export const IMAGE_HEIGHT = 630;
/** Drawn again at most this often per image, however often its count moves. */
export const REDRAW_MS = 60_000;

export interface CardContent {
  lang: PageLang;
  campaignTitle: string;
  /** The unit's name, or the campaign's province total label. */
  heading: string;
  count: number;
  goal: number;
  illustrative: boolean;
}

const COLORS = { background: '#0b4ea2', text: '#ffffff', soft: '#dbe6f6', accent: '#f2b90c', track: '#2f6ab8' };
const MARGIN = 72;
const INNER = IMAGE_WIDTH - 2 * MARGIN;

/** The card as SVG (after {@link loadGlyphs}): nothing but shapes and glyph paths (no text, no external reference), so no data can act as markup. */
export function cardSvg(card: CardContent): string {
  const t = PAGE_STRINGS[card.lang];
  const paths: string[] = [];
  const text = (line: string, x: number, y: number, size: number, weight: 400 | 700, fill: string) =>
    paths.push(`<path fill="${fill}" d="${linePath(line, x, y, size, weight)}"/>`);

  let y = MARGIN + 36;
  for (const line of wrap(card.campaignTitle, INNER, 36, 400, 2)) {
    text(line, MARGIN, y, 36, 400, COLORS.soft);
    y += 48;
  }
  // Long unit names get a smaller size rather than a third line.
  const headingSize = wrap(card.heading, INNER, 92, 700, 1).at(-1)?.endsWith('…') ? 68 : 92;
  y += headingSize - 8;
  for (const line of wrap(card.heading, INNER, headingSize, 700, 2)) {
    text(line, MARGIN, y, headingSize, 700, COLORS.text);
    y += headingSize * 1.1;
  }
  const countY = Math.max(y + 40, 420);
  text(t.pledges(formatCount(card.lang, card.count)), MARGIN, countY, 64, 700, COLORS.accent);

  const barY = countY + 34;
  const ratio = card.goal > 0 ? Math.min(card.count / card.goal, 1) : 0;
  const fill = ratio > 0 ? Math.max(Math.round(INNER * ratio), 24) : 0;
  const bar = `<rect x="${MARGIN}" y="${barY}" width="${INNER}" height="24" rx="12" fill="${COLORS.track}"/>${
    fill ? `<rect x="${MARGIN}" y="${barY}" width="${fill}" height="24" rx="12" fill="${COLORS.accent}"/>` : ''
  }`;
  const goal = t.percentOfGoal(formatPercent(card.lang, card.count, card.goal), formatCount(card.lang, card.goal));
  text(card.illustrative ? `${goal} · ${t.illustrativeShort}` : goal, MARGIN, barY + 24 + 48, 32, 400, COLORS.soft);

  return `<svg xmlns="http://www.w3.org/2000/svg" width="${IMAGE_WIDTH}" height="${IMAGE_HEIGHT}" viewBox="0 0 ${IMAGE_WIDTH} ${IMAGE_HEIGHT}"><rect width="${IMAGE_WIDTH}" height="${IMAGE_HEIGHT}" fill="${COLORS.background}"/><rect width="${IMAGE_WIDTH}" height="12" fill="${COLORS.accent}"/>${bar}${paths.join('')}</svg>`;
}

export interface ShareImage {
  png: Buffer;
  etag: string;
  /** When it was drawn (the injected clock's milliseconds). */
  drawnAt: number;
}

interface Entry extends ShareImage {
  content: string;
}

/** The images by page and language, each drawn again only when its content changed and {@link REDRAW_MS} passed. */
export class ShareImages {
  readonly #now: () => number;
  readonly #entries = new Map<string, Entry>();
  readonly #drawing = new Map<string, Promise<Entry>>();
  /** Drawings made so far (for tests and the log). */
  drawn = 0;

  constructor(now: () => number = Date.now) {
    this.#now = now;
  }

  async get(key: string, card: CardContent): Promise<ShareImage> {
    const content = JSON.stringify(card);
    const entry = this.#entries.get(key);
    if (entry && (entry.content === content || this.#now() - entry.drawnAt < REDRAW_MS)) return entry;
    // Requests arriving while it is drawn share the drawing.
    let drawing = this.#drawing.get(key);
    if (!drawing) {
      drawing = this.#draw(card, content).finally(() => this.#drawing.delete(key));
      this.#drawing.set(key, drawing);
    }
    const drawn = await drawing;
    this.#entries.set(key, drawn);
    return drawn;
  }

  async #draw(card: CardContent, content: string): Promise<Entry> {
    const drawnAt = this.#now();
    // Loaded on the first drawing, not at start-up (see loadGlyphs).
    const [{ renderAsync }] = await Promise.all([import('@resvg/resvg-js'), loadGlyphs()]);
    const image = await renderAsync(cardSvg(card), { fitTo: { mode: 'original' }, font: { loadSystemFonts: false } });
    const png = image.asPng();
    this.drawn += 1;
    return { png, content, drawnAt, etag: `"${createHash('sha256').update(png).digest('base64url').slice(0, 22)}"` };
  }
}
