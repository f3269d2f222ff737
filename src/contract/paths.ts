/**
 * The API's paths and constants: plain values, no zod, so the browser widget can import them statically
 * while the schemas (src/contract/pledge.ts) load only with the data.
 */

/** Every API path starts here; a breaking change gets /api/v2 instead of changing these shapes. */
export const API_PREFIX = '/api/v1';

/** The Server-Sent Events `event:` name whose `data:` is a {@link Counts} JSON document. */
export const COUNTS_EVENT = 'counts';

/** Largest pledge request body the service reads (bytes); a pledge is well under 200. */
export const MAX_PLEDGE_BODY_BYTES = 2048;

/** Paths of the API, for the widget (prefix with the service origin) and the service's routes. */
export const apiPath = {
  campaign: (campaign: string) => `${API_PREFIX}/campaigns/${encodeURIComponent(campaign)}`,
  counts: (campaign: string) => `${apiPath.campaign(campaign)}/counts`,
  pledges: (campaign: string) => `${apiPath.campaign(campaign)}/pledges`,
  stream: (campaign: string) => `${apiPath.campaign(campaign)}/stream`,
};
