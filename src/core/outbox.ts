/**
 * A saved-before-sent queue for what a widget posts to the service (a pledge, a quiz result). An item is
 * written to localStorage, with its idempotency key, before it is sent, so a dropped connection, a closed
 * tab or a dead battery never loses it: it is sent again (same key, counted once by the service) with
 * backoff, when the browser comes back `online`, and on the next visit, until the service answers. Only a
 * 4xx other than 408/429 drops it (the service will never take it).
 *
 * This module is the queue in storage, which a widget reads as it starts; the delivery (outbox-delivery.ts:
 * sending, retries, `online`) loads only where something is sent or waiting, so a view without a form (the
 * province ranking) does not download it.
 */
import { readStored, removeStored, writeStored } from './storage.js';

/** What every queued item carries: the service it goes to, its idempotency key and when it was queued. */
export interface Queued {
  api: string;
  key: string;
  queuedAt: number;
}

export type SendResult =
  | { outcome: 'sent'; body: unknown }
  | { outcome: 'retry'; reason: string }
  | { outcome: 'rejected'; status: number; code: string; message: string };

/** The items queued under `storageKey` (empty when storage is blocked or holds something else). */
export function readQueue<T extends Queued>(storageKey: string): T[] {
  const stored = readStored<T[]>(storageKey);
  return Array.isArray(stored) ? stored : [];
}

/** Saves the queue; an empty queue removes the key, so nothing is left behind in the visitor's storage. */
function writeQueue<T extends Queued>(storageKey: string, items: T[]): void {
  if (items.length === 0) removeStored(storageKey);
  else writeStored(storageKey, items);
}

export function enqueue<T extends Queued>(storageKey: string, item: T): void {
  writeQueue(storageKey, [...readQueue<T>(storageKey).filter((queued) => queued.key !== item.key), item]);
}

export function dequeue(storageKey: string, key: string): void {
  writeQueue(
    storageKey,
    readQueue(storageKey).filter((queued) => queued.key !== key),
  );
}

/**
 * A random UUID v4, for idempotency keys. From `getRandomValues`, which works on plain-http pages too (many
 * union sites are), unlike `crypto.randomUUID` (https only): each 0/1 becomes a random hex digit, each 8 one
 * of 8–b (the variant), the 4 stays (the version).
 */
export function newKey(): string {
  return '10000000-1000-4000-8000-100000000000'.replace(/[018]/g, (c) =>
    (+c ^ (crypto.getRandomValues(new Uint8Array(1))[0] & (15 >> (+c / 4)))).toString(16),
  );
}
