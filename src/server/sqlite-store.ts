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
 */
import type { Worker } from 'node:worker_threads';
import { log } from './log.js';
import { encodeRecord } from './sqlite-tables.js';
import type { Reply, Request } from './sqlite-worker.js';
import type { NewRecord, QuizTally, RecordKind, RecordStore, Tally } from './store.js';
import { startWorker } from './worker.js';

interface Pending {
  record: NewRecord;
  resolve: (created: boolean) => void;
  reject: (error: Error) => void;
}

/** Upper bound on one transaction, so a burst never makes one commit (and its replies) very late. */
const MAX_BATCH = 1000;

type RequestBody = Request extends infer R ? (R extends { id: number } ? Omit<R, 'id'> : never) : never;

export class SqliteStore implements RecordStore {
  readonly #worker: Worker;
  readonly #exited: Promise<void>;
  readonly #calls = new Map<number, { resolve: (value: unknown) => void; reject: (error: Error) => void }>();
  readonly #listeners = new Set<(records: readonly NewRecord[]) => void>();
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

  /** Opens (and creates when missing) the database file; rejects if it cannot be opened. */
  static async open(file: string): Promise<SqliteStore> {
    const store = new SqliteStore(startWorker(import.meta.url, 'sqlite-worker', { file }));
    await store.#call({ op: 'tally', kind: 'pledge', scope: '' }); // fails here if the schema or file is unusable
    return store;
  }

  add(record: NewRecord): Promise<boolean> {
    if (this.#failure) return Promise.reject(this.#failure);
    if (this.#closing) return Promise.reject(new Error('store closed'));
    return new Promise((resolve, reject) => {
      this.#queue.push({ record, resolve, reject });
      if (!this.#writing && !this.#scheduled) {
        this.#scheduled = true;
        // setImmediate runs after this turn's I/O callbacks: every request parsed in it joins the batch.
        setImmediate(() => void this.#write());
      }
    });
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
        for (const pending of batch) pending.reject(error as Error);
        continue;
      }
      this.#commitFailing = false;
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
  }
}
