/**
 * What `npm run bench:load` measures. Each widget's `bench` entry in scripts/widgets.ts (its README snippet,
 * without the script tag, which the page adds once) gives four pages under demo/bench/ (the widget through the
 * loader; through its direct entry /lantoa/<name>.js; an embed page with only the widget; a host page showing
 * that embed page in an iframe) and puts the widget on the page with every widget. After a change there:
 * `npm run bench:load -- --pages-only` (or a full run) and commit demo/bench/.
 */
import { WIDGETS, type BenchWidget } from './widgets.js';

export type { BenchWidget };

export const BENCH_WIDGETS: readonly BenchWidget[] = WIDGETS.map((w) => ({ tag: w.tag, ...w.bench }));

/** Network profiles (CDP Network.emulateNetworkConditions): kbit/s are 1000 bits a second; rtt in ms. */
export const PROFILES = {
  '2G': { downKbps: 280, upKbps: 256, rttMs: 800 },
  '3G': { downKbps: 1600, upKbps: 768, rttMs: 150 },
} as const;
export type ProfileName = keyof typeof PROFILES;

/** CPU slowdown of a cheap phone against this machine (Emulation.setCPUThrottlingRate). */
export const CPU_SLOWDOWN = 4;

/** A cheap Android phone's screen. */
export const VIEWPORT = { width: 360, height: 740 };

/** Loads per page, profile and cache state (BENCH_RUNS overrides); the median is reported. */
export const DEFAULT_RUNS = 5;

/** Where the service's pages live, relative to the service origin and to the repository. */
export const BENCH_DIR = 'demo/bench';
export const BENCH_PATH = '/demo/bench';
