/**
 * The outbox's delivery (src/core/outbox.ts is its queue in storage): {@link Outbox}, the controller that sends
 * what is queued, retries with backoff and when the browser is back `online`, and drops what the service will never
 * take. Loaded lazily by the widgets, only where something is sent or waiting.
 */
import type { ReactiveController, ReactiveControllerHost } from 'lit';
import { isApiErrorDetail } from '../contract/answer-checks.js';
import { dequeue, enqueue, readQueue, type Queued, type SendResult } from './outbox.js';

export type { SendResult };

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
