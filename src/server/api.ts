/**
 * The pledge and quiz API under /api/v1, on node:http directly: the most frequent requests of the
 * service (every page view reads counts, every visitor may pledge) skip the framework, whose request
 * and response objects cost about as much as the rest of the work (measured: counts through Hono ran
 * at 45% of a bare server's rate; a durable pledge used a fifth more CPU). Hono serves the rest (the
 * widgets, the demo pages, /healthz: app.ts).
 *
 * Request and response bodies are the contract's (src/contract/pledge.ts, src/contract/quiz.ts).
 * Every route of a campaign or quiz passes the same guard: scope (404) → origin (403) → preflight →
 * rate (429). Pledges and quiz results are then one mechanism with two uses (intake.ts); counts and
 * quiz stats are in-memory aggregates (aggregate.ts); the stream is stream.ts.
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import { API_PREFIX } from '../contract/paths.js';
import { pledgeRequestSchema, type ErrorCode, type PledgeRequest } from '../contract/pledge.js';
import { quizResultRequestSchema, type QuizResultRequest } from '../contract/quiz.js';
import { allowedOrigin, snapshotReply, withCors } from './access.js';
import { fail, header, JSON_TYPE, notModified, send, type Reply } from './http.js';
import { receive, type Intake } from './intake.js';
import { log } from './log.js';
import { quickPledge, quickQuizResult } from './quick-check.js';
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
  /** One access-log line per request (log.ts). */
  accessLog: boolean;
}

/** Answers an API request and returns true, or returns false for a path outside the API's families. */
export type ApiHandler = (req: IncomingMessage, res: ServerResponse) => boolean;

/** Browsers cache a preflight at most 2 h (Chromium); on a 2G link each saved preflight is a round trip. */
const PREFLIGHT_MAX_AGE = '7200';

const pledgeIntake: Intake<PledgeRequest, CampaignScope> = {
  noun: 'pledge',
  shape: '{ unit, choice, key }',
  schema: pledgeRequestSchema,
  quickCheck: quickPledge,
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
  quickCheck: quickQuizResult,
  aggregateName: 'stats',
  record: ({ id, entry }, { unit, score, total, key }, createdAt) => {
    if (!entry.unitIds.has(unit)) return { status: 404, code: 'unknown_unit', message: `Quiz "${id}" (campaign "${entry.public.id}") has no unit "${unit}"`, field: 'unit' };
    return { kind: 'quiz-result', quiz: id, unit, score, total, key, createdAt };
  },
};

/** A family of routes: `/campaigns/:id…` or `/quizzes/:id…`, and the method of each of its actions. */
interface Family {
  prefix: string;
  scopes: ReadonlyMap<string, Scope>;
  unknown: { code: ErrorCode; noun: string };
  actions: Readonly<Record<string, 'GET' | 'POST'>>;
}

/** A percent-encoded id, decoded; malformed encodings stay as they are (and match no scope: 404). */
function decodeId(raw: string): string {
  try {
    return decodeURIComponent(raw);
  } catch {
    return raw;
  }
}

function preflight(origin: string | undefined): Reply {
  if (origin === undefined) return { status: 204, body: null, headers: {} };
  return {
    status: 204,
    body: null,
    headers: {
      'access-control-allow-origin': origin,
      'access-control-allow-methods': 'GET, POST',
      'access-control-allow-headers': 'Content-Type',
      'access-control-max-age': PREFLIGHT_MAX_AGE,
      vary: 'Origin',
    },
  };
}

