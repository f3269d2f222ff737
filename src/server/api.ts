/**
 * The pledge API, mounted at /api/v1. Request and response bodies are the contract's
 * (src/contract/pledge.ts). Order of checks for a pledge, cheapest first so a flood costs little:
 * campaign (404) → origin (403) → rate (429) → media type (415) → size (413) → JSON (400) →
 * fields (400) → unit and choice (404) → durable commit → 201 or 200.
 */
import type { HttpBindings } from '@hono/node-server';
import { Hono, type Context, type MiddlewareHandler } from 'hono';
import type { ContentfulStatusCode } from 'hono/utils/http-status';
import { MAX_PLEDGE_BODY_BYTES, pledgeRequestSchema, type ErrorCode } from '../contract/pledge.js';
import type { CampaignEntry } from './campaigns.js';
import type { CampaignCounts } from './counts.js';
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

export type ApiEnv = { Bindings: HttpBindings; Variables: { campaign: CampaignState; allowedOrigin: string | undefined } };
type Ctx = Context<ApiEnv>;

const JSON_TYPE = 'application/json; charset=utf-8';
/** Browsers cache a preflight at most 2 h (Chromium); on a 2G link each saved preflight is a round trip. */
const PREFLIGHT_MAX_AGE = '7200';

/**
 * Every error: `{ error: { code, message, field? } }`. Error bodies are readable from any origin
 * (they disclose nothing), so a widget on a site that is not allowed can say why instead of seeing
 * an opaque network failure and retrying forever.
 */
function fail(c: Ctx, status: ContentfulStatusCode, code: ErrorCode, message: string, field?: string): Response {
  c.header('Access-Control-Allow-Origin', c.get('allowedOrigin') ?? '*');
  c.header('Cache-Control', 'no-store');
  return c.json({ error: field === undefined ? { code, message } : { code, message, field } }, status);
}

