/**
 * A campaign's reach ("lan tỏa" measured): which sites show its widgets, with first and last seen, reads
 * (config, counts, stream, feed) and pledges from each. Aggregated per campaign × origin, never per visitor.
 *
 * `seen()` is called by the API's guard on every cross-origin read and every 201 pledge, so it is O(1):
 * one Map lookup and a few number writes, no allocation once the site has an entry. What was seen since
 * the last flush is added to `sites` every few seconds and at close (one transaction, UPSERT adding the
 * counts), so a crash loses at most those seconds of reach, never a pledge. The table is in console.sqlite,
 * or with DATABASE_URL in PostgreSQL (migration 3), where every instance adds its own sightings to the same
 * rows: one class over the ConsoleSql port, the SQL per dialect below.
 */
import type { ConsoleDb, ConsoleTables } from '../store/console-db.js';
import { consoleSql, sqlFor, type ConsoleSql, type Statement } from '../store/console-sql.js';
import { log } from '../log/log.js';

export type ReachKind = 'read' | 'pledge';

/** A site's figures without `listed` (which is the campaign's, see results-routes.ts). */
export interface SiteCounts {
  origin: string;
  firstSeen: string;
  lastSeen: string;
  reads: number;
  pledges: number;
}

/** The table of console.sqlite that keeps reach: one row per campaign × origin. */
export const SITES_TABLES: ConsoleTables = [
  `CREATE TABLE IF NOT EXISTS sites (
    campaign TEXT NOT NULL,
    origin TEXT NOT NULL,
    first_seen TEXT NOT NULL,
    last_seen TEXT NOT NULL,
    reads INTEGER NOT NULL,
    pledges INTEGER NOT NULL,
    PRIMARY KEY (campaign, origin)
  ) STRICT, WITHOUT ROWID`,
];

const SQL = {
  sqlite: {
    upsert: `INSERT INTO sites (campaign, origin, first_seen, last_seen, reads, pledges) VALUES (?, ?, ?, ?, ?, ?)
       ON CONFLICT (campaign, origin) DO UPDATE SET
         first_seen = min(first_seen, excluded.first_seen), last_seen = max(last_seen, excluded.last_seen),
         reads = reads + excluded.reads, pledges = pledges + excluded.pledges`,
    select:
      'SELECT origin, first_seen AS firstSeen, last_seen AS lastSeen, reads, pledges FROM sites WHERE campaign = ?',
    known: 'SELECT campaign, origin FROM sites',
  },
  // Counters are bigint (strings from pg): read as float8.
  postgres: {
    upsert: `INSERT INTO sites (campaign, origin, first_seen, last_seen, reads, pledges) VALUES ($1, $2, $3, $4, $5, $6)
       ON CONFLICT (campaign, origin) DO UPDATE SET
         first_seen = LEAST(sites.first_seen, excluded.first_seen),
         last_seen = GREATEST(sites.last_seen, excluded.last_seen),
         reads = sites.reads + excluded.reads, pledges = sites.pledges + excluded.pledges`,
    select: `SELECT origin, first_seen AS "firstSeen", last_seen AS "lastSeen", reads::float8 AS reads,
        pledges::float8 AS pledges FROM sites WHERE campaign = $1`,
    known: 'SELECT campaign, origin FROM sites',
  },
};

/** What was seen of one site since the last flush (times as Date.now(): no string made per call). */
interface Pending {
  firstSeen: number;
  lastSeen: number;
  reads: number;
  pledges: number;
}

export interface SiteReachOptions {
  /** Sites kept per campaign (stored ones included): a flood of made-up origins cannot grow memory or the table. */
  maxOriginsPerCampaign?: number;
  /** How often what was seen is added to the table (0: only by flush() and close()). */
  flushMs?: number;
  now?: () => number;
}

/** Origins are at most this long (a host name is ≤ 253 characters): longer is not a browser's Origin. */
const MAX_ORIGIN_LENGTH = 300;

