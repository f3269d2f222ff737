/**
 * What the main thread did, from a Chrome trace (categories TRACE_CATEGORIES): the tasks on the renderers' main
 * threads, and what the longest one was made of. Kept apart from the browser so it can be unit-tested
 * (test/scripts/bench-load.test.ts); `npm run bench:load` prints it per row ("longest task 180 ms: 120 ms
 * evaluateModule shared-xxxx.js, 40 ms Layout") and keeps it in dist/bench-load.json.
 */

/** `toplevel` gives the tasks; `devtools.timeline` and `v8` what ran inside them (as DevTools' Performance panel). */
export const TRACE_CATEGORIES = ['toplevel', 'devtools.timeline', 'v8'];

export interface TraceEvent {
  name: string;
  cat?: string;
  ph: string;
  pid: number;
  tid: number;
  /** µs */
  ts: number;
  dur?: number;
  /** Thread (CPU) time, µs: without the time the thread was descheduled or paused by the CPU throttling. */
  tdur?: number;
  args?: Record<string, unknown>;
}

export interface TaskPart {
  /** "evaluateModule banner-xxxx.js", "Layout", "compile shared-xxxx.js", "script after Scheduler.yield …" */
  what: string;
  ms: number;
}

export interface TaskAttribution {
  /** Wall time of the task (ms): what the "longest task" figure is. */
  ms: number;
  /** Its thread time (ms): on a busy machine far less than the wall time. */
  cpuMs: number;
  /** What Chromium posted it for (`src_func` of the task: PendingScriptFinished, ScheduledActionSendBeginMainFrame…). */
  source: string;
  /** Self times by what ran, largest first; "other" is the task's own time outside any traced event. */
  parts: TaskPart[];
}

const TASK_NAMES = new Set(['ThreadControllerImpl::RunTask', 'RunTask']);
/** The event that names the script a stretch of JavaScript belongs to (the Long Animation Frame's script entry). */
const SCRIPT_ENTRY = 'AnimationFrame::Script::Execute';

