/**
 * <lantoa-quiz-card> in Chromium: the built-in quiz played with the keyboard only, scoring (multiple-answer
 * questions too), seeded shuffle and `count`, bad content, and results sent to the real service (started by
 * the test runner on a temporary SQLite file) exactly once, also after being offline.
 */
import { expect, fixture, html, oneEvent } from '@open-wc/testing';
import { emulateMedia, executeServerCommand, sendKeys } from '@web/test-runner-commands';
import { seededRandom } from '../../../src/core/random.js';
import {
  LantoaQuizCard,
  QUIZ_OUTBOX,
  type QuizAnswerDetail,
  type QuizCompleteDetail,
} from '../../../src/widgets/quiz-card/quiz-card.js';
import { drawRound } from '../../../src/widgets/quiz-card/quiz-round.js';
import { part, until, withConsole } from '../../helpers.js';

const API = await executeServerCommand<string, unknown>('pledge-service', { action: 'api' });
const QUIZ = 'test-quiz';
const service = (action: 'stop' | 'start') => executeServerCommand('pledge-service', { action });
const quizRows = (key?: string) =>
  executeServerCommand<number, unknown>('pledge-service', { action: 'quiz-rows', quiz: QUIZ, key });

/** Where each built-in question's right answers are (facts and sources: docs/SOURCES.md), in order. */
const BUILT_IN_ANSWERS = [[0], [2], [1], [1], [2], [3], [2], [1], [0, 2], [1], [2], [2]];
const RIGHT_FIRST = BUILT_IN_ANSWERS[0];

const root = (el: LantoaQuizCard) => el.shadowRoot!;
const shown = (el: LantoaQuizCard, selector: string) =>
  root(el).querySelector(selector)?.textContent?.replace(/\s+/g, ' ').trim() ?? '';
const inputs = (el: LantoaQuizCard) => [...root(el).querySelectorAll<HTMLInputElement>('input')];
const focused = (el: LantoaQuizCard) => root(el).activeElement as HTMLElement | null;

/** axe on the step as it settles: a slide-in still running is finished first (mid-animation text is faded). */
async function accessible(el: LantoaQuizCard): Promise<void> {
  root(el)
    .getAnimations()
    .forEach((animation) => animation.finish());
  await expect(el).to.be.accessible();
}

async function ready(el: LantoaQuizCard): Promise<void> {
  await until(() => !!root(el).querySelector('.progress, [part="problem"]'), 8000, 'the quiz to load');
  await el.updateComplete;
}

/** Clicks the given choices (content indices), checks, and returns the answer event. */
async function answer(el: LantoaQuizCard, choices: number[]): Promise<QuizAnswerDetail> {
  for (const choice of choices)
    inputs(el)
      .find((input) => input.value === String(choice))!
      .click();
  await el.updateComplete;
  setTimeout(() => root(el).querySelector<HTMLButtonElement>('button[type="submit"]')!.click());
  return (await oneEvent(el, 'lantoa-quiz-answer')).detail;
}

async function next(el: LantoaQuizCard): Promise<void> {
  root(el).querySelector<HTMLButtonElement>('#next')!.click();
  await el.updateComplete;
  // The end of a round comes with its own chunk (quiz-card.result.ts), requested at the first checked answer.
  await until(() => !!root(el).querySelector('.progress, [part="result"]'), 5000, 'the next question or the result');
}

interface TestQuestion {
  id: string;
  text: string;
  choices: string[];
  correct: number | number[];
}

function question(id: string, correct: number | number[] = 0, choices = ['A', 'B', 'C', 'D']): TestQuestion {
  return { id, text: `Question ${id}?`, choices, correct };
}

/** Quiz content as a webmaster writes it (explanation and source added to every question). */
function content(questions: TestQuestion[], extra: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    id: QUIZ,
    title: { vi: 'Câu đố thử nghiệm', en: 'Test quiz' },
    questions: questions.map((q) => ({
      ...q,
      explanation: `Because ${q.id}.`,
      source: { label: 'Nguồn thử', url: 'https://example.org/source' },
    })),
    ...extra,
  };
}

async function withContent(data: unknown, attributes: Partial<LantoaQuizCard> = {}): Promise<LantoaQuizCard> {
  const el = document.createElement('lantoa-quiz-card');
  Object.assign(el, attributes);
  el.content = data;
  const host = await fixture<HTMLDivElement>(html`<div></div>`);
  host.append(el);
  await ready(el);
  return el;
}

