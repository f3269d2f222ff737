/**
 * A quiz's live statistics (participants and average score, in all and per unit), kept in memory
 * (see aggregate.ts). The average is the mean of score/total, so quizzes of different lengths (or a
 * quiz whose question set changed) weigh every participant alike.
 */
import type { Campaign } from '../../contract/pledge.js';
import type { QuizStats } from '../../contract/quiz.js';
import { Aggregate } from './aggregate.js';
import type { QuizTally } from '../store/store.js';

interface UnitStats {
  participants: number;
  /** Sum of score/total over the unit's results, in billionths (see {@link scoreNanos}). */
  scoreNanos: number;
}

/**
 * score/total in billionths, rounded: an integer, so sums are exact and the sum kept in memory equals
 * the one SQLite computes at start-up (sqlite-tables.ts rounds the same way), bit for bit.
 */
export function scoreNanos(score: number, total: number): number {
  return Math.round((score * 1e9) / total);
}

/** A mean fraction rounded to 4 decimals (0.8333), 0 with no participants. */
function average({ participants, scoreNanos: sum }: UnitStats): number {
  return participants === 0 ? 0 : Math.round((sum / participants) * 1e-5) / 10_000;
}

export class QuizStatsAggregate extends Aggregate<QuizStats> {
  readonly #quiz: string;
  #campaign: Campaign;
  #units = new Map<string, UnitStats>();
  #all: UnitStats = { participants: 0, scoreNanos: 0 };

  constructor(quiz: string, campaign: Campaign) {
    super();
    this.#quiz = quiz;
    this.#campaign = campaign;
    this.reset({ rows: [], lastAt: null });
  }

  /** Replaces the statistics with a tally from the store; units no longer in the campaign are left out. */
  reset(tally: QuizTally): void {
    for (const unit of this.#campaign.units) this.#units.set(unit.id, { participants: 0, scoreNanos: 0 });
    this.#all = { participants: 0, scoreNanos: 0 };
    for (const row of tally.rows) {
      const unit = this.#units.get(row.unit);
      if (!unit) continue;
      unit.participants += row.participants;
      unit.scoreNanos += row.scoreNanos;
      this.#all.participants += row.participants;
      this.#all.scoreNanos += row.scoreNanos;
    }
    this.updatedAt = tally.lastAt;
    this.changed(null);
  }

  /** The campaign was edited: same results, its new units (at 0) and names. */
  reconfigure(campaign: Campaign, config: string): void {
    const old = this.#units;
    this.#campaign = campaign;
    this.#units = new Map(
      campaign.units.map((unit) => [unit.id, old.get(unit.id) ?? { participants: 0, scoreNanos: 0 }]),
    );
    this.#all = { participants: 0, scoreNanos: 0 };
    for (const stats of this.#units.values()) {
      this.#all.participants += stats.participants;
      this.#all.scoreNanos += stats.scoreNanos;
    }
    this.configTag = `-${config.replace(/"/g, '')}`;
    this.changed(null);
  }

  /** Ids of the units that have results (an edit may not drop or rename them). */
  used(): Set<string> {
    return new Set([...this.#units].filter(([, stats]) => stats.participants > 0).map(([id]) => id));
  }

  /** Counts one committed result. */
  apply(unit: string, score: number, total: number, at: string): void {
    const stats = this.#units.get(unit);
    if (!stats) return;
    const nanos = scoreNanos(score, total);
    stats.participants += 1;
    stats.scoreNanos += nanos;
    this.#all.participants += 1;
    this.#all.scoreNanos += nanos;
    this.changed(at);
  }

  protected get records(): number {
    return this.#all.participants;
  }

  protected build(): QuizStats {
    return {
      quiz: this.#quiz,
      campaign: this.#campaign.id,
      participants: this.#all.participants,
      averageScore: average(this.#all),
      units: this.#campaign.units.map((unit) => {
        const stats = this.#units.get(unit.id) ?? { participants: 0, scoreNanos: 0 };
        return { id: unit.id, name: unit.name, participants: stats.participants, averageScore: average(stats) };
      }),
      updatedAt: this.updatedAt,
    };
  }
}
