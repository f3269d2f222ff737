/**
 * The pledge and quiz API, a Hono app mounted under /api/v1 (app.ts). Request and response bodies are
 * the contract's (src/contract/pledge.ts, src/contract/quiz.ts). Every route of a campaign or quiz
 * passes the same guard: scope (404) → origin (403) → rate (429); pledges and quiz results
 * are then one write path (records/intake.ts), counts and quiz stats in-memory aggregates
 * (campaigns/aggregate.ts), the stream stream.ts.
 *
 * GET and POST routes have no middleware: each request matches exactly one handler, which Hono calls
 * directly and whose Response it returns without a promise. Preflights are hono/cors's. Replies are
 * built as reply.ts describes; request headers are read from the node request (`c.env.incoming.headers`,
 * parsed by node:http already), which costs less than `c.req.header()`.
 */
import type { HttpBindings } from '@hono/node-server';
import type { ServerResponse } from 'node:http';
import { Hono, type Context } from 'hono';
import { cors } from 'hono/cors';
import { pledgeRequestSchema, type ErrorCode, type PledgeRequest } from '../../contract/pledge.js';
import { quizResultRequestSchema, type QuizResultRequest } from '../../contract/quiz.js';
import { allowedOrigin, ownOrigin, snapshotReply, withCors } from './cors.js';
import { fail, JSON_TYPE, notModified, respond, type Reply } from './reply.js';
import { receive, type Intake, type Refusal } from '../records/intake.js';
import { log } from '../log/log.js';
import { quickPledge, quickQuizResult } from '../records/quick-check.js';
import { clientKey, type RateLimiter } from './rate-limit.js';
import type { CampaignEntry } from '../campaigns/campaigns.js';
import type { CampaignScope, Published, QuizScope, Scope, Scopes } from '../campaigns/scopes.js';
import type { RecordStore } from '../store/store.js';
import { streamHeaders, type StreamHub } from './stream.js';

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
  /** One access-log line per request (log.ts). */
  accessLog: boolean;
  /**
   * Told of every site that embeds a campaign (campaigns/reach.ts): reads with an Origin other than the
   * service's own (refused ones too, so the console can list a site to add), and every new pledge.
   */
  reach?: { seen(campaign: string, origin: string, kind: 'read' | 'pledge'): void };
}

/** The checks of a record's unit that need the campaign: known (404), not retired (409). */
function unitRefusal(entry: CampaignEntry, unit: string, scopeName: string): Refusal | undefined {
  const retired = entry.units.get(unit);
  if (retired === undefined)
    return { status: 404, code: 'unknown_unit', message: `${scopeName} has no unit "${unit}"`, field: 'unit' };
  if (retired)
    return {
      status: 409,
      code: 'unit_retired',
      message: `${scopeName}: unit "${unit}" was retired; its pledges are kept, it takes no new ones`,
      field: 'unit',
    };
  return undefined;
}

/**
 * Every preflight passes (unknown scope, refused origin too): the request itself is then answered with
 * the 404 or 403 that says why, readable by the widget; a failed preflight would be an opaque network
 * error, which a widget can only retry. Browsers cache a preflight at most 2 h (Chromium); on a 2G
 * link each saved preflight is a round trip.
 */
const preflight = cors({
  origin: (origin) => origin || null,
  allowMethods: ['GET', 'POST'],
  allowHeaders: ['Content-Type'],
  maxAge: 7200,
});

const pledgeIntake: Intake<PledgeRequest, CampaignScope> = {
  noun: 'pledge',
  shape: '{ unit, choice, key }',
  schema: pledgeRequestSchema,
  quickCheck: quickPledge,
  aggregateName: 'counts',
  record: ({ id, entry }, { unit, choice, key }, createdAt) => {
    const refusal = unitRefusal(entry, unit, `Campaign "${id}"`);
    if (refusal) return refusal;
    if (!entry.choiceIds.has(choice))
      return {
        status: 404,
        code: 'unknown_choice',
        message: `Campaign "${id}" has no choice "${choice}"`,
        field: 'choice',
      };
    return { kind: 'pledge', campaign: id, unit, choice, key, createdAt };
  },
};

const quizResultIntake: Intake<QuizResultRequest, QuizScope> = {
  noun: 'quiz result',
  shape: '{ unit, score, total, key }',
  schema: quizResultRequestSchema,
  quickCheck: quickQuizResult,
  aggregateName: 'stats',
  record: ({ id, entry }, { unit, score, total, key }, createdAt) => {
    const refusal = unitRefusal(entry, unit, `Quiz "${id}" (campaign "${entry.public.id}")`);
    if (refusal) return refusal;
    return { kind: 'quiz-result', quiz: id, unit, score, total, key, createdAt };
  },
};

