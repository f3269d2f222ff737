/**
 * A data directory that has held a ledger never silently starts a new one. The first start in an
 * empty folder creates `pledges.sqlite` and then writes the marker `ledger.json` beside it; from then
 * on a missing or empty `pledges.sqlite` stops the start. Otherwise a lost or truncated file would
 * start at count 0 and accept every key acknowledged before as new, counting those pledges twice.
 * Folders from before the marker get it at their first start with a database that opens.
 */
import { readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { writeDurably } from './durable-file.js';

export const DATABASE_FILE = 'pledges.sqlite';
export const LEDGER_MARKER = 'ledger.json';

/** The data directory's ledger is gone or emptied: the message says what is missing and both ways out. */
export class LedgerMissingError extends Error {
  override name = 'LedgerMissingError';
}

/** Throws {@link LedgerMissingError} when `dataDir` held a ledger (or holds an empty database file) but its database is not there. */
export function checkLedger(dataDir: string): void {
  const database = join(dataDir, DATABASE_FILE);
  const marker = join(dataDir, LEDGER_MARKER);
  const size = statSync(database, { throwIfNoEntry: false })?.size;
  const since = createdAt(marker);
  const restore = `restore the latest backup to ${database} and start again`;
  if (since !== undefined && size === undefined) {
    throw new LedgerMissingError(
      `${database} is missing, but ${dataDir} has held a ledger since ${since} (${marker}). Starting anew would count every pledge acknowledged before a second time: ${restore}. Only to begin a new campaign ledger on purpose, delete ${marker}.`,
    );
  }
  if (size === 0) {
    const held =
      since === undefined
        ? 'The service never leaves an empty database file'
        : `${dataDir} has held a ledger since ${since} (${marker})`;
    throw new LedgerMissingError(
      `${database} is empty (0 bytes). ${held}: starting anew would count every pledge acknowledged before a second time. ${restore[0].toUpperCase()}${restore.slice(1)}. Only for a new installation with no pledges yet, delete the empty file${since === undefined ? '' : ` and ${marker}`}.`,
    );
  }
}

/** Writes the marker (durably) once the database has opened, if it is not there yet. */
export function markLedger(dataDir: string, now: string): void {
  const marker = join(dataDir, LEDGER_MARKER);
  if (createdAt(marker) !== undefined) return;
  const text = `${JSON.stringify({ createdAt: now, database: DATABASE_FILE, note: 'This folder holds a Lantoa pledge ledger: the service refuses to start if pledges.sqlite goes missing or empty. Delete this file only to begin a new ledger on purpose.' }, null, 2)}\n`;
  writeDurably(marker, text);
}

/** The marker's creation time, or undefined when there is no marker (an unreadable one still counts as one). */
function createdAt(marker: string): string | undefined {
  let text: string;
  try {
    text = readFileSync(marker, 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    return 'an unknown date';
  }
  try {
    const value = (JSON.parse(text) as { createdAt?: unknown }).createdAt;
    return typeof value === 'string' ? value : 'an unknown date';
  } catch {
    return 'an unknown date';
  }
}
