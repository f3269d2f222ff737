/**
 * Campaign validation with full zod (English messages naming the field's path), derived from the contract's
 * shapes (src/contract/admin.ts campaignDocSchema), for the two ways a campaign enters the service: the
 * campaigns file (CAMPAIGNS_FILE, which seeds an empty store and is the format of `npm run campaigns --
 * import|export`) and an edit from the console (campaign-store.ts). A campaign the service half understood
 * would count pledges against wrong units, so anything wrong is refused whole.
 */
import { readFileSync } from 'node:fs';
import * as z from 'zod';
import * as zm from 'zod/mini';
import { campaignDocSchema, type CampaignDoc } from '../../contract/admin.js';
import type { Campaign } from '../../contract/pledge.js';
import { campaignSchema } from '../../contract/pledge.js';
import type { Quiz } from '../../contract/quiz.js';

const bodyShape = zm.omit(campaignDocSchema, { version: true, updatedAt: true }).shape;

/** A stored campaign without its bookkeeping (version, updatedAt): what the file holds and an edit produces. */
export type CampaignBody = Omit<CampaignDoc, 'version' | 'updatedAt'>;

/** The rules a shape cannot say: unique ids, dates in order. */
function campaignRules(campaign: CampaignBody, ctx: z.RefinementCtx): void {
  unique(
    campaign.units.map((unit) => unit.id),
    ['units'],
    ctx,
  );
  unique(
    campaign.choices.map((choice) => choice.id),
    ['choices'],
    ctx,
  );
  unique(
    campaign.messages.map((message) => message.id),
    ['messages'],
    ctx,
  );
  unique(
    (campaign.quizzes ?? []).map((quiz) => quiz.id),
    ['quizzes'],
    ctx,
  );
  if (campaign.endDate < campaign.startDate)
    ctx.addIssue({ code: 'custom', path: ['endDate'], message: 'endDate is before startDate' });
}

// Strict objects: a misspelt key ("allowedOrigin") is an error rather than a silently missing setting.
/** One stored campaign (an edit's result is checked with this). */
const campaignBody = z.strictObject(bodyShape).superRefine(campaignRules);

/**
 * One campaign of a campaigns file: the stored form, with `embed` ("open" unless said otherwise),
 * `messages` and `allowedOrigins` optional, and a `$comment` for whoever edits the file.
 */
const campaignFileEntry = z
  .strictObject({
    ...bodyShape,
    embed: z._default(bodyShape.embed, 'open'),
    messages: z._default(bodyShape.messages, () => []),
    allowedOrigins: z._default(bodyShape.allowedOrigins, () => []),
    $comment: z.optional(z.string()),
  })
  .superRefine(campaignRules);

const campaignsFile = z
  .strictObject({ $comment: z.optional(z.string()), campaigns: z.array(campaignFileEntry).min(1) })
  .superRefine((file, ctx) => {
    unique(
      file.campaigns.map((campaign) => campaign.id),
      ['campaigns'],
      ctx,
    );
    // A quiz id names the quiz in its URL alone, so it is unique across every campaign.
    const seen = new Set<string>();
    file.campaigns.forEach((campaign, c) =>
      campaign.quizzes?.forEach((quiz, q) => {
        if (seen.has(quiz.id))
          ctx.addIssue({
            code: 'custom',
            path: ['campaigns', c, 'quizzes', q, 'id'],
            message: `duplicate quiz id "${quiz.id}"`,
          });
        seen.add(quiz.id);
      }),
    );
  });

function unique(ids: string[], path: (string | number)[], ctx: z.RefinementCtx): void {
  ids.forEach((id, index) => {
    if (ids.indexOf(id) !== index)
      ctx.addIssue({ code: 'custom', path: [...path, index, 'id'], message: `duplicate id "${id}"` });
  });
}

/** One problem of a campaign: the dotted path of the field and what is wrong. */
export interface CampaignIssue {
  field: string;
  message: string;
}

