/**
 * A saved-before-sent queue for what a widget posts to the service (a pledge, a quiz result). An item is
 * written to localStorage, with its idempotency key, before it is sent, so a dropped connection, a closed
 * tab or a dead battery never loses it: it is sent again (same key, counted once by the service) with
 * backoff, when the browser comes back `online`, and on the next visit, until the service answers. Only a
 * 4xx other than 408/429 drops it (the service will never take it).
 */
import type { ReactiveController, ReactiveControllerHost } from 'lit';
import { isApiErrorDetail } from '../contract/checks.js';
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
  writeQueue(
    storageKey,
    readQueue(storageKey).filter((queued) => queued.key !== key),
  );
}

/**
 * A random UUID v4, for idempotency keys. From `getRandomValues`, which works on plain-http pages too (many
 * union sites are), unlike `crypto.randomUUID` (https only): each 0/1 becomes a random hex digit, each 8 one
 * of 8–b (the variant), the 4 stays (the version).
 */
export function newKey(): string {
  return '10000000-1000-4000-8000-100000000000'.replace(/[018]/g, (c) =>
    (+c ^ (crypto.getRandomValues(new Uint8Array(1))[0] & (15 >> (+c / 4)))).toString(16),
  );
}

/**
 * POSTs a JSON body. Never throws: the outcome says whether to forget the item, keep it, or report it. Gives up
 * after `timeoutMs` (where the browser has `AbortSignal.timeout`; elsewhere the browser's own timeout applies).
 */
export async function postJson(url: string, body: unknown, timeoutMs = 15_000): Promise<SendResult> {
  try {
    const response = await fetch(url, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(body),
      credentials: 'omit',
      signal: AbortSignal.timeout?.(timeoutMs),
    });
    const answer: unknown = await response.json().catch(() => null);
    const status = response.status;
    if (response.ok) return { outcome: 'sent', body: answer };
    // Busy or slow (429, 408) and server faults (5xx) are worth another try; other 4xx are final.
    if (status >= 500 || status === 429 || status === 408) return { outcome: 'retry', reason: `HTTP ${status}` };
    const error = [(answer as { error?: unknown } | null)?.error].find(isApiErrorDetail);
    return { outcome: 'rejected', status, code: error?.code ?? 'rejected', message: error?.message ?? '' };
  } catch (error) {
    return { outcome: 'retry', reason: String(error) };
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
 * Delivers the items of one queue, one at a time, as a reactive controller of its widget: it starts when the
 * widget connects (sending what an earlier visit left, and again whenever the browser is back `online`) and
 * stops when it leaves the page (a test without a widget calls hostConnected and hostDisconnected itself); {@link submit} saves and sends a new item. Added while the widget is on the
 * page (the quiz's, loaded lazily), it starts at once.
 */
export class Outbox<T extends Queued> implements ReactiveController {
  private delay = 0;
  private timer?: ReturnType<typeof setTimeout>;
  private flushing = false;
  /** A flush was asked for (again): the running one goes round once more (e.g. `online` during a retry). */
  private flushAgain = false;
  /** Keys being sent right now, so a flush never sends one twice at once. */
  private readonly inFlight = new Set<string>();
  /** Back online: send now, and start the backoff afresh. */
  private readonly onOnline = () => {
    this.resetDelay();
    this.flush();
  };

  constructor(
    host: ReactiveControllerHost,
    private readonly options: OutboxOptions<T>,
  ) {
    this.resetDelay();
    host.addController(this);
  }

  private resetDelay(): void {
    this.delay = this.options.retryMs?.() ?? 2000;
  }

  /** The widget is on the page: sends what is queued, and again whenever the browser is back online. */
  hostConnected(): void {
    addEventListener('online', this.onOnline);
    this.flush();
  }

  hostDisconnected(): void {
    removeEventListener('online', this.onOnline);
    clearTimeout(this.timer);
  }

  /** Saves the item, then sends it; resolves with the first attempt's outcome (later retries go to onResult). */
  submit(item: T): Promise<SendResult> {
    enqueue(this.options.storageKey, item);
    return this.deliver(item, true);
  }

  private async deliver(item: T, first = false): Promise<SendResult> {
    const { storageKey, send, onResult } = this.options;
    this.inFlight.add(item.key);
    const result = await send(item);
    this.inFlight.delete(item.key);
    if (result.outcome === 'retry') {
      // Backoff: the delay doubles per failure, up to a minute.
      clearTimeout(this.timer);
      this.timer = setTimeout(() => this.flush(), this.delay);
      this.delay = Math.min(this.delay * 2, 60_000);
    } else {
      dequeue(storageKey, item.key);
      if (result.outcome === 'sent') this.resetDelay();
    }
    onResult?.(item, result, first);
    return result;
  }

  /** Sends every item of this outbox still queued (not already on its way), one at a time. */
  flush(): void {
    this.flushAgain = true;
    if (this.flushing) return;
    this.flushing = true;
    void (async () => {
      while (this.flushAgain) {
        this.flushAgain = false;
        const { storageKey, owns } = this.options;
        for (const item of readQueue<T>(storageKey))
          if ((owns?.(item) ?? true) && !this.inFlight.has(item.key)) await this.deliver(item);
      }
      this.flushing = false;
    })();
  }
}
