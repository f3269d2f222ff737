/**
 * Requests refused below the API, with the same JSON error body as every other error: those node:http
 * cannot parse ('clientError': headers over 16 KB, conflicting lengths, a half-sent request past its
 * timeout, bytes that are not HTTP) and those @hono/node-server cannot turn into a URL (a bad Host, a
 * `*` target, a backslash in the path), which both answered with an empty body before.
 */
import { RequestError } from '@hono/node-server';
import type { Server } from 'node:http';
import type { Socket } from 'node:net';
import { fail, rawErrorResponse, respond, type ProtocolErrorCode } from './reply.js';
import { log } from '../log/log.js';

/** node:http's parse errors by code: status, reason phrase, error code, message. */
const PARSE_ERRORS: Record<string, [number, string, ProtocolErrorCode, string]> = {
  HPE_HEADER_OVERFLOW: [
    431,
    'Request Header Fields Too Large',
    'headers_too_large',
    'The request headers are over 16 KB',
  ],
  ERR_HTTP_REQUEST_TIMEOUT: [408, 'Request Timeout', 'request_timeout', 'The request did not arrive in time'],
};
const BAD_REQUEST: [number, string, ProtocolErrorCode, string] = [
  400,
  'Bad Request',
  'bad_request',
  'The request is not valid HTTP/1.1',
];

/** Answers node:http's parse errors with a JSON body, then closes the connection. */
export function answerClientErrors(server: Server): void {
  server.on('clientError', (error: NodeJS.ErrnoException, socket: Socket) => {
    // A reset or a response already under way: nothing sensible can be written.
    if (
      error.code === 'ECONNRESET' ||
      !socket.writable ||
      (socket as Socket & { _httpMessage?: { headersSent?: boolean } })._httpMessage?.headersSent
    ) {
      socket.destroy();
      return;
    }
    const [status, reason, code, message] = PARSE_ERRORS[error.code ?? ''] ?? BAD_REQUEST;
    const parserReason = (error as { reason?: unknown }).reason;
    const detail = status === 400 && typeof parserReason === 'string' ? `${message}: ${parserReason}` : message;
    socket.end(rawErrorResponse(status, reason, code, detail), () => socket.destroy());
  });
}

/**
 * The adapter's errorHandler: a request it could not turn into a Fetch Request (RequestError) is the
 * client's fault, 400; anything else thrown on the way is a bug, 500 (as the adapter answers without one).
 */
export function requestError(error: unknown): Response {
  if (!(error instanceof RequestError)) {
    log.error('unhandled error', error);
    return respond(fail(500, 'internal', 'Internal error'));
  }
  const reply = fail(400, 'bad_request', `The request cannot be read: ${error.message}`);
  reply.headers.connection = 'close';
  return respond(reply);
}
