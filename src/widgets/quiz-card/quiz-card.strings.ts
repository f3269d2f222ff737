import type { Strings } from '../../core/i18n.js';

/**
 * The quiz's words come in one chunk per language (quiz-card.vi.ts, quiz-card.en.ts, loaded by
 * quiz-card.language.ts), so a page loads only the language it shows: the quiz page's budget is 18 KB. The
 * few words needed before (or without) that chunk are here, in both languages, with the chunks' types.
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

/** One language's text of the built-in quiz (quiz-default.ts): the title, and per question [text, choices, explanation, source label]. */
export interface DefaultTexts {
  title: string;
  questions: [text: string, choices: string[], explanation: string, sourceLabel: string][];
}

/** Everything one language brings: the card's strings and the built-in quiz's text. */
export interface QuizLanguagePack {
  strings: QuizCardStrings;
  quiz: DefaultTexts;
}
