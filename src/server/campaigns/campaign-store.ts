/**
 * Campaigns live in the store (console.sqlite, table `campaigns`: one JSON document per campaign with its
 * version): the console edits them, `npm run campaigns -- import` replaces them, and the running service
 * follows every change without a restart. The campaigns file only seeds an empty store.
 *
 * {@link CampaignRegistry} is the one way in: it validates every change whole (campaigns.ts), refuses a
 * stale version (409 edit_conflict) and a change that drops or re-ids a unit or choice that has pledges
 * (409 in_use), writes in one transaction, and tells its listeners (the service's scopes). Changes committed
 * by another process are found by polling SQLite's data_version every second.
 */
import Database from 'better-sqlite3';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { campaignDocSchema, type CampaignDoc } from '../../contract/admin.js';
import type { ErrorCode } from '../../contract/pledge.js';
import { isoNow } from '../clock.js';
import { log } from '../log/log.js';
import { CONSOLE_DATABASE_FILE, dataVersion, type ConsoleDb, type ConsoleTables } from '../store/console-db.js';
import { checkCampaign, type CampaignBody } from './campaigns.js';

/** One row per campaign: its document (JSON) and version, and who last changed it, when. */
export const CAMPAIGN_TABLES: ConsoleTables = [
  `CREATE TABLE IF NOT EXISTS campaigns (
    id TEXT PRIMARY KEY, doc TEXT NOT NULL, version INTEGER NOT NULL, updated_at TEXT NOT NULL, updated_by TEXT NOT NULL
  )`,
];

/** What an edit may replace: any part of a campaign but its id. */
export type CampaignChange = Partial<Omit<CampaignBody, 'id'>>;

/** Who made a change and what kind (the audit log's user and action, e.g. `campaign.units`). */
export interface Editor {
  user: string;
  action: string;
}

/** Ids of a campaign's units and choices that have records: an edit or an import may not drop them. */
export interface InUse {
  units: ReadonlySet<string>;
  choices: ReadonlySet<string>;
}

/** A change refused: the HTTP status and error code it is answered with, and the field it is about. */
export class CampaignEditError extends Error {
  override name = 'CampaignEditError';
  constructor(
    readonly status: 400 | 404 | 409,
    readonly code: ErrorCode,
    message: string,
    readonly field?: string,
  ) {
    super(message);
  }
}

/** A stored campaign without its bookkeeping. */
export function campaignBody(doc: CampaignDoc): CampaignBody {
  const body: CampaignBody & Partial<CampaignDoc> = { ...doc };
  delete body.version;
  delete body.updatedAt;
  return body;
}

/**
 * What an audit row shows of a change: the parts named by `keys` (by default, every top-level part whose value
 * differs) before and after.
 */
export function changedParts(
  before: CampaignBody,
  after: CampaignBody,
  keys: readonly string[] = Object.keys({ ...before, ...after }).filter(
    (key) => JSON.stringify(before[key as keyof CampaignBody]) !== JSON.stringify(after[key as keyof CampaignBody]),
  ),
): { before: Record<string, unknown>; after: Record<string, unknown> } {
  // A part the change removed (or added) is null on its absent side, so the row says what was cleared.
  const pick = (doc: CampaignBody) =>
    Object.fromEntries(keys.map((key) => [key, doc[key as keyof CampaignBody] ?? null]));
  return { before: pick(before), after: pick(after) };
}

/**
 * The refusal for `after` dropping (or giving another id to) a unit or choice of `before` that `used` says
 * has records, or undefined.
 */
export function droppedInUse(before: CampaignBody, after: CampaignBody, used: InUse): CampaignEditError | undefined {
  for (const [field, noun, old, now, ids] of [
    ['units', 'unit', before.units, after.units, used.units],
    ['choices', 'choice', before.choices, after.choices, used.choices],
  ] as const) {
    const kept = new Set(now.map((item) => item.id));
    const lost = old.map((item) => item.id).filter((id) => ids.has(id) && !kept.has(id));
    if (lost.length > 0)
      return new CampaignEditError(
        409,
        'in_use',
        `Campaign "${before.id}": ${noun} ${lost.map((id) => `"${id}"`).join(', ')} has pledges, so it cannot be removed or get another id${field === 'units' ? '; retire it instead' : ''}`,
        field,
      );
  }
  return undefined;
}

/**
 * Throws {@link CampaignEditError} unless `after` may replace `before`: valid beside `others` (400
 * invalid_field, naming the field) and keeping every unit and choice `used` says has records (409 in_use).
 */
export function checkReplacement(
  before: CampaignBody,
  after: CampaignBody,
  used: InUse,
  others: readonly CampaignBody[],
): void {
  const [issue] = checkCampaign(
    after,
    others.filter((other) => other.id !== after.id),
  );
  if (issue)
    throw issue.field
      ? new CampaignEditError(400, 'invalid_field', `${issue.field}: ${issue.message}`, issue.field)
      : new CampaignEditError(400, 'invalid_field', issue.message);
  const refusal = droppedInUse(before, after, used);
  if (refusal) throw refusal;
}

