/**
 * Server-Sent Events of the counts. Every change is coalesced per campaign: at most one `counts`
 * event per `coalesceMs` (a burst of 500 pledges sends a handful of events, not 500 to every
 * client), and the latest counts always go out. A heartbeat comment every `heartbeatMs` keeps
 * proxies and mobile carriers from closing an idle connection. A client that does not read (its
 * writes pile up) is dropped, so one stalled phone cannot hold memory; EventSource reconnects.
 */
import type { Context } from 'hono';
import { streamSSE } from 'hono/streaming';
import { COUNTS_EVENT } from '../contract/pledge.js';
import type { CampaignCounts } from './counts.js';

export interface StreamOptions {
  coalesceMs: number;
  heartbeatMs: number;
}

interface Client {
  send(text: string): void;
  end(): void;
}

/** Unsent writes after which a client counts as stalled. */
const MAX_PENDING_WRITES = 16;
/** Tells EventSource how long to wait before reconnecting (ms). */
const RETRY_MS = 5000;

/** The streams of one campaign. */
interface Channel {
  counts: CampaignCounts;
  clients: Set<Client>;
  /** The pending coalesced send, if any. */
  timer: NodeJS.Timeout | undefined;
  lastSent: number;
}

export class StreamHub {
  readonly #options: StreamOptions;
  readonly #channels = new Map<string, Channel>();
  readonly #heartbeat: NodeJS.Timeout;
  #size = 0;

  constructor(counts: ReadonlyMap<string, CampaignCounts>, options: StreamOptions) {
    this.#options = options;
    for (const [campaign, campaignCounts] of counts) {
      const channel: Channel = { counts: campaignCounts, clients: new Set(), timer: undefined, lastSent: 0 };
      this.#channels.set(campaign, channel);
      campaignCounts.onChange(() => this.#schedule(channel));
    }
    this.#heartbeat = setInterval(() => this.#sendAll(': heartbeat\n\n'), options.heartbeatMs);
    this.#heartbeat.unref();
  }

  /** Open streams, all campaigns together. */
  get size(): number {
    return this.#size;
  }

  /** Answers a request with a stream of the campaign's counts, starting with the current ones. */
  open(c: Context, campaign: string): Response {
    const channel = this.#channels.get(campaign);
    if (!channel) throw new Error(`no campaign ${campaign}`);
    c.header('X-Accel-Buffering', 'no'); // nginx: pass events through at once
    return streamSSE(c, async (stream) => {
      let pending = 0;
      let finish = (): void => undefined;
      const done = new Promise<void>((resolve) => (finish = resolve));
      const client: Client = {
        send: (text) => {
          if (pending >= MAX_PENDING_WRITES) return client.end();
          pending += 1;
          void stream.write(text).finally(() => (pending -= 1));
        },
        end: finish,
      };
      stream.onAbort(finish);
      channel.clients.add(client);
      this.#size += 1;
      try {
        client.send(`retry: ${RETRY_MS}\n${event(channel)}`);
        await done;
      } finally {
        channel.clients.delete(client);
        this.#size -= 1;
      }
    });
  }

  /** Ends every stream (shutdown): the responses finish, so the server can close. */
  closeAll(): void {
    clearInterval(this.#heartbeat);
    for (const channel of this.#channels.values()) {
      clearTimeout(channel.timer);
      channel.timer = undefined;
      for (const client of channel.clients) client.end();
    }
  }

  #schedule(channel: Channel): void {
    if (channel.timer !== undefined || channel.clients.size === 0) return;
    const wait = Math.max(0, channel.lastSent + this.#options.coalesceMs - Date.now());
    channel.timer = setTimeout(() => {
      channel.timer = undefined;
      channel.lastSent = Date.now();
      const text = event(channel);
      for (const client of channel.clients) client.send(text);
    }, wait);
  }

  #sendAll(text: string): void {
    for (const channel of this.#channels.values()) for (const client of channel.clients) client.send(text);
  }
}

function event(channel: Channel): string {
  const snapshot = channel.counts.snapshot();
  return `event: ${COUNTS_EVENT}\nid: ${snapshot.etag}\ndata: ${snapshot.body}\n\n`;
}
