/**
 * What a widget says when the service refuses its page or its attributes name something the campaign does
 * not have: in the visitor's language inside the widget, once in English in the console for the
 * webmaster. Loaded only when there is such a problem (the happy path never pays for these words).
 */
import { foldText } from './fold.js';
import type { Explain, Strings } from './i18n.js';

const words: Strings<{
  origin: (origin: string) => string;
  unknownUnit: (unit: string) => string;
  suggestion: (id: string) => string;
  validIds: (ids: string) => string;
  unknownQuiz: (quiz: string) => string;
}> = {
  vi: {
    origin: (origin) =>
      `Trang web này (${origin}) chưa được phép dùng tiện ích của chiến dịch. Quản trị web: đề nghị Ban tổ chức chiến dịch (Tỉnh đoàn) thêm địa chỉ ${origin} vào danh sách trang được nhúng.`,
    unknownUnit: (unit) => `Chiến dịch không có đơn vị “${unit}”.`,
    suggestion: (id) => `Có phải ý bạn là “${id}”?`,
    validIds: (ids) => `Các mã đơn vị: ${ids}.`,
    unknownQuiz: (quiz) => `Máy chủ không có câu đố “${quiz}” để ghi nhận kết quả.`,
  },
  en: {
    origin: (origin) =>
      `This site (${origin}) is not yet allowed to use the campaign's widgets. Webmaster: ask the campaign office (Tỉnh đoàn) to add ${origin} to the campaign's sites.`,
    unknownUnit: (unit) => `The campaign has no unit “${unit}”.`,
    suggestion: (id) => `Did you mean “${id}”?`,
    validIds: (ids) => `Unit ids: ${ids}.`,
    unknownQuiz: (quiz) => `The service has no quiz “${quiz}” to count results for.`,
  },
};

/** Edit distance (insertions, deletions, substitutions) between two short ids. */
function distance(a: string, b: string): number {
  let previous = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const current = [i];
    for (let j = 1; j <= b.length; j++) {
      current[j] = Math.min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + (a[i - 1] === b[j - 1] ? 0 : 1));
    }
    previous = current;
  }
  return previous[b.length];
}

/**
 * The valid id closest to `wanted`, when it is close enough to be a typo (at most a third of its letters
 * off, or the same letters without accents or hyphens: "Ba Tri", "batri"); otherwise undefined.
 */
export function closestId(wanted: string, ids: readonly string[]): string | undefined {
  const plain = (id: string) => foldText(id).replace(/[^a-z0-9]/g, '');
  let best: string | undefined;
  let bestDistance = Infinity;
  for (const id of ids) {
    const d = plain(id) === plain(wanted) ? 0 : distance(wanted.toLowerCase(), id);
    if (d < bestDistance) [best, bestDistance] = [id, d];
  }
  return bestDistance <= Math.max(1, Math.floor(wanted.length / 3)) ? best : undefined;
}

const logged = new Set<string>();
/** The webmaster's line in the console, once per page for each thing it is about. */
function logOnce(line: string): void {
  if (logged.has(line)) return;
  logged.add(line);
  console.error(`[lantoa] ${line}`);
}

/** The service answered 403 origin_not_allowed: this page's site is not (yet) on the campaign's list. */
export function originRefused(service: string, what: string): Explain {
  const origin = location.origin;
  logOnce(
    `This site (${origin}) is not yet allowed to use ${what} of the service ${service}. Webmaster: ask the campaign office to add ${origin} to the campaign's sites.`,
  );
  return (locale) => words[locale].origin(origin);
}

/** The `unit` attribute names no unit of the campaign: say so, with the closest valid id (or the list, when short). */
export function unknownUnit(unit: string, ids: readonly string[]): Explain {
  const suggestion = closestId(unit, ids);
  logOnce(
    `unit "${unit}" is not in the campaign${suggestion ? `; did you mean "${suggestion}"?` : ''} Units: ${ids.join(', ')}`,
  );
  return (locale) => {
    const t = words[locale];
    const hint = suggestion ? t.suggestion(suggestion) : ids.length <= 12 ? t.validIds(ids.join(', ')) : '';
    return `${t.unknownUnit(unit)} ${hint}`.trim();
  };
}

/** The service has no such quiz (404), so a card with `unit` could not count its results. */
export function unknownQuiz(quiz: string, service: string): Explain {
  logOnce(`the service ${service} has no quiz "${quiz}"; results are not sent`);
  return (locale) => words[locale].unknownQuiz(quiz);
}

/**
 * What a quiz card's start check found (src/widgets/quiz-card/quiz-results.ts): the stats refused with 403 (this
 * site) or 404 (no such quiz), else a unit that is not among the campaign's `ids`.
 */
export function quizProblem(
  status: unknown,
  service: string,
  quiz: string,
  unit: string,
  ids: readonly string[],
): Explain {
  return status === 403
    ? originRefused(service, `quiz "${quiz}"`)
    : status === 404
      ? unknownQuiz(quiz, service)
      : unknownUnit(unit, ids);
}
