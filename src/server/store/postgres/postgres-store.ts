/**
 * The PostgreSQL adapter (`DATABASE_URL=postgres://…`), for several stateless instances on one database.
 *
 * Exactly once: the idempotency key is UNIQUE (scope, key) in the database (migrations.ts), and a batch
 * inserts with ON CONFLICT DO NOTHING RETURNING, so a repeat on any instance, or two instances racing on
 * one key, gives one new row; the other waits for the first transaction and is told "not new". Rows are
 * inserted in key order, so two instances' overlapping batches lock keys in the same order (no deadlock).
 *
 * Durable: `synchronous_commit=on` is set on every connection (whatever the server's default) and a
 * record is acknowledged only after COMMIT returned. Group commit, as in the SQLite store: one
 * transaction at a time per instance; what arrives while it commits goes together in the next, one
 * multi-row INSERT per kind and one WAL flush for all.
 *
 * Counts in memory on every instance: each commit sends, in its own transaction, a NOTIFY with the new
 * records folded into counts and the instance's commit number (lantoa_instances.seq, incremented in the
 * same transaction). Every instance LISTENs on a dedicated connection and applies the other instances'
 * commits in order (its own reach its counts from its writer). A missing number (a notice lost while the
 * connection was down, a payload too big to send), a failed commit (whose answer may have been lost after
 * it committed) or a reconnect makes it read every tally again, with every
 * instance's commit number, in one snapshot; the notices that arrived meanwhile are applied on top when
 * their number is past the snapshot's. So counts converge to the database and never count a row twice.
 */
import { randomBytes } from 'node:crypto';
import { hostname } from 'node:os';
import pg from 'pg';
import { log } from '../../log/log.js';
import type { DailyRow, NewRecord, QuizTally, RecordStore, Tallies, Tally } from '../store.js';
import { CHANNEL, decodeNotice, encodeNotice, listen, type CommitNotice } from './deltas.js';
import { migrate } from './migrations.js';
import { GroupCommit } from '../group-commit.js';

export interface PostgresStoreOptions {
  /** While the database fails: how often a write is tried again and the listening connection reopened. */
  retryMs?: number;
  /** Connections in the pool: one writes at a time; reads and the reconciliations use the others. */
  poolSize?: number;
  /** This instance's name in lantoa_instances (default: host, process id and random bytes). */
  instance?: string;
}

/** The database could not be reached or prepared at start: which one (without its password) and why. */
export class PostgresUnavailableError extends Error {
  override name = 'PostgresUnavailableError';
  constructor(url: string, cause: unknown) {
    super(
      `database ${redact(url)} cannot be used (${cause instanceof Error ? cause.message : String(cause)}). Check that PostgreSQL runs, that DATABASE_URL names it, and that its user may create tables in that database.`,
    );
  }
}

/** A connection string without its password, for logs and errors. */
export function redact(url: string): string {
  // Not new URL(): a Unix-socket URL (postgresql://user@/db?host=/run/postgresql) has no host it accepts.
  return url.replace(/^(postgres(?:ql)?:\/\/[^:@/]*):[^@/]*@/, '$1:***@');
}

/** Identifies a record among the batch's and the pending ones: kind, scope, key. */
function idOf(record: NewRecord): string {
  return record.kind === 'pledge'
    ? `pledge\t${record.campaign}\t${record.key}`
    : `quiz-result\t${record.quiz}\t${record.key}`;
}

const ISO = `'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"'`;
const INSERT_PLEDGES = `INSERT INTO pledges (campaign, unit, choice, key, created_at)
  SELECT * FROM unnest($1::text[], $2::text[], $3::text[], $4::text[], $5::timestamptz[])
  ON CONFLICT (campaign, key) DO NOTHING RETURNING campaign AS scope, key`;
const INSERT_RESULTS = `INSERT INTO quiz_results (quiz, unit, score, total, key, created_at)
  SELECT * FROM unnest($1::text[], $2::text[], $3::int[], $4::int[], $5::text[], $6::timestamptz[])
  ON CONFLICT (quiz, key) DO NOTHING RETURNING quiz AS scope, key`;
/** The records' fields as one array per column: the parameters of INSERT … SELECT FROM unnest($1, $2, …). */
function columns<R, K extends keyof R>(records: readonly R[], fields: readonly K[]): R[K][][] {
  return fields.map((field) => records.map((record) => record[field]));
}

