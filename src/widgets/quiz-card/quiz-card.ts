import { html, nothing, type PropertyValues, type TemplateResult } from 'lit';
import { property, state } from '../../core/decorators.js';
import { defineElement } from '../../core/define.js';
import { formatPercent, pick, type LocalText } from '../../core/i18n.js';
import { LantoaElement, type Problem } from '../../core/lantoa-element.js';
import { DataSource, fetchJson, LoadError, type Found } from '../../core/load.js';
import type { SendResult } from '../../core/outbox.js';
import { seededRandom } from '../../core/random.js';
import { httpUrl } from '../../core/safe-url.js';
import { readStored } from '../../core/storage.js';
import { cardStyles, formStyles, resetStyles, themeTokens } from '../../core/theme.js';
import { languagePack, loadedPacks, loadLanguagePack } from './quiz-card.language.js';
import { quizFrameStrings, type QuizCardStrings } from './quiz-card.strings.js';
import { quizCardStyles } from './quiz-card.styles.js';
import { defaultQuiz } from './quiz-default.js';
import type { Delivery } from './quiz-card.result.js';
import type { PendingResult, QuizResults, UnitStats } from './quiz-results.js';
import { drawRound, isRight, needed, type Asked, type QuizContent, type QuizQuestion } from './quiz-round.js';

export interface QuizAnswerDetail {
  quiz: string;
  question: string;
  /** 1-based position in this round, and the round's length. */
  number: number;
  total: number;
  /** Indices (in the content, from 0) of the choices the visitor selected. */
  choices: number[];
  correct: boolean;
}

export interface QuizCompleteDetail {
  quiz: string;
  score: number;
  total: number;
  passed: boolean;
}

const unreachable: Problem = { explain: (locale) => quizFrameStrings[locale].unreachable };
const quizSchema = () => import('./quiz-card.schema.js');
/** Where the content came from, for the console. */
const origin = (found: Found | undefined) =>
  `content from ${found?.url ?? (found?.from === 'property' ? 'property' : 'inline JSON')}`;

/** localStorage key of the results waiting to be sent (src/core/outbox.ts). */
export const QUIZ_OUTBOX = 'lantoa:quiz:outbox';

/**
 * A quiz about digital transformation, one question at a time: choose, check, read why (with the source), next; then
 * the score, pass or fail, a review of every answer, and retry. With `unit`, the anonymous result counts
 * towards the unit's participation.
 *
 * Content, most specific first: the `content` property, an inline `<script type="application/json">`
 * child, the `src` URL; else the built-in quiz (twelve verified questions, Vietnamese and English).
 *
 * @tag lantoa-quiz-card
 * @summary Quiz card: questions with explanations and sources, score, review, retry, per-unit participation.
 *
 * @csspart base - The card.
 * @csspart choice - Each answer (a label holding the radio button or checkbox).
 * @csspart feedback - Right or wrong, the explanation and the source, after checking.
 * @csspart result - The final score and pass/fail.
 * @csspart review - The list of every question with the visitor's answer.
 * @csspart problem - The message shown when the content cannot be used.
 *
 * @cssprop --lantoa-quiz-right-color - Border and mark of right answers (default a green that meets AA).
 * @cssprop --lantoa-quiz-wrong-color - Border and mark of wrong answers (default the danger colour).
 *
 * @fires lantoa-quiz-answer - An answer was checked; `detail: { quiz, question, number, total, choices, correct }`.
 * @fires lantoa-quiz-complete - The round is over; `detail: { quiz, score, total, passed }`.
 */
export class LantoaQuizCard extends LantoaElement {
  static override styles = [themeTokens, resetStyles, cardStyles, formStyles, quizCardStyles];

  /** First retry of a queued result; doubled after each failure, up to a minute. */
  static retryMs = 2000;

  /** URL of quiz content (JSON); used when there is no `content` property and no inline JSON child. */
  @property() src?: string;

  /** Quiz content set from JavaScript (same shape as the JSON); wins over the inline child and `src`. */
  @property({ attribute: false }) content?: unknown;

