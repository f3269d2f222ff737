/**
 * A campaign's live pledge counts (total, per unit, per choice), kept in memory (see aggregate.ts). An edit
 * of the campaign (reconfigure) keeps every tally: new units and choices start at 0, new goals show at once.
 */
import type { Campaign, Counts } from '../../contract/pledge.js';
import { Aggregate, type Snapshot } from './aggregate.js';
import type { Tally } from '../store/store.js';

export type CountsSnapshot = Snapshot<Counts>;

export class CampaignCounts extends Aggregate<Counts> {
  #campaign: Campaign;
  /** The campaign config's ETag these counts go with (sent as `config`), when known. */
  #config: string | undefined;
  #units = new Map<string, number>();
  #choices = new Map<string, number>();
  #total = 0;

  constructor(campaign: Campaign, config?: string) {
    super();
    this.#campaign = campaign;
    this.#setConfig(config);
    this.reset({ rows: [], lastAt: null });
  }

  /**
   * Replaces the counts with a tally from the store. Rows of units or choices no longer in the
   * campaign are left out, so the total always equals the sum of the units shown.
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

  /**
   * The campaign was edited: same tallies, the new units, choices and goals. (The edit rules keep every
   * unit and choice that has pledges, so the total stays the sum of the units shown.)
   */
  reconfigure(campaign: Campaign, config: string): void {
    const keep = (ids: { id: string }[], old: Map<string, number>) =>
      new Map(ids.map(({ id }) => [id, old.get(id) ?? 0]));
    this.#campaign = campaign;
    this.#units = keep(campaign.units, this.#units);
    this.#choices = keep(campaign.choices, this.#choices);
    this.#total = [...this.#units.values()].reduce((sum, count) => sum + count, 0);
    this.#setConfig(config);
    this.changed(null);
  }

  /** Ids of the units and choices that have pledges (an edit may not drop or rename them). */
  used(): { units: Set<string>; choices: Set<string> } {
    const counted = (counts: Map<string, number>) =>
      new Set([...counts].filter(([, count]) => count > 0).map(([id]) => id));
    return { units: counted(this.#units), choices: counted(this.#choices) };
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

  #setConfig(config: string | undefined): void {
    this.#config = config;
    this.configTag = config === undefined ? '' : `-${config.replace(/"/g, '')}`;
  }

  protected get records(): number {
    return this.#total;
  }

  protected build(): Counts {
    const counts: Counts = {
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
    if (this.#config !== undefined) counts.config = this.#config;
    return counts;
  }
}
