/**
 * The pledge counter's use of the shared outbox (src/core/outbox.ts): what a queued pledge holds, where it
 * is sent, and the device's memory of its own pledge (so it does not pledge twice).
 */
import { apiPath } from '../../contract/paths.js';
import {
  enqueue as enqueueItem,
  newKey,
  postJson,
  readQueue,
  type Queued,
  type SendResult,
} from '../../core/outbox.js';
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

/** Sends one pledge: only unit, choice and key leave the device. */
export function sendPledge(pledge: PendingPledge): Promise<SendResult> {
  return postJson(pledge.api + apiPath.pledges(pledge.campaign), {
    unit: pledge.unit,
    choice: pledge.choice,
    key: pledge.key,
  });
}
