/**
 * The load benchmark's arithmetic and pages (scripts/bench-load-model.ts, scripts/bench-load-pages.ts), in Node:
 * the floor model, the request-chain depth, medians, and that every configured widget gets its pages. The
 * benchmark itself (`npm run bench:load`) takes minutes and is not part of `npm test`.
 */
import assert from 'node:assert/strict';
import { existsSync, readFileSync } from 'node:fs';
import { test } from 'node:test';
import { BENCH_DIR, BENCH_WIDGETS, PROFILES } from '../../scripts/bench-load.config.js';
import { chainDepths, floorMs, floorTrips, median, type ChainRequest } from '../../scripts/bench-load-model.js';
import { benchPages } from '../../scripts/bench-load-pages.js';
import { describeTask, mainThreadTasks, type TraceEvent } from '../../scripts/bench-load-trace.js';
import { WIDGETS } from '../../scripts/widgets.js';

test('floor: round trips times the RTT plus bytes over the bandwidth', () => {
  // 35,000 bytes at 280 kbit/s is exactly one second; two 800 ms trips on top.
  assert.equal(floorMs(2, 35_000, PROFILES['2G']), 2 * 800 + 1000);
  assert.equal(floorMs(1, 0, PROFILES['3G']), 150);
  assert.equal(floorMs(2, 20_000, PROFILES['3G']), 300 + 100);
});

test('floor trips: page then everything at once when cold; warm, the page, plus the live data a widget needs', () => {
  assert.equal(floorTrips('cold', false), 2);
  assert.equal(floorTrips('cold', true), 2);
  assert.equal(floorTrips('warm', false), 1);
  assert.equal(floorTrips('warm', true), 2);
});

test('median of odd and even counts, unsorted input', () => {
  assert.equal(median([5, 1, 3]), 3);
  assert.equal(median([4, 1, 3, 2]), 2.5);
  assert.ok(Number.isNaN(median([])));
});

const req = (
  id: string,
  url: string,
  start: number,
  end: number | undefined,
  initiatorUrl?: string,
  network = true,
): ChainRequest => ({
  id,
  url: `http://x${url}`,
  start,
  end,
  initiatorUrl: initiatorUrl && `http://x${initiatorUrl}`,
  network,
});

test('chain depth follows initiators: page → loader → chunks → data', () => {
  const depths = chainDepths([
    req('page', '/p.html', 0, 800),
    req('loader', '/lantoa/loader.js', 900, 1700, '/p.html'),
    req('entry', '/lantoa/banner-abc.js', 1800, 2600, '/lantoa/loader.js'),
    // A modulepreload link the loader added: Chromium names no initiator; the last response before it was the loader.
    req('shared', '/lantoa/shared-abc.js', 1801, 2700),
    req('data', '/api/v1/campaigns/c/counts', 2800, 3600, '/lantoa/shared-abc.js'),
  ]);
  assert.deepEqual(Object.fromEntries(depths), { page: 1, loader: 2, entry: 3, shared: 3, data: 4 });
});

test('chain depth: a request served from the cache costs no round trip', () => {
  const depths = chainDepths([
    req('page', '/p.html', 0, 800),
    req('loader', '/lantoa/loader.js', 900, 901, '/p.html', false),
    req('entry', '/lantoa/banner-abc.js', 950, 951, '/lantoa/loader.js', false),
  ]);
  assert.deepEqual(Object.fromEntries(depths), { page: 1, loader: 1, entry: 1 });
});

/** Every line of the snippet, in order, in the page (the page indents it). */
const pasted = (html: string, snippet: string) => html.replace(/^\s+/gm, '').includes(snippet.replace(/^\s+/gm, ''));

test('every configured widget gets a loader page, a direct page and an iframe page, and is on the page with all', () => {
  const { pages, embeds } = benchPages(BENCH_WIDGETS);
  for (const widget of BENCH_WIDGETS) {
    const name = widget.tag.replace(/^lantoa-/, '');
    const own = pages.filter((p) => p.design !== 'service' && p.tags[0] === widget.tag && p.tags.length <= 2);
    assert.deepEqual(own.map((p) => p.design).sort(), ['direct', 'iframe', 'loader']);
    // A later moment (the chart's canvas painted) is waited for on the widget's own pages, after its first content.
    for (const page of own.filter((p) => p.design !== 'iframe'))
      assert.deepEqual(page.tags, [widget.tag, ...(widget.laterEvent ? [`${widget.tag}/${widget.laterEvent}`] : [])]);
    for (const page of own.filter((p) => p.design !== 'iframe')) {
      assert.ok(pasted(page.html, widget.snippet), `${page.file} pastes the snippet`);
      assert.equal(page.html.match(/<script type="module"/g)?.length, 1, `${page.file} has one script tag`);
    }
    assert.ok(own.find((p) => p.design === 'direct')!.html.includes(`src="/lantoa/${name}.js"`));
    assert.ok(own.find((p) => p.design === 'iframe')!.html.includes(`<iframe src="embed/${name}.html"`));
    assert.ok(embeds.some((e) => e.file === `embed/${name}.html` && pasted(e.html, widget.snippet)));
    // The direct entry is built under the widget's build name (scripts/widgets.ts).
    assert.ok(
      WIDGETS.some((w) => w.tag === widget.tag && w.name === name),
      `${widget.tag} is in scripts/widgets.ts as "${name}"`,
    );
  }
  // The district page with all four as the README has them pasted: banner.js for the banner, pledge-counter.js for
  // the counter, loader.js for the others, each once; and the same with loader.js alone.
  const scripts = (id: string) =>
    [...pages.find((p) => p.id === id)!.html.matchAll(/<script type="module" src="([^"]+)"/g)].map((m) => m[1]);
  for (const id of ['all', 'all-loader'])
    assert.deepEqual(
      pages.find((p) => p.id === id)!.tags,
      BENCH_WIDGETS.map((w) => w.tag),
    );
  assert.deepEqual(scripts('all'), ['/lantoa/banner.js', '/lantoa/pledge-counter.js', '/lantoa/loader.js']);
  assert.deepEqual(scripts('all-loader'), ['/lantoa/loader.js']);
});

