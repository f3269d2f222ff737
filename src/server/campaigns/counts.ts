/**
 * A campaign's live pledge counts (total, per unit, per choice), kept in memory (see aggregate.ts).
 */
import type { Campaign, Counts } from '../../contract/pledge.js';
import { Aggregate, type Snapshot } from './aggregate.js';
import type { Tally } from '../store/store.js';

export type CountsSnapshot = Snapshot<Counts>;

export class CampaignCounts extends Aggregate<Counts> {
  readonly #campaign: Campaign;
  readonly #units = new Map<string, number>();
  readonly #choices = new Map<string, number>();
  #total = 0;

  constructor(campaign: Campaign) {
    super();
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
    this.updatedAt = tally.lastAt;
    this.changed(null);
  }

  /** Counts one committed pledge. */
  apply(unit: string, choice: string, at: string): void {
    const unitCount = this.#units.get(unit);
    const choiceCount = this.#choices.get(choice);
    if (unitCount === undefined || choiceCount === undefined) return;
    this.#units.set(unit, unitCount + 1);
    this.#choices.set(choice, choiceCount + 1);
    this.#total += 1;
    this.changed(at);
  }

  protected get records(): number {
    return this.#total;
  }

  protected build(): Counts {
    return {
      campaign: this.#campaign.id,
      total: this.#total,
      goal: this.#campaign.goal,
      units: this.#campaign.units.map((unit) => ({
        id: unit.id,
        count: this.#units.get(unit.id) ?? 0,
        goal: unit.goal,
      })),
      choices: this.#campaign.choices.map((choice) => ({ id: choice.id, count: this.#choices.get(choice.id) ?? 0 })),
      updatedAt: this.updatedAt,
    };
  }
}
