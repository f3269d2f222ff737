/**
 * Server-Sent Events of the counts. Every change is coalesced per campaign: at most one `counts`
 * event per `coalesceMs` (a burst of 500 pledges sends a handful of events, not 500 to every
 * client), and the latest counts always go out. A heartbeat comment every `heartbeatMs` (one timer
 * for all streams) keeps proxies and mobile carriers from closing an idle connection. A client that
 * does not read is dropped once MAX_PENDING_BYTES wait for it in this process (the node response's
 * and its socket's buffers: `response.writableLength`), so one stalled phone cannot hold memory;
 * EventSource reconnects. Before anything waits here the operating system's socket buffers take what
 * they can (on Linux up to `net.ipv4.tcp_wmem`'s maximum, 4 MB by default, plus the client's receive
 * window): that memory is the kernel's, outside the service. Open streams are capped in all and per
 * client address (`maxStreams`, `maxStreamsPerAddress`).
 *
 * Tens of thousands of streams stay open at once (docs/BENCHMARKS.md), so each holds as little as
 * node:http allows: its node response, written to directly (the headers once, then events), and a
 * two-field record here; no Response body stream, reader, promise or closure per stream (those,
 * through @hono/node-server, cost 17.8 KB a stream against 10 here). Each event is encoded once,
 * as its bytes and as one HTTP/1.1 chunk, and the same Buffer goes to every socket; writing the
 * chunk to the socket itself skips node:http's per-write framing and its cork, uncork and
 * process.nextTick for every client.
 */
import type { ServerResponse } from 'node:http';
import { RESPONSE_ALREADY_SENT } from '@hono/node-server/utils/response';
import { COUNTS_EVENT } from '../../contract/paths.js';
import type { CountsSnapshot, CampaignCounts } from '../campaigns/counts.js';
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

/** Why a stream is refused: too many in all, or too many from the client's address. */
export type StreamRefusal = 'total' | 'address';

/** Bytes waiting in this process for a client after which it counts as stalled (~16 counts events). */
const MAX_PENDING_BYTES = 16 * 1024;
/** Tells EventSource how long to wait before reconnecting (ms). */
const RETRY_MS = 5000;
const HEARTBEAT = frame(': heartbeat\n\n');

/** An open stream: its campaign and the client key it counts against. */
interface Client {
  channel: Channel;
  key: string;
}

/** The streams of one campaign. */
interface Channel {
  counts: CampaignCounts;
  clients: Set<ServerResponse>;
  /** The pending coalesced send, if any. */
  timer: NodeJS.Timeout | undefined;
  lastSent: number;
  /** The current counts as an event, encoded once for every client (rebuilt when the snapshot changes). */
  encoded: { snapshot: CountsSnapshot; event: Frame; opening: Buffer } | undefined;
}

export class StreamHub {
  readonly #options: StreamOptions;
  readonly #channels = new Map<string, Channel>();
  readonly #clients = new Map<ServerResponse, Client>();
  readonly #heartbeat: NodeJS.Timeout;
  /** Open streams by client key. */
  readonly #byClient = new Map<string, number>();
  /** One 'close' listener shared by every response (`this` is the response), not a closure per stream. */
  readonly #onClose: (this: ServerResponse) => void;
  /** Set by closeAll: a stream whose request was already being handled then is ended as soon as it opens. */
  #closed = false;

