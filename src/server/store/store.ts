/**
 * Where pledges and quiz results are kept. The service talks only to this interface: SQLite (one
 * process, the default: sqlite-store.ts) and PostgreSQL (several stateless instances on one database:
 * postgres/postgres-store.ts) implement it. Every method is async for the latter, even though
 * better-sqlite3 itself is synchronous.
 *
 * Both kinds of record go through the same path: a client's idempotency key, counted once per scope
 * (the campaign of a pledge, the quiz of a result), committed durably before the answer, in the same
 * group commits, and reported to onCommit listeners that move the in-memory aggregates.
 */

/** One pledge as stored: no IP, no user agent, nothing personal beyond unit and choice. */
export interface NewPledge {
  kind: 'pledge';
  campaign: string;
  unit: string;
  choice: string;
  /** The client's idempotency key; unique per campaign. */
  key: string;
  /** ISO timestamp (UTC) set by the service. */
  createdAt: string;
}

/** One anonymous quiz result as stored: quiz, unit, score out of total, nothing else. */
export interface NewQuizResult {
  kind: 'quiz-result';
  quiz: string;
  unit: string;
  score: number;
  total: number;
  /** The client's idempotency key; unique per quiz. */
  key: string;
  createdAt: string;
}

export type NewRecord = NewPledge | NewQuizResult;
export type RecordKind = NewRecord['kind'];

/** Counts by unit and choice, what a campaign's in-memory counts start from. */
export interface Tally {
  rows: { unit: string; choice: string; count: number }[];
  /** created_at of the latest pledge, or null when there is none. */
  lastAt: string | null;
}

/** Participants and the sum of score/total (in billionths) by unit, what a quiz's statistics start from. */
export interface QuizTally {
  rows: { unit: string; participants: number; scoreNanos: number }[];
  lastAt: string | null;
}

/** Pledges of one campaign on one Vietnam day (YYYY-MM-DD, UTC+7) for one unit and choice. */
export interface DailyRow {
  day: string;
  unit: string;
  choice: string;
  count: number;
}

/** Every scope's tally, read in one snapshot of the database (scopes with no record are absent). */
export interface Tallies {
  campaigns: Map<string, Tally>;
  quizzes: Map<string, QuizTally>;
}

export interface RecordStore {
  /**
   * Records a pledge or a quiz result. Resolves only once it is durably committed: true when it is
   * new, false when a record of the same kind, scope and key was already there (that one stays, this
   * one is dropped).
   */
  add(record: NewRecord): Promise<boolean>;
  /** The current counts of one campaign, read from the store (start-up, never per request). */
  tally(campaign: string): Promise<Tally>;
  /** The current statistics of one quiz, read from the store (start-up, never per request). */
  quizTally(quiz: string): Promise<QuizTally>;
  /**
   * A campaign's pledges per Vietnam day × unit × choice (rows with a count, by day, unit, choice). For the
   * console's results only, never a public route: it reads the table, where counts are in memory.
   */
  daily(campaign: string): Promise<DailyRow[]>;
  /**
   * Calls `listener` with the new records of every commit, right after it and before add() of those
   * records resolves: the in-memory aggregates move here, once per batch. A store shared by several
   * instances (PostgreSQL with LISTEN/NOTIFY, say) reports the other instances' records here too.
   */
  onCommit(listener: (records: readonly NewRecord[]) => void): () => void;
  /**
   * Stores shared by several instances only: calls `listener` with every scope's tally, read in one
   * snapshot, whenever the in-memory aggregates must start again from the database (now, then after the
   * store reconnects or misses another instance's commit); onCommit carries on from that snapshot.
   * Resolves, with the unsubscribe, once the first call is done.
   */
  follow?(listener: (tallies: Tallies) => void): Promise<() => void>;
  /**
   * False while the store cannot take records: its database or connection is gone, or the latest
   * commit failed (file unwritable, disk full, locked too long) and none has succeeded since.
   */
  readonly healthy: boolean;
  /** Commits what is pending, then releases the database. Further calls to add() reject. */
  close(): Promise<void>;
}
