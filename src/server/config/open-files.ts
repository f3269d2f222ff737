/**
 * The process's open-file limit (RLIMIT_NOFILE), which bounds how many sockets the service can hold:
 * every connection is a file descriptor, and past the limit accept() fails for everybody, the log
 * writer cannot open what it needs, and SQLite cannot open its WAL. Read at start (config.ts sizes the
 * connection and stream caps under it). Linux only (/proc/self/limits); elsewhere it is unknown.
 */
import { readFileSync } from 'node:fs';

/**
 * Files the service needs besides its connections: stdio, the threads' event loops, the database and
 * its WAL, the lock file, and widget files being read for responses at the same moment.
 */
export const RESERVED_FILES = 100;

/** The soft limit ("ulimit -n"), or undefined when it cannot be read or is unlimited. */
export function openFileLimit(limitsText?: string): number | undefined {
  let text = limitsText;
  if (text === undefined) {
    try {
      text = readFileSync('/proc/self/limits', 'utf8');
    } catch {
      return undefined;
    }
  }
  const soft = /^Max open files\s+(\S+)/m.exec(text)?.[1];
  const value = Number(soft);
  return Number.isSafeInteger(value) && value > 0 ? value : undefined;
}

/** What an operator does about a limit that is too low: said in every message about it. */
export const RAISE_LIMIT_HINT =
  'raise the open-file limit (systemd: LimitNOFILE=65536 in the [Service] section; a shell: ulimit -n 65536 before starting; Docker: --ulimit nofile=65536:65536)';
