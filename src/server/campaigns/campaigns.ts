/**
 * The campaigns file (CAMPAIGNS_FILE, default campaigns/campaigns.json): read once at start-up and
 * validated with full zod (English messages). Any mistake stops the start with the field's path,
 * because a service running with a half-understood campaign would count pledges against wrong units.
 */
import { readFileSync } from 'node:fs';
import * as z from 'zod';
import { campaignSchema, type Campaign } from '../../contract/pledge.js';
import { quizSchema, type Quiz } from '../../contract/quiz.js';

/** An origin exactly as browsers send it in the Origin header: scheme, host, port; no path or slash. */
const origin = z.string().refine((value) => {
  try {
    const url = new URL(value);
    return /^https?:$/.test(url.protocol) && url.origin === value;
  } catch {
    return false;
  }
}, 'an origin such as "https://example.gov.vn" (scheme, host and port only, no trailing slash)');

const note = z.optional(z.string());

// Strict objects: a misspelt key ("allowedOrigin") is an error rather than a silently missing setting.
const campaignFileEntry = z
  .strictObject({
    ...campaignSchema.shape,
    allowedOrigins: z.array(origin).max(100),
    /** Quizzes of the campaign (`<lantoa-quiz-card>` results): they take its units, origins and dates. */
    quizzes: z.array(quizSchema).max(50).optional(),
    // `note` ({ vi, en }, shown by the widgets) comes with the contract's shape above; these three are the
    // file's own remarks for whoever edits it, never sent.
    goalsNote: note,
    datesNote: note,
    $comment: note,
  })
  .superRefine((campaign, ctx) => {
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
    if (campaign.endDate < campaign.startDate) {
      ctx.addIssue({ code: 'custom', path: ['endDate'], message: 'endDate is before startDate' });
    }
  });

const campaignsFile = z
  .strictObject({ $comment: note, campaigns: z.array(campaignFileEntry).min(1) })
  .superRefine((file, ctx) => {
    unique(
      file.campaigns.map((campaign) => campaign.id),
      ['campaigns'],
      ctx,
    );
    // A quiz id names the quiz in its URL alone, so it is unique across the whole file.
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

export interface CampaignEntry {
  /** What GET /api/v1/campaigns/:campaign returns. */
  public: Campaign;
  /** Origins whose pages may call the API for this campaign (CORS and the 403 check). */
  allowedOrigins: ReadonlySet<string>;
  unitIds: ReadonlySet<string>;
  choiceIds: ReadonlySet<string>;
  quizzes: readonly Quiz[];
}

/** A campaigns file that cannot be used; `message` names the file and the field path. */
export class CampaignsFileError extends Error {
  override name = 'CampaignsFileError';
}

/** Reads and validates the campaigns file; throws {@link CampaignsFileError} naming the bad field. */
export function loadCampaigns(file: string): Map<string, CampaignEntry> {
  let data: unknown;
  try {
    // A byte-order mark, as Windows editors save UTF-8, is not part of the JSON.
    data = JSON.parse(readFileSync(file, 'utf8').replace(/^\uFEFF/, ''));
  } catch (error) {
    throw new CampaignsFileError(`campaigns file ${file}: ${(error as Error).message}`);
  }
  const result = campaignsFile.safeParse(data);
  if (!result.success) {
    const problems = result.error.issues.map(
      (issue) => `  ${issue.path.map(String).join('.') || '(root)'}: ${issue.message}`,
    );
    throw new CampaignsFileError(`campaigns file ${file} is invalid:\n${problems.join('\n')}`);
  }
  const campaigns = new Map<string, CampaignEntry>();
  for (const entry of result.data.campaigns) {
    campaigns.set(entry.id, {
      // The contract's (non-strict) object drops the file-only keys: origins and notes stay private.
      public: campaignSchema.parse(entry),
      allowedOrigins: new Set(entry.allowedOrigins),
      unitIds: new Set(entry.units.map((unit) => unit.id)),
      choiceIds: new Set(entry.choices.map((choice) => choice.id)),
      quizzes: entry.quizzes ?? [],
    });
  }
  return campaigns;
}
