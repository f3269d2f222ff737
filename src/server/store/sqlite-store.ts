/**
 * The SQLite adapter (better-sqlite3, WAL, synchronous=FULL), for pledges and quiz results alike
 * (their tables: sqlite-tables.ts). Durability: a record is acknowledged
 * only after its transaction is committed and the WAL fsynced, so it survives kill -9 *and* an OS crash
 * or power cut. (`NORMAL` with WAL survives kill -9 as well, the WAL write being in the page cache before
 * the commit returns, but may lose the last commits on power loss: not good enough for "acknowledged".)
 *
 * Speed: the connection lives in a worker thread (sqlite-worker.ts), so the HTTP thread never waits for
 * the disk; and records are group-committed: while one batch is being committed, the records arriving
 * meanwhile (of any kind) queue up and go together in the next transaction, one fsync for all of them.
 *
 * Exactly once: the idempotency keys of every scope are held here, loaded from the database at open
 * and added at each commit, so a repeated key is answered without a write and only new keys reach the
 * tables, which need no index on them (sqlite-tables.ts). A key that arrives again while its first
 * record is still in a batch waits for that commit, then counts as a repeat (or fails with it). This
 * makes the service the database's only writer, as its in-memory counts already do: one process per
 * data directory. Memory: under 100 bytes a key (docs/BENCHMARKS.md).
 */
import type { Worker } from 'node:worker_threads';
import { log } from '../log/log.js';
import { GroupCommit } from './group-commit.js';
import { encodeRecord, scopeOf } from './sqlite-tables.js';
import type { Reply, Request } from './sqlite-worker.js';
import type { DailyRow, NewRecord, QuizTally, RecordKind, RecordStore, Tally } from './store.js';
import { startWorker } from '../worker.js';

/** One scope's idempotency keys: committed ones, and those whose first record is in a batch not yet committed. */
interface ScopeKeys {
  committed: Set<string>;
  pending: Map<string, Promise<boolean>>;
}

const RECORD_KINDS: readonly RecordKind[] = ['pledge', 'quiz-result'];

/**
 * Rows of the pledges table one `daily` request of the worker reads (about 30 ms on this 2-core machine
 * under load): commits wait at most that long behind the results page, even at millions of pledges.
 */
const DAILY_SLICE = 20_000;

/** A campaign's daily counts so far: the rows with id ≤ `until`, by "day\tunit\tchoice". */
interface DailyCounts {
  until: number;
  counts: Map<string, number>;
}

/** How often the file system is asked whether it takes writes, when no commit has shown it lately. */
const PROBE_MS = 10_000;

/** A failure of the SQLite worker, with SQLite's code (or the system's: ENOSPC) when there is one. */
export class StoreError extends Error {
  override name = 'StoreError';
  constructor(
    message: string,
    readonly code?: string,
  ) {
    super(code === undefined ? message : `${code}: ${message}`);
  }
}

/** What an operator does about a database that cannot be opened, by SQLite's code. */
function remedy(code: string | undefined): string {
  switch (code) {
    case 'SQLITE_CORRUPT':
    case 'SQLITE_NOTADB':
      return 'The file is damaged or is not a Lantoa database. Stop here: keep this file aside for inspection (do not delete it), restore the latest backup to this path (with its -wal file, if the backup has one), then start again.';
    case 'SQLITE_CANTOPEN':
    case 'SQLITE_PERM':
    case 'SQLITE_READONLY':
      return 'The service cannot open or write the file: check that the folder and file exist and belong to the user the service runs as.';
    case 'SQLITE_FULL':
    case 'SQLITE_IOERR':
    case 'ENOSPC':
      return 'The disk is full or failing: free space in the data folder (or check the disk).';
    case 'SQLITE_BUSY':
    case 'SQLITE_LOCKED':
      return 'Another process holds the database locked (a backup, an sqlite3 shell): end it.';
    default:
      return 'Check the file with `sqlite3 <file> "PRAGMA integrity_check"`; if it is damaged, restore the latest backup to this path.';
  }
}

