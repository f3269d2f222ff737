/**
 * Replies of the API (api.ts): a plain status, body and header object until the last moment, when
 * {@link respond} makes it a Response. A string or null body with a plain header object that already
 * carries Content-Length is the case @hono/node-server writes straight to node:http (one writeHead,
 * one end) without building a Fetch Response or a Headers object. Header objects are literals extended
 * by assignment, not `...` spreads, which node:http writes more slowly (docs/BENCHMARKS.md).
 */
import type { IncomingMessage } from 'node:http';
import { isUtf8 } from 'node:buffer';
import type { ErrorCode } from '../../contract/pledge.js';

export type HeaderMap = Record<string, string>;

/**
 * Codes of requests refused below the API (protocol-errors.ts), besides the contract's: clients parse
 * `code` as any string, as the contract says.
 */
export type ProtocolErrorCode = 'bad_request' | 'request_timeout' | 'headers_too_large';

export const JSON_TYPE = 'application/json; charset=utf-8';

export interface Reply {
  status: number;
  body: string | null;
  headers: HeaderMap;
  /** Bytes of `body` in UTF-8 when already known (a snapshot's), so it is not measured again. */
  length?: number;
}

/** `reply` as a Response, with a Content-Length for a body (it spares the chunked framing). Hono drops the body of a HEAD. */
export function respond(reply: Reply): Response {
  if (reply.body !== null) reply.headers['content-length'] = String(reply.length ?? Buffer.byteLength(reply.body));
  return new Response(reply.body, { status: reply.status, headers: reply.headers });
}

export interface FailOptions {
  /** The allowed origin of the request, echoed in CORS headers; otherwise `*`. */
  origin?: string;
  /** Seconds, sent as Retry-After (429, 503). */
  retryAfter?: number;
  /** Dotted path of the offending request field. */
  field?: string;
}

/**
 * Every error: `{ error: { code, message, field? } }`, never cached. Readable from any origin (an
 * error discloses nothing), so a widget on a site that is not allowed can read why rather than see
 * an opaque network failure and retry forever.
 */
export function fail(
  status: number,
  code: ErrorCode | ProtocolErrorCode,
  message: string,
  options: FailOptions = {},
): Reply {
  const { origin, retryAfter, field } = options;
  const body = JSON.stringify({ error: field === undefined ? { code, message } : { code, message, field } });
  const headers: HeaderMap = {
    'content-type': JSON_TYPE,
    'cache-control': 'no-store',
    'access-control-allow-origin': origin ?? '*',
    vary: 'Origin',
  };
  if (retryAfter !== undefined) {
    headers['retry-after'] = String(retryAfter);
    // Without this a page on another origin cannot read how long to wait.
    headers['access-control-expose-headers'] = 'Retry-After';
  }
  return { status, body, headers };
}

/** True when If-None-Match names `etag` (weak or strong) or is `*`. */
export function notModified(ifNoneMatch: string | undefined, etag: string): boolean {
  if (!ifNoneMatch) return false;
  return ifNoneMatch === '*' || ifNoneMatch.split(',').some((tag) => tag.trim().replace(/^W\//, '') === etag);
}

export const TOO_LARGE = Symbol('too large');
export type Body = Buffer | null | typeof TOO_LARGE;

/**
 * Reads the request body and calls `done` once with it, or with TOO_LARGE as soon as more than
 * `limit` bytes are declared or arrive (nothing past the limit is buffered; answer with
 * `connection: close` so the rest is dropped with the socket), or with null when the client went away
 * mid-body.
 */
// By hand from `c.env.incoming`, not hono/body-limit + c.req.json(): those cost a pledge far over 5% (docs/BENCHMARKS.md).
export function readBody(req: IncomingMessage, limit: number, done: (body: Body) => void): void {
  if (Number(req.headers['content-length'] ?? 0) > limit) {
    done(TOO_LARGE);
    return;
  }
  let first: Buffer | undefined;
  let more: Buffer[] | undefined;
  let size = 0;
  let finished = false;
  req.on('data', (chunk: Buffer) => {
    if (finished) return;
    size += chunk.byteLength;
    if (size > limit) {
      finished = true;
      done(TOO_LARGE);
    } else if (first === undefined) first = chunk;
    else (more ??= [first]).push(chunk);
  });
  req.on('end', () => {
    if (finished) return;
    finished = true;
    done(more ? Buffer.concat(more, size) : (first ?? Buffer.alloc(0)));
  });
  req.on('close', () => {
    if (finished) return;
    finished = true;
    done(null);
  });
}

/** Parses a UTF-8 JSON body; undefined when it is not valid UTF-8 or not JSON. */
export function parseJson(bytes: Buffer): unknown {
  if (!isUtf8(bytes)) return undefined;
  try {
    return JSON.parse(bytes.toString('utf8')) as unknown;
  } catch {
    return undefined;
  }
}

/**
 * A whole HTTP/1.1 answer as text, for a socket node:http is not answering (a connection refused
 * over a cap, a request node:http could not parse): the same JSON error body as every other error,
 * then the connection closes.
 */
export function rawErrorResponse(
  status: number,
  reason: string,
  code: ErrorCode | ProtocolErrorCode,
  message: string,
  extra: HeaderMap = {},
): string {
  const body = JSON.stringify({ error: { code, message } });
  const headers: HeaderMap = {
    'content-type': JSON_TYPE,
    'cache-control': 'no-store',
    'access-control-allow-origin': '*',
    connection: 'close',
    'content-length': String(Buffer.byteLength(body)),
  };
  for (const [name, value] of Object.entries(extra)) headers[name] = value;
  return `HTTP/1.1 ${status} ${reason}\r\n${Object.entries(headers)
    .map(([name, value]) => `${name}: ${value}\r\n`)
    .join('')}\r\n${body}`;
}
