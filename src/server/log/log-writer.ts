/**
 * The log writer thread (see log.ts): turns batches of access entries into JSON lines and writes them,
 * with the other stdout lines in the order they were logged, to file descriptor 1. Formatting and the
 * write system call happen here, not on the thread that answers requests.
 */
import { writeSync } from 'node:fs';
import { parentPort } from 'node:worker_threads';
import { AccessNames, type LogMessage } from './log.js';

const port = parentPort;
if (!port) throw new Error('log-writer runs as a worker thread');

/** Blocks this thread (never the service's) for `ms`: a full non-blocking pipe is retried after it. */
const pause = new Int32Array(new SharedArrayBuffer(4));

function writeAll(text: string): void {
  const bytes = Buffer.from(text);
  let offset = 0;
  while (offset < bytes.length) {
    try {
      offset += writeSync(1, bytes, offset);
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EAGAIN') throw error;
      Atomics.wait(pause, 0, 0, 5);
    }
  }
}

const names = new AccessNames();

port.on('message', (message: LogMessage) => {
  if (message.kind === 'access') writeAll(names.format(message));
  else if (message.kind === 'text') writeAll(message.text);
  else port.close(); // 'close': everything before it is written; the thread ends
});
