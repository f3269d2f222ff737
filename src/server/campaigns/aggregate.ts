/**
 * What the service keeps in memory of the records of one scope (a campaign's pledge counts, a quiz's
 * statistics), so reads cost no SQL: loaded from the store at start-up and moved by each committed
 * record. The JSON body and its ETag are built once per change and reused by every read (and every
 * event of the stream) until the next change.
 */
export interface Snapshot<T> {
  value: T;
  /** `value` as JSON, ready to send. */
  body: string;
  /** Bytes of `body` in UTF-8. */
  length: number;
  /** Strong ETag of `body`. */
  etag: string;
}

export abstract class Aggregate<T> {
  #snapshot: Snapshot<T> | null = null;
  readonly #listeners = new Set<() => void>();
  /** ISO time of the latest record counted; null before the first. */
  protected updatedAt: string | null = null;
  /**
   * What the document depends on besides its records (the campaign's config ETag, without quotes), so an
   * edit that changes goals or units without a new record still changes the ETag.
   */
  protected configTag = '';

  /** Records counted so far: with updatedAt, identifies the state for the ETag. */
  protected abstract get records(): number;
  /** The public document, built on the first read after a change. */
  protected abstract build(): T;

  snapshot(): Snapshot<T> {
    if (this.#snapshot) return this.#snapshot;
    const value = this.build();
    // Records only ever get added, so their number plus the latest time identify the state; unlike a
    // process-local version number, they agree between instances sharing one database.
    const etag = `"${this.records.toString(36)}-${this.updatedAt ? Date.parse(this.updatedAt).toString(36) : '0'}${this.configTag}"`;
    const body = JSON.stringify(value);
    this.#snapshot = { value, body, length: Buffer.byteLength(body), etag };
    return this.#snapshot;
  }

  /** Calls `listener` after every change; returns the unsubscribe function. */
  onChange(listener: () => void): () => void {
    this.#listeners.add(listener);
    return () => this.#listeners.delete(listener);
  }

  /** Subclasses call this after counting a record at `at` (or after a reset or an edit, with at = null). */
  protected changed(at: string | null): void {
    if (at !== null && (this.updatedAt === null || at > this.updatedAt)) this.updatedAt = at;
    this.#snapshot = null;
    for (const listener of this.#listeners) listener();
  }
}
