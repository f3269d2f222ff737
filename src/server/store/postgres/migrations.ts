/**
 * The PostgreSQL schema, as numbered migrations the service applies at start. Each runs once, in its own
 * transaction, recorded in `lantoa_migrations`; the whole run holds a session advisory lock, so instances
 * starting at the same moment apply each migration once (the others wait, then find it done). Without
 * the lock, two concurrent `CREATE TABLE IF NOT EXISTS` can both pass the check and one fails on the catalog.
 *
 * A migration is never edited once released: a change is a new entry.
 */
import type { ClientBase } from 'pg';

export interface Migration {
  version: number;
  name: string;
  sql: string;
}

export const MIGRATIONS: readonly Migration[] = [
  {
    version: 1,
    name: 'records and instances',
    // UNIQUE (scope, key): the idempotency key is the database's to enforce, since several instances insert.
    // lantoa_instances.seq numbers each instance's commits, for the other instances' gap detection (postgres-store.ts).
    sql: `
      CREATE TABLE pledges (
        id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
        campaign text NOT NULL,
        unit text NOT NULL,
        choice text NOT NULL,
        key text NOT NULL,
        created_at timestamptz NOT NULL,
        UNIQUE (campaign, key)
      );
      CREATE TABLE quiz_results (
        id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
        quiz text NOT NULL,
        unit text NOT NULL,
        score integer NOT NULL CHECK (score BETWEEN 0 AND total),
        total integer NOT NULL CHECK (total >= 1),
        key text NOT NULL,
        created_at timestamptz NOT NULL,
        UNIQUE (quiz, key)
      );
      CREATE TABLE lantoa_instances (
        id text PRIMARY KEY,
        seq bigint NOT NULL DEFAULT 0,
        started_at timestamptz NOT NULL DEFAULT now(),
        seen_at timestamptz NOT NULL DEFAULT now()
      );`,
  },
  {
    version: 2,
    name: 'campaigns',
    // The campaign documents every instance serves (store/postgres/shared-campaigns.ts). doc is text, not
    // jsonb: jsonb reorders keys, and the config's ETag is made of the document as written.
    sql: `
      CREATE TABLE campaigns (
        id text PRIMARY KEY,
        doc text NOT NULL,
        version integer NOT NULL,
        updated_at timestamptz NOT NULL DEFAULT now(),
        updated_by text NOT NULL
      );`,
  },
  {
    version: 3,
    name: 'console accounts, sessions, audit, sites',
    // The console's data, shared by every instance (store/postgres/console-sql.ts); the same tables as in
    // console.sqlite (admin/accounts.ts, admin/audit.ts, campaigns/reach.ts). Session times are epoch ms, as
    // there; users.created_at and the audit's "at" are ISO text, given by the service. "user" is quoted: a
    // reserved word here.
    sql: `
      CREATE TABLE users (
        name text PRIMARY KEY,
        role text NOT NULL CHECK (role IN ('admin', 'editor')),
        password_hash text NOT NULL,
        created_at text NOT NULL
      );
      CREATE TABLE sessions (
        token_hash text PRIMARY KEY,
        "user" text NOT NULL REFERENCES users(name) ON DELETE CASCADE,
        created_at bigint NOT NULL,
        last_seen bigint NOT NULL,
        expires bigint NOT NULL
      );
      CREATE INDEX sessions_by_user ON sessions ("user");
      CREATE TABLE audit (
        id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
        at text NOT NULL,
        "user" text NOT NULL,
        action text NOT NULL,
        target text NOT NULL,
        before text,
        after text
      );
      CREATE TABLE sites (
        campaign text NOT NULL,
        origin text NOT NULL,
        first_seen text NOT NULL,
        last_seen text NOT NULL,
        reads bigint NOT NULL,
        pledges bigint NOT NULL,
        PRIMARY KEY (campaign, origin)
      );`,
  },
];

/** The advisory lock's key: "lantoa" in ASCII, one number every instance agrees on. */
const MIGRATION_LOCK = 0x6c616e746f61;

/** Applies the migrations `client`'s database lacks; returns the versions applied by this call. */
export async function migrate(client: ClientBase, migrations: readonly Migration[] = MIGRATIONS): Promise<number[]> {
  await client.query('SELECT pg_advisory_lock($1)', [MIGRATION_LOCK]);
  try {
    await client.query(`CREATE TABLE IF NOT EXISTS lantoa_migrations (
      version integer PRIMARY KEY,
      name text NOT NULL,
      applied_at timestamptz NOT NULL DEFAULT now()
    )`);
    const { rows } = await client.query<{ version: number }>('SELECT version FROM lantoa_migrations');
    const done = new Set(rows.map((row) => row.version));
    const applied: number[] = [];
    for (const migration of migrations) {
      if (done.has(migration.version)) continue;
      await client.query('BEGIN');
      try {
        await client.query(migration.sql);
        await client.query('INSERT INTO lantoa_migrations (version, name) VALUES ($1, $2)', [
          migration.version,
          migration.name,
        ]);
        await client.query('COMMIT');
      } catch (error) {
        await client.query('ROLLBACK');
        throw error;
      }
      applied.push(migration.version);
    }
    return applied;
  } finally {
    await client.query('SELECT pg_advisory_unlock($1)', [MIGRATION_LOCK]);
  }
}
