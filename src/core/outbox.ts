/**
 * A saved-before-sent queue for what a widget posts to the service (a pledge, a quiz result). An item is
 * written to localStorage, with its idempotency key, before it is sent, so a dropped connection, a closed
 * tab or a dead battery never loses it: it is sent again (same key, counted once by the service) with
 * backoff, when the browser comes back `online`, and on the next visit, until the service answers. Only a
 * 4xx other than 408/429 drops it (the service will never take it).
 */
import { readStored, removeStored, writeStored } from './storage.js';

/** What every queued item carries: the service it goes to, its idempotency key and when it was queued. */
export interface Queued {
  api: string;
  key: string;
  queuedAt: number;
}

export type SendResult =
  | { outcome: 'sent'; body: unknown }
  | { outcome: 'retry'; reason: string }
  | { outcome: 'rejected'; status: number; code: string; message: string };

/** The items queued under `storageKey` (empty when storage is blocked or holds something else). */
export function readQueue<T extends Queued>(storageKey: string): T[] {
  const stored = readStored<T[]>(storageKey);
  return Array.isArray(stored) ? stored : [];
}

/** Saves the queue; an empty queue removes the key, so nothing is left behind in the visitor's storage. */
function writeQueue<T extends Queued>(storageKey: string, items: T[]): void {
  if (items.length === 0) removeStored(storageKey);
  else writeStored(storageKey, items);
}

export function enqueue<T extends Queued>(storageKey: string, item: T): void {
  writeQueue(storageKey, [...readQueue<T>(storageKey).filter((queued) => queued.key !== item.key), item]);
}

export function dequeue(storageKey: string, key: string): void {
  writeQueue(storageKey, readQueue(storageKey).filter((queued) => queued.key !== key));
}

/**
 * A random UUID v4, for idempotency keys. `crypto.randomUUID` exists only on https pages; many union sites
 * are plain http, where `getRandomValues` still works.
 */
export function newKey(): string {
  if (typeof crypto.randomUUID === 'function' && globalThis.isSecureContext) return crypto.randomUUID();
  const bytes = crypto.getRandomValues(new Uint8Array(16));
  bytes[6] = (bytes[6] & 0x0f) | 0x40;
  bytes[8] = (bytes[8] & 0x3f) | 0x80;
  const hex = [...bytes].map((b) => b.toString(16).padStart(2, '0')).join('');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}

/** POSTs a JSON body. Never throws: the outcome says whether to forget the item, keep it, or report it. */
export async function postJson(url: string, body: unknown, timeoutMs = 15_000): Promise<SendResult> {
  const controller = new AbortController();
  const timer = setTimeout(() => controller.abort(), timeoutMs);
  try {
    const response = await fetch(url, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(body),
      credentials: 'omit',
      signal: controller.signal,
    });
    const answer: unknown = await response.json().catch(() => null);
    if (response.ok) return { outcome: 'sent', body: answer };
    // Busy or slow (429, 408) and server faults (5xx) are worth another try; other 4xx are final.
    if (response.status >= 500 || response.status === 429 || response.status === 408) {
      return { outcome: 'retry', reason: `HTTP ${response.status}` };
    }
    const error = (answer as { error?: { code?: string; message?: string } } | null)?.error;
    return { outcome: 'rejected', status: response.status, code: error?.code ?? 'rejected', message: error?.message ?? '' };
  } catch (error) {
    return { outcome: 'retry', reason: String(error) };
  } finally {
    clearTimeout(timer);
  }
}

export interface OutboxOptions<T extends Queued> {
  /** localStorage key of the queue, e.g. `lantoa:pledge:outbox`. */
  storageKey: string;
  /** Sends one item (usually with {@link postJson}). */
  send: (item: T) => Promise<SendResult>;
  /** Which queued items this outbox delivers (e.g. those for its own service); default all. */
  owns?: (item: T) => boolean;
  /** Told every outcome, after the queue is updated; `first` marks the delivery started by {@link Outbox.submit}. */
  onResult?: (item: T, result: SendResult, first: boolean) => void;
  /** First retry delay in ms, read at each reset (so tests can change it); doubled per failure up to a minute. */
  retryMs?: () => number;
}

/**
 * Delivers the items of one queue, one at a time, for a widget: call {@link start} when it connects (sends
 * what an earlier visit left), {@link submit} for a new item, {@link stop} when it disconnects.
 */
export class Outbox<T extends Queued> {
  private delay: number;
  private timer?: ReturnType<typeof setTimeout>;
  private flushing = false;
  /** A flush was asked for while one was running (e.g. `online` during a retry): run again after it. */
  private flushAgain = false;
  /** Keys being sent right now, so a flush never sends one twice at once. */
  private readonly inFlight = new Set<string>();
  /** Back online: send now, and start the backoff afresh. */
  private readonly onOnline = () => {
    this.delay = this.firstDelay();
    this.flush();
  };

  constructor(private readonly options: OutboxOptions<T>) {
    this.delay = this.firstDelay();
  }

  private firstDelay(): number {
    return this.options.retryMs?.() ?? 2000;
  }

  /** The queued items this outbox delivers. */
  pending(): T[] {
    return readQueue<T>(this.options.storageKey).filter((item) => this.options.owns?.(item) ?? true);
  }

  start(): void {
    addEventListener('online', this.onOnline);
    this.flush();
  }

  stop(): void {
    removeEventListener('online', this.onOnline);
    clearTimeout(this.timer);
  }

  /** Saves the item, then sends it; resolves with the first attempt's outcome (later retries go to onResult). */
  async submit(item: T): Promise<SendResult> {
    enqueue(this.options.storageKey, item);
    return this.deliver(item, true);
  }

  private async deliver(item: T, first = false): Promise<SendResult> {
    this.inFlight.add(item.key);
    const result = await this.options.send(item);
    this.inFlight.delete(item.key);
    if (result.outcome === 'retry') {
      this.scheduleRetry();
    } else {
      dequeue(this.options.storageKey, item.key);
      if (result.outcome === 'sent') this.delay = this.firstDelay();
    }
    this.options.onResult?.(item, result, first);
    return result;
  }

  private scheduleRetry(): void {
    clearTimeout(this.timer);
    this.timer = setTimeout(() => this.flush(), this.delay);
    this.delay = Math.min(this.delay * 2, 60_000);
  }

  /** Sends every item still queued (not already on its way), one at a time. */
  flush(): void {
    if (this.flushing) {
      this.flushAgain = true;
      return;
    }
    this.flushAgain = false;
    const waiting = this.pending().filter((item) => !this.inFlight.has(item.key));
    if (waiting.length === 0) return;
    this.flushing = true;
    void (async () => {
      for (const item of waiting) await this.deliver(item);
      this.flushing = false;
      if (this.flushAgain) this.flush();
    })();
  }
}
