/**
 * Per-client token buckets. A client may spend `burst` requests at once, then `perMinute` a minute.
 * Memory is bounded: at most `maxClients` buckets, the least recently seen dropped first (a dropped
 * client simply starts again with a full bucket, which is what it would have had after a quiet spell).
 * Per process: with several instances each keeps its own buckets, so the effective limit is the sum.
 */
import type { IncomingMessage } from 'node:http';
import { isIP } from 'node:net';

export interface RateOptions {
  perMinute: number;
  burst: number;
  maxClients: number;
}

export type Verdict = { ok: true } | { ok: false; retryAfterSeconds: number };

interface Bucket {
  tokens: number;
  at: number;
}

/** The one "allowed" verdict: nothing to allocate on the common path. */
const ALLOWED: Verdict = { ok: true };

export class RateLimiter {
  readonly #buckets = new Map<string, Bucket>();
  readonly #perMs: number;
  /** The client seen last: already last in the Map's order, so a run of its requests skips the re-insert. */
  #newest: string | undefined;

  constructor(readonly options: RateOptions) {
    this.#perMs = options.perMinute / 60_000;
  }

  get size(): number {
    return this.#buckets.size;
  }

  take(client: string, now = Date.now()): Verdict {
    const { burst, maxClients } = this.options;
    let bucket = this.#buckets.get(client);
    if (bucket) {
      if (client !== this.#newest) {
        // Re-insert so the Map's order is least-recently-seen first.
        this.#buckets.delete(client);
        this.#buckets.set(client, bucket);
      }
      bucket.tokens = Math.min(burst, bucket.tokens + (now - bucket.at) * this.#perMs);
      bucket.at = now;
    } else {
      bucket = { tokens: burst, at: now };
      while (this.#buckets.size >= maxClients) this.#buckets.delete(this.#buckets.keys().next().value as string);
      this.#buckets.set(client, bucket);
    }
    this.#newest = client;
    if (bucket.tokens >= 1) {
      bucket.tokens -= 1;
      return ALLOWED;
    }
    const waitMs = (1 - bucket.tokens) / this.#perMs;
    return { ok: false, retryAfterSeconds: Math.max(1, Math.ceil(waitMs / 1000)) };
  }
}

/**
 * The client address requests are limited by. Behind `trustProxy` proxies the client is that many
 * entries from the right of X-Forwarded-For (each proxy appends the address it saw); without it the
 * header is ignored, since any client can send one. The entry must be an IP address (IPv4, IPv6,
 * with or without brackets and port): anything else, or a header naming fewer hops than trusted,
 * cannot be told apart from what a client made up, so such requests are keyed by the socket address
 * (the proxy's), one shared bucket, instead of getting a bucket each. Keys are canonical and short
 * (at most 24 characters), whatever the header holds: the limiter's memory stays bounded by
 * `maxClients` times a small constant.
 */
export function clientKey(
  socketAddress: string | undefined,
  forwardedFor: string | undefined,
  trustProxy: number,
): string {
  if (trustProxy > 0 && forwardedFor) {
    const forwarded = ipAddress(forwardedEntry(forwardedFor, trustProxy));
    if (forwarded !== undefined) return addressKey(forwarded);
  }
  return addressKey(socketAddress ?? 'unknown');
}

/** {@link clientKey} of a node request (the sign-in throttle's key; api.ts reads the same headers). */
export function requestClientKey(req: IncomingMessage, trustProxy: number): string {
  const forwarded = req.headers['x-forwarded-for']; // node:http joins repeated ones with ", " itself
  return clientKey(req.socket.remoteAddress, Array.isArray(forwarded) ? forwarded.join(', ') : forwarded, trustProxy);
}

/**
 * The key of an address as node gives it (canonical): IPv4 as is, IPv6 by its /64, which one
 * subscriber usually holds whole (otherwise a single phone could rotate through addresses).
 */
export function addressKey(address: string): string {
  const plain = address.startsWith('::ffff:') && address.includes('.') ? address.slice(7) : address;
  // A colon means IPv6 (node:net's isIPv6 is a costly regex, and socket addresses need none).
  if (plain.includes(':')) return `${expandIPv6(plain).slice(0, 4).join(':')}::/64`;
  return plain;
}

/** The entry `hops` from the right of a comma-separated header, found from its end (a long header is not split whole). */
function forwardedEntry(header: string, hops: number): string {
  let end = header.length;
  for (let hop = 1; hop < hops; hop++) {
    const comma = header.lastIndexOf(',', end - 1);
    if (comma < 0) return ''; // fewer entries than trusted proxies: the first one is the client's own word
    end = comma;
  }
  return header.slice(header.lastIndexOf(',', end - 1) + 1, end).trim();
}

/** Longest text an address entry can be: a full IPv6 address with an IPv4 tail, brackets and a port. */
const MAX_ADDRESS_TEXT = 53;

/** `text` as an IP address (brackets and a port dropped), or undefined when it is none. */
function ipAddress(text: string): string | undefined {
  if (text.length === 0 || text.length > MAX_ADDRESS_TEXT) return undefined;
  let address = text;
  if (address.startsWith('['))
    address = address.slice(1, address.indexOf(']') >>> 0); // "[v6]:port"
  else if (address.indexOf(':') === address.lastIndexOf(':')) address = address.split(':')[0]; // "v4:port"
  return isIP(address) === 0 ? undefined : address;
}

function expandIPv6(address: string): string[] {
  const [head, tail = ''] = address.split('%')[0].split('::');
  const left = head ? head.split(':') : [];
  const right = tail ? tail.split(':') : [];
  // An IPv4 tail (::ffff:1.2.3.4, 64:ff9b::1.2.3.4) stands for two groups.
  const groups = left.length + right.length + (address.includes('.') ? 1 : 0);
  const missing = address.includes('::') ? 8 - groups : 0;
  return [...left, ...Array<string>(missing).fill('0'), ...right].map((group) =>
    group.toLowerCase().replace(/^0+(?=.)/, ''),
  );
}