/** The database file cannot be used: says which file, SQLite's code and message, and what to do. */
export class DatabaseError extends Error {
  override name = 'DatabaseError';
  readonly code: string | undefined;
  constructor(
    readonly file: string,
    cause: unknown,
  ) {
    const code = cause instanceof StoreError ? cause.code : undefined;
    const detail = cause instanceof Error ? cause.message : describe(cause);
    super(`database ${file} cannot be used (${detail}). ${remedy(code)}`);
    this.code = code;
  }
}

/** Text of something thrown that may not be an Error (a worker's error can arrive as a plain object). */
function describe(value: unknown): string {
  if (value instanceof Error) return value.message;
  if (typeof value === 'object' && value !== null) {
    const { code, message } = value as { code?: unknown; message?: unknown };
    if (typeof message === 'string') return typeof code === 'string' ? `${code}: ${message}` : message;
    return JSON.stringify(value);
  }
  return String(value);
}

type RequestBody = Request extends infer R ? (R extends { id: number } ? Omit<R, 'id'> : never) : never;

export class SqliteStore implements RecordStore {
  readonly #worker: Worker;
  readonly #exited: Promise<void>;
  readonly #calls = new Map<number, { resolve: (value: unknown) => void; reject: (error: Error) => void }>();
  readonly #listeners = new Set<(records: readonly NewRecord[]) => void>();
  /** By record kind, then scope. */
  readonly #keys = new Map<RecordKind, Map<string, ScopeKeys>>(RECORD_KINDS.map((kind) => [kind, new Map()]));
  #nextId = 1;
  readonly #batches = new GroupCommit<NewRecord, boolean>({
    commit: (records) => this.#commit(records),
    failed: (error, records) => {
      if (!this.#failure) this.#writeFailed(error, records.length);
      for (const record of records) this.#scopeKeys(record.kind, scopeOf(record)).pending.delete(record.key);
    },
  });
  #closing: Promise<void> | undefined;
  #failure: Error | undefined;
  /** The latest commit or write probe failed (and none succeeded since): unhealthy, though the next batch may work. */
  #commitFailing = false;
  /** The failing episode: when it began and the records refused in it (one log line at each end, not one per record). */
  #episode: { since: number; refused: number } | undefined;
  /** Date.now() of the latest successful commit or probe. */
  #lastWrite = 0;
  #prober: NodeJS.Timeout | undefined;
  readonly #file: string;
  readonly #dailySlice: number;
  /** Daily counts read so far, by campaign: each results request reads only the rows added since. */
  readonly #daily = new Map<string, DailyCounts>();
  /** The running catch-up of each campaign's daily counts: requests queue behind it, never read a slice twice. */
  readonly #dailyRuns = new Map<string, Promise<unknown>>();

  private constructor(worker: Worker, file: string, dailySlice: number) {
    this.#worker = worker;
    this.#file = file;
    this.#dailySlice = dailySlice;
    // Listened for from the start: the 'exit' event can come before the continuation of the last reply.
    this.#exited = new Promise((resolve) => worker.once('exit', () => resolve()));
    worker.on('message', (reply: Reply) => {
      const call = this.#calls.get(reply.id);
      this.#calls.delete(reply.id);
      if (reply.ok) call?.resolve(reply.value);
      else call?.reject(new StoreError(reply.error, reply.code));
    });
    // An uncaught error of the thread arrives cloned, possibly as a plain object: keep its code and message.
    worker.on('error', (error: unknown) =>
      this.#fail(error instanceof Error ? error : new StoreError(describe(error))),
    );
    worker.on('exit', (code) => this.#fail(new Error(`SQLite worker exited (${code})`)));
  }

  /**
   * Opens (and creates when missing) the database file; rejects with a {@link DatabaseError} (file,
   * SQLite's code and message, what to do) if it cannot be opened or read. Then probes whether the
   * disk takes writes (health starts false on a full disk) and keeps probing every `probeMs` while
   * no commit has shown it. `onWorker` sees the writer thread as it starts (the tests use it to end
   * the thread as a crash would). `dailySlice`: rows per read of {@link daily} (the tests make it small).
   */
  static async open(
    file: string,
    onWorker?: (worker: Worker) => void,
    probeMs = PROBE_MS,
    dailySlice = DAILY_SLICE,
  ): Promise<SqliteStore> {
    const worker = startWorker(import.meta.url, 'sqlite-worker', { file });
    onWorker?.(worker);
    const store = new SqliteStore(worker, file, dailySlice);
    try {
      // Reading every key reads every row: a damaged table fails here, not at the first pledge.
      for (const kind of RECORD_KINDS) {
        const keysByScope = (await store.#call({ op: 'keys', kind })) as Record<string, string>;
        for (const [scope, keys] of Object.entries(keysByScope))
          store.#scopeKeys(kind, scope).committed = new Set(keys.split('\n'));
      }
    } catch (error) {
      store.#closing = Promise.resolve();
      await worker.terminate();
      throw new DatabaseError(file, error);
    }
    await store.#probe();
    store.#prober = setInterval(() => {
      if (!store.#batches.writing && Date.now() - store.#lastWrite >= probeMs) void store.#probe();
    }, probeMs);
    store.#prober.unref();
    return store;
  }

  /** Writes and fsyncs a little beside the database: whether the disk takes writes now. */
  async #probe(): Promise<void> {
    try {
      await this.#call({ op: 'probe' });
      this.#wrote();
    } catch (error) {
      if (!this.#failure) this.#writeFailed(error, 0);
    }
  }

  /** A commit or probe succeeded: the end of a failing episode, if one was on. */
  #wrote(): void {
    this.#lastWrite = Date.now();
    this.#commitFailing = false;
    const episode = this.#episode;
    if (!episode) return;
    this.#episode = undefined;
    log.info('writes succeed again', {
      file: this.#file,
      failedForSeconds: Math.round((Date.now() - episode.since) / 1000),
      refusedRecords: episode.refused,
    });
  }

  /** A commit or probe failed: one line when an episode begins (disk full, locked, unwritable), none for the rest of it. */
  #writeFailed(error: unknown, refused: number): void {
    this.#commitFailing = true;
    if (this.#episode) {
      this.#episode.refused += refused;
      return;
    }
    this.#episode = { since: Date.now(), refused };
    const code = error instanceof StoreError ? error.code : undefined;
    log.error('writes failing: records are refused (503) until a write succeeds; one line when it ends', undefined, {
      file: this.#file,
      code,
      error: describe(error),
      todo: remedy(code),
    });
  }

  #scopeKeys(kind: RecordKind, scope: string): ScopeKeys {
    const scopes = this.#keys.get(kind) as Map<string, ScopeKeys>;
    let keys = scopes.get(scope);
    if (!keys) scopes.set(scope, (keys = { committed: new Set(), pending: new Map() }));
    return keys;
  }

  add(record: NewRecord): Promise<boolean> {
    if (this.#failure) return Promise.reject(this.#failure);
    if (this.#closing) return Promise.reject(new Error('store closed'));
    const keys = this.#scopeKeys(record.kind, scopeOf(record));
    if (keys.committed.has(record.key)) return Promise.resolve(false);
    const first = keys.pending.get(record.key);
    if (first) return first.then(() => false);
    const added = this.#batches.add(record);
    keys.pending.set(record.key, added);
    return added;
  }

  /** One batch in one transaction on the worker; the counts move (listeners) before any record is answered. */
  async #commit(records: NewRecord[]): Promise<boolean[]> {
    const rows = records.map(encodeRecord).join('\n');
    const results = [...((await this.#call({ op: 'add', rows })) as string)].map((flag) => flag === '1');
    this.#wrote();
    for (const record of records) {
      const keys = this.#scopeKeys(record.kind, scopeOf(record));
      keys.committed.add(record.key);
      keys.pending.delete(record.key);
    }
    const added = records.filter((_, index) => results[index]);
    for (const listener of this.#listeners) {
      try {
        listener(added);
      } catch (error) {
        // Committed is committed: a failing listener must not turn acknowledged records into errors.
        log.error('commit listener failed', error);
      }
    }
    return results;
  }

  get healthy(): boolean {
    return this.#failure === undefined && !this.#commitFailing;
  }

  onCommit(listener: (records: readonly NewRecord[]) => void): () => void {
    this.#listeners.add(listener);
    return () => this.#listeners.delete(listener);
  }

  async tally(campaign: string): Promise<Tally> {
    return (await this.#tally('pledge', campaign)) as Tally;
  }

  async quizTally(quiz: string): Promise<QuizTally> {
    return (await this.#tally('quiz-result', quiz)) as QuizTally;
  }

  #tally(kind: RecordKind, scope: string): Promise<unknown> {
    return this.#call({ op: 'tally', kind, scope });
  }

  /**
   * Read a slice of ids at a time (the writer thread takes commits between slices) and kept: the first
   * request after a start reads the whole table (about 1 s at a million pledges), later ones only the rows
   * added since, so no index slows the inserts down.
   */
  daily(campaign: string): Promise<DailyRow[]> {
    const run = (this.#dailyRuns.get(campaign) ?? Promise.resolve())
      .catch(() => undefined) // the previous request's failure is its own
      .then(() => this.#catchUpDaily(campaign));
    this.#dailyRuns.set(campaign, run);
    return run;
  }

  async #catchUpDaily(campaign: string): Promise<DailyRow[]> {
    let daily = this.#daily.get(campaign);
    if (!daily) this.#daily.set(campaign, (daily = { until: 0, counts: new Map() }));
    for (let more = true; more;) {
      const slice = (await this.#call({ op: 'daily', campaign, after: daily.until, limit: this.#dailySlice })) as {
        rows: DailyRow[];
        until: number;
        more: boolean;
      };
      for (const { day, unit, choice, count } of slice.rows) {
        const key = `${day}\t${unit}\t${choice}`;
        daily.counts.set(key, (daily.counts.get(key) ?? 0) + count);
      }
      daily.until = slice.until;
      more = slice.more;
    }
    return [...daily.counts.keys()].sort().map((key) => {
      const [day, unit, choice] = key.split('\t');
      return { day, unit, choice, count: daily.counts.get(key) as number };
    });
  }

  close(): Promise<void> {
    clearInterval(this.#prober);
    this.#closing ??= (async () => {
      await this.#batches.flush();
      if (!this.#failure) {
        await this.#call({ op: 'close' });
        await this.#exited;
      }
    })();
    return this.#closing;
  }

  #call(request: RequestBody): Promise<unknown> {
    if (this.#failure) return Promise.reject(this.#failure);
    const id = this.#nextId++;
    return new Promise((resolve, reject) => {
      this.#calls.set(id, { resolve, reject });
      this.#worker.postMessage({ ...request, id });
    });
  }

  /** The worker is gone: everything waiting fails (503 to the clients, who keep their record and retry). */
  #fail(error: Error): void {
    if (this.#failure) return;
    if (this.#closing && !this.#calls.size) {
      this.#failure = new Error('store closed');
      return;
    }
    this.#failure = error;
    log.error('SQLite worker failed', error, { file: this.#file });
    for (const call of this.#calls.values()) call.reject(error);
    this.#calls.clear();
    this.#batches.refuseAll(error);
    for (const scopes of this.#keys.values()) for (const keys of scopes.values()) keys.pending.clear();
  }
}
