/**
 * Group commit, shared by the SQLite and the PostgreSQL record stores: records that arrive while a commit is
 * in flight wait, and go together in the next one (at most `maxBatch`), so throughput does not hang on one
 * fsync per record. Each store gives its own `commit`, which answers one result per item in order or throws
 * for the whole batch; `failed` then undoes the store's bookkeeping before every item of the batch is refused.
 */
interface Waiting<T, R> {
  item: T;
  resolve: (result: R) => void;
  reject: (error: Error) => void;
}

export interface GroupCommitOptions<T, R> {
  /** Writes one batch in one transaction; its results in the items' order. */
  commit: (items: T[]) => Promise<R[]>;
  /** The batch's commit threw: every item of it is refused with `error` right after this. */
  failed: (error: unknown, items: T[]) => void;
  /** Upper bound on one transaction, so a burst never makes one commit (and its replies) very late. */
  maxBatch?: number;
}

export class GroupCommit<T, R> {
  readonly #commit: (items: T[]) => Promise<R[]>;
  readonly #failed: (error: unknown, items: T[]) => void;
  readonly #maxBatch: number;
  #queue: Waiting<T, R>[] = [];
  #writing = false;
  #scheduled = false;

  constructor({ commit, failed, maxBatch = 1000 }: GroupCommitOptions<T, R>) {
    this.#commit = commit;
    this.#failed = failed;
    this.#maxBatch = maxBatch;
  }

  /** A commit is in flight. */
  get writing(): boolean {
    return this.#writing;
  }

  add(item: T): Promise<R> {
    return new Promise<R>((resolve, reject) => {
      this.#queue.push({ item, resolve, reject });
      if (!this.#writing && !this.#scheduled) {
        this.#scheduled = true;
        // setImmediate runs after this turn's I/O callbacks: every request parsed in it joins the batch.
        setImmediate(() => void this.#write());
      }
    });
  }

  /** Resolves once everything queued so far (and what joins meanwhile) has been committed or refused. */
  async flush(): Promise<void> {
    while (this.#writing || this.#scheduled || this.#queue.length > 0) {
      if (!this.#writing) await this.#write();
      else await new Promise((resolve) => setTimeout(resolve, 5));
    }
  }

  /** Refuses everything still waiting (the store is gone). */
  refuseAll(error: Error): void {
    for (const waiting of this.#queue.splice(0)) waiting.reject(error);
  }

  async #write(): Promise<void> {
    this.#scheduled = false;
    if (this.#writing) return;
    this.#writing = true;
    while (this.#queue.length > 0) {
      const batch = this.#queue.splice(0, this.#maxBatch);
      const items = batch.map((waiting) => waiting.item);
      let results: R[];
      try {
        results = await this.#commit(items);
      } catch (error) {
        this.#failed(error, items);
        for (const waiting of batch) waiting.reject(error as Error);
        continue;
      }
      batch.forEach((waiting, index) => waiting.resolve(results[index]));
    }
    this.#writing = false;
  }
}
