/**
 * `npm run bench:load`: page-load speed of the real demo pages on emulated 2G and 3G, next to the physical floor.
 *
 * Writes the bench pages (scripts/bench-load-pages.ts) into demo/bench/, builds the widgets if needed, starts
 * the real service (src/server/main.ts) on a free port with a temporary DATA_DIR holding some pledges, and
 * loads every page in Debian's Chromium (playwright-core) with CDP network emulation and a 4× CPU slowdown:
 * cold (a fresh browser context each time) and warm (the same context, the page visited before).
 * Prints a table, writes dist/bench-load.json; `--write-docs` also writes docs/bench-load.json and the run's
 * section of docs/BENCHMARKS.md; `--pages-only` writes the pages and stops. Not a pass/fail test: the size
 * check is the enforced budget.
 *
 * Environment: BENCH_RUNS (default 5), BENCH_PAGES (ids, comma-separated), BENCH_PROFILES (2G,3G),
 * BENCH_CACHE (cold,warm), BENCH_PORT (the service's port; default a free one), BENCH_BEFORE (a built checkout of an
 * earlier commit or an experiment: its pages are measured alongside, loads alternating, rows marked "(before)" or
 * "(BENCH_BEFORE_LABEL)"; BENCH_BEFORE_PORT), BENCH_TRACE=0 (no tracing: no longest-task figure), BENCH_TRACE_DIR (keep each load's trace), BENCH_DEBUG=1 (every request), CHROME_PATH.
 */
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import {
  copyFileSync,
  existsSync,
  mkdirSync,
  mkdtempSync,
  readFileSync,
  readdirSync,
  rmSync,
  statSync,
  writeFileSync,
} from 'node:fs';
import { cpus, tmpdir, totalmem } from 'node:os';
import { dirname, join } from 'node:path';
import { createInterface } from 'node:readline';
import { chromium, type Browser, type BrowserContext, type CDPSession, type Frame, type Page } from 'playwright-core';
import {
  BENCH_DIR,
  BENCH_PATH,
  BENCH_WIDGETS,
  CPU_SLOWDOWN,
  DEFAULT_RUNS,
  PROFILES,
  VIEWPORT,
  type ProfileName,
} from './bench-load.config.js';
import { chainDepths, floorMs, floorTrips, kib, median, seconds, type ChainRequest } from './bench-load-model.js';
import { benchPages, FEED_MARK, LARGE_CAMPAIGN, laterMark, PEERS, type BenchPage } from './bench-load-pages.js';
import {
  describeTask,
  mainThreadTasks,
  TRACE_CATEGORIES,
  type TaskAttribution,
  type TraceEvent,
} from './bench-load-trace.js';
import { CHROME_ARGS, chromePath } from './chrome-path.js';

type Cache = 'cold' | 'warm';

const RUNS = Number(process.env.BENCH_RUNS ?? DEFAULT_RUNS);
const only = (name: string) =>
  process.env[name]
    ?.split(',')
    .map((s) => s.trim())
    .filter(Boolean);
const WRITE_DOCS = process.argv.includes('--write-docs');
/** After the last widget's mark, keep recording this long: late layout shifts and long tasks count too. */
const SETTLE_MS = 1000;
const LOAD_TIMEOUT_MS = 60_000;
/** BENCH_TRACE=0 turns Chrome tracing (the longest-task figure) off, to see what tracing itself costs. */
const TRACE = process.env.BENCH_TRACE !== '0';
/** BENCH_TRACE_DIR: keep every load's trace there (open in DevTools' Performance panel). */
const TRACE_DIR = process.env.BENCH_TRACE_DIR;

// ---------------------------------------------------------------------------------------------------------
// Pages, build, service

/** The peers' scripts, from node_modules into demo/bench/ where the service serves the pages (not committed). */
function copyPeerScripts(): void {
  for (const { script } of PEERS) {
    const path = join(BENCH_DIR, script.file);
    mkdirSync(dirname(path), { recursive: true });
    copyFileSync(script.from, path);
  }
}

function writePages(): BenchPage[] {
  const { pages, embeds } = benchPages(BENCH_WIDGETS);
  for (const { file, html } of [...pages.filter((p) => p.design !== 'service'), ...embeds]) {
    const path = join(BENCH_DIR, file);
    mkdirSync(dirname(path), { recursive: true });
    if (!existsSync(path) || readFileSync(path, 'utf8') !== html) writeFileSync(path, html);
  }
  return pages;
}

/** Newest modification time of the files under `dir` (recursively). */
function newest(dir: string): number {
  let latest = 0;
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    latest = Math.max(latest, entry.isDirectory() ? newest(path) : statSync(path).mtimeMs);
  }
  return latest;
}

