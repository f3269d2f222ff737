/**
 * The campaign feed: what a province publishes at a URL (or a webmaster puts in an inline
 * `<script type="application/json">` child) to change the banner on every site at once.
 * Loaded lazily by the banner, only when a feed or inline data is present.
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
