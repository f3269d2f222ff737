/**
 * The pledge API, mounted at /api/v1. Request and response bodies are the contract's
 * (src/contract/pledge.ts). Order of checks for a pledge, cheapest first so a flood costs little:
 * campaign (404) → origin (403) → rate (429) → media type (415) → size (413) → JSON (400) →
 * fields (400) → unit and choice (404) → durable commit → 201 or 200.
 */
import type { HttpBindings } from '@hono/node-server';
import { Hono, type MiddlewareHandler } from 'hono';
import { MAX_PLEDGE_BODY_BYTES, pledgeRequestSchema } from '../contract/pledge.js';
import type { CampaignEntry } from './campaigns.js';
import type { CampaignCounts } from './counts.js';
import { allowedOrigin, countsReply, withCors } from './access.js';
import { fail, header, JSON_TYPE, notModified, parseJson, readBody, respond, TOO_LARGE } from './http.js';
import { log } from './log.js';
import { clientKey, type RateLimiter } from './rate-limit.js';
import type { PledgeStore } from './store.js';
import type { StreamHub } from './stream.js';

export interface ApiDeps {
  campaigns: ReadonlyMap<string, CampaignEntry>;
  counts: ReadonlyMap<string, CampaignCounts>;
  store: PledgeStore;
  streams: StreamHub;
  pledgeLimiter: RateLimiter;
  readLimiter: RateLimiter;
  /** Proxies in front whose X-Forwarded-For is trusted (0: none). */
  trustProxy: number;
  maxStreams: number;
}

/** What the routes know of one campaign, prepared once at start-up. */
interface CampaignState {
  id: string;
  entry: CampaignEntry;
  counts: CampaignCounts;
  /** The public config as JSON, and its tag. */
  configBody: string;
  configEtag: string;
}

export type ApiEnv = { Bindings: HttpBindings; Variables: { campaign: CampaignState; origin: string | undefined } };

/** Browsers cache a preflight at most 2 h (Chromium); on a 2G link each saved preflight is a round trip. */
const PREFLIGHT_MAX_AGE = '7200';

