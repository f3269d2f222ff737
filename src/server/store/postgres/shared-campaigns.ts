/**
 * Campaigns shared by every instance on one PostgreSQL database (table `campaigns`, migration 2), so a
 * console edit made through any instance reaches all of them: config, feed, counts and streams follow it
 * as they follow a local edit. The registry works as before on its local copy (console.sqlite), which
 * the routes and scopes read from memory; this subclass makes PostgreSQL the source:
 *
 * - an edit is one PostgreSQL transaction: the row locked (`FOR UPDATE`), its version checked (409
 *   edit_conflict when another instance changed it first), the change checked as a local edit is, the row
 *   written with the next version and `NOTIFY lantoa_campaigns`, COMMIT; then taken into the local copy;
 * - every instance LISTENs and, on a notice, reads the versions and takes the documents it lacks; the same
 *   check runs every few seconds and after a reconnect, so a notice missed while disconnected costs a
 *   few seconds, never a wrong campaign (versions only grow; taking one is idempotent).
 *
 * At the first start on an empty shared table, the campaigns this instance holds (seeded from its
 * campaigns file) are shared; a campaign only one instance's folder holds is added; from then on the
 * shared version wins. Accounts, sessions, the audit log and the sites reached are shared too (console-sql.ts).
 *
 * {@link SharedCampaignTable} is the same table for a one-shot tool: `npm run campaigns` with DATABASE_URL.
 */
import pg from 'pg';
import { campaignDocSchema, type CampaignDoc } from '../../../contract/admin.js';
import { isoNow } from '../../clock.js';
import {
  campaignBody,
  CampaignEditError,
  CampaignRegistry,
  planImport,
  type CampaignChange,
  type Editor,
  type InUse,
} from '../../campaigns/campaign-store.js';
import type { CampaignBody } from '../../campaigns/campaigns.js';
import { log } from '../../log/log.js';
import { listen } from './deltas.js';
import { migrate } from './migrations.js';
import { pooledTransaction } from './transaction.js';

const CHANNEL = 'lantoa_campaigns';

/** A campaign not shared yet, as it is; one already there stays (rowCount 0). */
const INSERT_NEW =
  'INSERT INTO campaigns (id, doc, version, updated_by) VALUES ($1, $2, $3, $4) ON CONFLICT (id) DO NOTHING';

/** How often the versions are compared with the shared table besides the notices. */
const CHECK_MS = 5000;

interface SharedRow {
  id: string;
  doc: string;
  updated_by: string;
}

const describe = (error: unknown) => (error instanceof Error ? error.message : String(error));

/** A stored document, or undefined (logged) when the row is not a valid campaign. */
function parse(row: SharedRow): CampaignDoc | undefined {
  try {
    return campaignDocSchema.parse(JSON.parse(row.doc));
  } catch (error) {
    log.error('campaign in the shared database is damaged; ignored', undefined, {
      campaign: row.id,
      error: describe(error),
    });
    return undefined;
  }
}

export class SharedCampaignRegistry extends CampaignRegistry {
  #pool: pg.Pool | undefined;
  #listener: pg.Client | undefined;
  #url = '';
  #timer: NodeJS.Timeout | undefined;
  #relisten: NodeJS.Timeout | undefined;
  #closed = false;