function buildIfNeeded(): void {
  const built = 'dist/lantoa/loader-map.json';
  const stale =
    !existsSync(built) || statSync(built).mtimeMs < Math.max(newest('src'), statSync('scripts/build.ts').mtimeMs);
  if (!stale) return;
  console.error('bench:load: building the widgets (dist/lantoa is missing or older than src/)');
  const result = spawnSync(process.execPath, ['--import', 'tsx', 'scripts/build.ts'], { stdio: 'inherit' });
  if (result.status !== 0) throw new Error('the build failed');
}

interface RunningService {
  base: string;
  child: ChildProcess;
  dataDir: string;
}

/**
 * The service of the checkout in `cwd` (this one, or BENCH_BEFORE's), serving its own dist/lantoa and demo/, with
 * the sample campaigns and the 150-unit one (LARGE_CAMPAIGN) seeded into its store.
 */
async function startService(cwd = '.', port = process.env.BENCH_PORT ?? '0'): Promise<RunningService> {
  const dataDir = mkdtempSync(join(tmpdir(), 'lantoa-bench-load-'));
  const campaigns = JSON.parse(readFileSync(join(cwd, 'campaigns/campaigns.json'), 'utf8')) as { campaigns: unknown[] };
  const large = JSON.parse(readFileSync(LARGE_CAMPAIGN.file, 'utf8')) as { campaigns: unknown[] };
  campaigns.campaigns.push(...large.campaigns);
  const campaignsFile = join(dataDir, 'campaigns.json');
  writeFileSync(campaignsFile, JSON.stringify(campaigns));
  const child = spawn(process.execPath, ['--import', 'tsx', 'src/server/main.ts'], {
    cwd,
    env: {
      ...process.env,
      PORT: port,
      HOST: '127.0.0.1',
      DATA_DIR: dataDir,
      CAMPAIGNS_FILE: campaignsFile,
      ACCESS_LOG: '0',
      // The seeding below comes from one address: more than one visitor's burst.
      PLEDGE_RATE_BURST: '1000',
    },
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  const base = await new Promise<string>((resolve, reject) => {
    createInterface({ input: child.stdout as NodeJS.ReadableStream }).on('line', (line) => {
      try {
        const entry = JSON.parse(line) as { msg?: string; port?: number };
        if (entry.msg === 'listening') resolve(`http://127.0.0.1:${entry.port}`);
      } catch {
        /* not a log line */
      }
    });
    child.once('exit', (code) => reject(new Error(`the service exited (${code}) before listening`)));
  });
  await seedPledges(base, 'ben-tre-smartphone', 60);
  await seedPledges(base, LARGE_CAMPAIGN.id, 300);
  return { base, child, dataDir };
}

/** A few pledges so the counters show counts, not zeros (spread over units and choices; benchmark data only). */
async function seedPledges(base: string, campaign: string, pledges: number): Promise<void> {
  const api = `${base}/api/v1/campaigns/${campaign}`;
  const config = (await (await fetch(api)).json()) as { units: { id: string }[]; choices: { id: string }[] };
  const sends: Promise<Response>[] = [];
  for (let i = 0; i < pledges; i++) {
    const unit = config.units[(i * 7) % config.units.length].id;
    const choice = config.choices[i % config.choices.length].id;
    sends.push(
      fetch(`${api}/pledges`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ unit, choice, key: `bench-${i}-${crypto.randomUUID()}` }),
      }),
    );
  }
  const answers = await Promise.all(sends);
  const bad = answers.find((r) => r.status !== 201);
  if (bad) throw new Error(`seeding pledges: HTTP ${bad.status}`);
}

async function stopService(service: RunningService): Promise<void> {
  const exited = new Promise((resolve) => service.child.once('exit', resolve));
  service.child.kill('SIGTERM');
  await exited;
  rmSync(service.dataDir, { recursive: true, force: true });
}

// ---------------------------------------------------------------------------------------------------------
// One load

/**
 * Installed in every frame before any of its scripts: layout shifts from the start, marked when a Lantoa
 * element moved. A string, not a function: tsx's name-keeping helpers do not exist in the page.
 */
