/**
 * Quiz content from outside (an inline `<script type="application/json">` child, a `src` URL or the
 * `content` property), checked with zod/mini and then for what types cannot say (indices in range, unique
 * ids, http(s) sources). Loaded lazily: the built-in quiz never needs it.
 */
import { slug } from '../../contract/pledge.js';
import { httpUrl } from '../../core/safe-url.js';
import { check, localizedText, z } from '../../core/validate.js';
import type { Locale } from '../../core/i18n.js';
import { quizContentStrings, type ContentReason } from './quiz-content.strings.js';
import type { QuizContent } from './quiz-round.js';

/** Share of right answers needed to pass when the content does not say. */
export const DEFAULT_PASS_SCORE = 0.5;

const choiceIndex = z.int().check(z.minimum(0));

export const quizQuestionSchema = z.object({
  id: z.string().check(z.minLength(1), z.maxLength(100)),
  text: localizedText,
  choices: z.array(localizedText).check(z.minLength(2), z.maxLength(12)),
  /** One index (from 0) or several for a "choose every correct answer" question. */
  correct: z.union([choiceIndex, z.array(choiceIndex).check(z.minLength(1))]),
  explanation: localizedText,
  source: z.object({ label: localizedText, url: z.string().check(z.minLength(1)) }),
});

export const quizContentSchema = z.object({
  id: slug,
  title: localizedText,
  questions: z.array(quizQuestionSchema).check(z.minLength(1), z.maxLength(500)),
  passScore: z.optional(z.number().check(z.minimum(0), z.maximum(1))),
  shuffle: z.optional(z.boolean()),
  count: z.optional(z.int().check(z.minimum(1))),
});

export type QuizInput = z.infer<typeof quizContentSchema>;

/** What was wrong and where: the question (id and 1-based number) when it is inside one, and the field. */
export interface ContentProblem {
  question?: { id: string; number: number };
  field: string;
  reason: ContentReason;
  /** For the console. */
  detail: string;
}

export type CheckedContent = { ok: true; content: QuizContent } | { ok: false; problem: ContentProblem };

/** The question a path like `questions.2.correct` points into, named by the id the data gives it (if any). */
function locate(data: unknown, path: string): Pick<ContentProblem, 'question' | 'field'> {
  const match = /^questions\.(\d+)(?:\.(.+))?$/.exec(path);
  if (!match) return { field: path };
  const index = Number(match[1]);
  const raw = (data as { questions?: { id?: unknown }[] }).questions?.[index];
  const id = typeof raw?.id === 'string' && raw.id ? raw.id : '?';
  return { question: { id, number: index + 1 }, field: match[2] ?? 'questions' };
}

export function checkQuizContent(data: unknown): CheckedContent {
  const checked = check(quizContentSchema, data);
  if (!checked.ok) {
    const { path, detail } = checked.problem;
    const where = locate(data, path);
    const fewChoices = where.field === 'choices' && detail.startsWith('too_small');
    return {
      ok: false,
      problem: {
        ...where,
        reason: fewChoices ? 'fewChoices' : 'wrongType',
        detail: `${path || '(document)'}: ${detail}`,
      },
    };
  }
  const input = checked.value;
  if (input.count && input.count > input.questions.length) {
    return {
      ok: false,
      problem: {
        field: 'count',
        reason: 'tooMany',
        detail: `count: ${input.count} is more than the ${input.questions.length} questions`,
      },
    };
  }
  const seen = new Set<string>();
  for (const [index, question] of input.questions.entries()) {
    const fail = (field: string, reason: ContentReason, detail: string): CheckedContent => ({
      ok: false,
      problem: {
        question: { id: question.id, number: index + 1 },
        field,
        reason,
        detail: `questions.${index}.${field}: ${detail}`,
      },
    });
    if (seen.has(question.id)) return fail('id', 'duplicateId', `"${question.id}" is used twice`);
    seen.add(question.id);
    const correct = typeof question.correct === 'number' ? [question.correct] : question.correct;
    const outside = correct.find((choice) => choice >= question.choices.length);
    if (outside !== undefined)
      return fail(
        'correct',
        'unknownCorrect',
        `${outside} is not an index of the ${question.choices.length} choices (from 0)`,
      );
    if (new Set(correct).size !== correct.length)
      return fail('correct', 'repeatedCorrect', `${JSON.stringify(correct)} repeats an index`);
    if (!httpUrl(question.source.url))
      return fail('source.url', 'badLink', `"${question.source.url}" is not an http(s) link`);
  }
  const content: QuizContent = {
    id: input.id,
    title: input.title,
    questions: input.questions.map((q) => ({
      ...q,
      correct: typeof q.correct === 'number' ? [q.correct] : [...q.correct].sort((a, b) => a - b),
    })),
    passScore: input.passScore ?? DEFAULT_PASS_SCORE,
    shuffle: input.shuffle ?? false,
    count: input.count,
  };
  return { ok: true, content };
}

/** The localized sentence naming the question and the field. */
export function describeProblem(problem: ContentProblem, locale: Locale): string {
  const t = quizContentStrings[locale];
  const reason = t.reasons[problem.reason];
  return problem.question
    ? t.invalidQuestion(problem.question.id, problem.question.number, problem.field, reason)
    : t.invalidField(problem.field, reason);
}
