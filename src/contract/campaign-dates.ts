/**
 * When a campaign takes pledges and quiz results: days in Vietnam time, start and end days included in
 * full. Zod-free, so the service (which refuses with 409) and the counter (which says why there is no form)
 * decide the same way from one definition.
 */

/** Campaigns run on Vietnam time (UTC+7 all year, no daylight saving). */
const VIETNAM_OFFSET_MS = 7 * 60 * 60 * 1000;

/** The calendar day (YYYY-MM-DD) in Vietnam at `ms` (milliseconds since the epoch). */
export function vietnamDay(ms: number): string {
  return new Date(ms + VIETNAM_OFFSET_MS).toISOString().slice(0, 10);
}

export type CampaignPhase = 'open' | 'not-started' | 'closed';

/** Whether a campaign with these dates (YYYY-MM-DD) takes pledges and results on `day` (Vietnam time). */
export function campaignPhase(campaign: { startDate: string; endDate: string }, day: string): CampaignPhase {
  if (day < campaign.startDate) return 'not-started';
  if (day > campaign.endDate) return 'closed';
  return 'open';
}
