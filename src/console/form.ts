/**
 * What every console form shares: errors in the editor's language with the field named, Vietnam time for
 * the datetime-local inputs, and ids made from names.
 */
import type * as z from 'zod/mini';
import { INTL_TAG, type Locale } from '../core/i18n.js';
import { ApiError } from './api.js';
import type { ConsoleStrings } from './console.strings.js';

/** One problem of a form, tied to a field (its `path`, e.g. `messages.0.headline.en`) when there is one. */
export interface FieldError {
  path: string;
  /** "Message 2 – Headline (English): required". */
  text: string;
}

/** A refusal of the service (or of the network) as one sentence for the editor. */
export function explain(error: unknown, s: ConsoleStrings, fieldLabel: (path: string) => string = (p) => p): string {
  if (!(error instanceof ApiError)) return s.errors.other;
  const e = s.errors;
  switch (error.code) {
    case 'network':
    case 'bad_credentials':
    case 'forbidden':
    case 'bad_origin':
    case 'edit_conflict':
    case 'in_use':
    case 'not_found':
    case 'unknown_campaign':
    case 'invalid_response':
    case 'unavailable':
      return error.field && error.code === 'in_use' ? `${e.in_use} (${fieldLabel(error.field)})` : e[error.code];
    case 'rate_limited':
      return e.rate_limited(error.retryAfter ?? 60);
    case 'invalid_field':
      // The service's own words (English) stay: they say what it expects, which the field name alone does not.
      return `${e.invalid_field(fieldLabel(error.field ?? ''))} ${error.message}`;
    default:
      return `${e.other} (${error.status || ''} ${error.code})`;
  }
}

/** The problems zod finds in `data`, in the editor's language, each naming its field. */
export function problemsOf(
  schema: z.ZodMiniType,
  data: unknown,
  s: ConsoleStrings,
  fieldLabel: (path: string) => string,
): FieldError[] {
  const result = schema.safeParse(data);
  if (result.success) return [];
  return result.error.issues.map((issue) => {
    const path = issue.path.map(String).join('.');
    const minimum = 'minimum' in issue ? Number(issue.minimum) : 0;
    const what =
      issue.code === 'too_small'
        ? minimum <= 1
          ? s.required
          : s.tooShort(minimum)
        : issue.code === 'too_big'
          ? s.tooLong
          : /http or https/.test(issue.message)
            ? s.mustBeHttp
            : /origin/.test(issue.message)
              ? s.mustBeOrigin
              : s.invalid;
    return { path, text: `${fieldLabel(path)}: ${what}` };
  });
}

/** Whether a form's draft differs from the draft its saved document makes (both plain data). */
export const differs = (draft: unknown, saved: unknown): boolean => JSON.stringify(draft) !== JSON.stringify(saved);

const VIETNAM_OFFSET_MS = 7 * 3_600_000;

/** A stored instant as the value of a datetime-local input showing Vietnam time: "2026-10-10T08:00". */
export function toVietnamInput(timestamp: string | undefined): string {
  if (!timestamp) return '';
  const ms = Date.parse(timestamp);
  return Number.isNaN(ms) ? '' : new Date(ms + VIETNAM_OFFSET_MS).toISOString().slice(0, 16);
}

/** A datetime-local value read as Vietnam time: "2026-10-10T08:00" → "2026-10-10T08:00:00+07:00". */
export function fromVietnamInput(value: string): string | undefined {
  const match = /^(\d{4}-\d{2}-\d{2}T\d{2}:\d{2})(:\d{2})?/.exec(value.trim());
  return match ? `${match[1]}${match[2] ?? ':00'}+07:00` : undefined;
}

/** An instant shown in Vietnam time in the editor's language: "10/10/2026, 08:00". */
export function formatVietnamTime(locale: Locale, timestamp: string): string {
  const ms = Date.parse(timestamp);
  if (Number.isNaN(ms)) return timestamp;
  return new Intl.DateTimeFormat(INTL_TAG[locale], {
    dateStyle: 'short',
    timeStyle: 'short',
    timeZone: 'Asia/Ho_Chi_Minh',
  }).format(ms);
}

/** A slug from a name: Vietnamese diacritics stripped, đ → d ("Đoàn khối Cơ quan" → "doan-khoi-co-quan"). */
export function slugify(name: string): string {
  return name
    .replace(/[đĐ]/g, (c) => (c === 'đ' ? 'd' : 'D'))
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, 64)
    .replace(/-+$/, '');
}

/** `base`, else `base-2`, `base-3`… : the first not in `taken`. */
export function uniqueId(base: string, taken: ReadonlySet<string>): string {
  const root = base || 'unit';
  if (!taken.has(root)) return root;
  for (let n = 2; ; n++) {
    const id = `${root.slice(0, 60)}-${n}`;
    if (!taken.has(id)) return id;
  }
}
