/**
 * Dates in attributes and feeds are ISO 8601: `2026-10-10` (a calendar day, read in the visitor's
 * time zone) or a full timestamp `2026-10-10T08:00:00+07:00`.
 */
const DAY_ONLY = /^(\d{4})-(\d{2})-(\d{2})$/;
const TIMESTAMP = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:\d{2})?$/;

export interface IsoDate {
  /** The instant the date starts (midnight local time for a calendar day). */
  start: Date;
  /** True when the value named a whole day, so an `end` of that day lasts until its last moment. */
  wholeDay: boolean;
}

/** Parses an ISO date or timestamp; returns null for anything else (including impossible days like 2026-02-30). */
export function parseIsoDate(value: string): IsoDate | null {
  const text = value.trim();
  const day = DAY_ONLY.exec(text);
  if (day) {
    const [year, month, date] = [Number(day[1]), Number(day[2]) - 1, Number(day[3])];
    const start = new Date(year, month, date);
    if (start.getFullYear() !== year || start.getMonth() !== month || start.getDate() !== date) return null;
    return { start, wholeDay: true };
  }
  if (!TIMESTAMP.test(text)) return null;
  const start = new Date(text);
  return Number.isNaN(start.getTime()) ? null : { start, wholeDay: false };
}

/** The first instant after the date: the next midnight for a whole day, the instant itself otherwise. */
export function endOf(date: IsoDate): Date {
  if (!date.wholeDay) return date.start;
  const next = new Date(date.start);
  next.setDate(next.getDate() + 1);
  return next;
}

/** True when `now` is inside [start, end]; a missing bound is open. */
export function isWithin(now: Date, start: IsoDate | null, end: IsoDate | null): boolean {
  if (start && now < start.start) return false;
  if (end && now >= endOf(end)) return false;
  return true;
}

/** Whole calendar days from today to the target day (0 on the day itself, negative after it). */
export function calendarDaysUntil(now: Date, target: IsoDate): number {
  const today = Date.UTC(now.getFullYear(), now.getMonth(), now.getDate());
  const t = target.start;
  const day = Date.UTC(t.getFullYear(), t.getMonth(), t.getDate());
  return Math.round((day - today) / 86_400_000);
}
