/**
 * QR codes of a unit page's address (uqr, a maintained encoder; error correction M, so a crumpled or
 * smudged poster still scans), as SVG for print and as PNG (the SVG rendered by resvg with whole pixels per module).
 */
import { renderSVG } from 'uqr';

/** Modules are drawn 10 units wide; the PNG scales them to 24 px (a 41-module code is 984 px). */
const MODULE_UNITS = 10;
const PNG_MODULE_PX = 24;

/** The code as a standalone SVG document with a quiet zone of four modules, as the standard asks. */
export function qrSvg(url: string): string {
  return renderSVG(url, { ecc: 'M', border: 4, pixelSize: MODULE_UNITS });
}

/**
 * Rendered PNGs by address: a unit's code never changes, and rendering one costs 50–100 ms of CPU. Bounded,
 * since without PUBLIC_URL the address comes from the request's Host header; emptied when full.
 */
const pngs = new Map<string, Promise<Buffer>>();
const MAX_PNGS = 2000;

export function qrPng(url: string): Promise<Buffer> {
  let png = pngs.get(url);
  if (!png) {
    if (pngs.size >= MAX_PNGS) pngs.clear();
    // resvg (a native module) is loaded on the first rendering, not at start-up.
    png = import('@resvg/resvg-js')
      .then(({ renderAsync }) =>
        renderAsync(qrSvg(url), {
          fitTo: { mode: 'zoom', value: PNG_MODULE_PX / MODULE_UNITS },
          font: { loadSystemFonts: false },
          shapeRendering: 1,
        }),
      )
      .then((image) => image.asPng());
    // A failed rendering is not kept: the next request tries again.
    png.catch(() => pngs.delete(url));
    pngs.set(url, png);
  }
  return png;
}
