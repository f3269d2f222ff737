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
 * data directory. Memory: 75–90 bytes a key (measured: 12–14 MB for 157,000 keys, the default goal).
 */
import type { Worker } from 'node:worker_threads';
import { log } from './log.js';
import { encodeRecord, scopeOf } from './sqlite-tables.js';
import type { Reply, Request } from './sqlite-worker.js';
import type { NewRecord, QuizTally, RecordKind, RecordStore, Tally } from './store.js';
import { startWorker } from './worker.js';

interface Pending {
  record: NewRecord;
  resolve: (created: boolean) => void;
  reject: (error: Error) => void;
}

/** One scope's idempotency keys: committed ones, and those whose first record is in a batch not yet committed. */
interface ScopeKeys {
  committed: Set<string>;
  pending: Map<string, Promise<boolean>>;
}

const RECORD_KINDS: readonly RecordKind[] = ['pledge', 'quiz-result'];

/** Upper bound on one transaction, so a burst never makes one commit (and its replies) very late. */
const MAX_BATCH = 1000;

type RequestBody = Request extends infer R ? (R extends { id: number } ? Omit<R, 'id'> : never) : never;

export class SqliteStore implements RecordStore {
  readonly #worker: Worker;
  readonly #exited: Promise<void>;
  readonly #calls = new Map<number, { resolve: (value: unknown) => void; reject: (error: Error) => void }>();
  readonly #listeners = new Set<(records: readonly NewRecord[]) => void>();
  /** By record kind, then scope. */
  readonly #keys = new Map<RecordKind, Map<string, ScopeKeys>>(RECORD_KINDS.map((kind) => [kind, new Map()]));
  #nextId = 1;
  #queue: Pending[] = [];
  #writing = false;
  #scheduled = false;
  #closing: Promise<void> | undefined;
  #failure: Error | undefined;
  /** The latest commit failed (and none succeeded since): unhealthy, though the next batch may work. */
  #commitFailing = false;

  private constructor(worker: Worker) {
    this.#worker = worker;
    // Listened for from the start: the 'exit' event can come before the continuation of the last reply.
    this.#exited = new Promise((resolve) => worker.once('exit', () => resolve()));
    worker.on('message', (reply: Reply) => {
      const call = this.#calls.get(reply.id);
      this.#calls.delete(reply.id);
      if (reply.ok) call?.resolve(reply.value);
      else call?.reject(new Error(reply.error));
    });
    worker.on('error', (error) => this.#fail(error));
    worker.on('exit', (code) => this.#fail(new Error(`SQLite worker exited (${code})`)));
  }

  /**
   * Opens (and creates when missing) the database file; rejects if it cannot be opened. `onWorker`
   * sees the writer thread as it starts (the tests use it to end the thread as a crash would).
   */
  static async open(file: string, onWorker?: (worker: Worker) => void): Promise<SqliteStore> {
    const worker = startWorker(import.meta.url, 'sqlite-worker', { file });
    onWorker?.(worker);
    const store = new SqliteStore(worker);
    // Fails here if the schema or file is unusable.
    for (const kind of RECORD_KINDS) {
      const keysByScope = (await store.#call({ op: 'keys', kind })) as Record<string, string>;
      for (const [scope, keys] of Object.entries(keysByScope)) store.#scopeKeys(kind, scope).committed = new Set(keys.split('\n'));
    }
    return store;
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
    const added = new Promise<boolean>((resolve, reject) => {
      this.#queue.push({ record, resolve, reject });
      if (!this.#writing && !this.#scheduled) {
        this.#scheduled = true;
        // setImmediate runs after this turn's I/O callbacks: every request parsed in it joins the batch.
        setImmediate(() => void this.#write());
      }
    });
    keys.pending.set(record.key, added);
    return added;
  }

  async #write(): Promise<void> {
    this.#scheduled = false;
    if (this.#writing) return;
    this.#writing = true;
    while (this.#queue.length > 0) {
      const batch = this.#queue.splice(0, MAX_BATCH);
      const rows = batch.map((pending) => encodeRecord(pending.record)).join('\n');
      let results: boolean[];
      try {
        results = [...((await this.#call({ op: 'add', rows })) as string)].map((flag) => flag === '1');
      } catch (error) {
        if (!this.#commitFailing && !this.#failure) log.error('commit failed', error);
        this.#commitFailing = true;
        for (const pending of batch) {
          this.#scopeKeys(pending.record.kind, scopeOf(pending.record)).pending.delete(pending.record.key);
          pending.reject(error as Error);
        }
        continue;
      }
      this.#commitFailing = false;
      for (const { record } of batch) {
        const keys = this.#scopeKeys(record.kind, scopeOf(record));
        keys.committed.add(record.key);
        keys.pending.delete(record.key);
      }
      const added = batch.filter((_, index) => results[index]).map((pending) => pending.record);
      for (const listener of this.#listeners) {
        try {
          listener(added);
        } catch (error) {
          // Committed is committed: a failing listener must not turn acknowledged records into errors.
          log.error('commit listener failed', error);
        }
      }
      batch.forEach((pending, index) => pending.resolve(results[index]));
    }
    this.#writing = false;
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

  close(): Promise<void> {
    this.#closing ??= (async () => {
      while (this.#writing || this.#scheduled || this.#queue.length > 0) {
        if (!this.#writing) await this.#write();
        else await new Promise((resolve) => setTimeout(resolve, 5));
      }
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
    log.error('SQLite worker failed', error);
    for (const call of this.#calls.values()) call.reject(error);
    this.#calls.clear();
    for (const pending of this.#queue.splice(0)) pending.reject(error);
    for (const scopes of this.#keys.values()) for (const keys of scopes.values()) keys.pending.clear();
  }
}
