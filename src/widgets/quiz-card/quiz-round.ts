/**
 * The quiz's content types and the rules of a round: which questions, in which order, and what counts as a
 * right answer. No zod here: the built-in quiz is trusted data and never loads the schema.
 */
import type { LocalText } from '../../core/i18n.js';
import { shuffled } from '../../core/random.js';

export interface QuizQuestion {
  id: string;
  text: LocalText;
  choices: LocalText[];
  /** Indices (from 0) of the correct choices: one for a single-answer question, several for "choose all". */
  correct: number[];
  explanation: LocalText;
  source: { label: LocalText; url: string };
}

export interface QuizContent {
  /** The quiz id results are posted under (a slug, as the service's ids). */
  id: string;
  title: LocalText;
  questions: QuizQuestion[];
  /** Share of right answers needed to pass, 0–1. */
  passScore: number;
  /** Shuffle the questions and each question's choices. */
  shuffle: boolean;
  /** Draw this many questions at random each round (all when absent). */
  count?: number;
}

/**
 * One question as asked in a round: its index in the content and the choices in the order shown (original
 * indices). Indices, not objects, so the content can be swapped for the same quiz in another language.
 */
export interface Asked {
  index: number;
  order: number[];
}

/** The questions of one round: `count` drawn at random, shuffled (questions and choices) when asked to. */
export function drawRound(content: QuizContent, random: () => number): Asked[] {
  const all = content.questions.map((_, index) => index);
  const count = Math.min(content.count ?? all.length, all.length);
  let chosen = content.shuffle ? shuffled(all, random) : all;
  if (count < all.length) {
    chosen = content.shuffle
      ? chosen.slice(0, count)
      : shuffled(all, random)
          .slice(0, count)
          .sort((a, b) => a - b);
  }
  return chosen.map((index) => {
    const order = content.questions[index].choices.map((_, choice) => choice);
    return { index, order: content.shuffle ? shuffled(order, random) : order };
  });
}

/** Right only when exactly the correct choices are selected (no partial credit on "choose all"). */
export function isRight(question: QuizQuestion, selected: readonly number[]): boolean {
  return selected.length === question.correct.length && question.correct.every((choice) => selected.includes(choice));
}

/** Right answers needed to pass a round of `total` questions. */
export function needed(passScore: number, total: number): number {
  return Math.ceil(passScore * total - 1e-9);
}
