/**
 * The pledge API contract: one definition of every request and response body, imported by the
 * `<lantoa-pledge-counter>` widget (browser) and by the pledge service (Node), so the two cannot drift.
 *
 * Browser-safe on purpose: `zod/mini` (tree-shakable, ~6 KB gzip) and no Node imports. Browser code
 * should set `z.config({ jitless: true })` before parsing (src/core/validate.ts does) for strict CSPs.
 */
import * as z from 'zod/mini';
import { isCalendarDay } from './refinements.js';

// Paths and constants live apart, without zod, so a widget can build URLs without loading the schemas.
export { API_PREFIX, COUNTS_EVENT, MAX_BODY_BYTES, apiPath } from './paths.js';

/**
 * Ids of campaigns, units and choices: lowercase ascii words joined by hyphens (`ba-tri`), so they are safe
 * in URLs, attributes and file names whatever the unit's Vietnamese name is.
 */
export const SLUG_PATTERN = /^[a-z0-9]+(?:-[a-z0-9]+)*$/;
export const SLUG_MAX_LENGTH = 64;
/** Longest text (a title, a label, a unit's name). */
export const TEXT_MAX_LENGTH = 500;

export const slug = z
  .string()
  .check(z.minLength(1), z.maxLength(SLUG_MAX_LENGTH), z.regex(SLUG_PATTERN, 'lowercase ascii words joined by "-"'));

/**
 * The idempotency key a widget generates once per pledge or quiz result (`newKey` of src/core/outbox.ts,
 * a UUID v4 from `crypto.getRandomValues`, which plain-http pages have too) and sends with every retry; the
 * service counts a key once per campaign (pledges) or per quiz (results). Bounded so a key cannot carry data.
 */
export const KEY_PATTERN = /^[A-Za-z0-9_-]+$/;
export const KEY_MIN_LENGTH = 16;
export const KEY_MAX_LENGTH = 64;
export const idempotencyKey = z
  .string()
  .check(
    z.minLength(KEY_MIN_LENGTH),
    z.maxLength(KEY_MAX_LENGTH),
    z.regex(KEY_PATTERN, 'letters, digits, "-" and "_" only'),
  );
/** The pledge's {@link idempotencyKey}. */
export const pledgeKey = idempotencyKey;

/** A calendar day, YYYY-MM-DD, that exists (no 2026-02-30). */
export const calendarDay = z
  .string()
  .check(z.regex(/^\d{4}-\d{2}-\d{2}$/, 'a date as YYYY-MM-DD'), z.refine(isCalendarDay, 'not a real calendar day'));

const text = z.string().check(z.minLength(1), z.maxLength(TEXT_MAX_LENGTH));
/** Text the widget shows in the page's language: Vietnamese and English are both required. */
export const localized = z.object({ vi: text, en: text });

const count = z.int().check(z.minimum(0));

export const choiceSchema = z.object({ id: slug, label: localized });
export type Choice = z.infer<typeof choiceSchema>;
/**
 * A unit is a place (a 2020 district, or a post-2025 commune) or a union directly under the province: its
 * name is a proper noun, not translated. `group` gathers units in lists and rankings ("Huyện, Thành đoàn",
 * "Đoàn trực thuộc"); a `retired` unit is no longer offered in forms, its pledges and counts are kept and
 * shown as such. A unit's id never changes once it has pledges.
 */
export const unitSchema = z.object({
  id: slug,
  name: text,
  goal: count,
  group: z.optional(text),
  retired: z.optional(z.boolean()),
});
export type Unit = z.infer<typeof unitSchema>;

/** GET /api/v1/campaigns/:campaign: what a widget needs to render the campaign. */
export const campaignSchema = z.object({
  id: slug,
  title: localized,
  description: z.optional(localized),
  /**
   * What the campaign's figures are about, shown under the title wherever its units and goals appear: its
   * period, its place as it is called today, the date of its unit list ("2020–2025, Bến Tre province (now part
   * of Vĩnh Long province); units as of 2020"). Data, not code: every campaign says its own.
   */
  note: z.optional(localized),
  choices: z.array(choiceSchema).check(z.minLength(1), z.maxLength(20)),
  units: z.array(unitSchema).check(z.minLength(1), z.maxLength(1000)),
  /** Province-wide goal (pledges). */
  goal: count,
  /** True when the goals are sample figures: widgets then say "Số liệu minh họa" / "Illustrative data". */
  goalsAreIllustrative: z.boolean(),
  startDate: calendarDay,
  endDate: calendarDay,
});
export type Campaign = z.infer<typeof campaignSchema>;

