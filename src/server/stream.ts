/**
 * Server-Sent Events of the counts. Every change is coalesced per campaign: at most one `counts`
 * event per `coalesceMs` (a burst of 500 pledges sends a handful of events, not 500 to every
 * client), and the latest counts always go out. A heartbeat comment every `heartbeatMs` keeps
 * proxies and mobile carriers from closing an idle connection. A client that does not read (its
 * writes pile up) is dropped, so one stalled phone cannot hold memory; EventSource reconnects.
 * Written on node:http directly, like the rest of the API (api.ts).
 */
import type { ServerResponse } from 'node:http';
import { COUNTS_EVENT } from '../contract/paths.js';
import type { CampaignCounts } from './counts.js';
import type { HeaderMap } from './http.js';

export interface StreamOptions {
  coalesceMs: number;
  heartbeatMs: number;
}

interface Client {
  send(text: string): void;
  end(): void;
}

/** Bytes written but not yet taken by the client after which it counts as stalled (~16 counts events). */
const MAX_PENDING_BYTES = 16 * 1024;
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

  /**
   * Answers a request with a stream of the campaign's counts, starting with the current ones.
   * `headers` (CORS) are sent with the stream's own.
   */
  open(res: ServerResponse, campaign: string, headers: HeaderMap): void {
    const channel = this.#channels.get(campaign);
    if (!channel) throw new Error(`no campaign ${campaign}`);
    headers['content-type'] = 'text/event-stream';
    headers['cache-control'] = 'no-cache';
    headers['x-accel-buffering'] = 'no'; // nginx: pass events through at once
    res.writeHead(200, headers);
    let open = true;
    const client: Client = {
      send: (text) => {
        if (res.writableLength > MAX_PENDING_BYTES) client.end();
        else if (open) res.write(text);
      },
      end: () => {
        if (!open) return;
        open = false;
        channel.clients.delete(client);
        this.#size -= 1;
        res.end();
      },
    };
    channel.clients.add(client);
    this.#size += 1;
    res.on('close', () => client.end());
    client.send(`retry: ${RETRY_MS}\n${event(channel)}`);
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