export type ApiEnv = { Bindings: HttpBindings };
type ApiContext = Context<ApiEnv>;

/** What a route does once the guard let the request through: the response, or its promise. */
type Act<S extends Scope> = (
  c: ApiContext,
  scope: S,
  origin: string | undefined,
  start: number,
) => Response | Promise<Response>;

/** A family of routes: `/campaigns/:campaign…` or `/quizzes/:quiz…`. */
interface Family<S extends Scope> {
  /** Name of the path parameter that names the scope. */
  param: 'campaign' | 'quiz';
  scopes: ReadonlyMap<string, S>;
  unknown: { code: ErrorCode; noun: string };
}

/**
 * The scheme the client used, as the proxy nearest to it reports (the first X-Forwarded-Proto value);
 * undefined when none says http or https. Directly the service speaks http, but a TLS terminator the
 * settings do not know of may stand in front, so no scheme is assumed then.
 */
export function forwardedProto(header: string | string[] | undefined): string | undefined {
  const first = (Array.isArray(header) ? header[0] : header)?.split(',')[0].trim().toLowerCase();
  return first === 'http' || first === 'https' ? first : undefined;
}

export function createApi(deps: ApiDeps): Hono<ApiEnv> {
  const api = new Hono<ApiEnv>();
  const campaigns: Family<CampaignScope> = {
    param: 'campaign',
    scopes: deps.scopes.campaigns,
    unknown: { code: 'unknown_campaign', noun: 'campaign' },
  };
  const quizzes: Family<QuizScope> = {
    param: 'quiz',
    scopes: deps.scopes.quizzes,
    unknown: { code: 'unknown_quiz', noun: 'quiz' },
  };

  /** Writes the access-log line (no client address, no query string) and makes the Response. */
  const finish = (c: ApiContext, reply: Reply, start: number): Response => {
    if (deps.accessLog) log.access(c.req.method, c.req.path, reply.status, performance.now() - start);
    return respond(reply);
  };

  /** The client's address key (rate limits, stream caps). */
  const client = (c: ApiContext): string => {
    const forwarded = c.env.incoming.headers['x-forwarded-for']; // node:http joins repeated ones with ", " itself
    return clientKey(
      c.env.incoming.socket.remoteAddress,
      typeof forwarded === 'string' ? forwarded : forwarded?.join(', '),
      deps.trustProxy,
    );
  };

  /** Scope (404), origin (403, CORS), rate (429): the refusal, or the allowed origin. */
  const guard = (
    c: ApiContext,
    family: Family<Scope>,
    id: string,
    scope: Scope | undefined,
  ): Reply | { origin: string | undefined } => {
    const { headers } = c.env.incoming;
    const origin = headers.origin;
    const method = c.req.method;
    if (!scope) return fail(404, family.unknown.code, `No ${family.unknown.noun} "${id}"`);
    // A read from a page on another site: its reach (a pledge counts once stored, in `post`).
    if (deps.reach && origin !== undefined && method !== 'POST' && !ownOrigin(origin, headers.host))
      deps.reach.seen(scope.entry.public.id, origin, 'read');
    const allowed = allowedOrigin(
      scope.entry,
      origin,
      headers.host,
      deps.trustProxy > 0 ? forwardedProto(headers['x-forwarded-proto']) : undefined,
    );
    if (allowed === null) {
      return fail(
        403,
        'origin_not_allowed',
        `Pages on ${origin ?? ''} may not use ${family.unknown.noun} "${id}"; ask the campaign office to add the site`,
      );
    }
    const limiter = method === 'POST' ? deps.writeLimiter : deps.readLimiter;
    const verdict = limiter.take(client(c));
    if (!verdict.ok) {
      const wait = verdict.retryAfterSeconds;
      return fail(429, 'rate_limited', `Too many requests from this network; retry in ${wait} s`, {
        origin: allowed,
        retryAfter: wait,
      });
    }
    return { origin: allowed };
  };

  /** The handler of one route (made once, when the route is declared): the guard, then `act`. */
  const route =
    <S extends Scope>(family: Family<S>, act: Act<S>) =>
    (c: ApiContext): Response | Promise<Response> => {
      const start = deps.accessLog ? performance.now() : 0;
      try {
        const id = c.req.param(family.param) ?? '';
        const scope = family.scopes.get(id);
        const verdict = guard(c, family, id, scope);
        if ('status' in verdict) return finish(c, verdict, start);
        if (!scope) throw new Error('guard let an unknown scope through');
        return act(c, scope, verdict.origin, start);
      } catch (error) {
        // A bug, never bad input (every bad request has its 4xx): log it whole, tell the client little.
        log.error('unhandled error', error, { method: c.req.method, path: c.req.path });
        return finish(c, fail(500, 'internal', 'Internal error'), start);
      }
    };

  /** GET counts or stats: the aggregate's snapshot. */
  const aggregate: Act<Scope> = (c, scope, origin, start) =>
    finish(c, snapshotReply(scope.aggregate.snapshot(), origin, c.env.incoming.headers['if-none-match']), start);

  /** POST a pledge or a quiz result; a new one from another site counts as the site's `reach` when given. */
  const post =
    <B, S extends Scope>(intake: Intake<B, S>, reach?: 'pledge'): Act<S> =>
    (c, scope, origin, start) => {
      // The one promise of a pledge: Hono and @hono/node-server wait for it.
      return new Promise<Response>((resolve) =>
        receive(intake, deps.store, c.env.incoming, scope, origin, (reply) => {
          if (reply.status === 201 && reach && deps.reach && origin !== undefined)
            if (!ownOrigin(origin, c.env.incoming.headers.host)) deps.reach.seen(scope.id, origin, reach);
          resolve(finish(c, reply, start));
        }),
      );
    };

  const campaign = '/campaigns/:campaign';
  const quiz = '/quizzes/:quiz';
  const readable = ['GET'];
  const writable = ['POST'];

  /** GET a published document (config, feed): ETag, 304, cached `maxAge` seconds. */
  const document =
    (pick: (scope: CampaignScope) => Published, maxAge: number): Act<CampaignScope> =>
    (c, scope, origin, start) => {
      const { body, etag } = pick(scope);
      const headers = withCors({ etag, 'cache-control': `public, max-age=${maxAge}` }, origin);
      if (notModified(c.env.incoming.headers['if-none-match'], etag))
        return finish(c, { status: 304, body: null, headers }, start);
      headers['content-type'] = JSON_TYPE;
      return finish(c, { status: 200, body, headers }, start);
    };

  api.on(
    readable,
    campaign,
    route(
      campaigns,
      document((scope) => scope.config, 300),
    ),
  );
  // A minute: an edit in the console reaches every banner within it, and a busy page costs one 304 a minute.
  api.on(
    readable,
    `${campaign}/feed`,
    route(
      campaigns,
      document((scope) => scope.feed, 60),
    ),
  );
  api.on(readable, `${campaign}/counts`, route(campaigns, aggregate));
  api.on(writable, `${campaign}/pledges`, route(campaigns, post(pledgeIntake, 'pledge')));
  api.on(
    readable,
    `${campaign}/stream`,
    route(campaigns, (c, scope, origin, start) => {
      // Hono answers a HEAD with a GET's headers and drops its body unread: a stream opened for it would never end.
      if (c.req.method === 'HEAD')
        return finish(c, { status: 200, body: null, headers: streamHeaders(withCors({}, origin)) }, start);
      const key = client(c);
      const refused = deps.streams.refusal(key);
      if (refused !== undefined) {
        const message =
          refused === 'total' ? 'Too many live streams open' : 'Too many live streams open from this network';
        return finish(
          c,
          fail(503, 'unavailable', `${message}; poll the counts instead`, { origin, retryAfter: 30 }),
          start,
        );
      }
      const response = deps.streams.open(scope.id, withCors({}, origin), key, c.env.outgoing as ServerResponse);
      if (deps.accessLog) log.access(c.req.method, c.req.path, 200, performance.now() - start);
      return response;
    }),
  );
  api.on(readable, `${quiz}/stats`, route(quizzes, aggregate));
  api.on(writable, `${quiz}/results`, route(quizzes, post(quizResultIntake)));
  api.on(
    'OPTIONS',
    [
      campaign,
      `${campaign}/counts`,
      `${campaign}/feed`,
      `${campaign}/pledges`,
      `${campaign}/stream`,
      `${quiz}/stats`,
      `${quiz}/results`,
    ],
    async (c, next) => {
      const start = performance.now();
      const response = (await preflight(c, next)) as Response;
      if (deps.accessLog) log.access(c.req.method, c.req.path, response.status, performance.now() - start);
      return response;
    },
  );

  return api;
}
