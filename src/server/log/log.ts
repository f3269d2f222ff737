/**
 * JSON-lines logs with pino: one object per line (`time`, `level`, `msg`, fields), access and info on
 * stdout, warnings and errors on stderr, so any log shipper (journald, Docker, Loki) can parse them.
 * Never a client IP or request body: the service promises to keep no personal data, and logs are data too.
 *
 * stdout is pino's asynchronous destination (sonic-boom): a request only formats its line, and the
 * lines are written in the order they were logged, many per write system call under load. stderr is
 * written at once: errors are rare and must be out before a process that is failing exits.
 */
import { pino, type DestinationStream, type Logger, type LoggerOptions } from 'pino';
import { isoNow } from '../clock.js';

type Fields = Record<string, unknown>;

const OPTIONS: LoggerOptions = {
  base: undefined, // no pid or hostname on every line
  timestamp: () => `,"time":"${isoNow()}"`,
  formatters: { level: (label) => ({ level: label }) },
};

export interface Log {
  /** One line per answered request: no client address, no query string. */
  access(method: string, path: string, status: number, ms: number): void;
  info(msg: string, fields?: Fields): void;
  warn(msg: string, fields?: Fields): void;
  error(msg: string, error?: unknown, fields?: Fields): void;
  /** Writes everything logged so far (shutdown); later lines are written directly. */
  close(): Promise<void>;
}

/** A log writing to `out` (access, info) and `err` (warnings, errors); the tests give it memory streams. */
export function createLog(out: DestinationStream, err: DestinationStream): Log {
  let stdout: Logger = pino(OPTIONS, out);
  const stderr = pino(OPTIONS, err);
  return {
    access(method, path, status, ms) {
      stdout.info({ method, path, status, ms: Math.round(ms * 10) / 10 }, 'request');
    },
    info(msg, fields = {}) {
      stdout.info(fields, msg);
    },
    warn(msg, fields = {}) {
      stderr.warn(fields, msg);
    },
    error(msg, error, fields = {}) {
      const detail = error instanceof Error ? { error: error.message, stack: error.stack } : error === undefined ? {} : { error: String(error) };
      stderr.error({ ...fields, ...detail }, msg);
    },
    async close() {
      // sonic-boom (and a memory stream) emit 'close' once everything is written; fd 1 itself stays open.
      const destination = out as DestinationStream & Partial<NodeJS.EventEmitter & { end(): void }>;
      if (typeof destination.end === 'function') {
        await new Promise((resolve) => {
          destination.once?.('close', resolve);
          destination.end?.();
        });
      }
      stdout = pino(OPTIONS, pino.destination({ dest: 1, sync: true }));
    },
  };
}

export const log = createLog(pino.destination({ dest: 1, sync: false }), pino.destination({ dest: 2, sync: true }));