/**
 * What an import of whole `campaigns` writes, given the `stored` documents: each campaign that is new (version
 * 1) or differs (its next version), checked against the file's and the stored campaigns; identical ones left
 * out. Throws {@link CampaignEditError} on the first refusal, so an import is all or nothing. Shared by the
 * local store and the PostgreSQL one (store/postgres/shared-campaigns.ts).
 */
export function planImport(
  campaigns: readonly CampaignBody[],
  stored: ReadonlyMap<string, CampaignDoc>,
  inUse: (campaign: string) => InUse,
): { campaign: CampaignBody; version: number }[] {
  const others = [...campaigns, ...[...stored.values()].map(campaignBody)];
  const plan: { campaign: CampaignBody; version: number }[] = [];
  for (const campaign of campaigns) {
    const current = stored.get(campaign.id);
    const before = current && campaignBody(current);
    if (before && JSON.stringify(before) === JSON.stringify(campaign)) continue;
    if (before) checkReplacement(before, campaign, inUse(campaign.id), others);
    plan.push({ campaign, version: (current?.version ?? 0) + 1 });
  }
  return plan;
}

/**
 * True when the data folder's console database has no campaign yet (or does not exist): the campaigns file
 * must seed it. Reads without creating anything, so a bad file stops the start before any database exists.
 */
export function storeNeedsSeed(dataDir: string): boolean {
  const file = join(dataDir, CONSOLE_DATABASE_FILE);
  if (!existsSync(file)) return true;
  const db = new Database(file, { readonly: true, fileMustExist: true });
  try {
    const table = db.prepare(`SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'campaigns'`).get();
    return !table || db.prepare('SELECT 1 FROM campaigns LIMIT 1').get() === undefined;
  } finally {
    db.close();
  }
}

interface Row {
  id: string;
  doc: string;
  version: number;
}

export interface RegistryOptions {
  /** The units and choices of a campaign that have records now (the service: its in-memory counts). */
  inUse?: (campaign: string) => InUse;
  /** How often to look for changes committed by another process (ms); 0: never (a one-shot tool). */
  pollMs?: number;
}

export class CampaignRegistry {
  readonly #db: ConsoleDb;
  readonly #inUse: (campaign: string) => InUse;
  readonly #docs = new Map<string, CampaignDoc>();
  readonly #listeners = new Set<(doc: CampaignDoc) => void>();
  readonly #timer: NodeJS.Timeout | undefined;
  #dataVersion: number;

