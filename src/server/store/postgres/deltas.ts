/**
 * What one instance tells the others about a commit (NOTIFY, sent inside the committing transaction, so
 * it goes out if and only if the records are stored): the instance, its commit number, and the new
 * records folded into counts. Folded because a NOTIFY payload is capped at 8000 bytes: a batch of a
 * thousand pledges to a few units is a few rows. A batch whose summary would not fit says so instead
 * (`overflow`), and the receivers read their counts again from the database.
 */
import type pg from 'pg';
import type { NewRecord } from '../store.js';

export const CHANNEL = 'lantoa_records';

/** Room PostgreSQL leaves for a payload (under 8000 bytes), with margin for multi-byte text. */
const MAX_PAYLOAD = 7000;

export interface CommitNotice {
  /** The committing instance. */
  instance: string;
  /** Its commit number (lantoa_instances.seq): one more than its previous commit's. */
  seq: number;
  /** The new records, unfolded; undefined when the summary did not fit in a payload. */
  records: NewRecord[] | undefined;
}

interface Payload {
  i: string;
  s: number;
  /** Latest created_at of the batch. */
  t?: string;
  /** [campaign, unit, choice, count] */
  p?: [string, string, string, number][];
  /** [quiz, unit, score, total, count] */
  q?: [string, string, number, number, number][];
  /** The summary did not fit. */
  o?: 1;
}

/** The payload of a commit of `records` (the new ones only). */
export function encodeNotice(instance: string, seq: number, records: readonly NewRecord[]): string {
  const pledges = new Map<string, [string, string, string, number]>();
  const results = new Map<string, [string, string, number, number, number]>();
  let latest = '';
  for (const record of records) {
    if (record.createdAt > latest) latest = record.createdAt;
    if (record.kind === 'pledge') {
      const id = `${record.campaign}\t${record.unit}\t${record.choice}`;
      const row = pledges.get(id);
      if (row) row[3] += 1;
      else pledges.set(id, [record.campaign, record.unit, record.choice, 1]);
    } else {
      const id = `${record.quiz}\t${record.unit}\t${record.score}\t${record.total}`;
      const row = results.get(id);
      if (row) row[4] += 1;
      else results.set(id, [record.quiz, record.unit, record.score, record.total, 1]);
    }
  }
  const payload: Payload = { i: instance, s: seq };
  if (latest) payload.t = latest;
  if (pledges.size) payload.p = [...pledges.values()];
  if (results.size) payload.q = [...results.values()];
  const text = JSON.stringify(payload);
  return text.length <= MAX_PAYLOAD ? text : JSON.stringify({ i: instance, s: seq, o: 1 } satisfies Payload);
}

/** A payload back into records (keys are not sent: the receivers only count). Throws on a malformed payload. */
export function decodeNotice(text: string): CommitNotice {
  const payload = JSON.parse(text) as Payload;
  if (typeof payload.i !== 'string' || !Number.isSafeInteger(payload.s)) throw new Error('malformed commit notice');
  if (payload.o) return { instance: payload.i, seq: payload.s, records: undefined };
  const createdAt = payload.t ?? '';
  const records: NewRecord[] = [];
  for (const [campaign, unit, choice, count] of payload.p ?? [])
    for (let n = 0; n < count; n++) records.push({ kind: 'pledge', campaign, unit, choice, key: '', createdAt });
  for (const [quiz, unit, score, total, count] of payload.q ?? [])
    for (let n = 0; n < count; n++) records.push({ kind: 'quiz-result', quiz, unit, score, total, key: '', createdAt });
  return { instance: payload.i, seq: payload.s, records };
}

/**
 * Connects `client` (a dedicated connection, its 'error' and 'end' listeners already set) and LISTENs on `channel`.
 * On failure the half-open client is closed quietly (its 'end' listener removed, so it does not count as a lost
 * connection) and the error thrown: the caller retries with a new client.
 */
export async function listen(client: pg.Client, channel: string): Promise<void> {
  try {
    await client.connect();
    await client.query(`LISTEN ${channel}`);
  } catch (error) {
    client.removeAllListeners('end');
    client.on('error', () => undefined);
    await client.end().catch(() => undefined);
    throw error;
  }
}
