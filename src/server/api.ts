/**
 * The pledge and quiz API, mounted at /api/v1. Request and response bodies are the contract's
 * (src/contract/pledge.ts, src/contract/quiz.ts). Every route of a campaign or quiz passes the same
 * guard: scope (404) → origin (403) → preflight → rate (429). Pledges and quiz results are then one
 * mechanism with two uses (intake.ts); counts and quiz stats are in-memory aggregates (aggregate.ts),
 * usually answered by the fast reads (fast-reads.ts) before reaching here.
 */
import type { HttpBindings } from '@hono/node-server';
import { Hono, type MiddlewareHandler } from 'hono';
import { pledgeRequestSchema, type ErrorCode, type PledgeRequest } from '../contract/pledge.js';
import { quizResultRequestSchema, type QuizResultRequest } from '../contract/quiz.js';
import { allowedOrigin, snapshotReply, withCors } from './access.js';
import { fail, header, JSON_TYPE, notModified, respond } from './http.js';
import { intakeHandler, type Intake } from './intake.js';
import { clientKey, type RateLimiter } from './rate-limit.js';
import type { CampaignScope, QuizScope, Scope, Scopes } from './scopes.js';
import type { RecordStore } from './store.js';
import type { StreamHub } from './stream.js';

export interface ApiDeps {
  scopes: Scopes;
  store: RecordStore;
  streams: StreamHub;
  /** Pledges and quiz results (one bucket per client for both). */
  writeLimiter: RateLimiter;
  /** Config, counts, stats and stream opens. */
  readLimiter: RateLimiter;
  /** Proxies in front whose X-Forwarded-For is trusted (0: none). */
  trustProxy: number;
  maxStreams: number;
}

export type ApiEnv = { Bindings: HttpBindings; Variables: { scope: Scope; origin: string | undefined } };

/** Browsers cache a preflight at most 2 h (Chromium); on a 2G link each saved preflight is a round trip. */
const PREFLIGHT_MAX_AGE = '7200';

const pledgeIntake: Intake<PledgeRequest, CampaignScope> = {
  noun: 'pledge',
  shape: '{ unit, choice, key }',
  schema: pledgeRequestSchema,
  aggregateName: 'counts',
  record: ({ id, entry }, { unit, choice, key }, createdAt) => {
    if (!entry.unitIds.has(unit)) return { status: 404, code: 'unknown_unit', message: `Campaign "${id}" has no unit "${unit}"`, field: 'unit' };
    if (!entry.choiceIds.has(choice)) return { status: 404, code: 'unknown_choice', message: `Campaign "${id}" has no choice "${choice}"`, field: 'choice' };
    return { kind: 'pledge', campaign: id, unit, choice, key, createdAt };
  },
};

const quizResultIntake: Intake<QuizResultRequest, QuizScope> = {
  noun: 'quiz result',
  shape: '{ unit, score, total, key }',
  schema: quizResultRequestSchema,
  aggregateName: 'stats',
  record: ({ id, entry }, { unit, score, total, key }, createdAt) => {
    if (!entry.unitIds.has(unit)) return { status: 404, code: 'unknown_unit', message: `Quiz "${id}" (campaign "${entry.public.id}") has no unit "${unit}"`, field: 'unit' };
    return { kind: 'quiz-result', quiz: id, unit, score, total, key, createdAt };
  },
};

export function createApi(deps: ApiDeps): Hono<ApiEnv> {
  const api = new Hono<ApiEnv>();

  const preflight = (origin: string | undefined): Response =>
    respond(
      204,
      null,
      origin === undefined
        ? {}
        : {
            'access-control-allow-origin': origin,
            'access-control-allow-methods': 'GET, POST',
            'access-control-allow-headers': 'Content-Type',
            'access-control-max-age': PREFLIGHT_MAX_AGE,
            vary: 'Origin',
          },
    );

  /** Scope (404), origin (403, CORS), preflight, rate (429), for every route of a campaign or quiz. */
  const guard =
    (param: string, scopes: ReadonlyMap<string, Scope>, unknown: { code: ErrorCode; noun: string }): MiddlewareHandler<ApiEnv> =>
    async (c, next) => {
      const method = c.req.method;
      const origin = header(c, 'origin');
      const id = c.req.param(param) ?? '';
      const scope = scopes.get(id);
      if (!scope) {
        // Let the preflight through so the widget can read the real answer: this 404.
        if (method === 'OPTIONS') return preflight(origin);
        return fail(404, unknown.code, `No ${unknown.noun} "${id}"`);
      }
      const allowed = allowedOrigin(scope.entry.allowedOrigins, origin, header(c, 'host'));
      if (allowed === null) {
        return fail(403, 'origin_not_allowed', `Pages on ${origin ?? ''} may not use ${unknown.noun} "${id}"; ask the campaign office to add the site`);
      }
      if (method === 'OPTIONS') return preflight(origin);
      const limiter = method === 'POST' ? deps.writeLimiter : deps.readLimiter;
      const verdict = limiter.take(clientKey(c.env?.incoming?.socket.remoteAddress, header(c, 'x-forwarded-for'), deps.trustProxy));
      if (!verdict.ok) {
        const wait = verdict.retryAfterSeconds;
        return fail(429, 'rate_limited', `Too many requests from this network; retry in ${wait} s`, { origin: allowed, retryAfter: wait });
      }
      c.set('scope', scope);
      c.set('origin', allowed);
      await next();
    };

  const campaignGuard = guard('campaign', deps.scopes.campaigns, { code: 'unknown_campaign', noun: 'campaign' });
  const quizGuard = guard('quiz', deps.scopes.quizzes, { code: 'unknown_quiz', noun: 'quiz' });
  api.use('/campaigns/:campaign', campaignGuard);
  api.use('/campaigns/:campaign/*', campaignGuard);
  api.use('/quizzes/:quiz/*', quizGuard);
  // Never reached (the guard answers every OPTIONS); they exist so the router matches OPTIONS at all.
  for (const path of ['/campaigns/:campaign', '/campaigns/:campaign/*', '/quizzes/:quiz/*']) api.options(path, () => respond(204, null, {}));

  api.get('/campaigns/:campaign', (c) => {
    const { configBody, configEtag } = c.get('scope') as CampaignScope;
    const headers = withCors({ etag: configEtag, 'cache-control': 'public, max-age=300' }, c.get('origin'));
    if (notModified(header(c, 'if-none-match'), configEtag)) return respond(304, null, headers);
    headers['content-type'] = JSON_TYPE;
    return respond(200, configBody, headers);
  });

  // Counts and stats: the same in-memory reply (the fast reads answer the same way before Hono).
  for (const path of ['/campaigns/:campaign/counts', '/quizzes/:quiz/stats']) {
    api.get(path, (c) => {
      const reply = snapshotReply(c.get('scope').aggregate.snapshot(), c.get('origin'), header(c, 'if-none-match'));
      return respond(reply.status, reply.body, reply.headers);
    });
  }

  api.get('/campaigns/:campaign/stream', (c) => {
    if (deps.streams.size >= deps.maxStreams) {
      return fail(503, 'unavailable', 'Too many live streams open; poll the counts instead', { origin: c.get('origin'), retryAfter: 30 });
    }
    for (const [name, value] of Object.entries(withCors({}, c.get('origin')))) c.header(name, value);
    return deps.streams.open(c, c.get('scope').id);
  });

  api.post('/campaigns/:campaign/pledges', intakeHandler(pledgeIntake, deps.store));
  api.post('/quizzes/:quiz/results', intakeHandler(quizResultIntake, deps.store));

  return api;
}
