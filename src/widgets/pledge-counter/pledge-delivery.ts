/**
 * The counter's delivery of pledges: the shared outbox's controller (src/core/outbox-delivery.ts) on the pledge
 * queue (pledge-outbox.ts). Loaded with the campaign's data where the counter has a form, and at once wherever
 * pledges wait from an earlier visit; the province view without either never downloads it.
 */
import type { ReactiveControllerHost } from 'lit';
import { apiPath } from '../../contract/paths.js';
import { Outbox, postJson, type OutboxOptions, type SendResult } from '../../core/outbox-delivery.js';
// Types only: the queue's module stays in the counter's own chunk, not one more file on its page.
import type { PendingPledge } from './pledge-outbox.js';

/** Sends one pledge: only unit, choice and key leave the device. */
export function sendPledge(pledge: PendingPledge): Promise<SendResult> {
  return postJson(pledge.api + apiPath.pledges(pledge.campaign), {
    unit: pledge.unit,
    choice: pledge.choice,
    key: pledge.key,
  });
}

/** The pledge queue's outbox (`storageKey`: PLEDGE_OUTBOX), a controller of `host`, started at once on the page. */
export const pledgeOutbox = (
  host: ReactiveControllerHost,
  options: Omit<OutboxOptions<PendingPledge>, 'send'>,
): Outbox<PendingPledge> => new Outbox(host, { send: sendPledge, ...options });
