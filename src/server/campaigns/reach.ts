/**
 * A campaign's reach ("lan tỏa" measured): which sites show its widgets, with first and last seen, reads
 * (config, counts, stream, feed) and pledges from each. Aggregated per campaign × origin, never per visitor.
 *
 * `seen()` is called by the API's guard on every cross-origin read and every 201 pledge, so it is O(1):
 * one Map lookup and a few number writes, no allocation once the site has an entry. What was seen since
 * the last flush is added to `sites` in console.sqlite every few seconds and at close (one transaction,
 * UPSERT adding the counts), so a crash loses at most those seconds of reach, never a pledge.
 */
import type { ConsoleDb, ConsoleTables } from '../store/console-db.js';
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
export const SITES_TABLES: ConsoleTables = {
  name: 'sites',
  schema: [
    `CREATE TABLE IF NOT EXISTS sites (
      campaign TEXT NOT NULL,
      origin TEXT NOT NULL,
      first_seen TEXT NOT NULL,
      last_seen TEXT NOT NULL,
      reads INTEGER NOT NULL,
      pledges INTEGER NOT NULL,
      PRIMARY KEY (campaign, origin)
    ) STRICT, WITHOUT ROWID`,
  ],
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
  readonly #db: ConsoleDb;
  readonly #max: number;
  readonly #now: () => number;
  /** campaign → origin → pending figures. Entries stay after a flush (zeroed), so a known site allocates nothing. */
  readonly #campaigns = new Map<string, Map<string, Pending>>();
  /** Sightings not recorded because their campaign had its maximum of sites, by campaign, since the last log line. */
  readonly #overflow = new Map<string, number>();
  readonly #timer: NodeJS.Timeout | undefined;
  readonly #upsert;
  readonly #select;
  #failing = false;
  #closed = false;

  constructor(
    db: ConsoleDb,
    { maxOriginsPerCampaign = 10_000, flushMs = 5_000, now = Date.now }: SiteReachOptions = {},
  ) {
    this.#db = db;
    this.#max = maxOriginsPerCampaign;
    this.#now = now;
    this.#upsert = db.prepare(
      `INSERT INTO sites (campaign, origin, first_seen, last_seen, reads, pledges) VALUES (?, ?, ?, ?, ?, ?)
       ON CONFLICT (campaign, origin) DO UPDATE SET
         first_seen = min(first_seen, excluded.first_seen), last_seen = max(last_seen, excluded.last_seen),
         reads = reads + excluded.reads, pledges = pledges + excluded.pledges`,
    );
    this.#select = db.prepare(
      'SELECT origin, first_seen AS firstSeen, last_seen AS lastSeen, reads, pledges FROM sites WHERE campaign = ?',
    );
    // Stored sites count toward the maximum, so it bounds the table across restarts too.
    for (const { campaign, origin } of db.prepare('SELECT campaign, origin FROM sites').all() as {
      campaign: string;
      origin: string;
    }[])
      this.#entries(campaign).set(origin, { firstSeen: 0, lastSeen: 0, reads: 0, pledges: 0 });
    if (flushMs > 0) {
      this.#timer = setInterval(() => this.flush(), flushMs);
      this.#timer.unref();
    }
  }

  #entries(campaign: string): Map<string, Pending> {
    let entries = this.#campaigns.get(campaign);
    if (!entries) this.#campaigns.set(campaign, (entries = new Map()));
    return entries;
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
  sites(campaign: string): SiteCounts[] {
    const sites = new Map((this.#select.all(campaign) as SiteCounts[]).map((site) => [site.origin, site]));
    for (const [origin, pending] of this.#campaigns.get(campaign) ?? []) {
      if (pending.firstSeen === 0) continue;
      const first = new Date(pending.firstSeen).toISOString();
      const last = new Date(pending.lastSeen).toISOString();
      const stored = sites.get(origin);
      sites.set(
        origin,
        stored
          ? {
              origin,
              firstSeen: stored.firstSeen < first ? stored.firstSeen : first,
              lastSeen: stored.lastSeen > last ? stored.lastSeen : last,
              reads: stored.reads + pending.reads,
              pledges: stored.pledges + pending.pledges,
            }
          : { origin, firstSeen: first, lastSeen: last, reads: pending.reads, pledges: pending.pledges },
      );
    }
    return [...sites.values()].sort((a, b) => (a.lastSeen < b.lastSeen ? 1 : a.lastSeen > b.lastSeen ? -1 : 0));
  }

  /** Adds what was seen since the last flush to the table, in one transaction; kept for the next try if it fails. */
  flush(): void {
    this.#logOverflow();
    const dirty: [string, string, Pending][] = [];
    for (const [campaign, entries] of this.#campaigns)
      for (const [origin, pending] of entries) if (pending.firstSeen !== 0) dirty.push([campaign, origin, pending]);
    if (dirty.length === 0) return;
    try {
      this.#db.transaction(() => {
        for (const [campaign, origin, p] of dirty)
          this.#upsert.run(
            campaign,
            origin,
            new Date(p.firstSeen).toISOString(),
            new Date(p.lastSeen).toISOString(),
            p.reads,
            p.pledges,
          );
      })();
    } catch (error) {
      // Reach is a statistic: the service goes on, and the figures wait in memory for the next flush.
      if (!this.#failing) log.error('site reach could not be stored; kept in memory and retried', error);
      this.#failing = true;
      return;
    }
    if (this.#failing) log.info('site reach stored again', { sites: dirty.length });
    this.#failing = false;
    for (const [, , pending] of dirty) {
      pending.firstSeen = 0;
      pending.lastSeen = 0;
      pending.reads = 0;
      pending.pledges = 0;
    }
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

  /** Stops the timer and stores what is left (the service's close, before console.sqlite closes). */
  close(): void {
    clearInterval(this.#timer);
    this.flush();
    this.#closed = true;
  }
}
