/**
 * The SQLite adapter (better-sqlite3, WAL). Durability: `synchronous=FULL`, so a pledge is
 * acknowledged only after its commit is fsynced to the WAL and survives a process kill *and* an OS
 * crash or power cut. (`NORMAL` with WAL survives kill -9 too, since the WAL write is in the page cache
 * before the commit returns, but may lose the last commits on power loss.) The fsync is paid per
 * batch, not per pledge: pledges arriving in the same event-loop turn are written in one transaction
 * (group commit), so under load one fsync acknowledges dozens of pledges.
 */
import Database from 'better-sqlite3';
import { log } from './log.js';
import type { NewPledge, PledgeStore, Tally } from './store.js';

interface Pending {
  pledge: NewPledge;
  resolve: (created: boolean) => void;
  reject: (error: Error) => void;
}

/** Upper bound on one transaction, so a burst never blocks the event loop for long. */
const MAX_BATCH = 500;

const SCHEMA = `
CREATE TABLE IF NOT EXISTS pledges (
  id INTEGER PRIMARY KEY,
  campaign TEXT NOT NULL,
  unit TEXT NOT NULL,
  choice TEXT NOT NULL,
  key TEXT NOT NULL,
  created_at TEXT NOT NULL,
  UNIQUE (campaign, key)
) STRICT;
`;

export class SqliteStore implements PledgeStore {
  readonly #db: Database.Database;
  readonly #insert: Database.Statement<[string, string, string, string, string]>;
  readonly #writeBatch: (batch: Pending[]) => boolean[];
  readonly #listeners = new Set<(pledges: readonly NewPledge[]) => void>();
  #queue: Pending[] = [];
  #scheduled = false;
  #closed = false;

  constructor(file: string) {
    this.#db = new Database(file);
    this.#db.pragma('journal_mode = WAL');
    this.#db.pragma('synchronous = FULL');
    // Another process (a backup, the sqlite3 shell) may hold the lock briefly: wait rather than fail.
    this.#db.pragma('busy_timeout = 5000');
    this.#db.exec(SCHEMA);
    this.#insert = this.#db.prepare(
      'INSERT INTO pledges (campaign, unit, choice, key, created_at) VALUES (?, ?, ?, ?, ?) ON CONFLICT (campaign, key) DO NOTHING',
    );
    this.#writeBatch = this.#db.transaction((batch: Pending[]) =>
      batch.map(({ pledge: p }) => this.#insert.run(p.campaign, p.unit, p.choice, p.key, p.createdAt).changes === 1),
    );
  }

  add(pledge: NewPledge): Promise<boolean> {
    if (this.#closed) return Promise.reject(new Error('store closed'));
    return new Promise((resolve, reject) => {
      this.#queue.push({ pledge, resolve, reject });
      if (!this.#scheduled) {
        this.#scheduled = true;
        // setImmediate runs after this turn's I/O callbacks: every request parsed in it joins the batch.
        setImmediate(() => this.#flush());
      }
    });
  }

  #flush(): void {
    this.#scheduled = false;
    while (this.#queue.length > 0) {
      const batch = this.#queue.splice(0, MAX_BATCH);
      let results: boolean[];
      try {
        results = this.#writeBatch(batch);
      } catch (error) {
        // Nothing of the batch was committed (the transaction rolled back): nobody gets an acknowledgement.
        for (const pending of batch) pending.reject(error as Error);
        continue;
      }
      const added = batch.filter((_, index) => results[index]).map((pending) => pending.pledge);
      for (const listener of this.#listeners) {
        try {
          listener(added);
        } catch (error) {
          // Committed is committed: a failing listener must not turn acknowledged pledges into errors.
          log.error('commit listener failed', error);
        }
      }
      batch.forEach((pending, index) => pending.resolve(results[index]));
    }
  }

  onCommit(listener: (pledges: readonly NewPledge[]) => void): () => void {
    this.#listeners.add(listener);
    return () => this.#listeners.delete(listener);
  }

  async tally(campaign: string): Promise<Tally> {
    const rows = this.#db
      .prepare('SELECT unit, choice, COUNT(*) AS count FROM pledges WHERE campaign = ? GROUP BY unit, choice')
      .all(campaign) as Tally['rows'];
    const last = this.#db.prepare('SELECT MAX(created_at) AS lastAt FROM pledges WHERE campaign = ?').get(campaign) as {
      lastAt: string | null;
    };
    return { rows, lastAt: last.lastAt };
  }

  async close(): Promise<void> {
    if (this.#closed) return;
    this.#closed = true;
    this.#flush();
    this.#db.close();
  }
}