  /** Base URL of the Lantoa service results go to; default: the origin this script was loaded from. */
  @property() api?: string;

  /** The unit (e.g. `ba-tri`) whose page this is: results are sent, and its participation shown, only when set. */
  @property() unit?: string;

  /** Makes the random draws repeatable: the same seed gives the same order on every device. */
  @property() seed?: string;

  @state() private quiz?: QuizContent;
  /** The service will not count this card's results (this site refused, no such quiz or unit): said at once. */
  @state() private refusal?: Problem;
  @state() private round: Asked[] = [];
  @state() private index = 0;
  @state() private selected: number[] = [];
  /** What the visitor chose for each question asked so far; the current one is checked when its entry exists. */
  @state() private answers: number[][] = [];
  @state() private finished = false;
  @state() private hint = false;
  /** Text of the polite live region: the verdict after checking, the score at the end. */
  @state() private announcement = '';
  @state() private delivery?: Delivery;

  private random: () => number = Math.random;
  /** Showing the built-in quiz, whose text arrives per language. */
  private builtIn = false;
  /** The questions: `content` > inline JSON child > `src`, validated; else the built-in quiz (needs no zod). */
  private readonly questions = new DataSource<QuizContent>(this, {
    args: () => [this.src, this.content, this.seed],
    property: () => this.content,
    url: () => this.src,
    // The validation code and the strings arrive while the content is on the wire, not after it.
    fetch: async (url, signal) => (await Promise.all([fetchJson(url, { signal }), quizSchema(), this.loadPack()]))[0],
    read: async (found) => {
      const [schema, words] = await Promise.all([found.from === 'none' ? undefined : quizSchema(), this.loadPack()]);
      if (!words) throw unreachable;
      this.builtIn = !schema;
      if (!schema) return this.start(defaultQuiz(loadedPacks()));
      const checked = schema.checkQuizContent(found.data);
      if (checked.ok) return this.start(checked.content);
      const { problem } = checked;
      this.logProblem(origin(found), problem.detail);
      throw {
        explain: (locale) => (problem.field ? schema.describeProblem(problem, locale) : this.invalidDocument()),
      } satisfies Problem;
    },
    failed: async (error, found) => {
      // Content that is not JSON is named in the visitor's language (words from the pack).
      const parse = error instanceof LoadError && error.kind === 'parse' && (await this.loadPack());
      this.logError(origin(found), error);
      return parse ? { explain: this.invalidDocument } : unreachable;
    },
  });
  /** Key of the result of the round on show, so the card reports on it and not on older queued ones. */
  private resultKey?: string;
  /** Selector of the element to focus after the next render (the step changed). */
  private focusTarget?: string;
  private resultsModule?: Promise<QuizResults>;
  /** The end-of-round view (quiz-card.result.ts), once it has arrived. */
  private roundEnd?: typeof import('./quiz-card.result.js');
  private roundEndLoad?: Promise<void>;

  override connectedCallback(): void {
    super.connectedCallback();
    // Results an earlier visit could not send go now (and whenever the browser comes back online).
    if (readStored(QUIZ_OUTBOX) !== null) this.results().catch(() => undefined); // tried again at the next need
  }

  /**
   * The results sender, loaded only where results are sent (`unit` set) or waiting: fetched when a round
   * starts, so a round finished offline can still be saved. A failed fetch is tried again on the next call.
   */
  private results(): Promise<QuizResults> {
    return (this.resultsModule ??= import('./quiz-results.js').then(
      ({ QuizResults }) =>
        new QuizResults(this, {
          storageKey: QUIZ_OUTBOX,
          api: this.api,
          onResult: (result, outcome, stats) => this.onDelivery(result, outcome, stats),
          retryMs: () => LantoaQuizCard.retryMs,
        }),
      (error: unknown) => {
        this.resultsModule = undefined;
        throw error;
      },
    ));
  }