const progress = (el: LantoaQuizCard) => shown(el, '.progress');
const questionId = (el: LantoaQuizCard, data: ReturnType<typeof content>) =>
  (data.questions as { id: string; text: string }[]).find((q) => q.text === shown(el, '.question'))!.id;

/** Plays a round answering every question with its first choice; returns the question ids in the order asked. */
async function playFirstChoices(el: LantoaQuizCard, data: ReturnType<typeof content>): Promise<string[]> {
  const asked: string[] = [];
  while (root(el).querySelector('.progress')) {
    asked.push(questionId(el, data));
    await answer(el, [Number(inputs(el)[0].value)]);
    await next(el);
  }
  return asked;
}

describe('<lantoa-quiz-card>', () => {
  afterEach(async () => {
    localStorage.clear();
    await emulateMedia({ reducedMotion: 'no-preference' });
    await service('start');
  });

  describe('built-in quiz', () => {
    it('shows the first of the twelve verified questions in Vietnamese, then English, axe-clean', async () => {
      performance.clearMarks('lantoa:lantoa-quiz-card');
      const el = await fixture<LantoaQuizCard>(html`<lantoa-quiz-card></lantoa-quiz-card>`);
      await ready(el);
      expect(shown(el, '.title')).to.equal('Tìm hiểu về chuyển đổi số');
      expect(progress(el)).to.equal('Câu 1/12');
      expect(shown(el, '.question')).to.contain('Ba trụ cột');
      expect(inputs(el).map((input) => input.type)).to.deep.equal(['radio', 'radio', 'radio', 'radio']);
      expect(root(el).querySelector('fieldset')!.getAttribute('aria-describedby')).to.equal('how');
      expect(performance.getEntriesByName('lantoa:lantoa-quiz-card', 'mark').length).to.equal(1);
      await accessible(el);

      el.lang = 'en';
      await until(() => progress(el) === 'Question 1 of 12', 5000, 'the English words');
      expect(shown(el, '.title')).to.equal('Digital transformation quiz');
      expect(shown(el, '.question')).to.contain('three pillars');
      await accessible(el);
    });

    it('keeps the round when the page language changes mid-way', async () => {
      const el = await fixture<LantoaQuizCard>(html`<lantoa-quiz-card></lantoa-quiz-card>`);
      await ready(el);
      await answer(el, RIGHT_FIRST);
      await next(el);
      await answer(el, [0]);
      el.lang = 'en';
      await until(() => progress(el) === 'Question 2 of 12', 5000, 'the English words');
      expect(shown(el, '.feedback .verdict')).to.equal('Not quite. Correct answer: 80%.');
      expect(shown(el, '.feedback .source')).to.contain('Source: VietNamNet');
      await next(el);
      expect(shown(el, '.question')).to.contain('digital economy');
    });

    it('asks for a choice before checking', async () => {
      const el = await fixture<LantoaQuizCard>(html`<lantoa-quiz-card></lantoa-quiz-card>`);
      await ready(el);
      root(el).querySelector<HTMLButtonElement>('button[type="submit"]')!.click();
      await el.updateComplete;
      expect(shown(el, '[role="alert"]')).to.equal('Hãy chọn đáp án trước khi kiểm tra.');
      expect(root(el).querySelector('.feedback')).to.equal(null);
    });

    it('is played to the end with the keyboard only: focus follows each step, results are announced, axe on every step', async () => {
      const el = await fixture<LantoaQuizCard>(html`<lantoa-quiz-card></lantoa-quiz-card>`);
      await ready(el);
      const answers: QuizAnswerDetail[] = [];
      el.addEventListener('lantoa-quiz-answer', (event) => answers.push(event.detail));
      const complete = new Promise<QuizCompleteDetail>((resolve) =>
        el.addEventListener('lantoa-quiz-complete', (event) => resolve(event.detail)),
      );
      // Into the page: the first Tab lands on the first choice of the question.
      el.focus();
      for (const [n, correct] of BUILT_IN_ANSWERS.entries()) {
        await sendKeys({ press: 'Tab' });
        expect(focused(el)?.localName, `question ${n + 1}: Tab reaches the choices`).to.equal('input');
        if (correct.length === 1) {
          // A radio group: arrows move the choice (the first one is taken with Space).
          if (correct[0] === 0) await sendKeys({ press: 'Space' });
          for (let i = 0; i < correct[0]; i++) await sendKeys({ press: 'ArrowDown' });
          await sendKeys({ press: 'Tab' });
        } else {
          // "Choose all": checkboxes, Tab between them and Space to tick.
          expect(inputs(el).every((input) => input.type === 'checkbox')).to.equal(true);
          for (let i = 0; i < inputs(el).length; i++) {
            if (correct.includes(i)) await sendKeys({ press: 'Space' });
            await sendKeys({ press: 'Tab' });
          }
        }
        expect(focused(el)?.textContent?.trim()).to.equal('Kiểm tra');
        if (n === 0) await accessible(el);
        await sendKeys({ press: 'Enter' });
        await el.updateComplete;
        expect(focused(el)?.id, 'after checking, focus is on Next').to.equal('next');
        expect(shown(el, '.feedback .verdict')).to.equal('Chính xác!');
        expect(shown(el, '[role="status"].visually-hidden')).to.match(/^Chính xác! .+/);
        expect(root(el).querySelector<HTMLAnchorElement>('.feedback a')!.href).to.match(/^https:\/\//);
        if (n === 0 || n === 8) await accessible(el);
        await sendKeys({ press: 'Enter' });
        await el.updateComplete;
        if (n < BUILT_IN_ANSWERS.length - 1) {
          expect(focused(el)?.id, 'the next question takes the focus').to.equal('question');
          expect(progress(el)).to.equal(`Câu ${n + 2}/12`);
        }
      }
      expect(await complete).to.deep.equal({ quiz: 'chuyen-doi-so-ben-tre', score: 12, total: 12, passed: true });
      expect(answers.length).to.equal(12);
      expect(answers[8]).to.deep.include({ question: 'muc-4', choices: [0, 2], correct: true, number: 9, total: 12 });
      expect(focused(el)?.id, 'the result takes the focus').to.equal('result');
      expect(shown(el, '.score')).to.equal('Bạn trả lời đúng 12/12 câu (100%).');
      expect(shown(el, '[role="status"].visually-hidden')).to.contain('Đạt!');
      expect(root(el).querySelectorAll('.review li.right').length).to.equal(12);
      await accessible(el);
      // Retry from the keyboard: Tab from the result reaches "Làm lại" first.
      await sendKeys({ press: 'Tab' });
      expect(focused(el)?.textContent?.trim()).to.equal('Làm lại');
      await sendKeys({ press: 'Enter' });
      await el.updateComplete;
      expect(progress(el)).to.equal('Câu 1/12');
      expect(focused(el)?.id).to.equal('question');
    });

    it('shows the right answer, the explanation and the source when wrong; fails below the pass score', async () => {
      const el = await fixture<LantoaQuizCard>(html`<lantoa-quiz-card lang="en"></lantoa-quiz-card>`);
      await ready(el);
      const first = await answer(el, [1]);
      expect(first).to.deep.include({ question: 'tru-cot', choices: [1], correct: false });
      expect(shown(el, '.feedback .verdict')).to.equal(
        'Not quite. Correct answer: Digital government, digital economy, digital society.',
      );
      expect(root(el).querySelector('.choice.right')!.textContent).to.contain('Correct answer');
      expect(root(el).querySelector('.choice.wrong')!.textContent).to.contain('Your choice');
      expect(shown(el, '.feedback .source')).to.contain('Source: Vietbao.vn');
      await accessible(el);
      await next(el);
      for (let n = 1; n < 12; n++) {
        await answer(el, n < 8 ? BUILT_IN_ANSWERS[n] : [BUILT_IN_ANSWERS[n][0] === 0 ? 1 : 0]);
        if (n < 11) await next(el);
      }
      setTimeout(() => void next(el));
      const done = await oneEvent(el, 'lantoa-quiz-complete');
      // 7 right of 12 is under the built-in pass score (75 %: 9 needed).
      expect(done.detail).to.deep.equal({ quiz: 'chuyen-doi-so-ben-tre', score: 7, total: 12, passed: false });
      await el.updateComplete;
      expect(shown(el, '.result .verdict')).to.equal(
        'Not passed yet: at least 9 correct answers are needed. Review the answers and try again!',
      );
      expect(root(el).querySelectorAll('.review li.wrong').length).to.equal(5);
      expect(shown(el, '.review li.wrong')).to.contain('Your answer: Electronics, telecommunications, postal services');
      await accessible(el);
    });
  });

  describe('content', () => {
    it('scores multiple-answer questions all or nothing', async () => {
      const data = content([question('one', 1), question('many', [0, 2]), question('all', [0, 1, 2, 3])]);
      const el = await withContent(data);
      expect(await answer(el, [1])).to.deep.include({ question: 'one', correct: true });
      await next(el);
      expect(shown(el, '.how')).to.equal('Chọn tất cả đáp án đúng.');
      expect(inputs(el).every((input) => input.type === 'checkbox')).to.equal(true);
      expect(await answer(el, [0])).to.deep.include({ question: 'many', choices: [0], correct: false });
      expect(shown(el, '.feedback .verdict')).to.equal('Chưa đúng. Các đáp án đúng: A; C.');
      await next(el);
      expect(await answer(el, [3, 1, 0, 2])).to.deep.include({ question: 'all', choices: [0, 1, 2, 3], correct: true });
      setTimeout(() => void next(el));
      // Default pass score 50 %: 2 of 3 passes.
      expect((await oneEvent(el, 'lantoa-quiz-complete')).detail).to.deep.equal({
        quiz: QUIZ,
        score: 2,
        total: 3,
        passed: true,
      });
    });

    it('reads an inline JSON child and a src URL', async () => {
      const data = content([question('inline', 2)], { title: 'Inline quiz' });
      const el = await fixture<LantoaQuizCard>(html`<lantoa-quiz-card>
        <script type="application/json">${JSON.stringify(data)}</script>
      </lantoa-quiz-card>`);
      await ready(el);
      expect(shown(el, '.title')).to.equal('Inline quiz');
      expect(progress(el)).to.equal('Câu 1/1');

      const fromUrl = await fixture<LantoaQuizCard>(
        html`<lantoa-quiz-card src="/test/fixtures/quiz-valid.json" lang="en"></lantoa-quiz-card>`,
      );
      await ready(fromUrl);
      expect(shown(fromUrl, '.title')).to.equal('Quiz from a URL');
      expect(progress(fromUrl)).to.equal('Question 1 of 2');
      await accessible(fromUrl);
    });

    it('shuffles questions and choices the same way for the same seed, and reshuffles on retry', async () => {
      const ids = ['a', 'b', 'c', 'd', 'e', 'f', 'g', 'h'];
      const data = content(
        ids.map((id) => question(id)),
        { shuffle: true },
      );
      const first = await withContent(data, { seed: 'ba-tri-2026' });
      const second = await withContent(data, { seed: 'ba-tri-2026' });
      const other = await withContent(data, { seed: 'another-seed' });
      const choicesOf = (el: LantoaQuizCard) =>
        inputs(el)
          .map((input) => input.value)
          .join();
      expect(choicesOf(first)).to.equal(choicesOf(second));
      const expected = drawRound(
        { id: QUIZ, title: '', questions: data.questions as never, passScore: 0.5, shuffle: true },
        seededRandom('ba-tri-2026'),
      ).map((a) => ids[a.index]);
      const round1 = await playFirstChoices(first, data);
      expect(round1).to.deep.equal(expected);
      expect(round1).to.not.deep.equal(ids); // really shuffled
      expect(await playFirstChoices(second, data)).to.deep.equal(round1);
      expect(await playFirstChoices(other, data)).to.not.deep.equal(round1);
      root(first).querySelector<HTMLButtonElement>('.retry')!.click();
      await first.updateComplete;
      const round2 = await playFirstChoices(first, data);
      expect(round2).to.not.deep.equal(round1);
      expect([...round2].sort()).to.deep.equal(ids);
    });

    it('draws `count` questions at random, different ones on retry, in the content order without shuffle', async () => {
      const ids = ['a', 'b', 'c', 'd', 'e', 'f', 'g', 'h', 'i', 'j'];
      const data = content(
        ids.map((id) => question(id)),
        { count: 3 },
      );
      const el = await withContent(data, { seed: 'draw' });
      expect(progress(el)).to.equal('Câu 1/3');
      const drawn = await playFirstChoices(el, data);
      expect(drawn.length).to.equal(3);
      expect(new Set(drawn).size).to.equal(3);
      expect(drawn).to.deep.equal([...drawn].sort());
      expect(shown(el, '.score')).to.equal('Bạn trả lời đúng 3/3 câu (100%).');
      root(el).querySelector<HTMLButtonElement>('.retry')!.click();
      await el.updateComplete;
      expect(await playFirstChoices(el, data)).to.not.deep.equal(drawn);
    });

    it('is axe-clean in the dark theme: question, feedback (right and wrong), result', async () => {
      const el = await withContent(content([question('d1'), question('d2', [0, 1])]), { theme: 'dark' });
      await accessible(el);
      await answer(el, [0]);
      await accessible(el);
      await next(el);
      await answer(el, [2]);
      await accessible(el);
      await next(el);
      expect(shown(el, '.score')).to.contain('1/2');
      await accessible(el);
    });

    it('follows prefers-reduced-motion: no slide-in', async () => {
      const el = await withContent(content([question('x')]));
      await answer(el, [0]);
      await el.updateComplete;
      expect(getComputedStyle(root(el).querySelector('.feedback')!).animationName).to.equal('enter');
      await emulateMedia({ reducedMotion: 'reduce' });
      expect(getComputedStyle(root(el).querySelector('.feedback')!).animationName).to.equal('none');
    });
  });

  describe('bad content', () => {
    const good = () => content([question('q1'), question('q2'), question('q3')]);
    const cases: [string, (data: ReturnType<typeof content>) => unknown, string, string][] = [
      [
        'an unknown correct index',
        (d) => ((d.questions as TestQuestion[])[1].correct = 4),
        'Câu hỏi “q2” (câu số 2), trường “correct”: đáp án đúng không có trong danh sách lựa chọn.',
        'Question “q2” (no. 2), field “correct”: a correct answer is not one of the choices.',
      ],
      [
        'no choices',
        (d) => ((d.questions as TestQuestion[])[2].choices = []),
        'Câu hỏi “q3” (câu số 3), trường “choices”: cần ít nhất 2 lựa chọn.',
        'Question “q3” (no. 3), field “choices”: at least 2 choices are needed.',
      ],
      [
        'a duplicate id',
        (d) => ((d.questions as TestQuestion[])[2].id = 'q1'),
        'Câu hỏi “q1” (câu số 3), trường “id”: mã này đã dùng cho một câu hỏi khác.',
        'Question “q1” (no. 3), field “id”: another question already uses this id.',
      ],
      [
        'a wrong type',
        (d) => ((d.questions as Record<string, unknown>[])[0].text = 42),
        'Câu hỏi “q1” (câu số 1), trường “text”: thiếu hoặc sai kiểu dữ liệu.',
        'Question “q1” (no. 1), field “text”: missing or of the wrong type.',
      ],
      [
        'a source that is not an http(s) link',
        (d) => ((d.questions as { source: { url: string } }[])[1].source.url = 'javascript:alert(1)'),
        'Câu hỏi “q2” (câu số 2), trường “source.url”: chỉ chấp nhận liên kết http hoặc https.',
        'Question “q2” (no. 2), field “source.url”: only http or https links are accepted.',
      ],
      [
        'a count over the questions',
        (d) => (d.count = 5),
        'Nội dung câu đố, trường “count”: lớn hơn số câu hỏi.',
        'Quiz content, field “count”: more than the number of questions.',
      ],
      [
        'a pass score over 1',
        (d) => (d.passScore = 9),
        'Nội dung câu đố, trường “passScore”: thiếu hoặc sai kiểu dữ liệu.',
        'Quiz content, field “passScore”: missing or of the wrong type.',
      ],
    ];
    for (const [name, spoil, vi, en] of cases) {
      it(`names the question and the field for ${name}, in both languages`, async () => {
        await withConsole('error', async (errors) => {
          const data = good();
          spoil(data);
          const el = await withContent(data);
          expect(part(el, 'problem')!.textContent).to.contain(vi);
          expect(errors.calls.join('\n')).to.contain('content from property');
          await accessible(el);
          el.lang = 'en';
          await el.updateComplete;
          expect(part(el, 'problem')!.textContent).to.contain(en);
        });
      });
    }

    it('says so for a document that is not a quiz, broken inline JSON and an unreachable src, and throws nothing', async () => {
      const thrown: unknown[] = [];
      const onError = (event: ErrorEvent | PromiseRejectionEvent) =>
        thrown.push('reason' in event ? event.reason : event.error);
      window.addEventListener('error', onError);
      window.addEventListener('unhandledrejection', onError);
      try {
        await withConsole('error', async () => {
          const array = await withContent([1, 2, 3]);
          expect(part(array, 'problem')!.textContent).to.contain('Nội dung câu đố phải là một đối tượng JSON.');
          const broken = await fixture<LantoaQuizCard>(
            html`<lantoa-quiz-card><script type="application/json">{ "id": </script></lantoa-quiz-card>`,
          );
          await ready(broken);
          expect(part(broken, 'problem')!.textContent).to.contain('Nội dung câu đố phải là một đối tượng JSON.');
          const missing = await fixture<LantoaQuizCard>(
            html`<lantoa-quiz-card src="/test/fixtures/no-such-quiz.json" lang="en"></lantoa-quiz-card>`,
          );
          await ready(missing);
          expect(part(missing, 'problem')!.textContent).to.contain('The questions could not be loaded.');
          await accessible(missing);
        });
        await new Promise((resolve) => setTimeout(resolve, 100));
        expect(thrown).to.deep.equal([]);
      } finally {
        window.removeEventListener('error', onError);
        window.removeEventListener('unhandledrejection', onError);
      }
    });
  });

  describe('per-unit results', () => {
    /** Plays a 2-question round of the test quiz: `right` answers right. */
    async function play(el: LantoaQuizCard, right: number): Promise<void> {
      for (let n = 0; n < 2; n++) {
        await answer(el, [n < right ? 0 : 1]);
        await next(el);
      }
    }
    const twoQuestions = () => content([question('r1'), question('r2')]);

    it('sends the result once and shows the unit’s participation, axe-clean', async () => {
      const before = await quizRows();
      const el = await withContent(twoQuestions(), { api: API, unit: 'ba-tri' });
      await play(el, 1);
      await until(() => shown(el, '.participation').startsWith('Ba Tri:'), 5000, 'the participation line');
      expect(await quizRows()).to.equal(before + 1);
      const stats = await (await fetch(`${API}/api/v1/quizzes/${QUIZ}/stats`, { cache: 'no-store' })).json();
      const unit = stats.units.find((u: { id: string }) => u.id === 'ba-tri');
      expect(shown(el, '.participation')).to.equal(
        `Ba Tri: ${new Intl.NumberFormat('vi-VN').format(unit.participants)} lượt tham gia · điểm trung bình ${new Intl.NumberFormat('vi-VN', { style: 'percent', maximumFractionDigits: 0 }).format(unit.averageScore)}`,
      );
      expect(localStorage.getItem(QUIZ_OUTBOX)).to.equal(null);
      await accessible(el);
    });

    it('sends nothing without a unit', async () => {
      const before = await quizRows();
      const el = await withContent(twoQuestions(), { api: API });
      await play(el, 2);
      await new Promise((resolve) => setTimeout(resolve, 300));
      expect(await quizRows()).to.equal(before);
      expect(root(el).querySelector('.participation')).to.equal(null);
    });

    it('keeps a result taken offline and delivers it exactly once when back online', async () => {
      const retryMs = LantoaQuizCard.retryMs;
      LantoaQuizCard.retryMs = 60_000; // only the `online` event can deliver it within this test
      try {
        const before = await quizRows();
        const el = await withContent(twoQuestions(), { api: API, unit: 'thanh-phu' });
        await service('stop');
        await play(el, 2);
        await until(
          () => shown(el, '.participation') === 'Kết quả đã lưu trên máy này, sẽ tự gửi khi có mạng.',
          5000,
          'the queued notice',
        );
        const queued = JSON.parse(localStorage.getItem(QUIZ_OUTBOX)!);
        expect(queued).to.have.length(1);
        expect(queued[0]).to.deep.include({ quiz: QUIZ, unit: 'thanh-phu', score: 2, total: 2, api: API });
        await accessible(el);

        await service('start');
        window.dispatchEvent(new Event('online'));
        await until(
          () => shown(el, '.participation').startsWith('Thạnh Phú:'),
          5000,
          'the participation after delivery',
        );
        expect(await quizRows(queued[0].key)).to.equal(1);
        expect(await quizRows()).to.equal(before + 1);
        expect(localStorage.getItem(QUIZ_OUTBOX)).to.equal(null);
        window.dispatchEvent(new Event('online')); // nothing left: still exactly one
        await new Promise((resolve) => setTimeout(resolve, 200));
        expect(await quizRows()).to.equal(before + 1);
      } finally {
        LantoaQuizCard.retryMs = retryMs;
      }
    });

    it('sends a result left queued by an earlier visit when the page opens again, once', async () => {
      const key = 'earlier-visit-result-0001';
      localStorage.setItem(
        QUIZ_OUTBOX,
        JSON.stringify([
          { api: API, quiz: QUIZ, unit: 'cho-lach', score: 1, total: 2, key, queuedAt: Date.now() - 60_000 },
        ]),
      );
      await fixture<LantoaQuizCard>(html`<lantoa-quiz-card api=${API}></lantoa-quiz-card>`);
      await until(() => localStorage.getItem(QUIZ_OUTBOX) === null, 5000, 'the outbox to empty');
      expect(await quizRows(key)).to.equal(1);
      // The same key again (another tab, a retry after a lost answer) is not counted twice.
      localStorage.setItem(
        QUIZ_OUTBOX,
        JSON.stringify([{ api: API, quiz: QUIZ, unit: 'cho-lach', score: 1, total: 2, key, queuedAt: Date.now() }]),
      );
      await fixture<LantoaQuizCard>(html`<lantoa-quiz-card api=${API}></lantoa-quiz-card>`);
      await until(() => localStorage.getItem(QUIZ_OUTBOX) === null, 5000, 'the outbox to empty again');
      expect(await quizRows(key)).to.equal(1);
    });

    it('catches a wrong unit when the card starts, before any answer, and suggests the closest valid id (vi, en)', async () => {
      await withConsole('error', async (errors) => {
        const before = await quizRows();
        const el = await withContent(twoQuestions(), { api: API, unit: 'ba-tr' });
        await until(() => !!root(el).querySelector('[part="problem"]'), 5000, 'the unit check');
        expect(shown(el, '[part="problem"]')).to.contain(
          'Chiến dịch không có đơn vị “ba-tr”. Có phải ý bạn là “ba-tri”?',
        );
        expect(root(el).querySelector('.progress')).to.equal(null); // not after twelve questions: now
        await accessible(el);
        el.lang = 'en';
        await el.updateComplete;
        expect(shown(el, '[part="problem"]')).to.contain('The campaign has no unit “ba-tr”. Did you mean “ba-tri”?');
        expect(errors.calls.join('\n')).to.contain('did you mean "ba-tri"');
        expect(await quizRows()).to.equal(before);
      });
    });

    it('on a site the campaign does not list: says so when it starts, names the site, sends nothing, retries nothing', async () => {
      await withConsole('error', async (errors) => {
        const el = await withContent({ ...twoQuestions(), id: 'listed-elsewhere-quiz' }, { api: API, unit: 'ba-tri' });
        await until(() => !!root(el).querySelector('[part="problem"]'), 5000, 'the site check');
        expect(shown(el, '[part="problem"]')).to.contain(
          `Trang web này (${location.origin}) chưa được phép dùng tiện ích của chiến dịch.`,
        );
        expect(
          errors.calls.filter((line) => line.includes('is not yet allowed to use quiz "listed-elsewhere-quiz"')),
        ).to.have.length(1);
        expect(localStorage.getItem(QUIZ_OUTBOX)).to.equal(null);
        expect(
          await executeServerCommand<number, unknown>('pledge-service', {
            action: 'quiz-rows',
            quiz: 'listed-elsewhere-quiz',
          }),
        ).to.equal(0);
      });
    });

    it('a result the service refuses (a queued one whose unit is gone) is dropped and logged, not retried', async () => {
      await withConsole('error', async (errors) => {
        localStorage.setItem(
          QUIZ_OUTBOX,
          JSON.stringify([
            {
              api: API,
              quiz: QUIZ,
              unit: 'cho-gao',
              score: 1,
              total: 2,
              key: 'refused-result-key-0001',
              queuedAt: Date.now(),
            },
          ]),
        );
        await fixture<LantoaQuizCard>(html`<lantoa-quiz-card api=${API}></lantoa-quiz-card>`);
        await until(() => localStorage.getItem(QUIZ_OUTBOX) === null, 5000, 'the refused result to be dropped');
        expect(errors.calls.join('\n')).to.contain('unknown_unit');
        expect(await quizRows('refused-result-key-0001')).to.equal(0);
      });
    });
  });
});