  /** Connects to the shared table (already migrated by the record store), shares or takes the campaigns, listens. */
  async share(url: string, checkMs = CHECK_MS): Promise<void> {
    this.#url = url;
    this.#pool = new pg.Pool({
      connectionString: url,
      max: 2,
      options: '-c synchronous_commit=on',
      connectionTimeoutMillis: 2000,
    });
    this.#pool.on('error', (error) =>
      log.warn('PostgreSQL (campaigns): idle connection lost', { error: describe(error) }),
    );
    for (const doc of this.list())
      await this.#pool.query(INSERT_NEW, [doc.id, JSON.stringify(doc), doc.version, 'service (campaign.share)']);
    await this.#pull();
    await this.#listen();
    this.#timer = setInterval(() => void this.#pull().catch(() => undefined), checkMs);
    this.#timer.unref();
  }

  override async update(id: string, version: number, change: CampaignChange, who: Editor): Promise<CampaignDoc> {
    const pool = this.#pool;
    if (!pool) return super.update(id, version, change, who);
    const doc = await pooledTransaction(pool, async (client) => {
      const { rows } = await client.query<SharedRow>(
        'SELECT id, doc, updated_by FROM campaigns WHERE id = $1 FOR UPDATE',
        [id],
      );
      const current = rows[0] && parse(rows[0]);
      if (!current) throw new CampaignEditError(404, 'unknown_campaign', `No campaign "${id}"`);
      const next: CampaignDoc = {
        ...this.applyChange(current, version, change),
        version: current.version + 1,
        updatedAt: isoNow(),
      };
      await client.query(
        'UPDATE campaigns SET doc = $2, version = $3, updated_at = now(), updated_by = $4 WHERE id = $1',
        [id, JSON.stringify(next), next.version, `${who.user} (${who.action})`],
      );
      await client.query('SELECT pg_notify($1, $2)', [CHANNEL, id]);
      return next;
    });
    this.adopt(doc, who);
    return doc;
  }

  /** Takes every shared document whose version this instance does not hold. */
  async #pull(): Promise<void> {
    const pool = this.#pool;
    if (!pool || this.#closed) return;
    const { rows } = await pool.query<{ id: string; version: number }>('SELECT id, version FROM campaigns');
    const stale = rows.filter((row) => this.get(row.id)?.version !== row.version).map((row) => row.id);
    if (stale.length === 0) return;
    const docs = await pool.query<SharedRow>('SELECT id, doc, updated_by FROM campaigns WHERE id = ANY($1::text[])', [
      stale,
    ]);
    for (const row of docs.rows) {
      const doc = parse(row);
      if (doc) this.adopt(doc, { user: row.updated_by, action: 'from the shared database' });
    }
  }

  async #listen(): Promise<void> {
    const client = new pg.Client({ connectionString: this.#url, connectionTimeoutMillis: 2000 });
    const lost = () => {
      if (this.#listener !== client) return;
      this.#listener = undefined;
      void client.end().catch(() => undefined);
      this.#scheduleRelisten();
    };
    client.on('error', lost);
    client.on('end', lost);
    client.on('notification', () => void this.#pull().catch(() => undefined));
    await listen(client, CHANNEL);
    this.#listener = client;
  }

  #scheduleRelisten(): void {
    if (this.#closed || this.#relisten) return;
    this.#relisten = setTimeout(() => {
      this.#relisten = undefined;
      this.#listen().then(
        () => void this.#pull().catch(() => undefined),
        () => this.#scheduleRelisten(),
      );
    }, 1000);
  }

  override close(): void {
    super.close();
    if (this.#closed) return;
    this.#closed = true;
    clearInterval(this.#timer);
    clearTimeout(this.#relisten);
    const listener = this.#listener;
    this.#listener = undefined;
    void listener?.end().catch(() => undefined);
    void this.#pool?.end().catch(() => undefined);
  }
}

/** `work` in one transaction on `client`: committed when it returns, rolled back when it throws. */
async function inTransaction<T>(client: pg.ClientBase, work: () => Promise<T>): Promise<T> {
  await client.query('BEGIN');
  try {
    const result = await work();
    await client.query('COMMIT');
    return result;
  } catch (error) {
    await client.query('ROLLBACK').catch(() => undefined);
    throw error;
  }
}

/** What the campaigns of `ids` have records for in the shared ledger, read in `client`'s transaction. */
async function recordsFor(client: pg.ClientBase, stored: ReadonlyMap<string, CampaignDoc>, ids: string[]) {
  const used = new Map<string, InUse>();
  for (const id of ids) {
    const quizzes = (stored.get(id)?.quizzes ?? []).map((quiz) => quiz.id);
    const pledged = await client.query<{ unit: string; choice: string }>(
      'SELECT DISTINCT unit, choice FROM pledges WHERE campaign = $1',
      [id],
    );
    const scored = await client.query<{ unit: string }>(
      'SELECT DISTINCT unit FROM quiz_results WHERE quiz = ANY($1::text[])',
      [quizzes],
    );
    used.set(id, {
      units: new Set([...pledged.rows.map((row) => row.unit), ...scored.rows.map((row) => row.unit)]),
      choices: new Set(pledged.rows.map((row) => row.choice)),
    });
  }
  return (id: string): InUse => used.get(id) ?? { units: new Set(), choices: new Set() };
}

/**
 * The shared campaigns table for a tool that is not an instance (`npm run campaigns` with DATABASE_URL): it
 * reads the shared documents, and imports whole campaigns as the console edits one, so every running
 * instance takes them at once (NOTIFY) and none puts back its older local copy.
 */
export class SharedCampaignTable {
  readonly #client: pg.Client;

  private constructor(client: pg.Client) {
    this.#client = client;
  }

  /** Connects and applies the migrations (as an instance would at start), so a new database works too. */
  static async open(url: string): Promise<SharedCampaignTable> {
    const client = new pg.Client({ connectionString: url, options: '-c synchronous_commit=on' });
    await client.connect();
    try {
      await migrate(client);
    } catch (error) {
      await client.end().catch(() => undefined);
      throw error;
    }
    return new SharedCampaignTable(client);
  }

  /** Every valid shared campaign, by id. */
  async list(): Promise<CampaignDoc[]> {
    const { rows } = await this.#client.query<SharedRow>('SELECT id, doc, updated_by FROM campaigns ORDER BY id');
    return rows.map(parse).filter((doc) => doc !== undefined);
  }

  /**
   * An import: one transaction in which every shared row is locked (`FOR UPDATE`, as a console edit locks its
   * row), the file checked against them and against the units, choices and quiz units that have records in
   * the shared ledger, each changed campaign written at the next version of the row it locked (a new one
   * inserted at 1; one another process created meanwhile is 409 edit_conflict), `NOTIFY lantoa_campaigns`,
   * COMMIT. All or nothing; returns the campaigns written. A console editor who read the version before is
   * then refused (409 edit_conflict) rather than overwriting the import.
   */
  async replace(campaigns: readonly CampaignBody[], who: Editor): Promise<CampaignDoc[]> {
    const client = this.#client;
    return inTransaction(client, async () => {
      const locked = await client.query<SharedRow>('SELECT id, doc, updated_by FROM campaigns ORDER BY id FOR UPDATE');
      const stored = new Map(
        locked.rows
          .map(parse)
          .filter((doc) => doc !== undefined)
          .map((doc) => [doc.id, doc]),
      );
      const existing = campaigns.map((campaign) => campaign.id).filter((id) => stored.has(id));
      const plan = planImport(campaigns, stored, await recordsFor(client, stored, existing));
      const written: CampaignDoc[] = [];
      for (const { campaign, version } of plan) {
        const doc: CampaignDoc = { ...campaign, version, updatedAt: isoNow() };
        const args = [doc.id, JSON.stringify(doc), doc.version, `${who.user} (${who.action})`];
        const { rowCount } =
          version === 1
            ? await client.query(INSERT_NEW, args)
            : await client.query(
                'UPDATE campaigns SET doc = $2, version = $3, updated_at = now(), updated_by = $4 WHERE id = $1',
                args,
              );
        if (rowCount !== 1)
          throw new CampaignEditError(
            409,
            'edit_conflict',
            `Campaign "${doc.id}" was created by another process during this import: import again`,
          );
        await client.query('SELECT pg_notify($1, $2)', [CHANNEL, doc.id]);
        written.push(doc);
      }
      return written;
    });
  }

  /**
   * Adds the campaigns PostgreSQL lacks, as they are (version included), with NOTIFY, in one transaction; one
   * it has already is left as it is there (a data folder moved in: see move-ledger.ts). Returns the ids
   * added, and those already there with a different document.
   */
  async add(docs: readonly CampaignDoc[], who: Editor): Promise<{ added: string[]; differing: CampaignDoc[] }> {
    const client = this.#client;
    const added: string[] = [];
    await inTransaction(client, async () => {
      for (const doc of docs) {
        const { rowCount } = await client.query(INSERT_NEW, [
          doc.id,
          JSON.stringify(doc),
          doc.version,
          `${who.user} (${who.action})`,
        ]);
        if (rowCount !== 1) continue;
        added.push(doc.id);
        await client.query('SELECT pg_notify($1, $2)', [CHANNEL, doc.id]);
      }
    });
    const shared = new Map((await this.list()).map((doc) => [doc.id, campaignBody(doc)]));
    const differing = docs.filter(
      (doc) => !added.includes(doc.id) && JSON.stringify(shared.get(doc.id)) !== JSON.stringify(campaignBody(doc)),
    );
    return { added, differing };
  }

  close(): Promise<void> {
    return this.#client.end();
  }
}