  constructor(counts: ReadonlyMap<string, CampaignCounts>, options: StreamOptions) {
    this.#options = options;
    for (const [campaign, campaignCounts] of counts) this.add(campaign, campaignCounts);
    this.#heartbeat = setInterval(() => {
      for (const channel of this.#channels.values()) this.#send(channel, HEARTBEAT);
    }, options.heartbeatMs);
    this.#heartbeat.unref();
    // eslint-disable-next-line @typescript-eslint/no-this-alias -- the listener's own `this` is the response
    const hub = this;
    this.#onClose = function () {
      hub.#remove(this);
    };
  }

  /** Streams `counts` as campaign `campaign` from now on (a campaign added while the service runs). */
  add(campaign: string, counts: CampaignCounts): void {
    const channel: Channel = { counts, clients: new Set(), timer: undefined, lastSent: 0, encoded: undefined };
    this.#channels.set(campaign, channel);
    counts.onChange(() => this.#schedule(channel));
  }

  /** Open streams, all campaigns together. */
  get size(): number {
    return this.#clients.size;
  }

  /** Why a new stream from `clientKey` would be refused now, or undefined when it may open. */
  refusal(clientKey: string): StreamRefusal | undefined {
    const { maxStreams = Infinity, maxStreamsPerAddress = Infinity } = this.#options;
    if (this.#clients.size >= maxStreams) return 'total';
    if ((this.#byClient.get(clientKey) ?? 0) >= maxStreamsPerAddress) return 'address';
    return undefined;
  }

  /**
   * Answers a stream request on `response` (the node response): the stream's headers and `headers`
   * (CORS), the campaign's counts at once, then every change. `clientKey` counts the stream against
   * its address. Returns the Response that tells @hono/node-server the answer is already written.
   */
  open(campaign: string, headers: HeaderMap, clientKey: string, response: ServerResponse): Response {
    const channel = this.#channels.get(campaign);
    if (!channel) throw new Error(`no campaign ${campaign}`);
    response.writeHead(200, streamHeaders(headers));
    // node:http sends the headers with the first write: this one goes through it, later ones may go
    // straight to the socket (#write).
    response.write(encoded(channel).opening);
    this.#clients.set(response, { channel, key: clientKey });
    channel.clients.add(response);
    this.#byClient.set(clientKey, (this.#byClient.get(clientKey) ?? 0) + 1);
    response.on('close', this.#onClose);
    // Shutting down: the counts went out, the client reconnects (to another instance, or to this one restarted).
    if (this.#closed) this.#end(response);
    return RESPONSE_ALREADY_SENT;
  }

  /** Ends every stream (shutdown): the responses finish, so the server can close. */
  closeAll(): void {
    this.#closed = true;
    clearInterval(this.#heartbeat);
    for (const channel of this.#channels.values()) {
      clearTimeout(channel.timer);
      channel.timer = undefined;
    }
    for (const response of [...this.#clients.keys()]) this.#end(response);
  }

  #end(response: ServerResponse): void {
    this.#remove(response);
    response.end();
  }

  /** Writes `bytes`, or drops the client when more than MAX_PENDING_BYTES already wait for it. */
  #write(response: ServerResponse, bytes: Frame): void {
    // What node:http has not handed to the kernel yet: the response's own buffer and its socket's.
    const queued = response.writableLength;
    if (queued <= MAX_PENDING_BYTES) {
      // The headers went out with the stream's first write (open). Chunked (HTTP/1.1): the
      // socket takes the framed bytes as they are; HTTP/1.0, or a pipelined response still
      // waiting for its socket: node:http frames and orders them.
      const socket = response.socket;
      if (response.chunkedEncoding && socket) socket.write(bytes.chunk);
      else response.write(bytes.raw);
      return;
    }
    this.#options.onStalled?.(queued);
    this.#remove(response);
    // Ending would wait for the client to read what is queued, which it does not: cut the
    // connection, so its socket and buffers are freed now.
    response.destroy();
  }

  #send(channel: Channel, bytes: Frame): void {
    for (const response of channel.clients) this.#write(response, bytes);
  }

  #remove(response: ServerResponse): void {
    const client = this.#clients.get(response);
    if (!client) return;
    this.#clients.delete(response);
    client.channel.clients.delete(response);
    response.off('close', this.#onClose);
    const left = (this.#byClient.get(client.key) ?? 1) - 1;
    if (left === 0) this.#byClient.delete(client.key);
    else this.#byClient.set(client.key, left);
  }

  #schedule(channel: Channel): void {
    if (channel.timer !== undefined || channel.clients.size === 0) return;
    const wait = Math.max(0, channel.lastSent + this.#options.coalesceMs - Date.now());
    channel.timer = setTimeout(() => {
      channel.timer = undefined;
      channel.lastSent = Date.now();
      this.#send(channel, encoded(channel).event);
    }, wait);
  }
}

/** Adds a stream's own headers to `headers` (CORS), and returns it; a HEAD gets these and no stream. */
export function streamHeaders(headers: HeaderMap): HeaderMap {
  headers['content-type'] = 'text/event-stream';
  headers['cache-control'] = 'no-cache';
  headers['x-accel-buffering'] = 'no'; // nginx: pass events through at once
  return headers;
}

/** The channel's counts as an event (and as a stream's first bytes), encoded once per change. */
function encoded(channel: Channel): { event: Frame; opening: Buffer } {
  const snapshot = channel.counts.snapshot();
  if (channel.encoded?.snapshot !== snapshot) {
    const event = `event: ${COUNTS_EVENT}\nid: ${snapshot.etag}\ndata: ${snapshot.body}\n\n`;
    channel.encoded = { snapshot, event: frame(event), opening: Buffer.from(`retry: ${RETRY_MS}\n${event}`) };
  }
  return channel.encoded;
}

/** Bytes of the stream as they are, and as one HTTP/1.1 chunk (size line, bytes, CRLF). */
interface Frame {
  raw: Buffer;
  chunk: Buffer;
}

function frame(text: string): Frame {
  const raw = Buffer.from(text);
  return { raw, chunk: Buffer.concat([Buffer.from(`${raw.byteLength.toString(16)}\r\n`), raw, Buffer.from('\r\n')]) };
}
