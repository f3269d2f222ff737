/**
 * Text drawn as SVG paths from Be Vietnam Pro (@fontsource/be-vietnam-pro, SIL OFL), so the share image
 * never depends on the machine's fonts and every Vietnamese letter has its own designed glyph. The package
 * ships the font in subsets (latin, latin-ext with ư ơ đ, vietnamese with ắ ộ ờ…); each character is taken
 * from the subset that has it. (satori was tried first: its font fallback drew some of these letters blank.)
 */
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import type opentype from 'opentype.js';

export type Weight = 400 | 700;

const SUBSETS = ['latin', 'latin-ext', 'vietnamese'] as const;
const require = createRequire(import.meta.url);
const loaded = new Map<Weight, opentype.Font[]>();
let loading: Promise<void> | undefined;

/**
 * Loads opentype.js and the fonts, once, before the first drawing: importing opentype.js alone takes 0.3–1.7 s
 * here, which a service that never draws a card (or a test that starts one) should not pay at start-up.
 */
export function loadGlyphs(): Promise<void> {
  return (loading ??= import('opentype.js').then(({ default: parser }) => {
    for (const weight of [400, 700] as const) {
      loaded.set(
        weight,
        SUBSETS.map((subset) => {
          const bytes = readFileSync(
            require.resolve(`@fontsource/be-vietnam-pro/files/be-vietnam-pro-${subset}-${weight}-normal.woff`),
          );
          return parser.parse(bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength));
        }),
      );
    }
  }));
}

function fonts(weight: Weight): opentype.Font[] {
  const list = loaded.get(weight);
  if (!list) throw new Error('glyphs: loadGlyphs() first');
  return list;
}

interface Placed {
  font: opentype.Font;
  glyph: opentype.Glyph;
}

/** The glyphs of `text` (NFC: decomposed marks become the precomposed letters the font draws); unknown characters are left out. */
function shape(text: string, weight: Weight): Placed[] {
  const list = fonts(weight);
  const placed: Placed[] = [];
  for (const char of text.normalize('NFC')) {
    for (const font of list) {
      const glyph = font.charToGlyph(char);
      if (glyph.index > 0) {
        placed.push({ font, glyph });
        break;
      }
    }
  }
  return placed;
}

/** How far the pen moves after glyph `i`: its advance plus the kerning with the next glyph of the same subset. */
function step(glyphs: Placed[], i: number, size: number): number {
  const { font, glyph } = glyphs[i];
  const next = glyphs[i + 1];
  // opentype.js answers NaN for some pairs of these subset fonts: no kerning then.
  const kern = next && next.font === font ? font.getKerningValue(glyph, next.glyph) : 0;
  return ((glyph.advanceWidth ?? 0) + (Number.isFinite(kern) ? kern : 0)) * (size / font.unitsPerEm);
}

/** Width of `text` in pixels at `size`. */
export function measure(text: string, size: number, weight: Weight): number {
  const glyphs = shape(text, weight);
  return glyphs.reduce((sum, _, i) => sum + step(glyphs, i, size), 0);
}

/** SVG path data of one line of `text` with its baseline starting at (x, y). */
export function linePath(text: string, x: number, y: number, size: number, weight: Weight): string {
  const glyphs = shape(text, weight);
  let pen = x;
  return glyphs
    .map(({ glyph }, i) => {
      const d = pathData(glyph.getPath(pen, y, size));
      pen += step(glyphs, i, size);
      return d;
    })
    .join('');
}

/** SVG path data with one decimal (opentype.js's own toPathData wrote "NaN" for some coordinates). */
function pathData(path: opentype.Path): string {
  const n = (v: number) => String(Math.round(v * 10) / 10);
  return path.commands
    .map((c) => {
      switch (c.type) {
        case 'M':
        case 'L':
          return `${c.type}${n(c.x)} ${n(c.y)}`;
        case 'Q':
          return `Q${n(c.x1)} ${n(c.y1)} ${n(c.x)} ${n(c.y)}`;
        case 'C':
          return `C${n(c.x1)} ${n(c.y1)} ${n(c.x2)} ${n(c.y2)} ${n(c.x)} ${n(c.y)}`;
        default:
          return 'Z';
      }
    })
    .join('');
}

/**
 * Breaks `text` into at most `maxLines` lines of at most `width` pixels (at word boundaries; a word longer
 * than a line is cut), the last one ending in "…" when text is left over.
 */
export function wrap(text: string, width: number, size: number, weight: Weight, maxLines: number): string[] {
  const fits = (candidate: string) => measure(candidate, size, weight) <= width;
  const lines: string[] = [];
  let line = '';
  let truncated = false;
  for (let word of text.normalize('NFC').split(/\s+/).filter(Boolean)) {
    if (lines.length >= maxLines) {
      truncated = true;
      break;
    }
    const candidate = line ? `${line} ${word}` : word;
    if (fits(candidate)) {
      line = candidate;
      continue;
    }
    if (line) lines.push(line);
    // A single word wider than the line (a long name without spaces): cut it.
    while (!fits(word) && word.length > 1) {
      let cut = word.length - 1;
      while (cut > 1 && !fits(word.slice(0, cut))) cut--;
      lines.push(word.slice(0, cut));
      word = word.slice(cut);
    }
    line = word;
  }
  if (line) lines.push(line);
  if (lines.length > maxLines) truncated = true;
  if (!truncated) return lines;
  const kept = lines.slice(0, maxLines);
  let last = kept[maxLines - 1];
  while (last && !fits(`${last}…`)) last = last.slice(0, -1).trimEnd();
  kept[maxLines - 1] = `${last}…`;
  return kept;
}
