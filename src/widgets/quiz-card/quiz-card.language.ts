/**
 * Loads the quiz's words one language at a time (quiz-card.vi.ts, quiz-card.en.ts). Apart from the strings'
 * types (quiz-card.strings.ts), so the language chunks and their loader do not import each other.
 */
import type { Locale } from '../../core/i18n.js';
import type { QuizLanguagePack } from './quiz-card.strings.js';

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
