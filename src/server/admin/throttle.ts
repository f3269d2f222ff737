/**
 * The sign-in throttle: failed attempts counted per account name and per client address, in memory
 * (a restart forgets them, which costs an attacker a restart of the service per few guesses). After
 * `maxFailures` failures in a row the key is locked for `baseLockMs`, doubling at every further failure
 * up to `maxLockMs`; a locked key is refused (429) without checking the password. A success clears the
 * account's count, not the address's (one valid account must not reset an address that is guessing
 * others). Memory is bounded: at most `maxKeys` keys, the least recently failed dropped first.
 */
export interface ThrottleOptions {
  maxFailures: number;
  baseLockMs: number;
  maxLockMs: number;
  /** A key without a failure for this long starts again from zero. */
  forgetMs: number;
  maxKeys: number;
}

interface Failures {
  count: number;
  last: number;
  lockedUntil: number;
}

export class FailureThrottle {
  readonly #keys = new Map<string, Failures>();

  constructor(readonly options: ThrottleOptions) {}

  /** Milliseconds `key` stays locked, 0 when it may try. */
  lockedFor(key: string, now: number): number {
    const entry = this.#current(key, now);
    return entry ? Math.max(0, entry.lockedUntil - now) : 0;
  }

  fail(key: string, now: number): void {
    const { maxFailures, baseLockMs, maxLockMs, maxKeys } = this.options;
    const entry = this.#current(key, now) ?? { count: 0, last: now, lockedUntil: 0 };
    entry.count += 1;
    entry.last = now;
    if (entry.count >= maxFailures)
      entry.lockedUntil = now + Math.min(maxLockMs, baseLockMs * 2 ** (entry.count - maxFailures));
    this.#keys.delete(key); // re-inserted last: the Map's order is least recently failed first
    while (this.#keys.size >= maxKeys) this.#keys.delete(this.#keys.keys().next().value as string);
    this.#keys.set(key, entry);
  }

  clear(key: string): void {
    this.#keys.delete(key);
  }

  #current(key: string, now: number): Failures | undefined {
    const entry = this.#keys.get(key);
    if (entry && now - entry.last >= this.options.forgetMs && now >= entry.lockedUntil) {
      this.#keys.delete(key);
      return undefined;
    }
    return entry;
  }
}

const MINUTE = 60_000;

/** Per account and per address; an office behind one NAT address gets more tries than one account. */
export class SignInThrottle {
  readonly accounts = new FailureThrottle({
    maxFailures: 5,
    baseLockMs: 30_000,
    maxLockMs: 15 * MINUTE,
    forgetMs: 15 * MINUTE,
    maxKeys: 10_000,
  });
  readonly addresses = new FailureThrottle({
    maxFailures: 20,
    baseLockMs: 30_000,
    maxLockMs: 15 * MINUTE,
    forgetMs: 15 * MINUTE,
    maxKeys: 10_000,
  });

  /** Seconds to wait before `name` may try again from `address` (Retry-After), 0 when it may now. */
  retryAfter(name: string, address: string, now: number): number {
    const ms = Math.max(this.accounts.lockedFor(name, now), this.addresses.lockedFor(address, now));
    return Math.ceil(ms / 1000);
  }

  failed(name: string, address: string, now: number): void {
    this.accounts.fail(name, now);
    this.addresses.fail(address, now);
  }

  succeeded(name: string): void {
    this.accounts.clear(name);
  }
}