const fileOf = (url: unknown): string | undefined =>
  typeof url === 'string' && url
    ? (url
        .replace(/[?#].*$/, '')
        .split('/')
        .pop() ?? url)
    : undefined;

const data = (e: TraceEvent): Record<string, unknown> =>
  ((e.args?.data ?? e.args?.beginData ?? {}) as Record<string, unknown>) ?? {};

/** A node of the task's tree: an X event, or a script entry made from its b/e pair. */
interface Node {
  ts: number;
  end: number;
  label: string;
  children: number;
  /** The event's name, for a v8-only event outside any other: its label then. */
  name?: string;
}

/** What to call an event: script events by their file, rendering events by their name. */
function labelOf(e: TraceEvent): string {
  const d = data(e);
  const file = fileOf(d.url ?? e.args?.fileName);
  switch (e.name) {
    case 'v8.compile':
    case 'v8.compileModule':
    case 'v8.parseOnBackground':
    case 'v8.produceModuleCache':
    case 'v8.produceCache':
      return `compile ${file ?? '?'}`;
    case 'v8.evaluateModule':
      return 'evaluateModule';
    case 'FunctionCall':
      return `FunctionCall ${file ?? '?'}${d.functionName ? ` ${String(d.functionName)}` : ''}`;
    case 'EvaluateScript':
      return `EvaluateScript ${file ?? 'inline'}`;
    case 'ParseHTML':
      return `ParseHTML ${file ?? ''}`.trim();
    case 'EventDispatch':
      return `event ${String(d.type ?? '')}`.trim();
    default:
      return e.name;
  }
}

/** "after Scheduler.yield shared-xxxx.js", "module banner-xxxx.js": the script entry's invoker and file. */
function scriptEntryLabel(e: TraceEvent): string {
  const info = (e.args?.animation_frame_script_timing_info ?? {}) as Record<string, string | undefined>;
  const file = fileOf(info.source_location_url) ?? 'inline';
  const invoker = info.invoker_type ?? '';
  const how =
    invoker === 'MODULE_SCRIPT' || invoker === 'CLASSIC_SCRIPT'
      ? 'script'
      : invoker === 'PROMISE_RESOLVE'
        ? `after ${info.class_like_name ?? ''}.${info.property_like_name ?? ''}`
        : [info.class_like_name, info.property_like_name].filter(Boolean).join('.') || invoker.toLowerCase();
  return `${how} ${file}`;
}

/**
 * Self time by label of everything inside `task` on its thread. Nesting follows time: an event inside another
 * is its child, and the parent keeps only what its children did not cover. JavaScript events that carry no file
 * (module evaluation, calls inside it) take the file of the script entry around them.
 */
export function attributeTask(task: TraceEvent, events: readonly TraceEvent[]): TaskAttribution {
  const start = task.ts;
  const end = task.ts + (task.dur ?? 0);
  const onThread = events.filter((e) => e.pid === task.pid && e.tid === task.tid && e.ts >= start && e.ts <= end);
  const nodes: Node[] = [];
  // Script entries come as b/e pairs; they do not overlap each other on one thread.
  let open: TraceEvent | undefined;
  for (const e of onThread) {
    if (e.name !== SCRIPT_ENTRY) continue;
    if (e.ph === 'b') open = e;
    else if (e.ph === 'e' && open) {
      nodes.push({ ts: open.ts, end: e.ts, label: scriptEntryLabel(open), children: 0 });
      open = undefined;
    }
  }
  if (open) nodes.push({ ts: open.ts, end, label: scriptEntryLabel(open), children: 0 });
  for (const e of onThread) {
    if (e.ph !== 'X' || e === task || TASK_NAMES.has(e.name) || !/\b(devtools\.timeline|v8)\b/.test(e.cat ?? ''))
      continue;
    // v8-only events (calls inside a module's evaluation, a new context) count for what they are inside of.
    const inherit = !e.cat?.includes('devtools.timeline');
    nodes.push({
      ts: e.ts,
      end: Math.min(end, e.ts + (e.dur ?? 0)),
      label: inherit ? '' : labelOf(e),
      children: 0,
      name: e.name,
    });
  }
  nodes.sort((a, b) => a.ts - b.ts || b.end - a.end);
  const parts = new Map<string, number>();
  const add = (label: string, us: number) => parts.set(label, (parts.get(label) ?? 0) + us);
  const stack: Node[] = [];
  const scriptFile = () => {
    for (let i = stack.length - 1; i >= 0; i--)
      if (/ \S+\.m?js$/.test(stack[i].label)) return stack[i].label.split(' ').pop();
    return undefined;
  };
  let covered = 0;
  const close = (node: Node) => add(node.label, Math.max(0, node.end - node.ts - node.children));
  const closeUntil = (ts: number) => {
    for (let top = stack.at(-1); top && top.end <= ts; top = stack.at(-1)) {
      close(top);
      stack.pop();
    }
  };
  for (const node of nodes) {
    closeUntil(node.ts);
    const parent = stack.at(-1);
    // Events are nested in time; one that outlasts its parent (a script entry's end is approximate) is cut there.
    if (parent) node.end = Math.min(node.end, parent.end);
    if (node.label === 'evaluateModule') node.label = `evaluateModule ${scriptFile() ?? '?'}`;
    if (!node.label) node.label = parent?.label ?? node.name ?? '?';
    if (parent) parent.children += node.end - node.ts;
    else covered += node.end - node.ts;
    stack.push(node);
  }
  closeUntil(Infinity);
  add('other', Math.max(0, end - start - covered));
  const src = task.args?.src_func;
  return {
    ms: (task.dur ?? 0) / 1000,
    cpuMs: (task.tdur ?? 0) / 1000,
    source: typeof src === 'string' ? src : task.name,
    parts: [...parts]
      .map(([what, us]) => ({ what, ms: us / 1000 }))
      .filter((p) => p.ms > 0)
      .sort((a, b) => b.ms - a.ms),
  };
}

/**
 * The renderers' main threads ("pid:tid"); with `origin`, only those of processes that loaded or parsed something
 * from it: the measured page's, not Chromium's own pages (the omnibox popup is a renderer too).
 */
function mainThreads(events: readonly TraceEvent[], origin?: string): Set<string> {
  const pages = new Set<number>();
  if (origin) {
    for (const e of events) {
      const url = data(e).url;
      if (typeof url === 'string' && url.startsWith(origin)) pages.add(e.pid);
    }
  }
  return new Set(
    events
      .filter(
        (e) =>
          e.ph === 'M' &&
          e.name === 'thread_name' &&
          e.args?.name === 'CrRendererMain' &&
          (!origin || pages.has(e.pid)),
      )
      .map((e) => `${e.pid}:${e.tid}`),
  );
}

/**
 * The tasks on the renderers' main threads (of the pages from `origin`, if given) that end after `fromMs` (CDP's
 * clock, which trace timestamps share, in µs), their durations in ms, and what the longest was made of.
 */
export function mainThreadTasks(
  events: readonly TraceEvent[],
  fromMs: number,
  origin?: string,
): { durations: number[]; longest?: TaskAttribution } {
  const main = mainThreads(events, origin);
  const tasks = events.filter(
    (e) =>
      e.ph === 'X' &&
      TASK_NAMES.has(e.name) &&
      main.has(`${e.pid}:${e.tid}`) &&
      e.ts / 1000 + (e.dur ?? 0) / 1000 > fromMs,
  );
  const longest = tasks.reduce<TraceEvent | undefined>(
    (a, b) => (!a || (b.dur ?? 0) > (a.dur ?? 0) ? b : a),
    undefined,
  );
  return {
    durations: tasks.map((e) => (e.dur ?? 0) / 1000),
    longest: longest ? attributeTask(longest, events) : undefined,
  };
}

/** "180 ms (cpu 41 ms, PendingScriptFinished): 120 ms evaluateModule shared-xxxx.js, 40 ms Layout, 12 ms other". */
export function describeTask(task: TaskAttribution, top = 3): string {
  const parts = task.parts
    .filter((p) => p.ms >= 1)
    .slice(0, top)
    .map((p) => `${Math.round(p.ms)} ms ${p.what}`);
  return `${Math.round(task.ms)} ms (cpu ${Math.round(task.cpuMs)} ms, ${task.source})${parts.length ? `: ${parts.join(', ')}` : ''}`;
}
