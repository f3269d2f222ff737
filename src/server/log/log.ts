/**
 * JSON-lines logs: one object per line, access and info on stdout, errors on stderr, so any log
 * shipper (journald, Docker, Loki) can parse them. Never a client IP or request body: the service
 * promises to keep no personal data, and logs are data too. Hand-written rather than pino: pino
 * formats each line on the thread that answers requests, which costs the counts target
 * (docs/BENCHMARKS.md).
 */
import type { Worker } from 'node:worker_threads';
import { isoNow } from '../clock.js';
import { startWorker } from '../worker.js';

type Fields = Record<string, unknown>;

function line(level: 'info' | 'warn' | 'error', msg: string, fields: Fields): string {
  return `${JSON.stringify({ time: isoNow(), level, msg, ...fields })}\n`;
}

/**
 * Access entries are many (one per request), so answering a request only notes its five values;
 * formatting and writing happen elsewhere. Every FLUSH_MS, or every MAX_BATCH entries, the batch goes to the log writer thread
 * (log-writer.ts), which formats and writes it; the other stdout lines follow the same way, so the
 * order stays. close() drains the writer at shutdown; a kill -9 loses at most FLUSH_MS of access
 * lines. Without a writer thread (none started yet, or it failed), lines are written here at once.
 * Errors and warnings go straight to stderr.
 */
export interface AccessBatch {
  count: number;
  /** Date.now() of each answer. */
  times: Float64Array;
  /** Milliseconds spent answering. */
  durations: Float64Array;
  statuses: Uint16Array;
  /** Each answer's method and path as numbers of the writer's table of names ({@link AccessNames}). */
  methods: Int32Array;
  paths: Int32Array;
  /** Names numbered since the last batch, in order, one per line ("\n" cannot occur in a method or path: node:http refuses it). */
  newNames: string;
  /** Names past the table's bound, one per line; a negative number -n above means the n-th of these. */
  extraNames: string;
}
export type LogMessage = ({ kind: 'access' } & AccessBatch) | { kind: 'text'; text: string } | { kind: 'close' };

/**
 * The writer's side of the table of names: their JSON string literals, in the order they were numbered.
 * Each batch brings the names numbered since the one before.
 */
export class AccessNames {
  readonly #literals: string[] = [];