  protected override willUpdate(changed: PropertyValues<this>): void {
    // The next result goes to the new service; the old one's outbox still delivers what was queued for it.
    if (this.hasUpdated && changed.has('api')) this.resultsModule = undefined;
    // A new load fetches the words itself (this.questions' args); otherwise a language switch does.
    if (
      this.hasUpdated &&
      !changed.has('src') &&
      !changed.has('content') &&
      !changed.has('seed') &&
      !languagePack(this.locale)
    )
      void this.loadPack();
  }

  /**
   * The words of the language now shown (the card's strings and the built-in quiz's text); until they
   * arrive, a language already loaded stands in. False when they cannot be fetched.
   */
  private async loadPack(): Promise<boolean> {
    try {
      await loadLanguagePack(this.locale);
    } catch (error) {
      this.logError(`${this.locale} words`, error);
      return false;
    }
    if (this.builtIn && this.quiz) this.quiz = defaultQuiz(loadedPacks());
    this.requestUpdate();
    return true;
  }

  protected override updated(): void {
    if (this.quiz && this.round.length > 0) this.markContentRendered();
    if (!this.focusTarget) return;
    const target = this.shadowRoot?.querySelector<HTMLElement>(this.focusTarget);
    if (!target) return; // not rendered yet (the end-of-round view on its way)
    this.focusTarget = undefined;
    // focus() brings it into view if needed, at once: no smooth scrolling to honour or skip.
    target.focus();
  }

  protected override problem(): Problem | undefined {
    return this.questions.problem ?? this.refusal;
  }

  /** Starts a round of `quiz`; returns it. */
  private start(quiz: QuizContent): QuizContent {
    const unit = this.unit;
    this.refusal = undefined;
    // The service is asked now whether it will count this card's results (site allowed, quiz and unit known):
    // a webmaster's mistake shows at once, not after the last question. Failing to ask is retried at the end.
    if (unit)
      this.results()
        .then((results) => results.check(quiz.id, unit))
        .then((explain) => explain && this.unit === unit && (this.refusal = { explain }))
        .catch(() => undefined);
    this.quiz = quiz;
    this.random = this.seed ? seededRandom(this.seed) : Math.random;
    this.newRound();
    return quiz;
  }

  /** A fresh round: drawn and shuffled again (a seed continues its sequence, so a retry is reshuffled too). */
  private newRound(): void {
    if (!this.quiz) return;
    this.round = drawRound(this.quiz, this.random);
    this.index = 0;
    this.selected = [];
    this.answers = [];
    this.finished = false;
    this.hint = false;
    this.announcement = '';
    this.delivery = undefined;
  }

  /** This language's strings, else (while they load) another language's; every caller runs once one has arrived. */
  private get strings(): QuizCardStrings {
    return (languagePack(this.locale) ?? Object.values(loadedPacks())[0])?.strings as QuizCardStrings;
  }

  private text(value: LocalText): string {
    return pick(value, this.locale);
  }

  /** The question asked at position `i` of the round. */
  private question(i: number): QuizQuestion {
    return (this.quiz as QuizContent).questions[this.round[i].index];
  }

  private get checked(): boolean {
    return this.answers.length > this.index;
  }

  private toggle(choice: number, multiple: boolean, on: boolean): void {
    this.hint = false;
    if (!multiple) this.selected = [choice];
    else this.selected = on ? [...this.selected, choice] : this.selected.filter((c) => c !== choice);
  }

  private onSubmit(event: SubmitEvent): void {
    event.preventDefault();
    if (this.checked) return;
    if (this.selected.length === 0) {
      this.hint = true;
      return;
    }
    const question = this.question(this.index);
    const choices = [...this.selected].sort((a, b) => a - b);
    const right = isRight(question, choices);
    this.answers = [...this.answers, choices];
    this.announcement = `${this.verdict(question, right)} ${this.text(question.explanation)}`;
    this.focusTarget = '#next';
    this.loadRoundEnd();
    this.emit<QuizAnswerDetail>('lantoa-quiz-answer', {
      quiz: this.quiz?.id ?? '',
      question: question.id,
      number: this.index + 1,
      total: this.round.length,
      choices,
      correct: right,
    });
  }