const NEXT_SEQ = `INSERT INTO lantoa_instances AS i (id, seq) VALUES ($1, 1)
  ON CONFLICT (id) DO UPDATE SET seq = i.seq + 1, seen_at = now() RETURNING seq`;
/** Tallies of every scope, or of one (`$1`) when `where` is given. score/total in billionths rounded half up, as the SQLite store. */
const tallySql = (where: '' | 'campaign' | 'quiz') => ({
  pledges: `SELECT campaign AS scope, unit, choice, count(*)::int AS count,
      to_char(max(created_at) AT TIME ZONE 'UTC', ${ISO}) AS "lastAt"
    FROM pledges ${where === 'campaign' ? 'WHERE campaign = $1' : ''} GROUP BY campaign, unit, choice`,
  results: `SELECT quiz AS scope, unit, count(*)::int AS participants,
      sum(round(score * 1000000000.0 / total))::bigint AS "scoreNanos",
      to_char(max(created_at) AT TIME ZONE 'UTC', ${ISO}) AS "lastAt"
    FROM quiz_results ${where === 'quiz' ? 'WHERE quiz = $1' : ''} GROUP BY quiz, unit`,
});
const DAILY = `SELECT to_char((created_at AT TIME ZONE 'UTC') + interval '7 hours', 'YYYY-MM-DD') AS day,
    unit, choice, count(*)::int AS count
  FROM pledges WHERE campaign = $1 GROUP BY 1, 2, 3 ORDER BY 1, 2, 3`;

interface PledgeRow {
  scope: string;
  unit: string;
  choice: string;
  count: number;
  lastAt: string;
}
interface ResultRow {
  scope: string;
  unit: string;
  participants: number;
  scoreNanos: string;
  lastAt: string;
}

/** Rows of the tally queries, by scope. */
function talliesOf(pledgeRows: PledgeRow[], resultRows: ResultRow[]): Tallies {
  const campaigns = new Map<string, Tally>();
  for (const { scope, unit, choice, count, lastAt } of pledgeRows) {
    let tally = campaigns.get(scope);
    if (!tally) campaigns.set(scope, (tally = { rows: [], lastAt: null }));
    tally.rows.push({ unit, choice, count });
    if (tally.lastAt === null || lastAt > tally.lastAt) tally.lastAt = lastAt;
  }
  const quizzes = new Map<string, QuizTally>();
  for (const { scope, unit, participants, scoreNanos, lastAt } of resultRows) {
    let tally = quizzes.get(scope);
    if (!tally) quizzes.set(scope, (tally = { rows: [], lastAt: null }));
    tally.rows.push({ unit, participants, scoreNanos: Number(scoreNanos) });
    if (tally.lastAt === null || lastAt > tally.lastAt) tally.lastAt = lastAt;
  }
  return { campaigns, quizzes };
}

const describe = (error: unknown) => (error instanceof Error ? error.message : String(error));

