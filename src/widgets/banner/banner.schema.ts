/**
 * The campaign feed: what a province publishes at a URL (or a webmaster puts in an inline
 * `<script type="application/json">` child) to change the banner on every site at once.
 * Loaded lazily by the banner, only to explain feed data that its fast check (src/contract/feed-checks.ts) refuses.
 */
import { check, isoDate, localizedText, z, type Checked } from '../../core/validate.js';

export const feedMessageSchema = z.object({
  /** Stable id: dismissal is remembered per id, so a new message shows again. */
  id: z.string().check(z.minLength(1), z.maxLength(100)),
  headline: localizedText,
  message: z.optional(localizedText),
  cta: z.optional(z.object({ label: z.optional(localizedText), href: z.string() })),
  start: z.optional(isoDate),
  end: z.optional(isoDate),
  countdownTo: z.optional(isoDate),
  countdownLabel: z.optional(localizedText),
});

export const bannerFeedSchema = z.object({
  messages: z.array(feedMessageSchema).check(z.maxLength(20)),
});

export type BannerFeed = z.infer<typeof bannerFeedSchema>;
export type FeedMessage = z.infer<typeof feedMessageSchema>;

export function checkFeed(data: unknown): Checked<BannerFeed> {
  return check(bannerFeedSchema, data);
}

/**
 * The feed zod accepts (when the fast check said no to data zod takes, its messages are used: zod is the
 * reference), else an error naming the source and the field, for the console.
 */
export function explainFeed(data: unknown, from: string, url?: string): BannerFeed {
  const checked = checkFeed(data);
  if (checked.ok) return checked.value;
  const at = checked.problem.path ? ` at "${checked.problem.path}"` : '';
  const where = url ? `feed ${url}` : from === 'inline' ? 'the inline JSON' : 'the messages property';
  throw new Error(`invalid data in ${where}${at}: ${checked.problem.detail}`);
}
