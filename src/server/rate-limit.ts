/**
 * Per-client token buckets. A client may spend `burst` requests at once, then `perMinute` a minute.
 * Memory is bounded: at most `maxClients` buckets, the least recently seen dropped first (a dropped
 * client simply starts again with a full bucket, which is what it would have had after a quiet spell).
 * Per process: with several instances each keeps its own buckets, so the effective limit is the sum.
 */
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
 * header is ignored, since any client can send one. IPv6 clients are keyed by their /64, which one
 * subscriber usually holds whole: otherwise a single phone could rotate through addresses.
 */
export function clientKey(socketAddress: string | undefined, forwardedFor: string | undefined, trustProxy: number): string {
  let address = socketAddress ?? 'unknown';
  if (trustProxy > 0 && forwardedFor) {
    const chain = [...forwardedFor.split(',').map((part) => part.trim()).filter(Boolean), address];
    address = chain[Math.max(0, chain.length - 1 - trustProxy)];
  }
  if (address.startsWith('::ffff:')) address = address.slice(7);
  // Node gives addresses in canonical form: a colon means IPv6 (node:net's isIPv6 is a costly regex).
  if (address.includes(':')) return `${expandIPv6(address).slice(0, 4).join(':')}::/64`;
  return address;
}

function expandIPv6(address: string): string[] {
  const [head, tail = ''] = address.split('%')[0].split('::');
  const left = head ? head.split(':') : [];
  const right = tail ? tail.split(':') : [];
  const missing = address.includes('::') ? 8 - left.length - right.length : 0;
  return [...left, ...Array<string>(missing).fill('0'), ...right].map((group) => group.toLowerCase().replace(/^0+(?=.)/, ''));
}
