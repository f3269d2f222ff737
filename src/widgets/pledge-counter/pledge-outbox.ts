/**
 * The pledge counter's use of the shared outbox's queue (src/core/outbox.ts): what a queued pledge holds, and the
 * device's memory of its own pledge (so it does not pledge twice). Sending is pledge-delivery.ts (lazy).
 */
import { enqueue as enqueueItem, newKey, readQueue, type Queued } from '../../core/outbox.js';
import { readStored, writeStored } from '../../core/storage.js';

export { newKey };

export interface PendingPledge extends Queued {
  campaign: string;
  unit: string;
  choice: string;
}

/** What this device has pledged for a campaign, so it does not pledge twice. */
export interface DevicePledge {
  choice: string;
  key: string;
  state: 'queued' | 'counted';
}

export const PLEDGE_OUTBOX = 'lantoa:pledge:outbox';
const deviceKey = (api: string, campaign: string) => `lantoa:pledge:done:${api}|${campaign}`;

export const pendingPledges = (): PendingPledge[] => readQueue<PendingPledge>(PLEDGE_OUTBOX);

export const enqueue = (pledge: PendingPledge): void => enqueueItem(PLEDGE_OUTBOX, pledge);

export function devicePledge(api: string, campaign: string): DevicePledge | null {
  return readStored<DevicePledge>(deviceKey(api, campaign));
}

export function rememberPledge(api: string, campaign: string, pledge: DevicePledge | null): void {
  writeStored(deviceKey(api, campaign), pledge);
}
