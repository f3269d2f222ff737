/**
 * Password hashes: scrypt from node:crypto (memory-hard), a fresh 16-byte salt per hash, compared in
 * constant time. The parameters are stored with each hash (`$scrypt$ln=15,r=8,p=1$salt$hash`, the PHC
 * string format), so they can grow later: a hash made with weaker ones is still checked with its own,
 * and {@link needsRehash} tells the sign-in to store a new one.
 */
import { randomBytes, scrypt, timingSafeEqual, type ScryptOptions } from 'node:crypto';

/** log2 of scrypt's N. 2^15 × r 8 × 128 B = 32 MiB and about 0.1 s a hash here: costly to guess at scale. */
const LOG_N = 15;
const R = 8;
const P = 1;
const SALT_BYTES = 16;
const KEY_BYTES = 32;
/** Largest log2 N a stored hash may ask for: a damaged row must not make a sign-in allocate gigabytes. */
const MAX_LOG_N = 20;

const FORMAT = /^\$scrypt\$ln=(\d{1,2}),r=(\d{1,2}),p=(\d{1,2})\$([A-Za-z0-9+/]+={0,2})\$([A-Za-z0-9+/]+={0,2})$/;

function derive(password: string, salt: Buffer, logN: number, r: number, p: number): Promise<Buffer> {
  // node's default maxmem (32 MiB) is exactly N × r × 128 at 2^15: leave room for the library's own.
  const options: ScryptOptions = { N: 2 ** logN, r, p, maxmem: 2 * 128 * r * 2 ** logN + 1024 * 1024 };
  return new Promise((resolve, reject) =>
    scrypt(password.normalize('NFC'), salt, KEY_BYTES, options, (error, key) => (error ? reject(error) : resolve(key))),
  );
}

/** A new hash of `password` with the current parameters and a new salt. */
export async function hashPassword(password: string): Promise<string> {
  const salt = randomBytes(SALT_BYTES);
  const key = await derive(password, salt, LOG_N, R, P);
  return `$scrypt$ln=${LOG_N},r=${R},p=${P}$${salt.toString('base64')}$${key.toString('base64')}`;
}

/** True when `password` is the one `stored` was made from; false for a wrong one or a malformed hash. */
export async function verifyPassword(password: string, stored: string): Promise<boolean> {
  const match = FORMAT.exec(stored);
  if (!match) return false;
  const [logN, r, p] = [Number(match[1]), Number(match[2]), Number(match[3])];
  if (logN < 1 || logN > MAX_LOG_N || r < 1 || p < 1) return false;
  const expected = Buffer.from(match[5], 'base64');
  const key = await derive(password, Buffer.from(match[4], 'base64'), logN, r, p);
  return key.length === expected.length && timingSafeEqual(key, expected);
}

/** True when `stored` was made with weaker parameters than today's (the sign-in then stores a new hash). */
export function needsRehash(stored: string): boolean {
  const match = FORMAT.exec(stored);
  return !match || Number(match[1]) < LOG_N || Number(match[2]) < R || Number(match[3]) < P;
}

let dummy: Promise<string> | undefined;
/**
 * A hash of a random password with today's parameters: a sign-in with an unknown name is checked
 * against it, so it takes as long as a wrong password (the time does not tell which names exist).
 */
export function dummyHash(): Promise<string> {
  return (dummy ??= hashPassword(randomBytes(32).toString('base64')));
}
