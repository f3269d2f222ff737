/**
 * Caps on open connections, in all and per client address, checked as each connection is accepted
 * (service.ts). Every socket is a file descriptor: without caps one client holding ~1,000 idle
 * sockets used up a 1,024 open-file limit, and every other visitor's connection then failed. A
 * connection over a cap is answered with a short 503 (JSON, Retry-After) and closed at once, so its
 * descriptor is free again before the next one arrives.
 *
 * Per address means per socket address (IPv6 per /64, as the rate limits). Behind a reverse proxy
 * (TRUST_PROXY) every connection comes from the proxy, so only the total applies here; the proxy
 * limits connections per client (nginx: limit_conn), and streams are still capped per forwarded
 * address (stream.ts).
 */
import type { Server, ServerResponse } from 'node:http';
import type { Socket } from 'node:net';
import { rawErrorResponse } from './reply.js';
import { addressKey } from './rate-limit.js';

export interface ConnectionCaps {
  maxConnections: number;
  /** Undefined: no per-address cap (behind a proxy). */
  maxConnectionsPerAddress: number | undefined;
}

/** A raw HTTP answer: node:http has not parsed anything yet, and the socket is closed after it. */
const refusal = (message: string) =>
  rawErrorResponse(503, 'Service Unavailable', 'unavailable', message, { 'retry-after': '10' });

const TOO_MANY_FROM_ADDRESS = refusal('Too many open connections from this network; retry in a few seconds');
const TOO_MANY = refusal('The service has too many open connections; retry in a few seconds');

export class ConnectionGuard {
  readonly #byAddress = new Map<string, number>();
  readonly #sockets = new Set<Socket>();
  #total = 0;
  #refused = 0;

  constructor(readonly caps: ConnectionCaps) {}

  /** Connections open now. */
  get size(): number {
    return this.#total;
  }

  /**
   * The requests still being answered ("GET /path", no query), for the log line of a shutdown that has to cut
   * connections: which route held on is what an operator needs. node:http keeps a socket's current response as
   * `_httpMessage`; read here only, for that line.
   */
  busyRequests(): string[] {
    const busy: string[] = [];
    for (const socket of this.#sockets) {
      const response = (socket as Socket & { _httpMessage?: ServerResponse })._httpMessage;
      if (response?.req) busy.push(`${response.req.method} ${(response.req.url ?? '').split('?')[0]}`);
    }
    return busy;
  }

  /** Connections refused since the last call (for a log line per episode, not per connection). */
  takeRefused(): number {
    const refused = this.#refused;
    this.#refused = 0;
    return refused;
  }

  /**
   * Checks every connection `server` accepts from now on, before node:http sees it: its own
   * 'connection' listener (which sets up the HTTP parser) runs only for admitted sockets.
   */
  attach(server: Server): void {
    const http = server.listeners('connection') as ((socket: Socket) => void)[];
    server.removeAllListeners('connection');
    server.on('connection', (socket: Socket) => {
      if (this.#admit(socket)) for (const listener of http) listener.call(server, socket);
    });
  }

  #admit(socket: Socket): boolean {
    const { maxConnections, maxConnectionsPerAddress } = this.caps;
    const key = maxConnectionsPerAddress === undefined ? '' : addressKey(socket.remoteAddress ?? 'unknown');
    const fromAddress = maxConnectionsPerAddress === undefined ? 0 : (this.#byAddress.get(key) ?? 0);
    if (
      this.#total >= maxConnections ||
      (maxConnectionsPerAddress !== undefined && fromAddress >= maxConnectionsPerAddress)
    ) {
      this.#refused += 1;
      // A short answer fits any socket buffer; destroy right after it is handed over, whether or not the client reads.
      // Read and drop what the client sends meanwhile, so the close is a FIN after the 503, not a reset that could discard it.
      socket.on('error', () => socket.destroy());
      socket.resume();
      socket.end(this.#total >= maxConnections ? TOO_MANY : TOO_MANY_FROM_ADDRESS, () => socket.destroy());
      return false;
    }
    this.#total += 1;
    this.#sockets.add(socket);
    if (maxConnectionsPerAddress !== undefined) this.#byAddress.set(key, fromAddress + 1);
    socket.once('close', () => {
      this.#total -= 1;
      this.#sockets.delete(socket);
      if (maxConnectionsPerAddress === undefined) return;
      const left = (this.#byAddress.get(key) ?? 1) - 1;
      if (left === 0) this.#byAddress.delete(key);
      else this.#byAddress.set(key, left);
    });
    return true;
  }
}