  /** The JSON lines of a batch, written by hand (far cheaper than JSON.stringify of an object per line). */
  format({ count, times, durations, statuses, methods, paths, newNames, extraNames }: AccessBatch): string {
    if (newNames !== '') for (const name of newNames.split('\n')) this.#literals.push(JSON.stringify(name));
    const extra = extraNames === '' ? [] : extraNames.split('\n').map((name) => JSON.stringify(name));
    const literal = (id: number) => (id >= 0 ? this.#literals[id] : extra[-id - 1]);
    let text = '';
    let isoAt = NaN;
    let head = '';
    for (let i = 0; i < count; i++) {
      // The time text made once per millisecond; `ms` from whole tenths (a fraction's number-to-text conversion is the slow kind).
      if (times[i] !== isoAt) {
        isoAt = times[i];
        head = `{"time":"${new Date(isoAt).toISOString()}","level":"info","msg":"request","method":`;
      }
      const tenths = Math.round(durations[i] * 10);
      text += `${head}${literal(methods[i])},"path":${literal(paths[i])},"status":${statuses[i]},"ms":${(tenths / 10) | 0}.${tenths % 10}}\n`;
    }
    return text;
  }
}

const FLUSH_MS = 100;
/**
 * Entries of one batch, as numbers in typed arrays handed to the writer whole (no copy). Methods and
 * paths are numbered (a Map lookup), so no request's strings outlive it: cheaper than batches of
 * strings or a structured clone of arrays of values (docs/BENCHMARKS.md).
 */
const MAX_BATCH = 4096;
/** Distinct methods and paths numbered at most (a scanner trying random URLs must not grow it forever). */
const MAX_NAMES = 10_000;
const names = new Map<string, number>();
/** Every numbered name, by number; and how many of them the writer thread and the local formatter have. */
const allNames: string[] = [];
let namesSentToWriter = 0;
let namesSentToLocal = 0;
const newBatch = () => ({
  count: 0,
  times: new Float64Array(MAX_BATCH),
  durations: new Float64Array(MAX_BATCH),
  statuses: new Uint16Array(MAX_BATCH),
  methods: new Int32Array(MAX_BATCH),
  paths: new Int32Array(MAX_BATCH),
  extraNames: [] as string[],
});
let batch = newBatch();
let timer: NodeJS.Timeout | undefined;
/** undefined: not started yet; null: failed, write here. */
let writer: Worker | null | undefined;
let writerExited: Promise<void> | undefined;
/** Formats here when there is no writer thread. */
const localNames = new AccessNames();

function nameId(name: string): number {
  let id = names.get(name);
  if (id === undefined) {
    if (names.size >= MAX_NAMES) return -batch.extraNames.push(name);
    id = allNames.push(name) - 1;
    names.set(name, id);
  }
  return id;
}

function startWriter(): Worker | null {
  try {
    const thread = startWorker(import.meta.url, 'log-writer');
    thread.unref(); // never keeps the process alive; close() drains it
    writerExited = new Promise((resolve) => thread.once('exit', () => resolve()));
    thread.once('error', (error) => {
      writer = null;
      process.stderr.write(
        line('error', 'log writer failed; writing logs from the main thread', { error: error.message }),
      );
    });
    return thread;
  } catch (error) {
    process.stderr.write(line('error', 'log writer could not start', { error: String(error) }));
    return null;
  }
}

/** A stdout line, in order with the access lines. */
function out(text: string): void {
  if (writer) writer.postMessage({ kind: 'text', text } satisfies LogMessage);
  else process.stdout.write(text);
}

function flush(): void {
  clearTimeout(timer);
  timer = undefined;
  if (batch.count === 0) return;
  const { count, times, durations, statuses, methods, paths, extraNames } = batch;
  batch = newBatch();
  const entries = { count, times, durations, statuses, methods, paths, extraNames: extraNames.join('\n') };
  if (writer) {
    const message: LogMessage = { kind: 'access', ...entries, newNames: allNames.slice(namesSentToWriter).join('\n') };
    namesSentToWriter = allNames.length;
    writer.postMessage(message, [times.buffer, durations.buffer, statuses.buffer, methods.buffer, paths.buffer]);
  } else {
    process.stdout.write(localNames.format({ ...entries, newNames: allNames.slice(namesSentToLocal).join('\n') }));
    namesSentToLocal = allNames.length;
  }
}

export const log = {
  /** One line per request, batched (see FLUSH_MS). */
  access(method: string, path: string, status: number, ms: number): void {
    if (writer === undefined) writer = startWriter();
    const at = batch.count++;
    batch.times[at] = Date.now();
    batch.durations[at] = ms;
    batch.statuses[at] = status;
    batch.methods[at] = nameId(method);
    batch.paths[at] = nameId(path);
    if (batch.count === MAX_BATCH) flush();
    else if (timer === undefined) {
      timer = setTimeout(flush, FLUSH_MS);
      timer.unref();
    }
  },
  /** Sends the batched access lines on now. */
  flush,
  /** Writes everything logged so far and stops the writer thread (shutdown); later lines are written directly. */
  async close(): Promise<void> {
    flush();
    const thread = writer;
    writer = null;
    if (!thread) return;
    thread.ref(); // an unref'd thread would let the process end before it wrote its last lines
    thread.postMessage({ kind: 'close' } satisfies LogMessage);
    await writerExited;
  },
  info(msg: string, fields: Fields = {}): void {
    flush(); // keep the order of lines
    out(line('info', msg, fields));
  },
  warn(msg: string, fields: Fields = {}): void {
    process.stderr.write(line('warn', msg, fields));
  },
  error(msg: string, error?: unknown, fields: Fields = {}): void {
    const detail =
      error instanceof Error
        ? { error: error.message, stack: error.stack }
        : error === undefined
          ? {}
          : { error: String(error) };
    process.stderr.write(line('error', msg, { ...fields, ...detail }));
  },
};