  private verdict(question: QuizQuestion, right: boolean): string {
    const t = this.strings;
    return right ? t.right : `${t.wrong} ${this.correctAnswer(question)}`;
  }

  private correctAnswer(question: QuizQuestion): string {
    const answers = question.correct.map((choice) => this.text(question.choices[choice])).join('; ');
    return this.strings.correctAnswer(answers, question.correct.length > 1);
  }

  private next(): void {
    if (this.index + 1 < this.round.length) {
      this.index += 1;
      this.selected = [];
      this.announcement = '';
      this.focusTarget = '#question';
    } else {
      this.finish();
    }
  }

  private get score(): number {
    return this.answers.filter((choices, i) => isRight(this.question(i), choices)).length;
  }

  private get passed(): boolean {
    return this.score >= needed(this.quiz?.passScore ?? 1, this.round.length);
  }

  /** The round's score and its verdict (pass, or how many right answers were needed). */
  private outcome(t: QuizCardStrings, quiz: QuizContent): [score: string, verdict: string] {
    const [score, total] = [this.score, this.round.length];
    return [
      t.score(score, total, formatPercent(this.locale, score / total)),
      this.passed ? t.passed : t.failed(needed(quiz.passScore, total)),
    ];
  }

  private finish(): void {
    const quiz = this.quiz;
    if (!quiz) return;
    const t = this.strings;
    const [score, total, passed] = [this.score, this.round.length, this.passed];
    this.finished = true;
    this.announcement = this.outcome(t, quiz).join(' ');
    this.focusTarget = '#result';
    this.loadRoundEnd();
    this.emit<QuizCompleteDetail>('lantoa-quiz-complete', { quiz: quiz.id, score, total, passed });
    if (this.unit) void this.sendResult(quiz.id, this.unit, score, total);
  }

  private async sendResult(quiz: string, unit: string, score: number, total: number): Promise<void> {
    this.delivery = 'sending';
    try {
      const results = await this.results();
      // Saved on the device before it is sent: a result taken offline is delivered once, later.
      this.resultKey = results.submit(quiz, unit, score, total);
    } catch (error) {
      this.delivery = 'rejected';
      this.logError('results code', error);
    }
  }

  private onDelivery(result: PendingResult, outcome: SendResult, stats: UnitStats | null): void {
    if (result.key !== this.resultKey) return;
    this.delivery = outcome.outcome === 'retry' ? 'queued' : (stats ?? outcome.outcome);
  }

  /** The end-of-round view, requested with the first checked answer; a failed request is tried again at the end. */
  private loadRoundEnd(): void {
    this.roundEndLoad ??= import('./quiz-card.result.js').then(
      (view) => {
        this.roundEnd = view;
        this.requestUpdate();
      },
      () => (this.roundEndLoad = undefined), // not loaded (offline): tried again at the end of the round
    );
  }

  private retry(): void {
    this.newRound();
    this.focusTarget = '#question';
  }

  protected renderContent(): unknown {
    const quiz = this.quiz;
    if (this.questions.status !== 'ready' || !quiz || this.round.length === 0)
      return html`<div part="base" class="reset card loading" role="status">${quizFrameStrings[this.locale].loading}</div>`;
    const t = this.strings;
    return html`<section part="base" class="reset card" aria-labelledby="title">
      <p id="title" class="title">${this.text(quiz.title)}</p>
      ${this.finished ? this.renderEnd(t, quiz) : this.renderQuestion(t)}
      <p class="visually-hidden" role="status">${this.announcement}</p>
    </section>`;
  }

  private readonly invalidDocument = () => this.strings.invalidDocument;

