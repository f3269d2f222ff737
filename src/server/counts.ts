/**
 * Live counts, kept in memory so GET /counts costs no SQL: loaded from the store at start-up and
 * moved by each committed pledge. The JSON body and its ETag are built once per change and reused
 * by every read until the next change.
 */
import type { Campaign, Counts } from '../contract/pledge.js';
import type { Tally } from './store.js';

export interface CountsSnapshot {
  value: Counts;
  /** `value` as JSON, ready to send. */
  body: string;
  /** Bytes of `body` in UTF-8. */
  length: number;
  /** Strong ETag of `body`. */
  etag: string;
}

export class CampaignCounts {
  readonly #campaign: Campaign;
  readonly #units = new Map<string, number>();
  readonly #choices = new Map<string, number>();
  #total = 0;
  #updatedAt: string | null = null;
  #snapshot: CountsSnapshot | null = null;
  readonly #listeners = new Set<() => void>();

  constructor(campaign: Campaign) {
    this.#campaign = campaign;
    this.reset({ rows: [], lastAt: null });
  }

  /**
   * Replaces the counts with a tally from the store. Rows of units or choices no longer in the
   * campaigns file are left out, so the total always equals the sum of the units shown.
   */
  reset(tally: Tally): void {
    for (const unit of this.#campaign.units) this.#units.set(unit.id, 0);
    for (const choice of this.#campaign.choices) this.#choices.set(choice.id, 0);
    this.#total = 0;
    for (const row of tally.rows) {
      if (!this.#units.has(row.unit) || !this.#choices.has(row.choice)) continue;
      this.#units.set(row.unit, (this.#units.get(row.unit) ?? 0) + row.count);
      this.#choices.set(row.choice, (this.#choices.get(row.choice) ?? 0) + row.count);
      this.#total += row.count;
    }
    this.#updatedAt = tally.lastAt;
    this.#changed();
  }

  /** Counts one committed pledge. */
  apply(unit: string, choice: string, at: string): void {
    const unitCount = this.#units.get(unit);
    const choiceCount = this.#choices.get(choice);
    if (unitCount === undefined || choiceCount === undefined) return;
    this.#units.set(unit, unitCount + 1);
    this.#choices.set(choice, choiceCount + 1);
    this.#total += 1;
    if (this.#updatedAt === null || at > this.#updatedAt) this.#updatedAt = at;
    this.#changed();
  }

  snapshot(): CountsSnapshot {
    if (this.#snapshot) return this.#snapshot;
    const value: Counts = {
      campaign: this.#campaign.id,
      total: this.#total,
      goal: this.#campaign.goal,
      units: this.#campaign.units.map((unit) => ({ id: unit.id, count: this.#units.get(unit.id) ?? 0, goal: unit.goal })),
      choices: this.#campaign.choices.map((choice) => ({ id: choice.id, count: this.#choices.get(choice.id) ?? 0 })),
      updatedAt: this.#updatedAt,
    };
    // Total plus last-pledge time identify the state (pledges are only ever added), and unlike a
    // process-local version number they agree between instances sharing one database.
    const etag = `"${this.#total.toString(36)}-${this.#updatedAt ? Date.parse(this.#updatedAt).toString(36) : '0'}"`;
    const body = JSON.stringify(value);
    this.#snapshot = { value, body, length: Buffer.byteLength(body), etag };
    return this.#snapshot;
  }

  /** Calls `listener` after every change; returns the unsubscribe function. */
  onChange(listener: () => void): () => void {
    this.#listeners.add(listener);
    return () => this.#listeners.delete(listener);
  }

  #changed(): void {
    this.#snapshot = null;
    for (const listener of this.#listeners) listener();
  }
}
