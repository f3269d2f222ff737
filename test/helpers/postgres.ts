/**
 * PostgreSQL for the service tests, real servers only.
 *
 * - `TEST_DATABASE_URL` (set by .ci/run, which makes a throwaway cluster) names a server on which each
 *   test gets a fresh database ({@link freshDatabase}). Unset, the PostgreSQL tests are skipped and say
 *   so ({@link SKIP_POSTGRES}).
 * - `privateCluster` (postgres-cluster.ts) starts a cluster of its own, for the tests that stop and
 *   start the database under load.
 */
export { privateCluster, type Cluster } from './postgres-cluster.js';
import pg from 'pg';

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
