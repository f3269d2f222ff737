/**
 * What records are posted to and read from: a campaign (pledges → counts) or a quiz (results →
 * statistics). A quiz belongs to a campaign and shares its entry: allowed origins, units and dates.
 * Built once at start-up from the campaigns file; the routes (api.ts) look scopes up here.
 */
import type { Counts } from '../../contract/pledge.js';
import type { QuizStats } from '../../contract/quiz.js';
import type { Aggregate } from './aggregate.js';
import type { CampaignEntry } from './campaigns.js';
import { CampaignCounts } from './counts.js';
import { QuizStatsAggregate } from './quiz-stats.js';

export interface Scope<T = unknown> {
  id: string;
  /** The campaign's entry (a quiz's is its campaign's): origins, units, choices, dates. */
  entry: CampaignEntry;
  /** What GET counts / stats answer, moved by every committed record of this scope. */
  aggregate: Aggregate<T>;
}

export interface CampaignScope extends Scope<Counts> {
  aggregate: CampaignCounts;
  /** The public config as JSON, and its tag. */
  configBody: string;
  configEtag: string;
}

export interface QuizScope extends Scope<QuizStats> {
  aggregate: QuizStatsAggregate;
}

export interface Scopes {
  campaigns: ReadonlyMap<string, CampaignScope>;
  quizzes: ReadonlyMap<string, QuizScope>;
}

/** Scopes with empty aggregates; the service fills them from the store before listening. */
export function createScopes(campaigns: ReadonlyMap<string, CampaignEntry>): Scopes {
  // The file is read once per process, so the start time changes whenever the config could have.
  const started = Date.now().toString(36);
  const campaignScopes = new Map<string, CampaignScope>();
  const quizScopes = new Map<string, QuizScope>();
  for (const [id, entry] of campaigns) {
    const configBody = JSON.stringify(entry.public);
    const configEtag = `"${id}-${configBody.length.toString(36)}-${started}"`;
    campaignScopes.set(id, { id, entry, aggregate: new CampaignCounts(entry.public), configBody, configEtag });
    for (const quiz of entry.quizzes)
      quizScopes.set(quiz.id, { id: quiz.id, entry, aggregate: new QuizStatsAggregate(quiz.id, entry.public) });
  }
  return { campaigns: campaignScopes, quizzes: quizScopes };
}
