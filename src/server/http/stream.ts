/**
 * Server-Sent Events of the counts. Every change is coalesced per campaign: at most one `counts`
 * event per `coalesceMs` (a burst of 500 pledges sends a handful of events, not 500 to every
 * client), and the latest counts always go out. A heartbeat comment every `heartbeatMs` keeps
 * proxies and mobile carriers from closing an idle connection. A client that does not read is
 * dropped once MAX_PENDING_BYTES wait for it in this process (measured where they really wait: the
 * stream's queue, plus the node response and socket buffers: `outgoing.writableLength`), so one
 * stalled phone cannot hold memory; EventSource reconnects. Before anything waits here the operating
 * system's socket buffers take what they can (on Linux up to `net.ipv4.tcp_wmem`'s maximum, 4 MB by
 * default, plus the client's receive window): that memory is the kernel's, outside the service.
 * Open streams are capped in all and per client address (`maxStreams`, `maxStreamsPerAddress`).
 *
 * A stream is a Response whose body is a ReadableStream of bytes, written by @hono/node-server to the
 * socket as the client takes it: an event is encoded once and the same bytes are enqueued for every
 * client, with no encoder and no TransformStream per client (hono/streaming's streamSSE adds both,
 * plus a promise per write, and costs about twice the CPU per event: docs/BENCHMARKS.md).
 * The client going away cancels the stream (the adapter cancels its reader when the socket closes).
 */
import { COUNTS_EVENT } from '../../contract/paths.js';
import type { CampaignCounts } from '../campaigns/counts.js';
import type { HeaderMap } from './reply.js';

export interface StreamOptions {
  coalesceMs: number;
  heartbeatMs: number;
  /** Open streams at most, in all and per client key (rate-limit.ts's clientKey). */
  maxStreams?: number;
  maxStreamsPerAddress?: number;
  /** Called when a client that does not read is dropped, with the bytes that waited for it here. */
  onStalled?: (queuedBytes: number) => void;
}

/** The node response a stream is written to: what it has not handed to the kernel yet, and a way to cut it. */
export interface Outgoing {
  readonly writableLength: number;
  destroy(): void;
}

/** Why a stream is refused: too many in all, or too many from the client's address. */
export type StreamRefusal = 'total' | 'address';

interface Client {
  send(bytes: Uint8Array): void;
  /** Ends the stream; `cancelled` when the client already went away. */
  end(cancelled?: boolean): void;
}

/** Bytes waiting in this process for a client after which it counts as stalled (~16 counts events). */
const MAX_PENDING_BYTES = 16 * 1024;
/** Tells EventSource how long to wait before reconnecting (ms). */
const RETRY_MS = 5000;
const HEARTBEAT = Buffer.from(': heartbeat\n\n');

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
  /** Open streams by client key. */
  readonly #byClient = new Map<string, number>();
  #size = 0;

  constructor(counts: ReadonlyMap<string, CampaignCounts>, options: StreamOptions) {
    this.#options = options;
    for (const [campaign, campaignCounts] of counts) {
      const channel: Channel = { counts: campaignCounts, clients: new Set(), timer: undefined, lastSent: 0 };
      this.#channels.set(campaign, channel);
      campaignCounts.onChange(() => this.#schedule(channel));
    }
    this.#heartbeat = setInterval(() => this.#sendAll(HEARTBEAT), options.heartbeatMs);
    this.#heartbeat.unref();
  }

  /** Open streams, all campaigns together. */
  get size(): number {
    return this.#size;
  }

  /** Why a new stream from `clientKey` would be refused now, or undefined when it may open. */
  refusal(clientKey: string): StreamRefusal | undefined {
    const { maxStreams = Infinity, maxStreamsPerAddress = Infinity } = this.#options;
    if (this.#size >= maxStreams) return 'total';
    if ((this.#byClient.get(clientKey) ?? 0) >= maxStreamsPerAddress) return 'address';
    return undefined;
  }

  /**
   * The response of a stream request: the campaign's counts at once, then every change. `headers`
   * (CORS) are sent with the stream's own. `outgoing` is the node response the stream is written to
   * (its buffered bytes count as waiting for the client); `clientKey` counts the stream against its address.
   */
  open(campaign: string, headers: HeaderMap, clientKey = '', outgoing?: Outgoing): Response {
    const channel = this.#channels.get(campaign);
    if (!channel) throw new Error(`no campaign ${campaign}`);
    streamHeaders(headers);
    let client: Client | undefined;
    const body = new ReadableStream<Uint8Array>(
      {
        start: (controller) => {
          let open = true;
          const opened: Client = {
            send: (bytes) => {
              if (!open) return;
              // The queue's high-water mark is 0, so -desiredSize is what it holds; the response and
              // its socket hold what node:http has not handed to the kernel yet.
              const queued = -(controller.desiredSize ?? 0) + (outgoing?.writableLength ?? 0);
              if (queued <= MAX_PENDING_BYTES) controller.enqueue(bytes);
              else {
                this.#options.onStalled?.(queued);
                // Closing the stream would wait for the client to read what is queued, which it does
                // not: cut the connection, so its socket and buffers are freed now.
                opened.end(outgoing !== undefined);
                outgoing?.destroy();
              }
            },
            end: (cancelled = false) => {
              if (!open) return;
              open = false;
              channel.clients.delete(opened);
              this.#size -= 1;
              const left = (this.#byClient.get(clientKey) ?? 1) - 1;
              if (left === 0) this.#byClient.delete(clientKey);
              else this.#byClient.set(clientKey, left);
              if (!cancelled) controller.close();
            },
          };
          client = opened;
          channel.clients.add(opened);
          this.#size += 1;
          this.#byClient.set(clientKey, (this.#byClient.get(clientKey) ?? 0) + 1);
          opened.send(Buffer.from(`retry: ${RETRY_MS}\n${event(channel)}`));
        },
        cancel: () => client?.end(true),
      },
      { highWaterMark: 0, size: (chunk) => chunk.byteLength },
    );
    return new Response(body, { status: 200, headers });
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
      const bytes = Buffer.from(event(channel));
      for (const client of channel.clients) client.send(bytes);
    }, wait);
  }

  #sendAll(bytes: Uint8Array): void {
    for (const channel of this.#channels.values()) for (const client of channel.clients) client.send(bytes);
  }
}

/** Adds a stream's own headers to `headers` (CORS), and returns it; a HEAD gets these and no stream. */
export function streamHeaders(headers: HeaderMap): HeaderMap {
  headers['content-type'] = 'text/event-stream';
  headers['cache-control'] = 'no-cache';
  headers['x-accel-buffering'] = 'no'; // nginx: pass events through at once
  return headers;
}

function event(channel: Channel): string {
  const snapshot = channel.counts.snapshot();
  return `event: ${COUNTS_EVENT}\nid: ${snapshot.etag}\ndata: ${snapshot.body}\n\n`;
}
