/**
 * The campaign console's API contract (`/api/v1/admin/*`): one definition of every request and response
 * body, imported by the console (browser, src/console) and by the service (src/server/admin), like
 * pledge.ts for the widgets. Never imported by a public page (the size check proves it).
 *
 * Every route needs a session cookie (401 `unauthenticated` without); account routes need the admin role
 * (403 `forbidden` for an editor); every state change (POST, PUT, PATCH, DELETE) needs the service's own
 * Origin (403 `bad_origin`) and a JSON body, and is written to the audit log. Errors have the body of
 * pledge.ts's errorSchema.
 */
import * as z from 'zod/mini';
import { calendarDay, campaignSchema, localized, slug, TEXT_MAX_LENGTH, unitSchema } from './pledge.js';
import { quizSchema } from './quiz.js';

export const ADMIN_PREFIX = '/api/v1/admin';
/** The session cookie's name (HttpOnly, SameSite=Strict, Path=/, Secure behind https). */
export const SESSION_COOKIE = 'lantoa_session';

// ---------------------------------------------------------------------------------------------------
// Accounts and sessions

export const ROLES = ['admin', 'editor'] as const;
/** admin: everything, accounts included; editor: campaigns, messages, units, results; not accounts. */
export const roleSchema = z.enum(ROLES);
export type Role = z.infer<typeof roleSchema>;

/** Account names: 2–32 lowercase letters, digits, ".", "_" or "-", starting with a letter or digit. */
export const USER_NAME_PATTERN = /^[a-z0-9][a-z0-9._-]{1,31}$/;
export const userName = z.string().check(z.regex(USER_NAME_PATTERN, '2–32 lowercase letters, digits, ".", "_", "-"'));
export const PASSWORD_MIN_LENGTH = 12;
/** Bounded so a sign-in cannot make the KDF hash megabytes. */
export const PASSWORD_MAX_LENGTH = 256;
export const password = z.string().check(z.minLength(PASSWORD_MIN_LENGTH), z.maxLength(PASSWORD_MAX_LENGTH));

/** POST /admin/session. Deliberately loose: a refusal never says which part was wrong (401 bad_credentials). */
export const signInRequestSchema = z.object({
  name: z.string().check(z.maxLength(64)),
  password: z.string().check(z.maxLength(PASSWORD_MAX_LENGTH)),
});

export const sessionUserSchema = z.object({ name: userName, role: roleSchema });
export type SessionUser = z.infer<typeof sessionUserSchema>;
/** 200 of POST and GET /admin/session (DELETE answers 204). */
export const sessionResponseSchema = z.object({
  user: sessionUserSchema,
  /** When the session ends if unused (idle expiry, 8 h after the latest request), ISO timestamp. */
  idleExpiresAt: z.string(),
  /** When it ends whatever happens (7 days after sign-in). */
  expiresAt: z.string(),
});
export type SessionResponse = z.infer<typeof sessionResponseSchema>;

export const userSchema = z.object({ name: userName, role: roleSchema, createdAt: z.string() });
export type User = z.infer<typeof userSchema>;
/** GET /admin/users (admin). */
export const usersResponseSchema = z.object({ users: z.array(userSchema) });
/** POST /admin/users (admin): 201 with the userSchema; 409 `in_use` when the name exists. */
export const newUserRequestSchema = z.object({ name: userName, role: roleSchema, password });
/** PATCH /admin/users/:name (admin): a new password signs that account out everywhere. */
export const userChangeRequestSchema = z.object({ role: z.optional(roleSchema), password: z.optional(password) });
/** POST /admin/password (any role): one's own password; every session of the account ends, a new one is set. */
export const passwordChangeRequestSchema = z.object({ current: z.string(), password });

/** One audit row: who did what to what, when, with the changed part before and after. */
export const auditEntrySchema = z.object({
  id: z.int(),
  at: z.string(),
  user: z.string(),
  /** e.g. `campaign.messages`, `campaign.units`, `campaign.settings`, `site.add`, `user.add`, `session.sign-in`. */
  action: z.string(),
  /** What it was done to: a campaign id, an account name. */
  target: z.string(),
  before: z.unknown(),
  after: z.unknown(),
});
export type AuditEntry = z.infer<typeof auditEntrySchema>;
/** GET /admin/audit?before=ID&limit=N, newest first; `next` is the `before` of the following page. */
export const auditResponseSchema = z.object({ entries: z.array(auditEntrySchema), next: z.nullable(z.int()) });

// ---------------------------------------------------------------------------------------------------
// Campaigns

/** open: any http/https site may show and use the widgets; listed: only `allowedOrigins`. */
export const EMBED_POLICIES = ['open', 'listed'] as const;
export const embedPolicySchema = z.enum(EMBED_POLICIES);
export type EmbedPolicy = z.infer<typeof embedPolicySchema>;

/** An origin as browsers send it: scheme (http or https), host and port; no path, no trailing slash. */
export const origin = z.string().check(
  z.refine((value) => {
    try {
      const url = new URL(value);
      return (url.protocol === 'http:' || url.protocol === 'https:') && url.origin === value;
    } catch {
      return false;
    }
  }, 'an origin such as "https://example.gov.vn" (scheme, host and port only)'),
);

/** A link a message points to: http or https only. */
export const httpUrl = z.string().check(
  z.maxLength(2000),
  z.refine((value) => {
    try {
      const url = new URL(value);
      return url.protocol === 'http:' || url.protocol === 'https:';
    } catch {
      return false;
    }
  }, 'an http or https address'),
);

