/**
 * Where pledges are kept. The service talks only to this interface: SQLite (one process, the
 * default) implements it today; a PostgreSQL adapter for several stateless instances can implement
 * it later without touching the routes. Every method is async for that reason, even though
 * better-sqlite3 itself is synchronous.
 */

/** One pledge as stored: no IP, no user agent, nothing personal beyond unit and choice. */
export interface NewPledge {
  campaign: string;
  unit: string;
  choice: string;
  /** The client's idempotency key; unique per campaign. */
  key: string;
  /** ISO timestamp (UTC) set by the service. */
  createdAt: string;
}

/** Counts by unit and choice, what the in-memory counts start from (and re-sync to). */
export interface Tally {
  rows: { unit: string; choice: string; count: number }[];
  /** created_at of the latest pledge, or null when there is none. */
  lastAt: string | null;
}

export interface PledgeStore {
  /**
   * Records a pledge. Resolves only once it is durably committed: true when it is new, false when a
   * pledge with the same campaign and key was already there (that one stays, this one is dropped).
   */
  add(pledge: NewPledge): Promise<boolean>;
  /** The current counts of one campaign, read from the store (start-up and re-sync, never per request). */
  tally(campaign: string): Promise<Tally>;
  /**
   * Calls `listener` with the new pledges of every commit, right after it and before add() of those
   * pledges resolves: the in-memory counts move here, once per batch. A store shared by several
   * instances (PostgreSQL with LISTEN/NOTIFY, say) reports the other instances' pledges here too.
   */
  onCommit(listener: (pledges: readonly NewPledge[]) => void): () => void;
  /** False once the store can no longer take pledges (its database or connection failed). */
  readonly healthy: boolean;
  /** Commits what is pending, then releases the database. Further calls to add() reject. */
  close(): Promise<void>;
}