test("the service's own pages are measured where the service renders them, each with a path and no file", () => {
  const service = benchPages(BENCH_WIDGETS).pages.filter((p) => p.design === 'service');
  assert.deepEqual(
    service.map((p) => p.id),
    ['unit-page', 'province-page', 'province-page-150', 'embed-builder'],
  );
  for (const page of service) {
    assert.match(page.path ?? '', /^\/(c|embed)\//, page.id);
    assert.equal(page.file, '');
    assert.ok(page.tags.length > 0 && page.tags.every((tag) => BENCH_WIDGETS.some((w) => w.tag === tag)), page.id);
  }
});

test('the committed pages in demo/bench are the ones the config writes (after a config change: npm run bench:load -- --pages-only)', () => {
  const { pages, embeds } = benchPages(BENCH_WIDGETS);
  for (const { file, html } of [...pages.filter((p) => p.design !== 'service'), ...embeds]) {
    const path = `${BENCH_DIR}/${file}`;
    assert.ok(existsSync(path), `${path} exists`);
    assert.equal(readFileSync(path, 'utf8'), html, `${path} is up to date`);
  }
});

// The longest task's attribution (scripts/bench-load-trace.ts), on a hand-made trace of one renderer.
const ev = (name: string, cat: string, ts: number, dur: number, args?: Record<string, unknown>): TraceEvent => ({
  name,
  cat,
  ph: 'X',
  pid: 1,
  tid: 2,
  ts,
  dur,
  tdur: dur / 2,
  args,
});
const THREAD: TraceEvent = { name: 'thread_name', ph: 'M', pid: 1, tid: 2, ts: 0, args: { name: 'CrRendererMain' } };
const scriptEntry = (ph: 'b' | 'e', ts: number, url = ''): TraceEvent => ({
  name: 'AnimationFrame::Script::Execute',
  cat: 'devtools.timeline',
  ph,
  pid: 1,
  tid: 2,
  ts,
  args:
    ph === 'b'
      ? { animation_frame_script_timing_info: { invoker_type: 'MODULE_SCRIPT', source_location_url: url } }
      : {},
});

test('longest task: self times by what ran, module evaluation named by its script, forced layout apart', () => {
  const task = ev('ThreadControllerImpl::RunTask', 'toplevel', 10_000, 100_000, { src_func: 'PendingScriptFinished' });
  const events = [
    THREAD,
    ev('ThreadControllerImpl::RunTask', 'toplevel', 0, 5_000), // before the window: left out
    task,
    scriptEntry('b', 10_000, 'http://x/lantoa/banner-abc.js?v=1'),
    ev('v8.evaluateModule', 'v8,devtools.timeline', 10_000, 70_000),
    ev('v8.callFunction', 'v8', 20_000, 30_000), // inside the evaluation: counts for it
    ev('Layout', 'devtools.timeline', 55_000, 20_000), // forced inside it: its own part
    scriptEntry('e', 80_000),
    ev('UpdateLayoutTree', 'blink,devtools.timeline', 85_000, 10_000),
    ev('ThreadControllerImpl::RunTask', 'toplevel', 120_000, 30_000),
  ];
  const { durations, longest } = mainThreadTasks(events, 8);
  assert.deepEqual(durations, [100, 30]);
  assert.ok(longest);
  assert.equal(longest.ms, 100);
  assert.equal(longest.cpuMs, 50);
  assert.equal(longest.source, 'PendingScriptFinished');
  assert.deepEqual(longest.parts, [
    { what: 'evaluateModule banner-abc.js', ms: 50 },
    { what: 'Layout', ms: 20 },
    { what: 'other', ms: 20 },
    { what: 'UpdateLayoutTree', ms: 10 },
  ]);
  assert.equal(
    describeTask(longest),
    '100 ms (cpu 50 ms, PendingScriptFinished): 50 ms evaluateModule banner-abc.js, 20 ms Layout, 20 ms other',
  );
});

test('longest task: none after the window start, none named', () => {
  const events = [THREAD, ev('ThreadControllerImpl::RunTask', 'toplevel', 0, 5_000)];
  assert.deepEqual(mainThreadTasks(events, 10), { durations: [], longest: undefined });
});

test('longest task: only the renderers that loaded the measured page, not Chromium’s own (the omnibox popup)', () => {
  const other: TraceEvent = { ...THREAD, pid: 9, tid: 9 };
  const events = [
    THREAD,
    other,
    {
      ...ev('ParseHTML', 'devtools.timeline', 1_000, 1_000),
      args: { beginData: { url: 'http://127.0.0.1:9/demo/a.html' } },
    },
    { ...ev('ThreadControllerImpl::RunTask', 'toplevel', 10_000, 300_000), pid: 9, tid: 9 },
    ev('ThreadControllerImpl::RunTask', 'toplevel', 10_000, 20_000),
  ];
  assert.deepEqual(mainThreadTasks(events, 0, 'http://127.0.0.1:9').durations, [20]);
  assert.equal(mainThreadTasks(events, 0).longest?.ms, 300);
});