/** An instant with its offset (the console sends Vietnam time, +07:00): 2026-10-10T08:00:00+07:00. */
export const timestamp = z.string().check(
  z.regex(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2})?(\.\d+)?(Z|[+-]\d{2}:\d{2})$/, 'a timestamp with its offset'),
  z.refine((value) => !Number.isNaN(Date.parse(value)), 'not a real instant'),
);

/**
 * One banner message as the console stores it and the feed serves it (GET /api/v1/campaigns/:campaign/feed,
 * `{ messages }`, the schema of the banner's feed files). Order is the array's; `start`/`end` is the
 * optional schedule. Both languages are required here (the banner's own feed files may give one).
 */
export const feedMessageDocSchema = z.object({
  id: slug,
  headline: localized,
  message: z.optional(localized),
  cta: z.optional(z.object({ label: z.optional(localized), href: httpUrl })),
  start: z.optional(timestamp),
  end: z.optional(timestamp),
  countdownTo: z.optional(timestamp),
  countdownLabel: z.optional(localized),
});
export type FeedMessageDoc = z.infer<typeof feedMessageDocSchema>;
export const feedSchema = z.object({ messages: z.array(feedMessageDocSchema).check(z.maxLength(20)) });

const note = z.optional(z.string().check(z.maxLength(TEXT_MAX_LENGTH * 4)));

/**
 * A campaign as the service stores it (and as `npm run campaigns -- export` writes it): the public config
 * plus what only the console sees. `version` grows by one at every change.
 */
export const campaignDocSchema = z.object({
  ...campaignSchema.shape,
  embed: embedPolicySchema,
  allowedOrigins: z.array(origin).check(z.maxLength(1000)),
  messages: z.array(feedMessageDocSchema).check(z.maxLength(20)),
  quizzes: z.optional(z.array(quizSchema).check(z.maxLength(50))),
  goalsNote: note,
  datesNote: note,
  version: z.int().check(z.minimum(1)),
  updatedAt: z.string(),
});
export type CampaignDoc = z.infer<typeof campaignDocSchema>;

/** GET /admin/campaigns: one line per campaign. */
export const campaignListResponseSchema = z.object({
  campaigns: z.array(
    z.object({
      id: slug,
      title: localized,
      embed: embedPolicySchema,
      units: z.int(),
      total: z.int(),
      goal: z.int(),
      startDate: calendarDay,
      endDate: calendarDay,
      version: z.int(),
    }),
  ),
});

/**
 * Every edit carries the `version` it was made from: a stale one gets 409 `edit_conflict` (another editor
 * saved meanwhile). Each answers 200 with the whole new campaignDocSchema.
 */
const versioned = { version: z.int() };

/**
 * PATCH /admin/campaigns/:campaign: the campaign's own settings; absent keys stay as they are, `null` removes
 * an optional text (description, note), as in a JSON merge patch (RFC 7396).
 */
export const campaignSettingsRequestSchema = z.object({
  ...versioned,
  title: z.optional(localized),
  description: z.optional(z.nullable(localized)),
  note: z.optional(z.nullable(localized)),
  goal: z.optional(z.int().check(z.minimum(0))),
  goalsAreIllustrative: z.optional(z.boolean()),
  startDate: z.optional(calendarDay),
  endDate: z.optional(calendarDay),
  embed: z.optional(embedPolicySchema),
  allowedOrigins: z.optional(z.array(origin).check(z.maxLength(1000))),
});
export type CampaignSettingsRequest = z.infer<typeof campaignSettingsRequestSchema>;
/** PUT /admin/campaigns/:campaign/messages: the banner's messages, in order. */
export const messagesRequestSchema = z.object({ ...versioned, messages: feedSchema.shape.messages });
/**
 * PUT /admin/campaigns/:campaign/units: every unit, in order. A unit that has pledges cannot be left out
 * or get another id (409 `in_use`, field `units`): retire it instead.
 */
export const unitsRequestSchema = z.object({
  ...versioned,
  units: z.array(unitSchema).check(z.minLength(1), z.maxLength(1000)),
});

/** A site that shows the campaign's widgets: aggregated counts only, nothing about visitors. */
export const siteSchema = z.object({
  origin,
  firstSeen: z.string(),
  lastSeen: z.string(),
  /** Reads of the campaign's config, counts, stream and feed from pages on this site. */
  reads: z.int(),
  pledges: z.int(),
  /** On the campaign's allowedOrigins. */
  listed: z.boolean(),
});
export type Site = z.infer<typeof siteSchema>;
/** GET /admin/campaigns/:campaign/sites, the most recently seen first. */
export const sitesResponseSchema = z.object({ embed: embedPolicySchema, sites: z.array(siteSchema) });
/** POST /admin/campaigns/:campaign/sites: adds an origin to allowedOrigins (the campaign doc comes back). */
export const addSiteRequestSchema = z.object({ ...versioned, origin });

/** GET /admin/campaigns/:campaign/results: pledges per day (Vietnam time) × unit × choice, and quiz figures. */
export const resultsResponseSchema = z.object({
  campaign: slug,
  total: z.int(),
  days: z.array(z.object({ day: calendarDay, unit: slug, choice: slug, count: z.int() })),
  quizzes: z.array(
    z.object({
      quiz: slug,
      title: localized,
      units: z.array(z.object({ unit: slug, participants: z.int(), averageScore: z.number() })),
    }),
  ),
});
export type ResultsResponse = z.infer<typeof resultsResponseSchema>;
/** GET /admin/campaigns/:campaign/export.csv: UTF-8 with BOM, one row per day × unit × choice. */
export const EXPORT_CSV_COLUMNS = ['day', 'unit', 'unit_name', 'group', 'choice', 'choice_label', 'pledges'] as const;