export class PostgresStore implements RecordStore {
  readonly #pool: pg.Pool;
  readonly #config: pg.ClientConfig;
  readonly #instance: string;
  readonly #retryMs: number;
  readonly #listeners = new Set<(records: readonly NewRecord[]) => void>();
  readonly #followers = new Set<(tallies: Tallies) => void>();
  /** Records queued or in the transaction being committed, by idOf: a repeat waits for the first. */
  readonly #pending = new Map<string, Promise<boolean>>();
  readonly #batches = new GroupCommit<NewRecord, boolean>({
    commit: (records) => this.#commitBatch(records),
    failed: (error, records) => {
      this.#writeFailed(error, records.length);
      for (const record of records) this.#pending.delete(idOf(record));
    },
  });
  #closing: Promise<void> | undefined;
  /** The dedicated LISTEN connection, while it is up. */
  #listener: pg.Client | undefined;
  #relisten: NodeJS.Timeout | undefined;
  #prober: NodeJS.Timeout | undefined;
  /** The latest commit failed, and no commit or probe has succeeded since: records are refused at once. */
  #failure: Error | undefined;
  #episode: { since: number; refused: number } | undefined;
  /** The latest commit number applied to the counts, by instance. */
  #applied = new Map<string, number>();
  /** Notices seen while a reconciliation reads its snapshot: applied again on top of it. */
  #buffer: CommitNotice[] | undefined;
  #reconciling: Promise<void> | undefined;
  #reconcileAgain = false;
  /** A commit failed since the last reconciliation: it may have committed nonetheless. */
  #unsure = false;

  private constructor(url: string, options: PostgresStoreOptions) {
    this.#retryMs = options.retryMs ?? 1000;
    this.#instance = options.instance ?? `${hostname()}-${process.pid}-${randomBytes(4).toString('hex')}`;
    // synchronous_commit on whatever the server says: COMMIT returns once the WAL is flushed (and, with
    // a synchronous standby configured, received there), so "201" means stored.
    this.#config = {
      connectionString: url,
      options: '-c synchronous_commit=on',
      connectionTimeoutMillis: 2000,
      // A database that stops answering (a cut network) fails the batch instead of holding it forever.
      query_timeout: 15_000,
      keepAlive: true,
    };
    this.#pool = new pg.Pool({ ...this.#config, max: options.poolSize ?? 4 });
    // An idle connection the server closes (restart, failover) is an event here, not an uncaught error;
    // the next query opens a new one.
    this.#pool.on('error', (error) => log.warn('PostgreSQL: idle connection lost', { error: describe(error) }));
  }

  /**
   * Connects, applies the migrations (under an advisory lock), starts listening for the other
   * instances' commits and reads every instance's commit number. Rejects with {@link PostgresUnavailableError}.
   */
  static async open(url: string, options: PostgresStoreOptions = {}): Promise<PostgresStore> {
    const store = new PostgresStore(url, options);
    try {
      const { client, release } = await store.#connect();
      let clean = false;
      try {
        await migrate(client);
        clean = true;
      } finally {
        release(!clean);
      }
      await store.#listen();
      await store.#reconcileOnce();
    } catch (error) {
      await store.close().catch(() => undefined);
      throw new PostgresUnavailableError(url, error);
    }
    store.#prober = setInterval(() => void store.#probe(), store.#retryMs);
    store.#prober.unref();
    return store;
  }

  /**
   * A pooled connection, with an error listener while it is checked out: a server that goes away between
   * two queries of a transaction reports it as an event (an uncaught exception without a listener); the
   * next query fails with it anyway, and that failure is handled where the query is.
   */
  async #connect(): Promise<{ client: pg.PoolClient; release: (broken: boolean) => void }> {
    const client = await this.#pool.connect();
    const ignore = () => undefined;
    client.on('error', ignore);
    return {
      client,
      release: (broken) => {
        client.off('error', ignore);
        client.release(broken);
      },
    };
  }

  /** This instance's name in lantoa_instances. */
  get instance(): string {
    return this.#instance;
  }

  get healthy(): boolean {
    return !this.#closing && !this.#failure && this.#listener !== undefined;
  }

  add(record: NewRecord): Promise<boolean> {
    if (this.#closing) return Promise.reject(new Error('store closed'));
    // Refused at once while the database fails (the probe tries it every retryMs): 503 now, not after a timeout.
    if (this.#failure) {
      if (this.#episode) this.#episode.refused += 1;
      return Promise.reject(this.#failure);
    }
    const id = idOf(record);
    const first = this.#pending.get(id);
    if (first) return first.then(() => false);
    const added = this.#batches.add(record);
    this.#pending.set(id, added);
    return added;
  }

  /** One batch: committed, then the counts move before any record of it is answered, as with SQLite. */
  async #commitBatch(records: NewRecord[]): Promise<boolean[]> {
    const outcome = await this.commit(records);
    this.#wrote();
    for (const record of records) this.#pending.delete(idOf(record));
    if (outcome.seq !== undefined)
      this.#deliver({ instance: this.#instance, seq: outcome.seq, records: outcome.added });
    return outcome.created;
  }

  /**
   * One transaction: the new records (in key order), the next commit number and the notice, COMMIT.
   * A batch with nothing new takes no number and sends nothing. Public for the tests' race.
   */
  async commit(records: readonly NewRecord[]): Promise<{ created: boolean[]; added: NewRecord[]; seq?: number }> {
    const sorted = [...records].sort((a, b) => (idOf(a) < idOf(b) ? -1 : 1));
    const pledges = sorted.filter((record) => record.kind === 'pledge');
    const results = sorted.filter((record) => record.kind === 'quiz-result');
    const { client, release } = await this.#connect();
    let clean = false;
    try {
      await client.query('BEGIN');
      const created = new Set<string>();
      if (pledges.length > 0) {
        const { rows } = await client.query<{ scope: string; key: string }>(
          INSERT_PLEDGES,
          columns(pledges, ['campaign', 'unit', 'choice', 'key', 'createdAt']),
        );
        for (const { scope, key } of rows) created.add(`pledge\t${scope}\t${key}`);
      }
      if (results.length > 0) {
        const { rows } = await client.query<{ scope: string; key: string }>(
          INSERT_RESULTS,
          columns(results, ['quiz', 'unit', 'score', 'total', 'key', 'createdAt']),
        );
        for (const { scope, key } of rows) created.add(`quiz-result\t${scope}\t${key}`);
      }
      const added = records.filter((record) => created.has(idOf(record)));
      let seq: number | undefined;
      if (added.length > 0) {
        const { rows } = await client.query<{ seq: string }>(NEXT_SEQ, [this.#instance]);
        seq = Number(rows[0].seq);
        await client.query('SELECT pg_notify($1, $2)', [CHANNEL, encodeNotice(this.#instance, seq, added)]);
      }
      await client.query('COMMIT');
      clean = true;
      return { created: records.map((record) => created.has(idOf(record))), added, seq };
    } finally {
      // A connection that failed inside the transaction is closed (the server rolls back), not reused.
      release(!clean);
    }
  }

  /** A commit or probe succeeded: the end of a failing episode, if one was on. */
  #wrote(): void {
    this.#failure = undefined;
    if (this.#unsure) {
      this.#unsure = false;
      this.#requestReconcile();
    }
    const episode = this.#episode;
    if (!episode) return;
    this.#episode = undefined;
    log.info('writes succeed again', {
      database: 'postgresql',
      failedForSeconds: Math.round((Date.now() - episode.since) / 1000),
      refusedRecords: episode.refused,
    });
  }

  #writeFailed(error: unknown, refused: number): void {
    this.#failure = error instanceof Error ? error : new Error(String(error));
    // The batch may have committed (the answer to COMMIT lost): read the counts again once writes work.
    this.#unsure = true;
    if (this.#episode) {
      this.#episode.refused += refused;
      return;
    }
    this.#episode = { since: Date.now(), refused };
    log.error('writes failing: records are refused (503) until a write succeeds; one line when it ends', undefined, {
      database: 'postgresql',
      error: describe(error),
      todo: 'Check that PostgreSQL runs and takes connections; the service retries every second by itself.',
    });
  }

  /** While writes fail: one small write (this instance's last-seen time), committed like a batch. */
  async #probe(): Promise<void> {
    if (!this.#failure || this.#batches.writing || this.#closing) return;
    try {
      await this.#pool.query('UPDATE lantoa_instances SET seen_at = now() WHERE id = $1', [this.#instance]);
      this.#wrote();
    } catch {
      // Still failing: said once when the episode began.
    }
  }

  /** Opens the dedicated connection and LISTENs; the notices arrive on it between queries. */
  async #listen(): Promise<void> {
    const client = new pg.Client(this.#config);
    const lost = (error?: Error) => this.#listenLost(client, error);
    client.on('error', lost);
    client.on('end', () => lost());
    client.on('notification', (message) => {
      if (message.channel !== CHANNEL || message.payload === undefined) return;
      let notice: CommitNotice;
      try {
        notice = decodeNotice(message.payload);
      } catch (error) {
        log.warn('PostgreSQL: unreadable commit notice; counts read again', { error: describe(error) });
        this.#requestReconcile();
        return;
      }
      // This instance's own commits reach its counts from its writer (with their keys, before their answers),
      // never from the echo, which may arrive first. An own commit whose answer was lost is found by the
      // reconciliation that follows the failure (#writeFailed).
      if (notice.instance !== this.#instance) this.#deliver(notice);
    });
    await listen(client, CHANNEL);
    this.#listener = client;
  }

  #listenLost(client: pg.Client, error?: Error): void {
    if (this.#listener !== client) return;
    this.#listener = undefined;
    client.on('error', () => undefined);
    void client.end().catch(() => undefined);
    if (this.#closing) return;
    log.warn('PostgreSQL: listening connection lost; unhealthy until it is back, then counts are read again', {
      error: error ? describe(error) : 'connection ended',
    });
    this.#scheduleRelisten();
  }

  #scheduleRelisten(): void {
    if (this.#closing || this.#relisten) return;
    this.#relisten = setTimeout(() => {
      this.#relisten = undefined;
      this.#listen().then(
        () => {
          log.info('PostgreSQL: listening again; counts read again from the database');
          this.#requestReconcile();
        },
        () => this.#scheduleRelisten(),
      );
    }, this.#retryMs);
  }

  /** A commit (this instance's or another's) reaches the counts, in each instance's order. */
  #deliver(notice: CommitNotice): void {
    this.#buffer?.push(notice);
    const last = this.#applied.get(notice.instance) ?? 0;
    if (notice.seq <= last) return; // in the snapshot already, or this instance's own commit echoed
    // A commit skipped (or one sent without its records): count this one now, and read everything again.
    if (notice.seq !== last + 1 || !notice.records) {
      log.warn('PostgreSQL: a commit notice is missing; counts read again', {
        instance: notice.instance,
        expected: last + 1,
        got: notice.seq,
      });
      this.#requestReconcile();
    }
    this.#applied.set(notice.instance, notice.seq);
    if (notice.records?.length) this.#emit(notice.records);
  }

  #emit(records: readonly NewRecord[]): void {
    for (const listener of this.#listeners) {
      try {
        listener(records);
      } catch (error) {
        // Committed is committed: a failing listener must not turn acknowledged records into errors.
        log.error('commit listener failed', error);
      }
    }
  }

  #requestReconcile(): void {
    if (this.#closing) return;
    if (this.#reconciling) {
      this.#reconcileAgain = true;
      return;
    }
    this.#reconciling = (async () => {
      let failed = false; // said once per streak, not once a second while the database is away
      do {
        this.#reconcileAgain = false;
        try {
          await this.#reconcileOnce();
        } catch (error) {
          if (this.#closing) return;
          if (!failed)
            log.warn('PostgreSQL: counts could not be read again; retrying every second', { error: describe(error) });
          failed = true;
          await new Promise((resolve) => setTimeout(resolve, this.#retryMs));
          this.#reconcileAgain = true;
        }
      } while (this.#reconcileAgain && !this.#closing);
    })().finally(() => (this.#reconciling = undefined));
  }

  /** Every tally and every instance's commit number in one snapshot; then the notices that came meanwhile. */
  async #reconcileOnce(): Promise<void> {
    const buffer: CommitNotice[] = [];
    this.#buffer = buffer;
    try {
      const { client, release } = await this.#connect();
      let clean = false;
      let seqs: { id: string; seq: string }[];
      let tallies: Tallies;
      try {
        await client.query('BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY');
        seqs = (await client.query<{ id: string; seq: string }>('SELECT id, seq FROM lantoa_instances')).rows;
        const sql = tallySql('');
        const pledges = (await client.query<PledgeRow>(sql.pledges)).rows;
        const results = (await client.query<ResultRow>(sql.results)).rows;
        await client.query('COMMIT');
        clean = true;
        tallies = talliesOf(pledges, results);
      } finally {
        release(!clean);
      }
      this.#buffer = undefined;
      this.#applied = new Map(seqs.map(({ id, seq }) => [id, Number(seq)]));
      for (const follower of this.#followers) {
        try {
          follower(tallies);
        } catch (error) {
          log.error('counts reset failed', error);
        }
      }
      for (const notice of buffer) this.#deliver(notice);
    } finally {
      this.#buffer = undefined;
    }
  }

  onCommit(listener: (records: readonly NewRecord[]) => void): () => void {
    this.#listeners.add(listener);
    return () => this.#listeners.delete(listener);
  }

  async follow(listener: (tallies: Tallies) => void): Promise<() => void> {
    this.#followers.add(listener);
    // One already reading may have begun before this listener: requestReconcile then runs another after it.
    this.#requestReconcile();
    await this.#reconciling;
    return () => this.#followers.delete(listener);
  }

  async tally(campaign: string): Promise<Tally> {
    const { rows } = await this.#pool.query<PledgeRow>(tallySql('campaign').pledges, [campaign]);
    return talliesOf(rows, []).campaigns.get(campaign) ?? { rows: [], lastAt: null };
  }

  async quizTally(quiz: string): Promise<QuizTally> {
    const { rows } = await this.#pool.query<ResultRow>(tallySql('quiz').results, [quiz]);
    return talliesOf([], rows).quizzes.get(quiz) ?? { rows: [], lastAt: null };
  }

  async daily(campaign: string): Promise<DailyRow[]> {
    return (await this.#pool.query<DailyRow>(DAILY, [campaign])).rows;
  }

  close(): Promise<void> {
    clearInterval(this.#prober);
    this.#closing ??= (async () => {
      await this.#batches.flush();
      clearTimeout(this.#relisten);
      const listener = this.#listener;
      this.#listener = undefined;
      await listener?.end().catch(() => undefined);
      await this.#reconciling?.catch(() => undefined);
      await this.#pool.end();
    })();
    return this.#closing;
  }
}