function issuesOf(error: z.ZodError): CampaignIssue[] {
  return error.issues.map((issue) => ({ field: issue.path.map(String).join('.'), message: issue.message }));
}

/** A campaigns file that cannot be used; `message` names the file and every bad field's path. */
export class CampaignsFileError extends Error {
  override name = 'CampaignsFileError';
}

/** Validates a campaigns file's parsed content; throws {@link CampaignsFileError} naming every bad field. */
export function parseCampaignsFile(data: unknown, file: string): CampaignBody[] {
  const result = campaignsFile.safeParse(data);
  if (!result.success) {
    const problems = issuesOf(result.error).map(({ field, message }) => `  ${field || '(root)'}: ${message}`);
    throw new CampaignsFileError(`campaigns file ${file} is invalid:\n${problems.join('\n')}`);
  }
  // The file's own remarks are not stored.
  return result.data.campaigns.map((entry) => {
    const campaign: CampaignBody & { $comment?: string } = { ...entry };
    delete campaign.$comment;
    return campaign;
  });
}

/** Reads and validates a campaigns file; throws {@link CampaignsFileError} naming the file or the bad field. */
export function readCampaignsFile(file: string): CampaignBody[] {
  let data: unknown;
  try {
    // A byte-order mark, as Windows editors save UTF-8, is not part of the JSON.
    data = JSON.parse(readFileSync(file, 'utf8').replace(/^\uFEFF/, ''));
  } catch (error) {
    throw new CampaignsFileError(`campaigns file ${file}: ${(error as Error).message}`);
  }
  return parseCampaignsFile(data, file);
}

/**
 * Checks one campaign as an edit made it, against the other campaigns (quiz ids are unique across all):
 * the problems, none when it may be stored.
 */
export function checkCampaign(campaign: CampaignBody, others: readonly CampaignBody[]): CampaignIssue[] {
  const result = campaignBody.safeParse(campaign);
  if (!result.success) return issuesOf(result.error);
  const taken = new Set(others.filter((other) => other.id !== campaign.id).flatMap((other) => other.quizzes ?? []));
  const ids = new Set([...taken].map((quiz) => quiz.id));
  const index = (campaign.quizzes ?? []).findIndex((quiz) => ids.has(quiz.id));
  return index < 0
    ? []
    : [
        {
          field: `quizzes.${index}.id`,
          message: `quiz id "${campaign.quizzes?.[index].id}" belongs to another campaign`,
        },
      ];
}

/** What the API's routes need of a campaign, worked out once per version of it. */
export interface CampaignEntry {
  /** What GET /api/v1/campaigns/:campaign returns. */
  public: Campaign;
  /** "open": any http/https page may read and pledge; "listed": only `allowedOrigins` (and the service's own pages). */
  embed: CampaignDoc['embed'];
  /** Origins whose pages may call the API for this campaign (CORS and the 403 check). */
  allowedOrigins: ReadonlySet<string>;
  /** Every unit, to whether it is retired (kept in config and counts, takes no new pledges). */
  units: ReadonlyMap<string, boolean>;
  choiceIds: ReadonlySet<string>;
  quizzes: readonly Quiz[];
}

export function campaignEntry(campaign: CampaignBody): CampaignEntry {
  return {
    // The contract's (non-strict) object drops the private keys: origins, messages and notes stay here.
    public: campaignSchema.parse(campaign),
    embed: campaign.embed,
    allowedOrigins: new Set(campaign.allowedOrigins),
    units: new Map(campaign.units.map((unit) => [unit.id, unit.retired === true])),
    choiceIds: new Set(campaign.choices.map((choice) => choice.id)),
    quizzes: campaign.quizzes ?? [],
  };
}

/** A campaigns file's campaigns as the API sees them (tests, tools). */
export function loadCampaigns(file: string): Map<string, CampaignEntry> {
  return new Map(readCampaignsFile(file).map((campaign) => [campaign.id, campaignEntry(campaign)]));
}