function notModified(c: Ctx, etag: string): boolean {
  const header = c.req.header('If-None-Match');
  if (!header) return false;
  return header === '*' || header.split(',').some((tag) => tag.trim().replace(/^W\//, '') === etag);
}

/** Same origin as the service itself (its own demo pages), judged by the Host the browser used. */
function sameOrigin(origin: string, host: string | undefined): boolean {
  try {
    return host !== undefined && new URL(origin).host === host;
  } catch {
    return false;
  }
}

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

  const guard: MiddlewareHandler<ApiEnv> = async (c, next) => {
    const campaign = states.get(c.req.param('campaign') ?? '');
    const origin = c.req.header('Origin');
    if (!campaign) {
      // Let the preflight through so the widget can read the real answer: this 404.
      if (c.req.method === 'OPTIONS') return preflight(c, origin);
      return fail(c, 404, 'unknown_campaign', `No campaign "${c.req.param('campaign') ?? ''}"`);
    }
    if (origin !== undefined) {
      c.header('Vary', 'Origin');
      if (!campaign.entry.allowedOrigins.has(origin) && !sameOrigin(origin, c.req.header('Host'))) {
        return fail(c, 403, 'origin_not_allowed', `Pages on ${origin} may not use campaign "${campaign.id}"; ask the campaign office to add the site`);
      }
      c.set('allowedOrigin', origin);
      c.header('Access-Control-Allow-Origin', origin);
      c.header('Access-Control-Expose-Headers', 'ETag, Retry-After');
    }
    if (c.req.method === 'OPTIONS') return preflight(c, origin);
    const limiter = c.req.method === 'POST' ? deps.pledgeLimiter : deps.readLimiter;
    const verdict = limiter.take(clientKey(c.env?.incoming?.socket.remoteAddress, c.req.header('X-Forwarded-For'), deps.trustProxy));
    if (!verdict.ok) {
      c.header('Retry-After', String(verdict.retryAfterSeconds));
      return fail(c, 429, 'rate_limited', `Too many requests from this network; retry in ${verdict.retryAfterSeconds} s`);
    }
    c.set('campaign', campaign);
    await next();
  };

  const preflight = (c: Ctx, origin: string | undefined): Response => {
    if (origin !== undefined) {
      c.header('Access-Control-Allow-Origin', origin);
      c.header('Access-Control-Allow-Methods', 'GET, POST');
      c.header('Access-Control-Allow-Headers', 'Content-Type');
      c.header('Access-Control-Max-Age', PREFLIGHT_MAX_AGE);
    }
    return c.body(null, 204);
  };

  api.use('/campaigns/:campaign', guard);
  api.use('/campaigns/:campaign/*', guard);
  api.options('/campaigns/:campaign', (c) => c.body(null, 204));
  api.options('/campaigns/:campaign/*', (c) => c.body(null, 204));

  api.get('/campaigns/:campaign', (c) => {
    const { configBody, configEtag } = c.get('campaign');
    c.header('ETag', configEtag);
    c.header('Cache-Control', 'public, max-age=300');
    if (notModified(c, configEtag)) return c.body(null, 304);
    return c.body(configBody, 200, { 'Content-Type': JSON_TYPE });
  });

  api.get('/campaigns/:campaign/counts', (c) => {
    const snapshot = c.get('campaign').counts.snapshot();
    c.header('ETag', snapshot.etag);
    // Short: the stream carries live changes; this keeps a crowd of page loads off the service.
    c.header('Cache-Control', 'public, max-age=5');
    if (notModified(c, snapshot.etag)) return c.body(null, 304);
    return c.body(snapshot.body, 200, { 'Content-Type': JSON_TYPE });
  });

  api.get('/campaigns/:campaign/stream', (c) => {
    if (deps.streams.size >= deps.maxStreams) {
      c.header('Retry-After', '30');
      return fail(c, 503, 'unavailable', 'Too many live streams open; poll the counts instead');
    }
    return deps.streams.open(c, c.get('campaign').id);
  });

  api.post('/campaigns/:campaign/pledges', async (c) => {
    const campaign = c.get('campaign');
    const type = c.req.header('Content-Type')?.split(';')[0].trim().toLowerCase();
    if (type !== 'application/json') {
      return fail(c, 415, 'unsupported_media_type', 'Send the pledge as JSON with Content-Type: application/json');
    }
    const text = await readBody(c);
    if (text === TOO_LARGE) return fail(c, 413, 'payload_too_large', `A pledge is at most ${MAX_PLEDGE_BODY_BYTES} bytes`);
    let data: unknown;
    try {
      data = JSON.parse(text ?? '');
    } catch {
      return fail(c, 400, 'invalid_json', 'The body is not valid JSON (UTF-8)');
    }
    const parsed = pledgeRequestSchema.safeParse(data);
    if (!parsed.success) {
      const issue = parsed.error.issues[0];
      const field = issue.path.map(String).join('.');
      return fail(c, 400, 'invalid_field', field ? `${field}: ${issue.message}` : `Expected an object { unit, choice, key }: ${issue.message}`, field || undefined);
    }
    const { unit, choice, key } = parsed.data;
    if (!campaign.entry.unitIds.has(unit)) return fail(c, 404, 'unknown_unit', `Campaign "${campaign.id}" has no unit "${unit}"`, 'unit');
    if (!campaign.entry.choiceIds.has(choice)) return fail(c, 404, 'unknown_choice', `Campaign "${campaign.id}" has no choice "${choice}"`, 'choice');

    const createdAt = new Date().toISOString();
    let created: boolean;
    try {
      created = await deps.store.add({ campaign: campaign.id, unit, choice, key, createdAt });
    } catch (error) {
      log.error('pledge not stored', error);
      c.header('Retry-After', '5');
      return fail(c, 503, 'unavailable', 'The pledge could not be stored; retry with the same key');
    }
    if (created) campaign.counts.apply(unit, choice, createdAt);
    c.header('Cache-Control', 'no-store');
    return c.body(`{"created":${created},"counts":${campaign.counts.snapshot().body}}`, created ? 201 : 200, { 'Content-Type': JSON_TYPE });
  });

  return api;
}

const TOO_LARGE = Symbol('too large');

/** The request body as text, or TOO_LARGE past the limit, or null for invalid UTF-8, without buffering more than the limit. */
async function readBody(c: Ctx): Promise<string | null | typeof TOO_LARGE> {
  const declared = Number(c.req.header('Content-Length') ?? NaN);
  if (declared > MAX_PLEDGE_BODY_BYTES) return TOO_LARGE;
  const body = c.req.raw.body;
  if (!body) return '';
  const chunks: Uint8Array[] = [];
  let size = 0;
  const reader = body.getReader();
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    size += value.byteLength;
    if (size > MAX_PLEDGE_BODY_BYTES) {
      await reader.cancel();
      return TOO_LARGE;
    }
    chunks.push(value);
  }
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(Buffer.concat(chunks));
  } catch {
    return null;
  }
}