/** GET /api/v1/campaigns/:campaign/counts, and every `counts` event of the stream. */
export const countsSchema = z.object({
  campaign: slug,
  total: count,
  goal: count,
  /** Every unit of the campaign, in the campaign's order, zero counts included. */
  units: z.array(z.object({ id: slug, count, goal: count })),
  /** Every choice of the campaign, in the campaign's order, zero counts included. */
  choices: z.array(z.object({ id: slug, count })),
  /** ISO timestamp of the latest counted pledge; null before the first one. */
  updatedAt: z.nullable(z.string()),
  /**
   * The ETag of the campaign's config (GET /api/v1/campaigns/:campaign) these counts go with. When it
   * differs from the config a widget holds, the campaign was edited (a unit added, a goal or title
   * changed): the widget fetches the config again. Absent from services older than the console.
   */
  config: z.optional(z.string()),
});
export type Counts = z.infer<typeof countsSchema>;

/** POST /api/v1/campaigns/:campaign/pledges, `Content-Type: application/json`. Nothing else is stored. */
export const pledgeRequestSchema = z.object({ unit: slug, choice: slug, key: pledgeKey });
export type PledgeRequest = z.infer<typeof pledgeRequestSchema>;

/** 201 (`created: true`) when the key is new, 200 (`created: false`) when it was already counted. */
export const pledgeResponseSchema = z.object({ created: z.boolean(), counts: countsSchema });
export type PledgeResponse = z.infer<typeof pledgeResponseSchema>;

/** Machine codes of errors the service sends today. Parse `code` as any string: new codes may come. */
export const ERROR_CODES = [
  'invalid_json', // 400
  'invalid_field', // 400, with `field`
  'origin_not_allowed', // 403
  'unauthenticated', // 401: an admin route without a valid session (sign in again)
  'bad_credentials', // 401: sign-in refused (one message whatever was wrong)
  'forbidden', // 403: the session's role may not do this (an editor on an admin-only route)
  'bad_origin', // 403: an admin state change not sent from the service's own pages (CSRF)
  'edit_conflict', // 409: the campaign changed since it was read (reload, then edit again)
  'in_use', // 409: the change would drop or rename a unit or choice that has pledges, or remove oneself
  'not_found', // 404: no such route
  'unknown_campaign', // 404
  'unknown_unit', // 404, field "unit"
  'unknown_choice', // 404, field "choice"
  'unknown_quiz', // 404
  'campaign_not_started', // 409: before the campaign's startDate (Vietnam time); the config has the dates
  'campaign_closed', // 409: after the campaign's endDate (Vietnam time); do not retry
  'unit_retired', // 409: the unit was retired (its pledges are kept and shown); do not retry
  'payload_too_large', // 413
  'unsupported_media_type', // 415
  'rate_limited', // 429, with a Retry-After header (seconds)
  'unavailable', // 503: the service cannot store pledges or results right now (keep the pledge queued, retry)
  'internal', // 500: a bug; the request itself may be fine (keep it queued, retry)
] as const;
export type ErrorCode = (typeof ERROR_CODES)[number];

/** What went wrong, the `error` of every error body. */
export const errorDetailSchema = z.object({
  code: z.string(),
  /** For people (English): what was wrong and what to change. */
  message: z.string(),
  /** Dotted path of the offending request field, e.g. `unit`. */
  field: z.optional(z.string()),
});
export type ApiErrorDetail = z.infer<typeof errorDetailSchema>;

/** Every error response (4xx and 5xx) has this body. */
export const errorSchema = z.object({ error: errorDetailSchema });
export type ApiError = z.infer<typeof errorSchema>;