const OBSERVE_SHIFTS = `
  const bench = (window.__bench = { shifts: [] });
  const inLantoa = (node) => {
    for (let n = node; n; n = n.parentNode || (n instanceof ShadowRoot ? n.host : null)) {
      if (n instanceof Element && n.localName.startsWith('lantoa-')) return true;
    }
    return false;
  };
  new PerformanceObserver((list) => {
    for (const entry of list.getEntries()) {
      if (!entry.hadRecentInput) bench.shifts.push({ value: entry.value, lantoa: (entry.sources || []).some((s) => inLantoa(s.node)) });
    }
  }).observe({ type: 'layout-shift', buffered: true });
  // Peers (Lit elements without a mark of their own): the same mark once the first render is committed.
  for (const tag of ${JSON.stringify(PEERS.map((p) => p.tag))}) {
    customElements.whenDefined(tag).then(() => document.querySelector(tag)?.updateComplete).then((done) => {
      if (done !== undefined) performance.mark('lantoa:' + tag);
    });
  }
  // A widget's later moment (the chart's canvas painted): its event, which bubbles out of the widget, marked once.
  for (const [event, mark] of ${JSON.stringify(BENCH_WIDGETS.filter((w) => w.laterEvent).map((w) => [w.laterEvent, laterMark(w)]))}) {
    document.addEventListener(event, () => {
      if (!performance.getEntriesByName('lantoa:' + mark).length) performance.mark('lantoa:' + mark);
    });
  }
  // The banner following its campaign's feed (the README's snippet, pages with the ${FEED_MARK} tag): marked when a
  // feed message is committed to the screen, not the own headline shown while the feed is on its way.
  customElements.whenDefined('lantoa-banner').then(() => {
    const proto = customElements.get('lantoa-banner').prototype;
    const updated = proto.updated;
    proto.updated = function (...args) {
      updated.apply(this, args);
      if (this.feedSource?.value?.length && this.visible?.length && !performance.getEntriesByName('lantoa:${FEED_MARK}').length)
        performance.mark('lantoa:${FEED_MARK}');
    };
  });
`;

interface NetRequest {
  id: string;
  url: string;
  start: number;
  end?: number;
  initiatorUrl?: string;
  status?: number;
  fromCache: boolean;
  bytes: number;
}

/** The URL of what started a request, from CDP's initiator: the parsing document, else the top script frame. */
function initiatorUrl(initiator: { type: string; url?: string; stack?: StackTrace }): string | undefined {
  for (let stack: StackTrace | undefined = initiator.stack; stack; stack = stack.parent) {
    const frame = stack.callFrames.find((f) => /^https?:/.test(f.url));
    if (frame) return frame.url;
  }
  // A <link rel=modulepreload> a script inserted reports `about:client` and no stack: see recordNetwork.
  return initiator.url && /^https?:/.test(initiator.url) ? initiator.url : undefined;
}
interface StackTrace {
  callFrames: { url: string }[];
  parent?: StackTrace;
}

/** Records the network as CDP reports it, from now until `stop()`. */
function recordNetwork(cdp: CDPSession) {
  const requests = new Map<string, NetRequest>();
  const rawStatus = new Map<string, number>();
  const handlers: [string, (event: never) => void][] = [
    [
      'Network.requestWillBeSent',
      (e: {
        requestId: string;
        request: { url: string };
        timestamp: number;
        initiator: { type: string; url?: string; stack?: StackTrace };
        redirectResponse?: unknown;
      }) => {
        requests.set(e.requestId, {
          id: e.requestId,
          url: e.request.url,
          start: e.timestamp * 1000,
          initiatorUrl: initiatorUrl(e.initiator),
          fromCache: false,
          bytes: 0,
        });
      },
    ],
    [
      'Network.requestServedFromCache',
      (e: { requestId: string }) => {
        const r = requests.get(e.requestId);
        if (r) r.fromCache = true;
      },
    ],
    // The raw status: a revalidated response reaches responseReceived as the cached 200, this says 304.
    [
      'Network.responseReceivedExtraInfo',
      (e: { requestId: string; statusCode: number }) => void rawStatus.set(e.requestId, e.statusCode),
    ],
    [
      'Network.responseReceived',
      (e: {
        requestId: string;
        response: { status: number; fromDiskCache?: boolean; fromServiceWorker?: boolean; fromPrefetchCache?: boolean };
      }) => {
        const r = requests.get(e.requestId);
        if (!r) return;
        r.status = e.response.status;
        if (e.response.fromDiskCache || e.response.fromServiceWorker || e.response.fromPrefetchCache)
          r.fromCache = true;
      },
    ],
    [
      'Network.loadingFinished',
      (e: { requestId: string; timestamp: number; encodedDataLength: number }) => {
        const r = requests.get(e.requestId);
        if (!r) return;
        r.end = e.timestamp * 1000;
        r.bytes = r.fromCache ? 0 : e.encodedDataLength;
      },
    ],
  ];
  for (const [name, handler] of handlers) cdp.on(name as 'Network.requestWillBeSent', handler as never);
  return {
    requests,
    rawStatus,
    stop: () => {
      for (const [name, handler] of handlers) cdp.off(name as 'Network.requestWillBeSent', handler as never);
    },
  };
}