export function createApi(deps: ApiDeps): Hono<ApiEnv> {
  const api = new Hono<ApiEnv>();
  const started = Date.now().toString(36);
  const states = new Map<string, CampaignState>();
  for (const [id, entry] of deps.campaigns) {
    const counts = deps.counts.get(id);
    if (!counts) throw new Error(`no counts for campaign ${id}`);
    const configBody = JSON.stringify(entry.public);
    // The file is read once per process, so the start time changes whenever the config could have.
    states.set(id, { id, entry, counts, configBody, configEtag: `"${id}-${configBody.length.toString(36)}-${started}"` });
  }

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

  /** Campaign (404), origin (403, CORS), preflight, rate (429), for every route of a campaign. */
  const guard: MiddlewareHandler<ApiEnv> = async (c, next) => {
    const method = c.req.method;
    const origin = header(c, 'origin');
    const campaign = states.get(c.req.param('campaign') ?? '');
    if (!campaign) {
      // Let the preflight through so the widget can read the real answer: this 404.
      if (method === 'OPTIONS') return preflight(origin);
      return fail(404, 'unknown_campaign', `No campaign "${c.req.param('campaign') ?? ''}"`);
    }
    const allowed = allowedOrigin(campaign.entry.allowedOrigins, origin, header(c, 'host'));
    if (allowed === null) {
      return fail(403, 'origin_not_allowed', `Pages on ${origin ?? ''} may not use campaign "${campaign.id}"; ask the campaign office to add the site`);
    }
    if (method === 'OPTIONS') return preflight(origin);
    const limiter = method === 'POST' ? deps.pledgeLimiter : deps.readLimiter;
    const verdict = limiter.take(clientKey(c.env?.incoming?.socket.remoteAddress, header(c, 'x-forwarded-for'), deps.trustProxy));
    if (!verdict.ok) {
      const wait = verdict.retryAfterSeconds;
      return fail(429, 'rate_limited', `Too many requests from this network; retry in ${wait} s`, { origin: allowed, retryAfter: wait });
    }
    c.set('campaign', campaign);
    c.set('origin', allowed);
    await next();
  };

  api.use('/campaigns/:campaign', guard);
  api.use('/campaigns/:campaign/*', guard);
  // Never reached (the guard answers every OPTIONS); they exist so the router matches OPTIONS at all.
  api.options('/campaigns/:campaign', () => respond(204, null, {}));
  api.options('/campaigns/:campaign/*', () => respond(204, null, {}));

  api.get('/campaigns/:campaign', (c) => {
    const { configBody, configEtag } = c.get('campaign');
    const headers = withCors({ etag: configEtag, 'cache-control': 'public, max-age=300' }, c.get('origin'));
    if (notModified(header(c, 'if-none-match'), configEtag)) return respond(304, null, headers);
    headers['content-type'] = JSON_TYPE;
    return respond(200, configBody, headers);
  });

  api.get('/campaigns/:campaign/counts', (c) => {
    // Usually answered by the fast path (fast-counts.ts) before reaching here; same reply either way.
    const reply = countsReply(c.get('campaign').counts.snapshot(), c.get('origin'), header(c, 'if-none-match'));
    return respond(reply.status, reply.body, reply.headers);
  });

  api.get('/campaigns/:campaign/stream', (c) => {
    if (deps.streams.size >= deps.maxStreams) {
      return fail(503, 'unavailable', 'Too many live streams open; poll the counts instead', { origin: c.get('origin'), retryAfter: 30 });
    }
    for (const [name, value] of Object.entries(withCors({}, c.get('origin')))) c.header(name, value);
    return deps.streams.open(c, c.get('campaign').id);
  });

  api.post('/campaigns/:campaign/pledges', async (c) => {
    const campaign = c.get('campaign');
    const origin = c.get('origin');
    const type = header(c, 'content-type')?.split(';')[0].trim().toLowerCase();
    if (type !== 'application/json') {
      return fail(415, 'unsupported_media_type', 'Send the pledge as JSON with Content-Type: application/json', { origin });
    }
    const bytes = await readBody(c, MAX_PLEDGE_BODY_BYTES);
    if (bytes === TOO_LARGE) return fail(413, 'payload_too_large', `A pledge is at most ${MAX_PLEDGE_BODY_BYTES} bytes`, { origin });
    const data = bytes === null ? undefined : parseJson(bytes);
    if (data === undefined) return fail(400, 'invalid_json', 'The body is not valid JSON (UTF-8)', { origin });
    const parsed = pledgeRequestSchema.safeParse(data);
    if (!parsed.success) {
      const issue = parsed.error.issues[0];
      const field = issue.path.map(String).join('.');
      const message = field ? `${field}: ${issue.message}` : `Expected an object { unit, choice, key }: ${issue.message}`;
      return fail(400, 'invalid_field', message, { origin, field: field || undefined });
    }
    const { unit, choice, key } = parsed.data;
    const { id, entry, counts } = campaign;
    if (!entry.unitIds.has(unit)) return fail(404, 'unknown_unit', `Campaign "${id}" has no unit "${unit}"`, { origin, field: 'unit' });
    if (!entry.choiceIds.has(choice)) return fail(404, 'unknown_choice', `Campaign "${id}" has no choice "${choice}"`, { origin, field: 'choice' });

    const createdAt = new Date().toISOString();
    let created: boolean;
    try {
      created = await deps.store.add({ campaign: id, unit, choice, key, createdAt });
    } catch (error) {
      log.error('pledge not stored', error);
      return fail(503, 'unavailable', 'The pledge could not be stored; retry with the same key', { origin, retryAfter: 5 });
    }
    // The counts already include this pledge: the store's commit listener moved them (service.ts).
    const body = `{"created":${created},"counts":${counts.snapshot().body}}`;
    return respond(created ? 201 : 200, body, withCors({ 'content-type': JSON_TYPE, 'cache-control': 'no-store' }, origin));
  });

  return api;
}