export function createApi(deps: ApiDeps): ApiHandler {
  const families: Family[] = [
    {
      prefix: `${API_PREFIX}/campaigns/`,
      scopes: deps.scopes.campaigns,
      unknown: { code: 'unknown_campaign', noun: 'campaign' },
      actions: { '': 'GET', counts: 'GET', stream: 'GET', pledges: 'POST' },
    },
    { prefix: `${API_PREFIX}/quizzes/`, scopes: deps.scopes.quizzes, unknown: { code: 'unknown_quiz', noun: 'quiz' }, actions: { stats: 'GET', results: 'POST' } },
  ];

  /** Scope (404), origin (403, CORS), preflight, rate (429): the refusal, or the allowed origin. */
  const guard = (req: IncomingMessage, family: Family, id: string, scope: Scope | undefined): Reply | { origin: string | undefined } => {
    const origin = header(req, 'origin');
    if (!scope) {
      // Let the preflight through so the widget can read the real answer: this 404.
      if (req.method === 'OPTIONS') return preflight(origin);
      return fail(404, family.unknown.code, `No ${family.unknown.noun} "${id}"`);
    }
    const allowed = allowedOrigin(scope.entry.allowedOrigins, origin, req.headers.host);
    if (allowed === null) {
      return fail(403, 'origin_not_allowed', `Pages on ${origin ?? ''} may not use ${family.unknown.noun} "${id}"; ask the campaign office to add the site`);
    }
    if (req.method === 'OPTIONS') return preflight(origin);
    const limiter = req.method === 'POST' ? deps.writeLimiter : deps.readLimiter;
    const verdict = limiter.take(clientKey(req.socket.remoteAddress, header(req, 'x-forwarded-for'), deps.trustProxy));
    if (!verdict.ok) {
      const wait = verdict.retryAfterSeconds;
      return fail(429, 'rate_limited', `Too many requests from this network; retry in ${wait} s`, { origin: allowed, retryAfter: wait });
    }
    return { origin: allowed };
  };

  /** GET of a scope: its public config (campaigns) or its aggregate (counts, stats), with its body's byte length. */
  const read = (req: IncomingMessage, scope: Scope, action: string, origin: string | undefined): [Reply, number | undefined] => {
    const ifNoneMatch = header(req, 'if-none-match');
    if (action !== '') {
      const snapshot = scope.aggregate.snapshot();
      return [snapshotReply(snapshot, origin, ifNoneMatch), snapshot.length];
    }
    const { configBody, configEtag } = scope as CampaignScope;
    const headers = withCors({ etag: configEtag, 'cache-control': 'public, max-age=300' }, origin);
    if (notModified(ifNoneMatch, configEtag)) return [{ status: 304, body: null, headers }, undefined];
    headers['content-type'] = JSON_TYPE;
    return [{ status: 200, body: configBody, headers }, undefined];
  };

  /** Sends `reply` and writes its access-log line (no client address, no query string). */
  const finish = (res: ServerResponse, reply: Reply, bodyBytes: number | undefined, method: string, path: string, start: number): void => {
    send(res, reply, bodyBytes);
    if (deps.accessLog) log.access(method, path, reply.status, Math.round((performance.now() - start) * 10) / 10);
  };

  // Per-request code below passes callbacks inline rather than naming closures (see http.ts).
  return (req, res) => {
    const url = req.url ?? '';
    const family = url.startsWith(families[0].prefix) ? families[0] : url.startsWith(families[1].prefix) ? families[1] : undefined;
    if (!family) return false;
    const start = deps.accessLog ? performance.now() : 0;
    const query = url.indexOf('?');
    const path = query < 0 ? url : url.slice(0, query);
    const method = req.method ?? 'GET';
    try {
      const rest = path.slice(family.prefix.length);
      const slash = rest.indexOf('/');
      const rawId = slash < 0 ? rest : rest.slice(0, slash);
      const action = slash < 0 ? '' : rest.slice(slash + 1);
      const wanted = family.actions[action];
      const id = rawId.includes('%') ? decodeId(rawId) : rawId;
      if (wanted === undefined || !(method === wanted || method === 'OPTIONS' || (method === 'HEAD' && wanted === 'GET'))) {
        finish(res, fail(404, 'not_found', `Nothing at ${method} ${path}`), undefined, method, path, start);
        return true;
      }
      const scope = family.scopes.get(id);
      const verdict = guard(req, family, id, scope);
      if ('status' in verdict) finish(res, verdict, undefined, method, path, start);
      else if (!scope) throw new Error('guard let an unknown scope through');
      else if (wanted === 'POST') {
        const intake = action === 'pledges' ? pledgeIntake : quizResultIntake;
        receive(intake as Intake<unknown, Scope>, deps.store, req, scope, verdict.origin, (reply, bodyBytes) => finish(res, reply, bodyBytes, method, path, start));
      } else if (action !== 'stream') {
        const [reply, bodyBytes] = read(req, scope, action, verdict.origin);
        finish(res, reply, bodyBytes, method, path, start);
      } else if (deps.streams.size >= deps.maxStreams) {
        const refusal = fail(503, 'unavailable', 'Too many live streams open; poll the counts instead', { origin: verdict.origin, retryAfter: 30 });
        finish(res, refusal, undefined, method, path, start);
      } else {
        deps.streams.open(res, scope.id, withCors({}, verdict.origin));
        if (deps.accessLog) log.access(method, path, 200, Math.round((performance.now() - start) * 10) / 10);
      }
    } catch (error) {
      // A bug, never bad input (every bad request has its 4xx): log it whole, tell the client little.
      log.error('unhandled error', error, { method, path });
      if (!res.headersSent) finish(res, fail(500, 'internal', 'Internal error'), undefined, method, path, start);
      else res.destroy();
    }
    return true;
  };
}