  constructor(db: ConsoleDb, options: RegistryOptions = {}) {
    this.#db = db;
    this.#inUse = options.inUse ?? (() => ({ units: new Set(), choices: new Set() }));
    this.#dataVersion = dataVersion(db);
    for (const doc of this.#read()) this.#docs.set(doc.id, doc);
    const pollMs = options.pollMs ?? 1000;
    if (pollMs > 0) {
      this.#timer = setInterval(() => this.poll(), pollMs);
      this.#timer.unref();
    }
  }

  /** Every campaign, in the order they were first stored. */
  list(): CampaignDoc[] {
    return [...this.#docs.values()];
  }

  get(id: string): CampaignDoc | undefined {
    return this.#docs.get(id);
  }

  /** Calls `listener` with every campaign added or changed, by this process or another; returns the unsubscribe. */
  onChange(listener: (doc: CampaignDoc) => void): () => void {
    this.#listeners.add(listener);
    return () => this.#listeners.delete(listener);
  }

  /** Stores the campaigns of a campaigns file when the store has none; true when it did. */
  seed(campaigns: readonly CampaignBody[], who: Editor): boolean {
    const seeded = this.#db
      .transaction(() => {
        if (this.#db.prepare('SELECT 1 FROM campaigns LIMIT 1').get() !== undefined) return [];
        return campaigns.map((campaign) => this.#write(campaign, 1, who));
      })
      .immediate();
    for (const doc of seeded) this.#changed(doc);
    return seeded.length > 0;
  }

  /**
   * Applies `change` to campaign `id` as of `version` (the version the editor read) and returns the new
   * document. Throws {@link CampaignEditError}: 404 unknown_campaign, 409 edit_conflict (another change came
   * first), 400 invalid_field (naming the field), 409 in_use (a unit or choice with pledges left out).
   */
  // Async like the other console stores, so a PostgreSQL implementation fits the same callers.
  async update(id: string, version: number, change: CampaignChange, who: Editor): Promise<CampaignDoc> {
    const doc = this.#db
      .transaction(() => {
        // From the database, not memory: another process may have changed it within the last second.
        const current = this.#row(id);
        if (!current) throw new CampaignEditError(404, 'unknown_campaign', `No campaign "${id}"`);
        return this.#write(this.applyChange(current, version, change), current.version + 1, who);
      })
      .immediate();
    this.#changed(doc);
    return doc;
  }

  /**
   * `current` with `change` applied, checked: the editor read `version` (else 409 edit_conflict), the result
   * is valid (400 invalid_field) and keeps every unit and choice that has records (409 in_use). For
   * {@link update} and a shared store's own update (store/postgres/shared-campaigns.ts).
   */
  protected applyChange(current: CampaignDoc, version: number, change: CampaignChange): CampaignBody {
    const { id } = current;
    if (current.version !== version)
      throw new CampaignEditError(
        409,
        'edit_conflict',
        `Campaign "${id}" changed since version ${version} (now ${current.version}): reload it and edit again`,
        'version',
      );
    const before = campaignBody(current);
    // A part the change sets to undefined is removed (an optional text cleared in the console).
    const merged = Object.entries({ ...before, ...change, id }).filter(([, value]) => value !== undefined);
    const after = Object.fromEntries(merged) as CampaignBody;
    this.#check(before, after, this.#inUse(id));
    return after;
  }

  /**
   * Takes `doc` as it is, version included, when this store holds another version of it: a change made
   * elsewhere (another instance, through the shared database). True when it was taken.
   */
  adopt(doc: CampaignDoc, who: Editor): boolean {
    if (this.#docs.get(doc.id)?.version === doc.version) return false;
    this.#put(doc, who);
    this.#changed(doc);
    return true;
  }

  /**
   * Stores whole campaigns (an import): new ones at version 1, changed ones replaced at their next version,
   * identical ones left as they are; all or none. `inUse` says what has records (the import reads the
   * pledges database). Returns the campaigns written.
   */
  replace(campaigns: readonly CampaignBody[], who: Editor, inUse: (campaign: string) => InUse): CampaignDoc[] {
    const written = this.#db
      .transaction(() => {
        const stored = new Map(this.#read().map((doc) => [doc.id, doc]));
        return planImport(campaigns, stored, inUse).map(({ campaign, version }) => this.#write(campaign, version, who));
      })
      .immediate();
    for (const doc of written) this.#changed(doc);
    return written;
  }

  /** Picks up changes another process committed (import, another instance); runs every second by itself. */
  poll(): void {
    const version = dataVersion(this.#db);
    if (version === this.#dataVersion) return;
    this.#dataVersion = version;
    for (const doc of this.#read()) if (this.#docs.get(doc.id)?.version !== doc.version) this.#changed(doc);
  }

  /** Stops polling (the database is its opener's to close). */
  close(): void {
    clearInterval(this.#timer);
  }

  #check(before: CampaignBody, after: CampaignBody, used: InUse): void {
    checkReplacement(before, after, used, [...this.#docs.values()].map(campaignBody));
  }

  #row(id: string): CampaignDoc | undefined {
    const row = this.#db.prepare('SELECT id, doc, version FROM campaigns WHERE id = ?').get(id) as Row | undefined;
    return row && this.#parse(row);
  }

  /** Every stored campaign that is valid; a damaged row is logged and left out (the last good one stays in use). */
  #read(): CampaignDoc[] {
    const rows = this.#db.prepare('SELECT id, doc, version FROM campaigns ORDER BY rowid').all() as Row[];
    return rows.map((row) => this.#parse(row)).filter((doc) => doc !== undefined);
  }

  #parse(row: Row): CampaignDoc | undefined {
    let data: unknown;
    try {
      data = JSON.parse(row.doc);
    } catch {
      data = undefined;
    }
    const parsed = campaignDocSchema.safeParse(data);
    if (parsed.success && parsed.data.version === row.version) return parsed.data;
    log.error('campaign in the store is damaged; ignored', undefined, {
      campaign: row.id,
      problem: parsed.success ? 'version mismatch' : parsed.error.issues[0]?.path.join('.'),
    });
    return undefined;
  }

  #write(campaign: CampaignBody, version: number, who: Editor): CampaignDoc {
    const doc: CampaignDoc = { ...campaign, version, updatedAt: isoNow() };
    this.#put(doc, who);
    return doc;
  }

  #put(doc: CampaignDoc, who: Editor): void {
    const { version } = doc;
    this.#db
      .prepare(
        `INSERT INTO campaigns (id, doc, version, updated_at, updated_by) VALUES (@id, @doc, @version, @at, @by)
         ON CONFLICT (id) DO UPDATE SET doc = @doc, version = @version, updated_at = @at, updated_by = @by`,
      )
      .run({ id: doc.id, doc: JSON.stringify(doc), version, at: doc.updatedAt, by: `${who.user} (${who.action})` });
  }

  #changed(doc: CampaignDoc): void {
    this.#docs.set(doc.id, doc);
    for (const listener of this.#listeners) {
      try {
        listener(doc);
      } catch (error) {
        log.error('campaign change listener failed', error, { campaign: doc.id });
      }
    }
  }
}
