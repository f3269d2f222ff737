/**
 * The one write path of the API, used by pledges and quiz results alike: a record posted to a scope
 * (campaign or quiz) that the guard (api.ts) has already found, allowed (origin) and rate-limited.
 * Order of checks, cheapest first so a flood costs little: campaign dates (409) → media type (415) →
 * size (413) → JSON (400) → fields (400, naming the field) → the scope's units and choices (404) →
 * durable commit (the store's group commit) → 201 new / 200 already counted, with the scope's
 * aggregate (counts or stats) in the body.
 */
import type { IncomingMessage } from 'node:http';
import { MAX_BODY_BYTES, type ErrorCode } from '../../contract/pledge.js';
import { withCors } from '../http/cors.js';
import { campaignPhase, vietnamDay } from '../../contract/campaign-dates.js';
import { isoNow } from '../clock.js';
import { fail, JSON_TYPE, parseJson, readBody, TOO_LARGE, type Reply } from '../http/reply.js';
import { log } from '../log/log.js';
import type { Scope } from '../campaigns/scopes.js';
import type { NewRecord, RecordStore } from '../store/store.js';

/**
 * A request that is well formed but names something the scope does not have (404), breaks a rule (400), or
 * conflicts with the scope's state (409: a retired unit).
 */
export interface Refusal {
  status: 400 | 404 | 409;
  code: ErrorCode;
  message: string;
  field: string;
}

/** What a parsed body looks like to the intake: the contract's zod schema, mini or full. */
export interface BodySchema<B> {
  safeParse(
    data: unknown,
  ):
    | { success: true; data: B }
    | { success: false; error: { issues: readonly { path: readonly PropertyKey[]; message: string }[] } };
}

/** One kind of record: how its body is read and checked, and what the answer carries. */
export interface Intake<B, S extends Scope = Scope> {
  /** For people: "pledge", "quiz result". */
  noun: string;
  /** The body's shape for a message when it is not an object at all: "{ unit, choice, key }". */
  shape: string;
  /** The contract's schema: the judge of every body, and the source of its error messages. */
  schema: BodySchema<B>;
  /** A cheaper check that accepts only bodies `schema` accepts too (quick-check.ts); undefined: ask `schema`. */
  quickCheck(data: unknown): B | undefined;
  /** The checks that need the scope (its units, choices), then the record to store. */
  record(scope: S, body: B, createdAt: string): NewRecord | Refusal;
  /** Name of the scope's aggregate in the response: `counts`, `stats`. */
  aggregateName: string;
}

/** Today's day in Vietnam, worked out at most once a second (it runs for every record). */
let dayAt = 0;
let day = '';
function today(): string {
  const now = Date.now();
  if (now - dayAt >= 1000 || now < dayAt) {
    dayAt = now;
    day = vietnamDay(now);
  }
  return day;
}

/** The record's fields, or the reply that refuses them (400 naming the field, 404 unknown unit or choice). */
function check<B, S extends Scope>(
  intake: Intake<B, S>,
  scope: S,
  data: unknown,
  origin: string | undefined,
): NewRecord | Reply {
  let fields = intake.quickCheck(data);
  if (fields === undefined) {
    const parsed = intake.schema.safeParse(data);
    if (!parsed.success) {
      const issue = parsed.error.issues[0];
      const field = issue.path.map(String).join('.');
      const message = field ? `${field}: ${issue.message}` : `Expected an object ${intake.shape}: ${issue.message}`;
      return fail(400, 'invalid_field', message, { origin, field: field || undefined });
    }
    fields = parsed.data;
  }
  const record = intake.record(scope, fields, isoNow());
  return 'code' in record ? fail(record.status, record.code, record.message, { origin, field: record.field }) : record;
}

/**
 * Takes a record of `intake`'s kind from `req` (the node request under Hono, `c.env.incoming`) for
 * `scope` and calls `answer` once with the reply. Callbacks rather than a chain of promises: the route
 * makes the one promise Hono waits for (api.ts), and each promise fewer is measurable per pledge.
 * Never throws into the event loop: a bug becomes a 500.
 */
export function receive<B, S extends Scope>(
  intake: Intake<B, S>,
  store: RecordStore,
  req: IncomingMessage,
  scope: S,
  origin: string | undefined,
  answer: (reply: Reply) => void,
): void {
  const { noun } = intake;
  const campaign = scope.entry.public;
  const phase = campaignPhase(campaign, today());
  if (phase === 'not-started') {
    return answer(
      fail(409, 'campaign_not_started', `Campaign "${campaign.id}" opens on ${campaign.startDate} (Vietnam time)`, {
        origin,
      }),
    );
  }
  if (phase === 'closed')
    return answer(
      fail(409, 'campaign_closed', `Campaign "${campaign.id}" closed after ${campaign.endDate} (Vietnam time)`, {
        origin,
      }),
    );
  const type = req.headers['content-type']?.split(';')[0].trim().toLowerCase();
  if (type !== 'application/json') {
    return answer(
      fail(415, 'unsupported_media_type', `Send the ${noun} as JSON with Content-Type: application/json`, { origin }),
    );
  }
  readBody(req, MAX_BODY_BYTES, (bytes) => {
    try {
      if (bytes === TOO_LARGE) {
        const refusal = fail(413, 'payload_too_large', `A ${noun} is at most ${MAX_BODY_BYTES} bytes`, { origin });
        refusal.headers.connection = 'close'; // the rest of the body is dropped with the connection
        return answer(refusal);
      }
      const data = bytes === null ? undefined : parseJson(bytes);
      if (data === undefined)
        return answer(fail(400, 'invalid_json', 'The body is not valid JSON (UTF-8)', { origin }));
      const record = check(intake, scope, data, origin);
      if ('status' in record) return answer(record);
      store.add(record).then(
        (created) => {
          // The aggregate already includes this record: the store's commit listener moved it (service.ts).
          const snapshot = scope.aggregate.snapshot();
          const head = `{"created":${created},"${intake.aggregateName}":`;
          const headers = withCors({ 'content-type': JSON_TYPE, 'cache-control': 'no-store' }, origin);
          answer({
            status: created ? 201 : 200,
            body: `${head}${snapshot.body}}`,
            headers,
            length: head.length + snapshot.length + 1,
          });
        },
        () => {
          // Not logged here: the store logs a failing episode once, and once when it ends (a full
          // disk refusing thousands of records must not write thousands of lines).
          answer(
            fail(503, 'unavailable', `The ${noun} could not be stored; retry with the same key`, {
              origin,
              retryAfter: 5,
            }),
          );
        },
      );
    } catch (error) {
      log.error(`${noun}: unexpected error`, error);
      answer(fail(500, 'internal', 'Internal error'));
    }
  });
}
