/**
 * Validation of what the pledge service sends, with the shared contract (src/contract). Loaded lazily,
 * in parallel with the first requests, so zod never delays the counter's first paint.
 */
import { campaignSchema, countsSchema, type Campaign, type Counts } from '../../contract/pledge.js';
import { check } from '../../core/validate.js';

export type { Campaign as CampaignConfig, Counts };

function valid<T>(what: string, result: ReturnType<typeof check<T>>): T {
  if (result.ok) return result.value;
  const at = result.problem.path ? ` at "${result.problem.path}"` : '';
  throw new Error(`the service sent invalid ${what}${at}: ${result.problem.detail}`);
}

export const checkConfig = (data: unknown): Campaign => valid('campaign config', check(campaignSchema, data));
export const checkCounts = (data: unknown): Counts => valid('counts', check(countsSchema, data));
