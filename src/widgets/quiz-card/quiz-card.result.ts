/**
 * The end of a round: score and verdict, the unit's participation, "try again" and the review of every answer.
 * Requested when the visitor checks a first answer, not with the card: the first question shows without it,
 * and a visitor who never plays never downloads it (the quiz page's budget is 18 KB).
 */
import { html, nothing, type TemplateResult } from 'lit';
import { formatNumber, formatPercent, type Locale, type LocalText } from '../../core/i18n.js';
import type { QuizCardStrings } from './quiz-card.strings.js';
import type { UnitStats } from './quiz-results.js';
import type { QuizQuestion } from './quiz-round.js';

/** Where the round's result is: on its way, waiting on the device, refused, or sent (with the unit's figures when the service gave them). */
export type Delivery = 'sending' | 'queued' | 'sent' | 'rejected' | UnitStats;

export interface Answered {
  question: QuizQuestion;
  chosen: number[];
  right: boolean;
}

/** What the card knows at the end of a round, and the parts of it this view reuses. */
export interface RoundEnd {
  t: QuizCardStrings;
  locale: Locale;
  outcome: [score: string, verdict: string];
  passed: boolean;
  /** Only when the card has a `unit`. */
  delivery?: Delivery;
  answered: Answered[];
  text: (value: LocalText) => string;
  correctAnswer: (question: QuizQuestion) => string;
  source: (question: QuizQuestion) => TemplateResult;
  retry: () => void;
}

export function renderRoundEnd(end: RoundEnd): TemplateResult {
  const { t, outcome, passed } = end;
  return html`<div class="done">
    <div part="result" class="result ${passed ? 'right' : 'wrong'}">
      <p id="result" class="result-title" tabindex="-1">${t.resultTitle}</p>
      <p class="score">${outcome[0]}</p>
      <p class="verdict">${outcome[1]}</p>
    </div>
    ${renderParticipation(end)}
    <button type="button" class="retry" @click=${end.retry}>${t.retry}</button>
    <details>
      <summary>${t.review}</summary>
      <ol part="review" class="review">
        ${end.answered.map((answered) => renderReviewItem(end, answered))}
      </ol>
    </details>
  </div>`;
}

function renderReviewItem(
  { t, text, correctAnswer, source }: RoundEnd,
  { question, chosen, right }: Answered,
): TemplateResult {
  const answer = chosen.map((choice) => text(question.choices[choice])).join('; ');
  const mark = right ? `✓ ${t.rightMark}` : `✗ ${t.wrongMark}`;
  return html`<li class=${right ? 'right' : 'wrong'}>
    <p class="review-question">
      <span class="mark">${mark}</span>
      ${text(question.text)}
    </p>
    <p>${t.yourAnswer} ${answer}</p>
    ${right ? nothing : html`<p>${correctAnswer(question)}</p>`}
    <p class="explanation">${text(question.explanation)}</p>
    ${source(question)}
  </li>`;
}

function renderParticipation({ t, locale, delivery }: RoundEnd): TemplateResult | typeof nothing {
  if (!delivery || delivery === 'sent') return nothing;
  const message =
    typeof delivery === 'object'
      ? `${t.participation(delivery.name, formatNumber(locale, delivery.participants))} · ${t.averageScore(formatPercent(locale, delivery.averageScore))}`
      : { sending: t.resultSending, queued: t.resultQueued, rejected: t.resultRejected }[delivery];
  return html`<p class="participation" role="status">${message}</p>`;
}
