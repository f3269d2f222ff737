/**
 * The device's outbox of pledges. A pledge is written here, with its idempotency key, before it is sent,
 * so a dropped connection, a closed tab or a dead battery never loses it: it is sent again (same key,
 * counted once by the service) until the service answers. Only a 4xx other than 408/429 drops it.
 */
import { apiPath } from '../../contract/paths.js';
import { readStored, writeStored } from '../../core/storage.js';

export interface PendingPledge {
  api: string;
  campaign: string;
  unit: string;
  choice: string;
  key: string;
  queuedAt: number;
}

/** What this device has pledged for a campaign, so it does not pledge twice. */
export interface DevicePledge {
  choice: string;
  key: string;
  state: 'queued' | 'counted';
}

export type SendResult =
  | { outcome: 'counted'; body: unknown }
  | { outcome: 'queued'; reason: string }
  | { outcome: 'rejected'; status: number; code: string; message: string };

const OUTBOX = 'lantoa:pledge:outbox';
const deviceKey = (api: string, campaign: string) => `lantoa:pledge:done:${api}|${campaign}`;

export function pendingPledges(): PendingPledge[] {
  const stored = readStored<PendingPledge[]>(OUTBOX);
  return Array.isArray(stored) ? stored : [];
}

export function enqueue(pledge: PendingPledge): void {
  writeStored(OUTBOX, [...pendingPledges().filter((p) => p.key !== pledge.key), pledge]);
}

export function dequeue(key: string): void {
  writeStored(OUTBOX, pendingPledges().filter((p) => p.key !== key));
}

export function devicePledge(api: string, campaign: string): DevicePledge | null {
  return readStored<DevicePledge>(deviceKey(api, campaign));
}

export function rememberPledge(api: string, campaign: string, pledge: DevicePledge | null): void {
  writeStored(deviceKey(api, campaign), pledge);
}

/**
 * A random UUID v4. `crypto.randomUUID` exists only on https pages; many union sites are plain http,
 * where `getRandomValues` still works.
 */
export function newKey(): string {
  if (typeof crypto.randomUUID === 'function' && globalThis.isSecureContext) return crypto.randomUUID();
  const bytes = crypto.getRandomValues(new Uint8Array(16));
  bytes[6] = (bytes[6] & 0x0f) | 0x40;
  bytes[8] = (bytes[8] & 0x3f) | 0x80;
  const hex = [...bytes].map((b) => b.toString(16).padStart(2, '0')).join('');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}

export function pledgesUrl(api: string, campaign: string): string {
  return api + apiPath.pledges(campaign);
}

/** Sends one pledge. Never throws: the outcome says whether to forget it, keep it, or report it. */
export async function sendPledge(pledge: PendingPledge, timeoutMs = 15_000): Promise<SendResult> {
  const controller = new AbortController();
  const timer = setTimeout(() => controller.abort(), timeoutMs);
  try {
    const response = await fetch(pledgesUrl(pledge.api, pledge.campaign), {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ unit: pledge.unit, choice: pledge.choice, key: pledge.key }),
      credentials: 'omit',
      signal: controller.signal,
    });
    const body: unknown = await response.json().catch(() => null);
    if (response.ok) return { outcome: 'counted', body };
    // Busy or slow (429, 408) and server faults (5xx) are worth another try; other 4xx are final.
    if (response.status >= 500 || response.status === 429 || response.status === 408) {
      return { outcome: 'queued', reason: `HTTP ${response.status}` };
    }
    const error = (body as { error?: { code?: string; message?: string } } | null)?.error;
    return { outcome: 'rejected', status: response.status, code: error?.code ?? 'rejected', message: error?.message ?? '' };
  } catch (error) {
    return { outcome: 'queued', reason: String(error) };
  } finally {
    clearTimeout(timer);
  }
}