  private renderQuestion(t: QuizCardStrings): TemplateResult {
    const question = this.question(this.index);
    const { order } = this.round[this.index];
    const multiple = question.correct.length > 1;
    const checked = this.checked;
    const chosen = checked ? this.answers[this.index] : this.selected;
    const total = this.round.length;
    return html`<div>
      <form @submit=${this.onSubmit} novalidate>
        <fieldset ?disabled=${checked} aria-describedby="how">
          <legend id="question" tabindex="-1">
            <span class="progress">${t.progress(this.index + 1, total)}</span>
            <span class="question">${this.text(question.text)}</span>
          </legend>
          <p id="how" class="how">${multiple ? t.chooseAll : t.chooseOne}</p>
          ${order.map((choice) => this.renderChoice(t, question, choice, multiple, checked, chosen.includes(choice)))}
        </fieldset>
        ${this.hint ? html`<p class="hint" role="alert">${t.chooseFirst}</p>` : nothing}
        ${checked ? this.renderFeedback(t, question, isRight(question, chosen)) : html`<button type="submit">${t.check}</button>`}
      </form>
    </div>`;
  }

  private renderChoice(
    t: QuizCardStrings,
    question: QuizQuestion,
    choice: number,
    multiple: boolean,
    checked: boolean,
    isChosen: boolean,
  ): TemplateResult {
    const isCorrect = question.correct.includes(choice);
    const tag = checked && isCorrect ? `✓ ${t.correctTag}` : checked && isChosen ? `✗ ${t.yourChoice}` : '';
    return html`<label part="choice" class="choice ${checked && isCorrect ? 'right' : checked && isChosen ? 'wrong' : ''}">
      <input
        type=${multiple ? 'checkbox' : 'radio'}
        name="choice"
        .value=${String(choice)}
        .checked=${isChosen}
        @change=${(event: Event) => this.toggle(choice, multiple, (event.target as HTMLInputElement).checked)}
      />
      <span class="choice-text">${this.text(question.choices[choice])}</span>
      ${tag ? html`<span class="tag">${tag}</span>` : nothing}
    </label>`;
  }

  private renderFeedback(t: QuizCardStrings, question: QuizQuestion, right: boolean): TemplateResult {
    const last = this.index + 1 === this.round.length;
    return html`<div part="feedback" class="feedback ${right ? 'right' : 'wrong'}">
        <p class="verdict">${this.verdict(question, right)}</p>
        <p>${this.text(question.explanation)}</p>
        ${this.renderSource(t, question)}
      </div>
      <button id="next" type="button" @click=${this.next}>${last ? t.finish : t.next}</button>`;
  }

  private renderSource(t: QuizCardStrings, question: QuizQuestion): TemplateResult {
    const href = httpUrl(question.source.url);
    const label = this.text(question.source.label);
    return html`<p class="source">
      ${t.source}
      ${
        href
          ? html`<a href=${href} target="_blank" rel="noopener noreferrer">${label}<span class="visually-hidden"> ${t.newTab}</span></a>`
          : label
      }
    </p>`;
  }

  private renderEnd(t: QuizCardStrings, quiz: QuizContent): TemplateResult | typeof nothing {
    const view = this.roundEnd;
    if (!view) return nothing; // on its way since the first answer; the score is already announced
    return view.renderRoundEnd({
      t,
      locale: this.locale,
      outcome: this.outcome(t, quiz),
      passed: this.passed,
      delivery: this.unit ? this.delivery : undefined,
      answered: this.round.map((_, i) => {
        const [question, chosen] = [this.question(i), this.answers[i] ?? []];
        return { question, chosen, right: isRight(question, chosen) };
      }),
      text: (value) => this.text(value),
      correctAnswer: (question) => this.correctAnswer(question),
      source: (question) => this.renderSource(t, question),
      retry: () => this.retry(),
    });
  }
}

defineElement('lantoa-quiz-card', LantoaQuizCard);

declare global {
  interface HTMLElementTagNameMap {
    'lantoa-quiz-card': LantoaQuizCard;
  }
  interface GlobalEventHandlersEventMap {
    'lantoa-quiz-answer': CustomEvent<QuizAnswerDetail>;
    'lantoa-quiz-complete': CustomEvent<QuizCompleteDetail>;
  }
}
