import { closeSync, fsyncSync, openSync, writeSync } from 'node:fs';

/** Writes `data` to `path` and fsyncs it: when this returns the bytes are on disk, else it throws (disk full, no permission). */
export function writeDurably(path: string, data: string | Buffer): void {
  const fd = openSync(path, 'w');
  try {
    writeSync(fd, typeof data === 'string' ? Buffer.from(data) : data);
    fsyncSync(fd);
  } finally {
    closeSync(fd);
  }
}
