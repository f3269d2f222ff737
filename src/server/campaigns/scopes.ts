/**
 * What records are posted to and read from: a campaign (pledges → counts) or a quiz (results →
 * statistics). A quiz belongs to a campaign and shares its entry: embedding policy, units and dates.
 * Built at start-up from the campaign registry and kept in step with it ({@link followRegistry}): an edit
 * replaces a scope's entry, config and feed in place and reconfigures its aggregates, so the routes
 * (api.ts), the stream and the pages, which look scopes up per request, serve the new campaign at once.
 */
import { createHash } from 'node:crypto';
import type { CampaignDoc } from '../../contract/admin.js';
import type { Counts } from '../../contract/pledge.js';
import type { QuizStats } from '../../contract/quiz.js';
import type { RecordStore } from '../store/store.js';
import type { Aggregate } from './aggregate.js';
import type { CampaignRegistry } from './campaign-store.js';
import { campaignEntry, type CampaignEntry } from './campaigns.js';
import { CampaignCounts } from './counts.js';
import { QuizStatsAggregate } from './quiz-stats.js';

export interface Scope<T = unknown> {
  id: string;
  /** The campaign's entry (a quiz's is its campaign's): origins, units, choices, dates. */
  entry: CampaignEntry;
  /** What GET counts / stats answer, moved by every committed record of this scope. */
  aggregate: Aggregate<T>;
}

/** A JSON body served as it is, and its strong ETag. */
export interface Published {
  body: string;
  etag: string;
}

export interface CampaignScope extends Scope<Counts> {
  aggregate: CampaignCounts;
  /** The public config (GET /api/v1/campaigns/:campaign). */
  config: Published;
  /** The banner's messages (GET /api/v1/campaigns/:campaign/feed). */
  feed: Published;
}

export interface QuizScope extends Scope<QuizStats> {
  aggregate: QuizStatsAggregate;
}

export interface Scopes {
  campaigns: Map<string, CampaignScope>;
  quizzes: Map<string, QuizScope>;
}

/** `value` as JSON with an ETag made of its content, so every instance and every restart agrees on it. */
function publish(value: unknown): Published {
  const body = JSON.stringify(value);
  return { body, etag: `"${createHash('sha256').update(body).digest('base64url').slice(0, 16)}"` };
}

/** What a campaign document publishes: its entry, config and feed. */
function published(doc: CampaignDoc): { entry: CampaignEntry; config: Published; feed: Published } {
  const entry = campaignEntry(doc);
  return { entry, config: publish(entry.public), feed: publish({ messages: doc.messages }) };
}

function campaignScope(doc: CampaignDoc): CampaignScope {
  const { entry, config, feed } = published(doc);
  return { id: doc.id, entry, config, feed, aggregate: new CampaignCounts(entry.public, config.etag) };
}

function quizScopes(scope: CampaignScope): QuizScope[] {
  return scope.entry.quizzes.map((quiz) => {
    const aggregate = new QuizStatsAggregate(quiz.id, scope.entry.public);
    aggregate.reconfigure(scope.entry.public, scope.config.etag);
    return { id: quiz.id, entry: scope.entry, aggregate };
  });
}

/** Scopes of `campaigns` with empty aggregates; the service fills them from the store before listening. */
export function createScopes(campaigns: readonly CampaignDoc[]): Scopes {
  const scopes: Scopes = { campaigns: new Map(), quizzes: new Map() };
  for (const doc of campaigns) {
    const scope = campaignScope(doc);
    scopes.campaigns.set(doc.id, scope);
    for (const quiz of quizScopes(scope)) scopes.quizzes.set(quiz.id, quiz);
  }
  return scopes;
}

export interface FollowDeps {
  store: RecordStore;
  /** Called with a new campaign's scope once its counts are loaded (the stream hub adds its channel). */
  added: (scope: CampaignScope) => void;
}

/** Keeps `scopes` in step with the registry's campaigns; returns the unsubscribe. */
export function followRegistry(registry: CampaignRegistry, scopes: Scopes, { store, added }: FollowDeps): () => void {
  const loadQuiz = async (quiz: QuizScope) => {
    quiz.aggregate.reset(await store.quizTally(quiz.id));
    scopes.quizzes.set(quiz.id, quiz);
  };
  return registry.onChange((doc) => {
    const scope = scopes.campaigns.get(doc.id);
    if (!scope) {
      // A new campaign: served once its counts are read (a record could not be counted before).
      const fresh = campaignScope(doc);
      void store.tally(doc.id).then((tally) => {
        fresh.aggregate.reset(tally);
        scopes.campaigns.set(doc.id, fresh);
        added(fresh);
        for (const quiz of quizScopes(fresh)) void loadQuiz(quiz);
      });
      return;
    }
    Object.assign(scope, published(doc));
    scope.aggregate.reconfigure(scope.entry.public, scope.config.etag);
    const quizzes = new Set(scope.entry.quizzes.map((quiz) => quiz.id));
    for (const [id, quiz] of scopes.quizzes)
      if (quiz.entry.public.id === doc.id && !quizzes.has(id)) scopes.quizzes.delete(id);
    for (const id of quizzes) {
      const quiz = scopes.quizzes.get(id);
      if (!quiz) {
        const aggregate = new QuizStatsAggregate(id, scope.entry.public);
        aggregate.reconfigure(scope.entry.public, scope.config.etag);
        void loadQuiz({ id, entry: scope.entry, aggregate });
      } else {
        quiz.entry = scope.entry;
        quiz.aggregate.reconfigure(scope.entry.public, scope.config.etag);
      }
    }
  });
}
