/**
 * One service process per data directory. The service keeps each campaign's counts and every
 * idempotency key in memory (sqlite-store.ts), so a second process writing the same database would
 * count a repeated key twice and show counts that miss the other's pledges. A lock file holding the
 * owner's process id stops a second start with a message; a lock left by a process that is gone
 * (kill -9, a crash, a reboot) is taken over.
 */
import { readFileSync, unlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

export class DataDirLockedError extends Error {
  override name = 'DataDirLockedError';
}

/** True while process `pid` exists (EPERM: it exists but belongs to another user). */
function isRunning(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/** Takes `dataDir`'s lock for this process, or throws DataDirLockedError; returns the release. */
export function lockDataDir(dataDir: string): () => void {
  const file = join(dataDir, 'service.lock');
  for (let attempt = 0; attempt < 3; attempt++) {
    try {
      writeFileSync(file, `${process.pid}\n`, { flag: 'wx' });
      return () => {
        try {
          if (readFileSync(file, 'utf8').trim() === String(process.pid)) unlinkSync(file);
        } catch {
          // already gone
        }
      };
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
    }
    let owner = NaN;
    try {
      owner = Number(readFileSync(file, 'utf8').trim());
    } catch {
      continue; // removed meanwhile: try again
    }
    // Our own id: a service of this process closed without releasing it, or a container's PID 1 again.
    if (Number.isInteger(owner) && owner > 0 && owner !== process.pid && isRunning(owner)) {
      throw new DataDirLockedError(
        `${dataDir} is in use by service process ${owner}: run one service per data directory (if no such service runs, delete ${file})`,
      );
    }
    try {
      unlinkSync(file); // left by a process that is gone: take it over
    } catch {
      // removed meanwhile
    }
  }
  throw new DataDirLockedError(`Could not lock ${dataDir} (${file})`);
}
