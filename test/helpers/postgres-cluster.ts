/**
 * A throwaway PostgreSQL cluster in a temporary folder (initdb, pg_ctl, a Unix socket in that folder and
 * no TCP port, so nothing collides with other servers on the machine), for the tests that stop and start
 * the database under load and for `npm run bench:server`. fsync and synchronous_commit stay on (initdb's
 * own --no-sync only skips syncing the new cluster's files). initdb refuses root: as root it runs as
 * `TEST_PG_USER` (default `nobody`) through runuser.
 */
import { execFile } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';

const run = promisify(execFile);

/** The folder of initdb and pg_ctl: TEST_PG_BIN, else Debian's newest /usr/lib/postgresql/N/bin, else PATH. */
function binDir(): string | undefined {
  if (process.env.TEST_PG_BIN) return process.env.TEST_PG_BIN;
  const root = '/usr/lib/postgresql';
  const versions = existsSync(root) ? readdirSync(root).sort((a, b) => Number(b) - Number(a)) : [];
  const found = versions.map((version) => join(root, version, 'bin')).find((dir) => existsSync(join(dir, 'pg_ctl')));
  return found;
}

export interface Cluster {
  /** The cluster's `postgres` database, through its socket. */
  url: string;
  start(): Promise<void>;
  /** pg_ctl stop -m fast: sessions are ended, then the server stops (a database going away). */
  stop(): Promise<void>;
  /** Stops it and removes its folder. */
  remove(): Promise<void>;
}

/** Initialises and starts a cluster in a new temporary folder (about 5 s). */
export async function privateCluster(): Promise<Cluster> {
  const bin = binDir();
  const tool = (name: string) => (bin ? join(bin, name) : name);
  const dir = mkdtempSync(join(tmpdir(), 'lantoa-pg-'));
  const data = join(dir, 'data');
  const user = process.getuid?.() === 0 ? (process.env.TEST_PG_USER ?? 'nobody') : undefined;
  if (user) await run('chown', [user, dir]);
  const as = (command: string, args: string[]) =>
    user ? run('runuser', ['-u', user, '--', command, ...args]) : run(command, args);
  await as(tool('initdb'), ['-D', data, '-A', 'trust', '-U', 'lantoa', '--no-sync', '-E', 'UTF8', '--locale=C.UTF-8']);
  const start = async () => {
    await as(tool('pg_ctl'), [
      '-D',
      data,
      '-l',
      join(dir, 'log'),
      '-w',
      '-o',
      `-k ${dir} -c listen_addresses=`,
      'start',
    ]);
  };
  const stop = async () => {
    await as(tool('pg_ctl'), ['-D', data, '-m', 'fast', '-w', 'stop']);
  };
  await start();
  return {
    url: `postgresql://lantoa@/postgres?host=${dir}`,
    start,
    stop,
    remove: async () => {
      await stop().catch(() => undefined);
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
