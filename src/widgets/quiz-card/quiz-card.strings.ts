import type { Locale, Strings } from '../../core/i18n.js';
import type { DefaultTexts } from './quiz-default.js';

/**
 * The quiz's words come in one chunk per language (quiz-card.vi.ts, quiz-card.en.ts: these strings and the
 * built-in quiz's text), so a page loads only the language it shows: the quiz page's budget is 18 KB. The
 * few words needed before (or without) that chunk are here, in both languages.
 */
export const quizFrameStrings: Strings<{ loading: string; unreachable: string }> = {
  vi: {
    loading: 'Đang tải câu hỏi…',
    unreachable: 'Không tải được bộ câu hỏi.',
  },
  en: {
    loading: 'Loading the questions…',
    unreachable: 'The questions could not be loaded.',
  },
};

export interface QuizCardStrings {
  invalidDocument: string;
  progress: (current: number, total: number) => string;
  chooseOne: string;
  chooseAll: string;
  check: string;
  chooseFirst: string;
  right: string;
  wrong: string;
  correctAnswer: (answers: string, many: boolean) => string;
  correctTag: string;
  yourChoice: string;
  source: string;
  next: string;
  finish: string;
  resultTitle: string;
  score: (score: number, total: number, percent: string) => string;
  passed: string;
  failed: (needed: number) => string;
  review: string;
  yourAnswer: string;
  rightMark: string;
  wrongMark: string;
  newTab: string;
  retry: string;
  participation: (unit: string, count: string) => string;
  averageScore: (percent: string) => string;
  resultSending: string;
  resultQueued: string;
  resultRejected: string;
}

/** Everything one language brings: the card's strings and the built-in quiz's text. */
export interface QuizLanguagePack {
  strings: QuizCardStrings;
  quiz: DefaultTexts;
}

const packs: Record<Locale, () => Promise<{ pack: QuizLanguagePack }>> = {
  vi: () => import('./quiz-card.vi.js'),
  en: () => import('./quiz-card.en.js'),
};
const loaded: Partial<Record<Locale, QuizLanguagePack>> = {};

/** The language's pack if it has arrived. */
export const languagePack = (locale: Locale): QuizLanguagePack | undefined => loaded[locale];

/** Every pack loaded so far. */
export const loadedPacks = (): Partial<Record<Locale, QuizLanguagePack>> => loaded;

/** Loads a language's pack once; rejects when its chunk cannot be fetched. */
export async function loadLanguagePack(locale: Locale): Promise<QuizLanguagePack> {
  return (loaded[locale] ??= (await packs[locale]()).pack);
}
