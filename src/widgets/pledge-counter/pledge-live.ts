/**
 * Keeps a pledge counter's numbers live, as a reactive controller of the counter: the service's Server-Sent
 * Events stream while it works, else polling the counts with backoff (proxies and old carriers' gateways often
 * break long-lived streams). Stops when the counter leaves the page, follows again when it comes back.
 */
import type { ReactiveController, ReactiveControllerHost } from 'lit';
import { COUNTS_EVENT } from '../../contract/paths.js';
import { fetchJson } from '../../core/load.js';

export interface LiveUrls {
  countsUrl: string;
  streamUrl: string;
}

export class LiveCounts implements ReactiveController {
  /** First polling interval; doubled after each failure up to `maxPollMs`, reset after a success. */
  static pollMs = 15_000;
  static maxPollMs = 120_000;

  private source?: EventSource;
  private timer?: ReturnType<typeof setTimeout>;
  private delay = LiveCounts.pollMs;
  private stopped = true;
  private urls?: LiveUrls;

  constructor(
    host: ReactiveControllerHost,
    private readonly onCounts: (data: unknown) => void,
  ) {
    host.addController(this);
  }

  /** Follows these counts from now on (a campaign's, once its configuration is loaded); undefined: none. */
  follow(urls: LiveUrls | undefined): void {
    this.stop();
    this.urls = urls;
    this.start();
  }

  hostConnected(): void {
    this.start(); // back on the page: follows what it followed
  }

  hostDisconnected(): void {
    this.stop();
  }

  private start(): void {
    if (!this.urls || !this.stopped) return;
    this.stopped = false;
    if (typeof EventSource !== 'function') return this.schedulePoll();
    const source = (this.source = new EventSource(this.urls.streamUrl));
    const receive = (event: MessageEvent<string>) => {
      try {
        this.onCounts(JSON.parse(event.data));
      } catch {
        /* a malformed event is skipped; the next one carries the full counts again */
      }
    };
    source.addEventListener(COUNTS_EVENT, receive);
    source.onmessage = receive;
    let failures = 0;
    source.onopen = () => (failures = 0);
    source.onerror = () => {
      // CLOSED: refused for good. CONNECTING: the browser retries by itself, but a proxy that breaks
      // streams (or a CORS refusal) makes it retry forever without data: after two failures in a row, poll.
      failures += 1;
      if (source.readyState === EventSource.CLOSED || failures >= 2) {
        source.close();
        this.source = undefined;
        this.schedulePoll();
      }
    };
  }

  stop(): void {
    this.stopped = true;
    this.source?.close();
    this.source = undefined;
    clearTimeout(this.timer);
  }

  /** True while the SSE stream is the source of updates (for tests and the "live" badge). */
  get streaming(): boolean {
    return this.source?.readyState === EventSource.OPEN;
  }

  private schedulePoll(): void {
    if (this.stopped) return;
    clearTimeout(this.timer);
    this.timer = setTimeout(() => void this.poll(), this.delay);
  }

  private async poll(): Promise<void> {
    try {
      if (this.urls) this.onCounts(await fetchJson(this.urls.countsUrl));
      this.delay = LiveCounts.pollMs;
    } catch {
      this.delay = Math.min(this.delay * 2, LiveCounts.maxPollMs);
    }
    this.schedulePoll();
  }
}
