/**
 * PostgreSQL for the service tests, real servers only.
 *
 * - `TEST_DATABASE_URL` (set by .ci/run, which makes a throwaway cluster) names a server on which each
 *   test gets a fresh database ({@link freshDatabase}). Unset, the PostgreSQL tests are skipped and say
 *   so ({@link SKIP_POSTGRES}).
 * - {@link privateCluster} starts a cluster of its own in a temporary folder (initdb, pg_ctl, a Unix
 *   socket and no TCP port, so nothing collides), for the tests that stop and start the database under
 *   load. initdb refuses root: as root it runs as `TEST_PG_USER` (default `nobody`) through runuser.
 */
import { execFile } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import pg from 'pg';

const run = promisify(execFile);

export const TEST_DATABASE_URL = process.env.TEST_DATABASE_URL || undefined;

/** The `skip` of every PostgreSQL test: false when a server is given, else the reason, printed once. */
export const SKIP_POSTGRES: false | string = TEST_DATABASE_URL
  ? false
  : 'TEST_DATABASE_URL is not set: the PostgreSQL tests are SKIPPED (.ci/run sets it; see src/server/README.md, "Several instances on PostgreSQL")';
if (SKIP_POSTGRES) process.stderr.write(`\n*** ${SKIP_POSTGRES} ***\n\n`);

/** `url` naming database `name` instead of its own (a Unix-socket URL too: not parsed by new URL). */
export function withDatabase(url: string, name: string): string {
  return url.replace(/^(postgres(?:ql)?:\/\/[^/?]*)(\/[^?]*)?/, `$1/${name}`);
}

let databases = 0;

/** Runs `sql` on the maintenance database of the server of `url`. */
async function onServer(url: string, sql: string): Promise<void> {
  const client = new pg.Client({ connectionString: withDatabase(url, 'postgres') });
  await client.connect();
  try {
    await client.query(sql);
  } finally {
    await client.end();
  }
}

/** A new empty database on `server` (default TEST_DATABASE_URL): its URL, and `drop` (connections forced out). */
export async function freshDatabase(server = TEST_DATABASE_URL): Promise<{ url: string; drop: () => Promise<void> }> {
  if (!server) throw new Error('no PostgreSQL server: TEST_DATABASE_URL is not set');
  databases += 1;
  const name = `lantoa_test_${process.pid}_${databases}_${Math.random().toString(36).slice(2, 8)}`;
  await onServer(server, `CREATE DATABASE ${name}`);
  return {
    url: withDatabase(server, name),
    drop: () => onServer(server, `DROP DATABASE IF EXISTS ${name} WITH (FORCE)`),
  };
}

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