/** Throttles the page's network and CPU; the settings hold for the page's frames and later navigations. */
async function emulate(page: Page, context: BrowserContext, profile: ProfileName): Promise<CDPSession> {
  const link = PROFILES[profile];
  const cdp = await context.newCDPSession(page);
  await cdp.send('Network.enable');
  await cdp.send('Network.emulateNetworkConditions', {
    offline: false,
    latency: link.rttMs,
    downloadThroughput: (link.downKbps * 1000) / 8,
    uploadThroughput: (link.upKbps * 1000) / 8,
  });
  await cdp.send('Emulation.setCPUThrottlingRate', { rate: CPU_SLOWDOWN });
  return cdp;
}

/**
 * On warm loads: ask the browser's HTTP cache to revalidate the files with fixed names (loader.js, banner.js:
 * Cache-Control: max-age=0 on their requests), as it does once their five minutes of freshness have run out.
 * Without this a visit within five minutes takes them from the cache with no request at all, the better case.
 * Hashed chunks are left alone: they are cached for a year and must never be asked for again.
 */
async function revalidateFixedNames(cdp: CDPSession): Promise<void> {
  await cdp.send('Fetch.enable', { patterns: [{ urlPattern: '*/lantoa/*.js', requestStage: 'Request' }] });
  cdp.on(
    'Fetch.requestPaused',
    (e: { requestId: string; request: { url: string; headers: Record<string, string> } }) => {
      if (isHashedChunk(e.request.url)) {
        void cdp.send('Fetch.continueRequest', { requestId: e.requestId }).catch(() => undefined);
        return;
      }
      const headers = Object.entries(e.request.headers).map(([name, value]) => ({ name, value }));
      headers.push({ name: 'Cache-Control', value: 'max-age=0' });
      void cdp.send('Fetch.continueRequest', { requestId: e.requestId, headers }).catch(() => undefined);
    },
  );
}

/** Requests the bench counts as the widget's: Lantoa's (scripts, API, embed pages) or a peer's script. */
const isLantoa = (url: string) => /\/(lantoa|api)\/|\/demo\/bench\/(embed|peers)\//.test(new URL(url).pathname);
const isHashedChunk = (url: string) => /\/lantoa\/.*-[\w-]{8}\.js$/.test(new URL(url).pathname);

