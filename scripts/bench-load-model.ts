/**
 * The arithmetic of `npm run bench:load`, kept apart from the browser so it can be unit-tested
 * (test/scripts/bench-load-model.test.ts): the floor model, the request chain depth, medians.
 */

export interface LinkProfile {
  downKbps: number;
  rttMs: number;
}

/**
 * The least round trips any design needs to show a widget's first content:
 * cold, 2: the page, then everything the pasted snippet names at once (code, and the data whose URL the
 * snippet's attributes already give); warm, 1 (the page is revalidated, the code is in the cache) plus 1 for
 * a widget that shows live data from the service (that data cannot be cached for long).
 * The same for every design: an iframe's extra hop is a cost of the design, so it shows in the ratio.
 */
export function floorTrips(cache: 'cold' | 'warm', needsData: boolean): number {
  return cache === 'cold' ? 2 : needsData ? 2 : 1;
}

/**
 * The physical floor, as the emulator models the link: Chromium's network emulation adds the round trip
 * once to each request (no TCP or TLS handshakes are emulated on loopback, so none are modelled here) and
 * shares the bandwidth between responses. So: trips × RTT + bytes / bandwidth, with bytes as Chromium
 * counted them on the wire (compressed bodies and headers) up to the widget's first content. Upload time is
 * left out: the requests are a few hundred bytes (10–20 ms each at 256 kbit/s).
 */
export function floorMs(trips: number, bytes: number, link: LinkProfile): number {
  return trips * link.rttMs + (bytes * 8) / link.downKbps; // bits / (kbit/s) = ms
}

export function median(values: readonly number[]): number {
  if (values.length === 0) return NaN;
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
}

export interface ChainRequest {
  id: string;
  url: string;
  /** When the request was sent (any clock, same for all). */
  start: number;
  /** When its response had fully arrived; undefined while still loading. */
  end?: number;
  /** URL of what started it (the document that parsed it, the script whose code asked for it), if known. */
  initiatorUrl?: string;
  /** Did it go over the network (false: served from a cache, no round trip)? */
  network: boolean;
}

/**
 * Sequential round trips of each request: 1 for the page, 1 + its initiator's for the rest (a script's
 * fetch, a module a module imports, a module the loader preloads). The initiator is the latest request for
 * that URL sent before it. When Chromium names no initiator (a `<link rel=modulepreload>` a script added
 * reports none), the request waited at least for the last response that arrived before it was sent.
 * Requests served from the cache cost no trip but pass their depth on.
 */
export function chainDepths(requests: readonly ChainRequest[]): Map<string, number> {
  const byStart = [...requests].sort((a, b) => a.start - b.start);
  const depth = new Map<string, number>();
  const latestByUrl = new Map<string, ChainRequest>();
  for (const [index, request] of byStart.entries()) {
    let parent = request.initiatorUrl !== undefined ? latestByUrl.get(stripHash(request.initiatorUrl)) : undefined;
    if (!parent && index > 0) {
      let lastEnd = -Infinity;
      for (const r of byStart.slice(0, index)) {
        if (r.end !== undefined && r.end <= request.start && r.end > lastEnd) [parent, lastEnd] = [r, r.end];
      }
    }
    const before = parent ? (depth.get(parent.id) ?? 0) : 0;
    depth.set(request.id, before + (request.network ? 1 : 0));
    latestByUrl.set(stripHash(request.url), request);
  }
  return depth;
}

const stripHash = (url: string) => url.replace(/#.*$/, '');

/** "1.23 s" style for the table. */
export function seconds(ms: number): string {
  return Number.isFinite(ms) ? `${(ms / 1000).toFixed(2)} s` : '–';
}

export function kib(bytes: number): string {
  return `${(bytes / 1024).toFixed(1)} KB`;
}
