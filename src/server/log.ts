/**
 * JSON-lines logs: one object per line, access and info on stdout, errors on stderr, so any log
 * shipper (journald, Docker, Loki) can parse them. Never a client IP or request body: the service
 * promises to keep no personal data, and logs are data too.
 */
import type { Worker } from 'node:worker_threads';
import { isoNow } from './clock.js';
import { startWorker } from './worker.js';

type Fields = Record<string, unknown>;

function line(level: 'info' | 'warn' | 'error', msg: string, fields: Fields): string {
  return `${JSON.stringify({ time: isoNow(), level, msg, ...fields })}\n`;
}

/**
 * Access entries are many (one per request), so answering a request only notes its five values
 * (measured under load: formatting and writing the line there cost 2.5–3.5 µs per request, a tenth of
 * a counts read). Every FLUSH_MS, or every MAX_BATCH entries, the batch goes to the log writer thread
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
  /** The methods, one per line ("\n" cannot occur in one, nor in a path: node:http refuses it). */
  methods: string;
  paths: string;
}
export type LogMessage = ({ kind: 'access' } & AccessBatch) | { kind: 'text'; text: string } | { kind: 'close' };

/** JSON string literals of the methods and paths seen, so each distinct one is escaped once (bounded). */
const literals = new Map<string, string>();
function literal(text: string): string {
  let json = literals.get(text);
  if (json === undefined) {
    json = JSON.stringify(text);
    if (literals.size < 10_000) literals.set(text, json);
  }
  return json;
}

/**
 * The JSON lines of a batch, written by hand (JSON.stringify of an object per line costs 5× more),
 * with the time text made once per millisecond and `ms` written from whole tenths (a fraction's
 * number-to-text conversion is the slow kind).
 */
export function formatAccess({ count, times, durations, statuses, methods, paths }: AccessBatch): string {
  const methodOf = methods.split('\n');
  const pathOf = paths.split('\n');
  let text = '';
  let isoAt = NaN;
  let head = '';
  for (let i = 0; i < count; i++) {
    if (times[i] !== isoAt) {
      isoAt = times[i];
      head = `{"time":"${new Date(isoAt).toISOString()}","level":"info","msg":"request","method":`;
    }
    const tenths = Math.round(durations[i] * 10);
    text += `${head}${literal(methodOf[i])},"path":${literal(pathOf[i])},"status":${statuses[i]},"ms":${(tenths / 10) | 0}.${tenths % 10}}\n`;
  }
  return text;
}

const FLUSH_MS = 100;
/**
 * Entries of one batch. Numbers travel in typed arrays handed over whole (no copy), the strings as one
 * string each: a structured clone of arrays of values costs about 1.5 µs per entry (measured).
 */
const MAX_BATCH = 4096;
const newBatch = () => ({ count: 0, times: new Float64Array(MAX_BATCH), durations: new Float64Array(MAX_BATCH), statuses: new Uint16Array(MAX_BATCH), methods: [] as string[], paths: [] as string[] });
let batch = newBatch();
let timer: NodeJS.Timeout | undefined;
/** undefined: not started yet; null: failed, write here. */
let writer: Worker | null | undefined;
let writerExited: Promise<void> | undefined;

function startWriter(): Worker | null {
  try {
    const thread = startWorker(import.meta.url, 'log-writer');
    thread.unref(); // never keeps the process alive; close() drains it
    writerExited = new Promise((resolve) => thread.once('exit', () => resolve()));
    thread.once('error', (error) => {
      writer = null;
      process.stderr.write(line('error', 'log writer failed; writing logs from the main thread', { error: error.message }));
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
  const { count, times, durations, statuses, methods, paths } = batch;
  batch = newBatch();
  const message: LogMessage = { kind: 'access', count, times, durations, statuses, methods: methods.join('\n'), paths: paths.join('\n') };
  if (writer) writer.postMessage(message, [times.buffer, durations.buffer, statuses.buffer]);
  else process.stdout.write(formatAccess(message));
}

export const log = {
  /** One line per request, batched (see FLUSH_MS). */
  access(method: string, path: string, status: number, ms: number): void {
    if (writer === undefined) writer = startWriter();
    const at = batch.count++;
    batch.times[at] = Date.now();
    batch.durations[at] = ms;
    batch.statuses[at] = status;
    batch.methods.push(method);
    batch.paths.push(path);
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
    const detail = error instanceof Error ? { error: error.message, stack: error.stack } : error === undefined ? {} : { error: String(error) };
    process.stderr.write(line('error', msg, { ...fields, ...detail }));
  },
};