/** A browser's Origin header of an http or https page; "null" (sandboxed frames, file:) and the rest are not sites. */
function isWebOrigin(origin: string): boolean {
  return (
    origin.length <= MAX_ORIGIN_LENGTH &&
    (origin.startsWith('https://') || origin.startsWith('http://')) &&
    !/[\s/?#]/.test(origin.slice(origin.indexOf('//') + 2))
  );
}

export class SiteReach {
  readonly #sql: ConsoleSql;
  readonly #q: (typeof SQL)['sqlite'];
  readonly #max: number;
  readonly #now: () => number;
  /** campaign → origin → pending figures. Entries stay after a flush (zeroed), so a known site allocates nothing. */
  readonly #campaigns = new Map<string, Map<string, Pending>>();
  /** Sightings not recorded because their campaign had its maximum of sites, by campaign, since the last log line. */
  readonly #overflow = new Map<string, number>();
  #timer: NodeJS.Timeout | undefined;
  /**
   * Flushes and reads one after the other: a read never sees figures that left memory for a transaction
   * not yet committed (PostgreSQL's flush takes a round trip), nor counts them twice.
   */
  #turn: Promise<unknown> = Promise.resolve();
  #failing = false;
  #closed = false;

  private constructor(sql: ConsoleSql, { maxOriginsPerCampaign = 10_000, now = Date.now }: SiteReachOptions) {
    this.#sql = sql;
    this.#q = sqlFor(sql, SQL);
    this.#max = maxOriginsPerCampaign;
    this.#now = now;
  }

  /** Reach on the port (either store) or an open console.sqlite, with the sites already stored. */
  static async open(db: ConsoleSql | ConsoleDb, options: SiteReachOptions = {}): Promise<SiteReach> {
    const reach = new SiteReach(consoleSql(db), options);
    // Stored sites count toward the maximum, so it bounds the table across restarts too.
    for (const { campaign, origin } of await reach.#sql.all<{ campaign: string; origin: string }>(reach.#q.known))
      reach.#entries(campaign).set(origin, { firstSeen: 0, lastSeen: 0, reads: 0, pledges: 0 });
    const flushMs = options.flushMs ?? 5_000;
    if (flushMs > 0) {
      reach.#timer = setInterval(() => void reach.flush(), flushMs);
      reach.#timer.unref();
    }
    return reach;
  }

  #entries(campaign: string): Map<string, Pending> {
    let entries = this.#campaigns.get(campaign);
    if (!entries) this.#campaigns.set(campaign, (entries = new Map()));
    return entries;
  }

  /** Runs `work` after the flushes and reads queued before it. */
  #inTurn<T>(work: () => Promise<T>): Promise<T> {
    const run = this.#turn.then(work, work);
    this.#turn = run.catch(() => undefined);
    return run;
  }

  /** A page on `origin` read the campaign's data or made a pledge. */
  seen(campaign: string, origin: string, kind: ReachKind): void {
    if (this.#closed) return;
    const entries = this.#entries(campaign);
    let entry = entries.get(origin);
    if (!entry) {
      if (!isWebOrigin(origin)) return;
      if (entries.size >= this.#max) {
        this.#overflow.set(campaign, (this.#overflow.get(campaign) ?? 0) + 1);
        return;
      }
      entry = { firstSeen: 0, lastSeen: 0, reads: 0, pledges: 0 };
      entries.set(origin, entry);
    }
    const now = this.#now();
    if (entry.firstSeen === 0) entry.firstSeen = now;
    entry.lastSeen = now;
    if (kind === 'read') entry.reads += 1;
    else entry.pledges += 1;
  }

  /** The campaign's sites: what is stored plus what was seen since, the most recently seen first. */
  sites(campaign: string): Promise<SiteCounts[]> {
    return this.#inTurn(async () => {
      const stored = await this.#sql.all<SiteCounts>(this.#q.select, [campaign]);
      const sites = new Map(stored.map((site) => [site.origin, site]));
      for (const [origin, pending] of this.#campaigns.get(campaign) ?? []) {
        if (pending.firstSeen === 0) continue;
        const first = new Date(pending.firstSeen).toISOString();
        const last = new Date(pending.lastSeen).toISOString();
        const site = sites.get(origin);
        sites.set(
          origin,
          site
            ? {
                origin,
                firstSeen: site.firstSeen < first ? site.firstSeen : first,
                lastSeen: site.lastSeen > last ? site.lastSeen : last,
                reads: site.reads + pending.reads,
                pledges: site.pledges + pending.pledges,
              }
            : { origin, firstSeen: first, lastSeen: last, reads: pending.reads, pledges: pending.pledges },
        );
      }
      return [...sites.values()].sort((a, b) => (a.lastSeen < b.lastSeen ? 1 : a.lastSeen > b.lastSeen ? -1 : 0));
    });
  }

  /**
   * Adds what was seen since the last flush to the table, in one transaction; kept for the next try if it
   * fails. Resolves either way (a failure is logged once per streak).
   */
  flush(): Promise<void> {
    return this.#inTurn(() => this.#flush());
  }

  async #flush(): Promise<void> {
    this.#logOverflow();
    const dirty: [string, string, Pending][] = [];
    for (const [campaign, entries] of this.#campaigns)
      for (const [origin, pending] of entries)
        if (pending.firstSeen !== 0) {
          // Taken out of memory now: what is seen while the transaction runs waits for the next flush.
          dirty.push([campaign, origin, { ...pending }]);
          Object.assign(pending, { firstSeen: 0, lastSeen: 0, reads: 0, pledges: 0 });
        }
    if (dirty.length === 0) return;
    // In key order: two instances adding to the same rows lock them in the same order (no deadlock).
    dirty.sort(([c1, o1], [c2, o2]) => (c1 < c2 || (c1 === c2 && o1 < o2) ? -1 : 1));
    const upserts = dirty.map(([campaign, origin, p]): Statement => [
      this.#q.upsert,
      [campaign, origin, new Date(p.firstSeen).toISOString(), new Date(p.lastSeen).toISOString(), p.reads, p.pledges],
    ]);
    try {
      await this.#sql.batch(upserts);
    } catch (error) {
      // Reach is a statistic: the service goes on, and the figures wait in memory for the next flush.
      if (!this.#failing) log.error('site reach could not be stored; kept in memory and retried', error);
      this.#failing = true;
      for (const [campaign, origin, p] of dirty) restore(this.#entries(campaign), origin, p);
      return;
    }
    if (this.#failing) log.info('site reach stored again', { sites: dirty.length });
    this.#failing = false;
  }

  /** One line per flush that had refusals: how many sightings of new sites were over a campaign's maximum. */
  #logOverflow(): void {
    if (this.#overflow.size === 0) return;
    log.warn('sites over the maximum per campaign: not recorded', {
      maxOriginsPerCampaign: this.#max,
      refused: Object.fromEntries(this.#overflow),
    });
    this.#overflow.clear();
  }

  /** Stops the timer and stores what is left (the service's close, before its database closes). */
  async close(): Promise<void> {
    clearInterval(this.#timer);
    // Sightings from now on are not kept (they could not be stored): the same as after close() returns.
    this.#closed = true;
    await this.flush();
  }
}

/** Puts figures a failed flush took back into memory, merged with what was seen since. */
function restore(entries: Map<string, Pending>, origin: string, taken: Pending): void {
  const entry = entries.get(origin);
  if (!entry) return;
  entry.firstSeen = entry.firstSeen === 0 ? taken.firstSeen : Math.min(entry.firstSeen, taken.firstSeen);
  entry.lastSeen = Math.max(entry.lastSeen, taken.lastSeen);
  entry.reads += taken.reads;
  entry.pledges += taken.pledges;
}
