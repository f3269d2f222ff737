/**
 * Small HTTP helpers for the API, written for the hot paths. Responses carry plain header objects,
 * which @hono/node-server hands straight to node:http (Hono's `c.header()` builds a WHATWG Headers
 * object first, which it must then convert back); request headers and the body are read from Node's
 * IncomingMessage when there is one, instead of through WHATWG streams.
 */
import type { HttpBindings } from '@hono/node-server';
import type { Context } from 'hono';
import type { ErrorCode } from '../contract/pledge.js';

export type HeaderMap = Record<string, string>;

export const JSON_TYPE = 'application/json; charset=utf-8';

/** A request header (lowercase name), from Node's parsed headers when running on Node. */
export function header<E extends { Bindings: HttpBindings }>(c: Context<E>, name: string): string | undefined {
  const incoming = c.env?.incoming as HttpBindings['incoming'] | undefined;
  if (!incoming) return c.req.header(name);
  const value = incoming.headers[name];
  return Array.isArray(value) ? value.join(', ') : value;
}

export function respond(status: number, body: string | null, headers: HeaderMap): Response {
  return new Response(body, { status, headers });
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
export function fail(status: number, code: ErrorCode, message: string, options: FailOptions = {}): Response {
  const { origin, retryAfter, field } = options;
  const body = JSON.stringify({ error: field === undefined ? { code, message } : { code, message, field } });
  const headers: HeaderMap = { 'content-type': JSON_TYPE, 'cache-control': 'no-store', 'access-control-allow-origin': origin ?? '*', vary: 'Origin' };
  if (retryAfter !== undefined) headers['retry-after'] = String(retryAfter);
  return respond(status, body, headers);
}

/** True when If-None-Match names `etag` (weak or strong) or is `*`. */
export function notModified(ifNoneMatch: string | undefined, etag: string): boolean {
  if (!ifNoneMatch) return false;
  return ifNoneMatch === '*' || ifNoneMatch.split(',').some((tag) => tag.trim().replace(/^W\//, '') === etag);
}

export const TOO_LARGE = Symbol('too large');

/**
 * The request body, or TOO_LARGE as soon as more than `limit` bytes arrive (nothing past the limit is
 * buffered; the adapter drains or closes the rest), or null when the client went away mid-body.
 */
export async function readBody<E extends { Bindings: HttpBindings }>(c: Context<E>, limit: number): Promise<Buffer | null | typeof TOO_LARGE> {
  if (Number(header(c, 'content-length') ?? 0) > limit) return TOO_LARGE;
  const incoming = c.env?.incoming as HttpBindings['incoming'] | undefined;
  if (!incoming) {
    const bytes = Buffer.from(await c.req.arrayBuffer());
    return bytes.byteLength > limit ? TOO_LARGE : bytes;
  }
  return new Promise((resolve) => {
    const chunks: Buffer[] = [];
    let size = 0;
    const finish = (result: Buffer | null | typeof TOO_LARGE) => {
      incoming.off('data', onData).off('end', onEnd).off('close', onClose).off('error', onClose);
      resolve(result);
    };
    const onData = (chunk: Buffer) => {
      size += chunk.byteLength;
      if (size > limit) {
        incoming.pause();
        finish(TOO_LARGE);
      } else chunks.push(chunk);
    };
    const onEnd = () => finish(Buffer.concat(chunks, size));
    const onClose = () => finish(null);
    incoming.on('data', onData).on('end', onEnd).on('close', onClose).on('error', onClose);
  });
}

const utf8 = new TextDecoder('utf-8', { fatal: true });

/** Parses a UTF-8 JSON body; undefined when it is not valid UTF-8 or not JSON. */
export function parseJson(bytes: Buffer): unknown {
  try {
    return JSON.parse(utf8.decode(bytes)) as unknown;
  } catch {
    return undefined;
  }
}
