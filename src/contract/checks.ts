/**
 * Hand-written checks of what the pledge service sends (campaign config and counts), without zod, for the
 * browser (the service's request checks, src/server/quick-check.ts, build on the same pieces): a counter page then shows its numbers without downloading zod (7 KB gzip, a third of its budget).
 * Each returns the value only when the contract's zod schema (pledge.ts) accepts it too, and undefined
 * otherwise, meaning "ask zod": the lazily loaded schema then names the field (test/contract holds the two
 * to agreement on valid and broken documents).
 */
import type { Campaign, Counts } from './pledge.js';

/**
 * Ids of campaigns, units and choices: lowercase ascii words joined by hyphens (`ba-tri`), so they are safe
 * in URLs, attributes and file names whatever the unit's Vietnamese name is.
 */
export const SLUG_PATTERN = /^[a-z0-9]+(?:-[a-z0-9]+)*$/;
export const SLUG_MAX_LENGTH = 64;
/** Longest text (a title, a label, a unit's name). */
export const TEXT_MAX_LENGTH = 500;

export type Fields = Record<string, unknown>;

/** A JSON object (not an array, not null). */
export const isObject = (value: unknown): value is Fields => typeof value === 'object' && value !== null && !Array.isArray(value);
/** An id as the contract's `slug`: lowercase ascii words joined by hyphens, 1 to 64 characters. */
export const isSlug = (value: unknown): value is string =>
  typeof value === 'string' && value.length >= 1 && value.length <= SLUG_MAX_LENGTH && SLUG_PATTERN.test(value);
const isText = (value: unknown): value is string => typeof value === 'string' && value.length >= 1 && value.length <= TEXT_MAX_LENGTH;
const isCount = (value: unknown): value is number => Number.isSafeInteger(value) && (value as number) >= 0;
const isLocalized = (value: unknown) => isObject(value) && isText(value.vi) && isText(value.en);
const isListOf = (value: unknown, min: number, max: number, item: (entry: Fields) => boolean) =>
  Array.isArray(value) && value.length >= min && value.length <= max && value.every((entry) => isObject(entry) && item(entry));

/** YYYY-MM-DD of a day that exists (no 2026-02-30), as the contract's calendarDay. */
export function isCalendarDay(value: unknown): value is string {
  if (typeof value !== 'string' || !/^\d{4}-\d{2}-\d{2}$/.test(value)) return false;
  // Date rolls 2026-02-30 over to March 2; a round trip shows it.
  const date = new Date(`${value}T00:00:00Z`);
  return !Number.isNaN(date.getTime()) && date.toISOString().startsWith(value);
}

/** The campaign config when it is certainly valid; undefined means "ask zod". */
export function quickCampaign(data: unknown): Campaign | undefined {
  const valid =
    isObject(data) &&
    isSlug(data.id) &&
    isLocalized(data.title) &&
    (data.description === undefined || isLocalized(data.description)) &&
    (data.note === undefined || isLocalized(data.note)) &&
    isListOf(data.choices, 1, 20, (choice) => isSlug(choice.id) && isLocalized(choice.label)) &&
    isListOf(data.units, 1, 1000, (unit) => isSlug(unit.id) && isText(unit.name) && isCount(unit.goal)) &&
    isCount(data.goal) &&
    typeof data.goalsAreIllustrative === 'boolean' &&
    isCalendarDay(data.startDate) &&
    isCalendarDay(data.endDate);
  return valid ? (data as unknown as Campaign) : undefined;
}

/** The counts when they are certainly valid; undefined means "ask zod". */
export function quickCounts(data: unknown): Counts | undefined {
  const valid =
    isObject(data) &&
    isSlug(data.campaign) &&
    isCount(data.total) &&
    isCount(data.goal) &&
    isListOf(data.units, 0, Infinity, (unit) => isSlug(unit.id) && isCount(unit.count) && isCount(unit.goal)) &&
    isListOf(data.choices, 0, Infinity, (choice) => isSlug(choice.id) && isCount(choice.count)) &&
    (data.updatedAt === null || typeof data.updatedAt === 'string');
  return valid ? (data as unknown as Counts) : undefined;
}