/** The frame holding the widgets: the page itself, or the embed page inside its iframe. */
async function widgetFrame(page: Page, design: BenchPage['design']): Promise<Frame> {
  if (design !== 'iframe') return page.mainFrame();
  const started = Date.now();
  for (;;) {
    const frame = page.frames().find((f) => f.url().includes('/embed/'));
    if (frame) return frame;
    if (Date.now() - started > LOAD_TIMEOUT_MS) throw new Error('the iframe never appeared');
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

interface RunResult {
  /** Per widget: ms from navigation start to its first real content. */
  times: Record<string, number>;
  /** Per widget: the floor in ms. */
  floors: Record<string, number>;
  lantoaBytes: number;
  lantoaRequests: number;
  depth: number;
  cls: number;
  clsLantoaSources: number;
  /** Longest main-thread task once Lantoa's first script has arrived (ms, CPU slowed). */
  longestTaskMs: number;
  /** Tasks over 50 ms in that window. */
  longTasks: number;
  /** What the longest task was made of (from the trace's nested events). */
  longestTask?: TaskAttribution;
  /** How the page's fixed-name script (loader.js or the direct entry) came: 200 downloaded, 304 revalidated, cache (no request). */
  loader: string;
  /** Hashed chunks that went over the network again (warm loads: must be 0). */
  chunksRefetched: number;
}

/** Loads `url` in `page` (emulation already on) and measures it. */
async function loadOnce(
  browser: Browser,
  page: Page,
  cdp: CDPSession,
  url: string,
  def: BenchPage,
  profile: ProfileName,
  cache: Cache,
): Promise<RunResult> {
  const net = recordNetwork(cdp);
  if (TRACE) await browser.startTracing(page, { categories: TRACE_CATEGORIES });
  try {
    await page.goto(url, { waitUntil: 'commit', timeout: LOAD_TIMEOUT_MS });
    const frame = await widgetFrame(page, def.design);
    await frame.waitForFunction(
      (tags) => tags.every((tag) => performance.getEntriesByName(`lantoa:${tag}`, 'mark').length > 0),
      def.tags,
      {
        polling: 50,
        timeout: LOAD_TIMEOUT_MS,
      },
    );
    await page.waitForTimeout(SETTLE_MS);
  } finally {
    net.stop();
  }
  const trace = TRACE ? await browser.stopTracing() : undefined;

  const frame = await widgetFrame(page, def.design);
  const topOrigin = await page.evaluate(() => performance.timeOrigin);
  const marks = await frame.evaluate(
    (tags) =>
      Object.fromEntries(
        tags.map((tag) => [
          tag,
          performance.timeOrigin + performance.getEntriesByName(`lantoa:${tag}`, 'mark')[0].startTime,
        ]),
      ),
    def.tags,
  );
  type Bench = { shifts: { value: number; lantoa: boolean }[] };
  const observed: Bench[] = await Promise.all(
    page.frames().map((f) => f.evaluate(() => (window as unknown as { __bench?: Bench }).__bench ?? { shifts: [] })),
  );

  const requests = [...net.requests.values()].filter((r) => !r.url.startsWith('data:'));
  for (const r of requests) r.status = net.rawStatus.get(r.id) ?? r.status;
  const doc = requests.find((r) => r.url === url);
  if (!doc) throw new Error(`no request for ${url}`);
  // Marks are on the page's clock (ms since the epoch), requests on CDP's: both start at the navigation.
  const toRequestClock = (epochMs: number) => doc.start + (epochMs - topOrigin);
  const lastMark = toRequestClock(Math.max(...Object.values(marks)));
  const beforeMark = (markAt: number) => requests.filter((r) => r.end !== undefined && r.end <= markAt);

  // The chain: the page's document(s) and Lantoa's requests (not the browser's own, such as the favicon).
  const chain: ChainRequest[] = requests
    .filter((r) => r === doc || isLantoa(r.url))
    .map((r) => ({
      id: r.id,
      url: r.url,
      start: r.start,
      end: r.end,
      initiatorUrl: r.initiatorUrl,
      network: !r.fromCache,
    }));
  const depths = chainDepths(chain);
  if (process.env.BENCH_DEBUG) {
    for (const r of requests) {
      const path = new URL(r.url).pathname;
      console.error(
        `    ${String(Math.round(r.start - doc.start)).padStart(6)}→${String(Math.round((r.end ?? NaN) - doc.start)).padStart(6)} ms d${depths.get(r.id)} ${r.status ?? '-'}${r.fromCache ? ' cache' : ''} ${r.bytes} B ${path} ⟵ ${r.initiatorUrl ? new URL(r.initiatorUrl).pathname : '?'}`,
      );
    }
    console.error(`    shifts: ${JSON.stringify(observed.map((o) => o.shifts))}`);
    console.error(
      `    marks: ${Object.entries(marks)
        .map(([tag, at]) => `${tag} ${Math.round(at - topOrigin)} ms`)
        .join(', ')}`,
    );
  }
  const link = PROFILES[profile];
  const times: Record<string, number> = {};
  const floors: Record<string, number> = {};
  for (const tag of def.tags) {
    const at = toRequestClock(marks[tag]);
    times[tag] = marks[tag] - topOrigin;
    const bytes = beforeMark(at).reduce((sum, r) => sum + r.bytes, 0);
    const needsData = BENCH_WIDGETS.find((w) => w.tag === tag)?.data ?? false;
    floors[tag] = floorMs(floorTrips(cache, needsData), bytes, link);
  }
  // A page the service renders is Lantoa's own, its document included.
  const lantoa = requests.filter(
    (r) =>
      r.start <= lastMark &&
      (isLantoa(r.url) || (def.design === 'service' && new URL(r.url).origin === new URL(url).origin)),
  );
  const firstScriptAt = Math.min(
    ...lantoa.flatMap((r) => (r.url.endsWith('.js') && r.end !== undefined ? [r.end] : [])),
  );
  const { durations: tasks, longest } = trace
    ? mainThreadTasks(
        (JSON.parse(trace.toString('utf8')) as { traceEvents: TraceEvent[] }).traceEvents,
        firstScriptAt,
        new URL(url).origin,
      )
    : { durations: [NaN], longest: undefined };
  if (trace && TRACE_DIR) {
    mkdirSync(TRACE_DIR, { recursive: true });
    writeFileSync(join(TRACE_DIR, `${def.id}-${profile}-${cache}-${Date.now()}.json`), trace);
  }
  // The file the page names (loader.js or the direct entry): on warm loads revalidated (304), never downloaded again.
  const loaderRequest = requests.find(
    (r) => /^\/(lantoa|demo\/bench\/peers)\/[\w-]+\.js$/.test(new URL(r.url).pathname) && !isHashedChunk(r.url),
  );
  const shifts = observed.flatMap((o) => o.shifts);
  return {
    times,
    floors,
    lantoaBytes: lantoa.reduce((sum, r) => sum + r.bytes, 0),
    lantoaRequests: lantoa.filter((r) => !r.fromCache).length,
    depth: Math.max(0, ...beforeMark(lastMark).map((r) => depths.get(r.id) ?? 0)),
    // (requests outside the chain have no depth: 0)
    cls: shifts.reduce((sum, s) => sum + s.value, 0),
    clsLantoaSources: shifts.filter((s) => s.lantoa).reduce((sum, s) => sum + s.value, 0),
    longestTaskMs: Math.max(0, ...tasks),
    longTasks: tasks.filter((ms) => ms > 50).length,
    longestTask: longest,
    loader: !loaderRequest ? 'none' : loaderRequest.fromCache ? 'cache' : String(loaderRequest.status ?? '?'),
    chunksRefetched: requests.filter((r) => isHashedChunk(r.url) && !r.fromCache).length,
  };
}

const pageUrl = (base: string, def: BenchPage) => `${base}${def.path ?? `${BENCH_PATH}/${def.file}`}`;

async function newPage(browser: Browser): Promise<{ context: BrowserContext; page: Page }> {
  const context = await browser.newContext({
    viewport: VIEWPORT,
    deviceScaleFactor: 2,
    isMobile: true,
    hasTouch: true,
  });
  await context.addInitScript(OBSERVE_SHIFTS);
  return { context, page: await context.newPage() };
}

/**
 * The loads of one page, network and cache on each service in `bases` (this checkout's, and BENCH_BEFORE's):
 * cold loads alternate between the services, so both see the same machine load; warm visits run per service.
 */
async function runCase(
  browser: Browser,
  bases: string[],
  def: BenchPage,
  profile: ProfileName,
  cache: Cache,
): Promise<RunResult[][]> {
  if (cache === 'warm') {
    const all: RunResult[][] = [];
    for (const base of bases) all.push(await runWarm(browser, base, def, profile));
    return all;
  }
  const results: RunResult[][] = bases.map(() => []);
  for (let i = 0; i < RUNS; i++) {
    for (const [index, base] of bases.entries()) {
      const { context, page } = await newPage(browser);
      try {
        const cdp = await emulate(page, context, profile);
        results[index].push(await loadOnce(browser, page, cdp, pageUrl(base, def), def, profile, cache));
      } finally {
        await context.close();
      }
    }
  }
  return results;
}

async function runWarm(browser: Browser, base: string, def: BenchPage, profile: ProfileName): Promise<RunResult[]> {
  const url = pageUrl(base, def);
  const cache = 'warm';
  const results: RunResult[] = [];
  // Warm: the visitor has been on the page before (same context); each measured load is another visit.
  // A new tab for each visit: a new renderer, so only the HTTP cache carries over (not Blink's memory cache).
  const { context, page: first } = await newPage(browser);
  try {
    await loadOnce(browser, first, await emulate(first, context, profile), url, def, profile, 'cold');
    await first.close();
    for (let i = 0; i < RUNS; i++) {
      const page = await context.newPage();
      const cdp = await emulate(page, context, profile);
      await revalidateFixedNames(cdp);
      results.push(await loadOnce(browser, page, cdp, url, def, profile, cache));
      await page.close();
    }
  } finally {
    await context.close();
  }
  return results;
}

// ---------------------------------------------------------------------------------------------------------
// Summary, table, JSON, docs

/** One row of the table: a run's figures over the runs of one page, network and cache (medians; CLS and chunks fetched again: the largest). */
interface CaseSummary extends Pick<
  RunResult,
  'lantoaBytes' | 'lantoaRequests' | 'depth' | 'cls' | 'clsLantoaSources' | 'longestTaskMs' | 'chunksRefetched'
> {
  page: string;
  /** The same page from BENCH_BEFORE's checkout, measured alongside: BENCH_BEFORE_LABEL (`before`); absent for this checkout. */
  variant?: string;
  design: BenchPage['design'];
  profile: ProfileName;
  cache: Cache;
  runs: number;
  widgets: { tag: string; ms: number; floorMs: number; ratio: number }[];
  /** Runs with at least one task over 50 ms. */
  runsWithLongTasks: number;
  /** What the longest task of the median run (by longest task) was made of. */
  longestTask?: TaskAttribution;
  /** Each way the fixed-name script came over the runs. */
  loader: string[];
  raw: RunResult[];
}

function summarize(
  def: BenchPage,
  profile: ProfileName,
  cache: Cache,
  raw: RunResult[],
  variant?: string,
): CaseSummary {
  const med = (pick: (r: RunResult) => number) => median(raw.map(pick));
  return {
    page: def.id,
    variant,
    design: def.design,
    profile,
    cache,
    runs: raw.length,
    widgets: def.tags.map((tag) => {
      const ms = med((r) => r.times[tag]);
      const floor = med((r) => r.floors[tag]);
      return { tag, ms: Math.round(ms), floorMs: Math.round(floor), ratio: Math.round((ms / floor) * 100) / 100 };
    }),
    lantoaBytes: Math.round(med((r) => r.lantoaBytes)),
    lantoaRequests: med((r) => r.lantoaRequests),
    depth: med((r) => r.depth),
    cls: Math.round(Math.max(...raw.map((r) => r.cls)) * 10000) / 10000,
    clsLantoaSources: Math.round(Math.max(...raw.map((r) => r.clsLantoaSources)) * 10000) / 10000,
    longestTaskMs: Math.round(med((r) => r.longestTaskMs)),
    runsWithLongTasks: raw.filter((r) => r.longTasks > 0).length,
    longestTask: [...raw].sort((a, b) => a.longestTaskMs - b.longestTaskMs)[Math.floor((raw.length - 1) / 2)]
      ?.longestTask,
    loader: [...new Set(raw.map((r) => r.loader))],
    chunksRefetched: Math.max(...raw.map((r) => r.chunksRefetched)),
    raw,
  };
}

/** The first peer: what every row's ×USWDS figure divides by. */
const [YARDSTICK] = PEERS;

/** The yardstick peer's median time in the same run, network and cache: what the ×USWDS column divides by. */
function yardstickMs(cases: readonly CaseSummary[], profile: ProfileName, cache: Cache): number | undefined {
  return cases.find((c) => c.page === YARDSTICK.id && !c.variant && c.profile === profile && c.cache === cache)
    ?.widgets[0]?.ms;
}

/** "×0.97" of the yardstick, or "–" when it was not measured in this run. */
function vsYardstick(ms: number, yardstick: number | undefined): string {
  return yardstick ? `×${(ms / yardstick).toFixed(2)}` : '–';
}

function table(cases: CaseSummary[]): string {
  const rows = [
    '| page | design | net | cache | widget: first content (floor, ×floor) | ×USWDS (same run) | widget bytes | req | chain | CLS (max) | longest task (median) | loader | chunks again |',
    '|---|---|---|---|---|---:|---:|---:|---:|---:|---:|---|---:|',
  ];
  for (const c of cases) {
    const yardstick = yardstickMs(cases, c.profile, c.cache);
    const widgets = c.widgets
      .map(
        (w) => `${w.tag.replace(/^lantoa-/, '')}: **${seconds(w.ms)}** (${seconds(w.floorMs)}, ×${w.ratio.toFixed(2)})`,
      )
      .join('<br>');
    const vsPeer = c.widgets.map((w) => vsYardstick(w.ms, yardstick)).join('<br>');
    const longest = Number.isFinite(c.longestTaskMs)
      ? `${c.longestTaskMs} ms${c.runsWithLongTasks ? ` (${c.runsWithLongTasks}/${c.runs} runs > 50 ms)` : ''}`
      : '–';
    rows.push(
      `| ${c.page}${c.variant ? ` (${c.variant})` : ''} | ${c.design} | ${c.profile} | ${c.cache} | ${widgets} | ${vsPeer} | ${kib(c.lantoaBytes)} | ${c.lantoaRequests} | ${c.depth} | ${c.cls} | ${longest} | ${c.loader.join(', ')} | ${c.cache === 'warm' ? c.chunksRefetched : '–'} |`,
    );
  }
  return rows.join('\n');
}

/** "longest task 180 ms (cpu 41 ms, …): 120 ms evaluateModule shared-xxxx.js, …; 3/5 runs > 50 ms" */
function longestLine(c: CaseSummary): string {
  const runs = `${c.runsWithLongTasks}/${c.runs} runs > 50 ms`;
  return c.longestTask ? `longest task ${describeTask(c.longestTask)}; ${runs}` : runs;
}

function machine(browserVersion: string): string {
  const cpu = cpus();
  return `${cpu.length} × ${cpu[0]?.model ?? 'CPU'}, ${Math.round(totalmem() / 2 ** 30)} GiB RAM, Node ${process.version}, Chromium ${browserVersion}, ${process.platform}`;
}

function writeDocs(section: string): void {
  const file = 'docs/BENCHMARKS.md';
  const start = '<!-- bench:load:start -->';
  const end = '<!-- bench:load:end -->';
  const text = readFileSync(file, 'utf8');
  const from = text.indexOf(start);
  const to = text.indexOf(end);
  if (from < 0 || to < 0) throw new Error(`${file} has no ${start} … ${end} section`);
  writeFileSync(file, `${text.slice(0, from + start.length)}\n${section}\n${text.slice(to)}`);
}

// ---------------------------------------------------------------------------------------------------------

const allPages = writePages();
if (process.argv.includes('--pages-only')) {
  console.error(`wrote ${allPages.length} pages under ${BENCH_DIR}/`);
  process.exit(0);
}
const pageIds = only('BENCH_PAGES');
const pages = allPages.filter((p) => !pageIds || pageIds.includes(p.id));
const profiles = (only('BENCH_PROFILES') ?? Object.keys(PROFILES)) as ProfileName[];
const caches = (only('BENCH_CACHE') ?? ['cold', 'warm']) as Cache[];
buildIfNeeded();
copyPeerScripts();
const service = await startService();
/** BENCH_BEFORE: a built checkout of an earlier commit (its own node_modules), whose pages are measured alongside. */
const before = process.env.BENCH_BEFORE
  ? await startService(process.env.BENCH_BEFORE, process.env.BENCH_BEFORE_PORT ?? '0')
  : undefined;
const browser = await chromium.launch({ executablePath: chromePath(), args: CHROME_ARGS });
const cases: CaseSummary[] = [];
try {
  for (const def of pages) {
    for (const profile of profiles) {
      for (const cache of caches) {
        const bases = before && def.design !== 'peer' ? [service.base, before.base] : [service.base];
        const [now, then] = await runCase(browser, bases, def, profile, cache);
        const summaries = [
          summarize(def, profile, cache, now),
          ...(then ? [summarize(def, profile, cache, then, process.env.BENCH_BEFORE_LABEL ?? 'before')] : []),
        ];
        cases.push(...summaries);
        const yardstick = yardstickMs(cases, profile, cache);
        for (const summary of summaries) {
          const label = `${def.id}${summary.variant ? ` (${summary.variant})` : ''}`;
          console.error(
            `  ${label} ${profile} ${cache}: ${summary.widgets.map((w) => `${w.tag} ${seconds(w.ms)} (×${w.ratio.toFixed(2)} floor, ${vsYardstick(w.ms, yardstick)} USWDS)`).join(', ')}`,
          );
          if (summary.longestTask) console.error(`    ${longestLine(summary)}`);
        }
      }
    }
  }
} finally {
  const version = browser.version();
  await browser.close();
  await stopService(service);
  if (before) await stopService(before);
  if (cases.length > 0) {
    const when = new Date().toISOString();
    const about = machine(version);
    const header = `Measured ${when.slice(0, 10)} on ${about}; median of ${RUNS} loads per row; CPU slowed ${CPU_SLOWDOWN}×; viewport ${VIEWPORT.width}×${VIEWPORT.height}.`;
    const markdown = `${header}\n\n${table(cases)}`;
    console.log(markdown);
    // What the longest tasks were (the median run's), per row: not in the docs' table, in the JSON.
    if (TRACE)
      console.log(
        `\n${cases.map((c) => `- ${c.page}${c.variant ? ` (${c.variant})` : ''} ${c.profile} ${c.cache}: ${longestLine(c)}`).join('\n')}`,
      );
    const json = JSON.stringify(
      { when, machine: about, runs: RUNS, cpuSlowdown: CPU_SLOWDOWN, profiles: PROFILES, cases },
      null,
      2,
    );
    mkdirSync('dist', { recursive: true });
    writeFileSync('dist/bench-load.json', json);
    console.error('wrote dist/bench-load.json');
    if (WRITE_DOCS) {
      // The recorded copy keeps the medians; every single load stays in dist/bench-load.json.
      const summaries = cases.map((c) => ({ ...c, raw: undefined }));
      writeFileSync(
        'docs/bench-load.json',
        JSON.stringify(
          { when, machine: about, runs: RUNS, cpuSlowdown: CPU_SLOWDOWN, profiles: PROFILES, cases: summaries },
          null,
          2,
        ),
      );
      writeDocs(markdown);
      console.error('wrote docs/bench-load.json and the bench:load section of docs/BENCHMARKS.md');
    }
  }
}
