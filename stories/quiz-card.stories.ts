/**
 * <lantoa-quiz-card>: every step a designer needs (question, right and wrong answers, multiple answers, result
 * and review, per-unit participation, bad content), in both languages. Results go to the in-page mock of the
 * Lantoa service (stories/mock-pledge-api.ts), as the pledge counter's stories do. Controls and docs come from
 * custom-elements.json.
 */
import type { Meta, StoryObj } from '@storybook/web-components-vite';
import { getStorybookHelpers } from '@wc-toolkit/storybook-helpers';
import { html, type TemplateResult } from 'lit';
// A value import (see pledge-counter.stories.ts): a bare import of the source could be dropped by the bundler.
import { LantoaQuizCard } from '../src/widgets/quiz-card/quiz-card.js';
import { loadedPacks, loadLanguagePack } from '../src/widgets/quiz-card/quiz-card.language.js';
import { defaultQuiz } from '../src/widgets/quiz-card/quiz-default.js';
import {
  illustrativeParticipation,
  isMockApi,
  LOCAL_API,
  MOCK_API,
  mockApi,
  mockPledgeApi,
  setResultsMode,
} from './mock-pledge-api.js';
import { argTypesByCategory, inlineCssProps, neverAnswer, note, storyDocs } from './story-support.js';

const { args, argTypes, template } = getStorybookHelpers<LantoaQuizCard>('lantoa-quiz-card');
const CSS_PROPS = Object.keys(argTypes).filter((name) => name.startsWith('--'));

/** The right answers of the built-in quiz (facts and sources: docs/SOURCES.md), question by question. */
const RIGHT = [[0], [2], [1], [1], [2], [3], [2], [1], [0, 2], [1], [2], [2]];

const apiOf = (storyArgs: Record<string, unknown>) => String(storyArgs.api ?? '');

/** The widget through the helpers' template, in a frame as wide as a page's main column. */
function renderQuiz(storyArgs: Record<string, unknown>): TemplateResult {
  return html`<div style="max-width: 40rem">${template(inlineCssProps(storyArgs, CSS_PROPS))}</div>`;
}

/** The same with content set from JavaScript (the `content` property). */
function renderWith(storyArgs: Record<string, unknown>, content: unknown): TemplateResult {
  return html`<div style="max-width: 40rem">
    <lantoa-quiz-card
      .content=${content}
      api=${apiOf(storyArgs)}
      unit=${String(storyArgs.unit ?? '')}
      lang=${String(storyArgs.lang ?? '')}
      theme=${String(storyArgs.theme ?? 'light')}
      seed=${String(storyArgs.seed ?? '')}
    ></lantoa-quiz-card>
  </div>`;
}

function participationNote(storyArgs: Record<string, unknown>, extra?: TemplateResult): TemplateResult {
  return note(
    isMockApi(apiOf(storyArgs))
      ? html`Kết quả gửi tới dịch vụ giả lập trong trang (<code>${apiOf(storyArgs)}</code>); số lượt tham gia là <strong>số minh họa</strong>
          (Ba Tri bắt đầu với ${illustrativeParticipation('ba-tri')} lượt, điểm trung bình 70%).`
      : html`Kết quả gửi tới dịch vụ thật tại <code>${apiOf(storyArgs)}</code> và được ghi thật.`,
    isMockApi(apiOf(storyArgs))
      ? html`Results go to the in-page mock service; participation figures are <strong>illustrative</strong>.`
      : html`Results go to the real service at <code>${apiOf(storyArgs)}</code> and are stored for real.`,
    extra,
  );
}

/** The story's quiz card once its first question shows. */
async function quizIn(canvas: HTMLElement): Promise<LantoaQuizCard | null> {
  const quiz = canvas.querySelector('lantoa-quiz-card');
  for (let i = 0; i < 200 && !quiz?.shadowRoot?.querySelector('.progress, [part="problem"]'); i++)
    await new Promise((r) => setTimeout(r, 25));
  return quiz;
}

/** Clicks what `selector` finds in the card, and waits for the card to render. */
async function click(quiz: LantoaQuizCard, selector: string): Promise<void> {
  quiz.shadowRoot?.querySelector<HTMLElement>(selector)?.click();
  await quiz.updateComplete;
}

/** Answers questions as a visitor would (clicking), one array of choices per question; checks the last one and stops there. */
async function answer(quiz: LantoaQuizCard | null, choices: number[][]): Promise<void> {
  if (!quiz) return;
  for (const [i, picks] of choices.entries()) {
    if (i > 0) await click(quiz, '#next');
    for (const pick of picks) await click(quiz, `input[value="${pick}"]`);
    await click(quiz, 'button[type="submit"]');
  }
}

/** Answers, then goes to the result. */
async function finish(quiz: LantoaQuizCard | null, choices: number[][]): Promise<void> {
  await answer(quiz, choices);
  if (quiz) await click(quiz, '#next');
}

const meta = {
  title: 'Widgets/Quiz card',
  component: 'lantoa-quiz-card',
  // `content` is for JavaScript callers: left unset, the built-in quiz shows (the Shuffled story sets it).
  args: { ...args, content: undefined, api: MOCK_API, unit: 'ba-tri', lang: 'inherit', theme: 'light' },
  argTypes: argTypesByCategory({
    ...argTypes,
    api: {
      ...argTypes.api,
      description: `${argTypes.api?.description ?? ''} In Storybook: an \`https://….mock.lantoa.invalid\` address is the in-page mock; \`${LOCAL_API}\` is a local service (\`npm start\`).`,
    },
    lang: { ...argTypes.lang, control: 'inline-radio', options: ['inherit', 'vi', 'en'], mapping: { inherit: '' } },
    theme: { ...argTypes.theme, control: 'inline-radio', options: ['light', 'dark', 'auto'] },
  }),
  render: (storyArgs) => html`${renderQuiz(storyArgs)} ${participationNote(storyArgs)}`,
  beforeEach: mockPledgeApi(),
  parameters: {
    layout: 'padded',
    docs: {
      description: {
        component: `Thẻ câu hỏi “tìm hiểu”: từng câu một (“Câu 3/12”), chọn, kiểm tra, xem đúng/sai cùng giải thích và nguồn, câu tiếp theo; cuối cùng là điểm, đạt/chưa đạt, xem lại mọi câu và làm lại. Bộ câu hỏi có sẵn là 12 câu đã kiểm chứng, mỗi câu có nguồn (danh sách nguồn: docs/SOURCES.md). Có \`unit\` thì kết quả (ẩn danh) được gửi và thẻ hiện số lượt tham gia của đơn vị.

**Trong Storybook, dịch vụ là giả lập** (như các story của bộ đếm cam kết): mỗi story thay \`fetch\` cho địa chỉ \`.invalid\` của nó và trả lại khi rời story; số lượt tham gia là số minh họa.

_A “tìm hiểu” quiz card: one question at a time, check, right or wrong with the explanation and source, next; then score, pass or fail, a review and retry. The built-in quiz is twelve verified questions, each with its source (all listed in docs/SOURCES.md). With \`unit\`, the anonymous result is sent and the unit's participation shown. **In Storybook the service is the in-page mock**; participation figures are illustrative._`,
      },
    },
  },
} satisfies Meta;

export default meta;
type Story = StoryObj;

export const Question: Story = {
  name: 'Question – câu hỏi',
  parameters: storyDocs(
    'Câu đầu tiên của bộ câu hỏi có sẵn, chưa chọn đáp án.',
    'The first question of the built-in quiz, nothing chosen yet.',
  ),
};

export const English: Story = {
  name: 'English – tiếng Anh',
  args: { lang: 'en', api: mockApi('quiz-en') },
  parameters: storyDocs('Cùng thẻ với `lang="en"`.', 'The same card with `lang="en"`.'),
};

export const Wrong: Story = {
  name: 'Wrong answer – trả lời sai',
  args: { api: mockApi('quiz-wrong') },
  play: async ({ canvasElement }) => answer(await quizIn(canvasElement), [[1]]),
  parameters: storyDocs(
    'Sau khi kiểm tra một đáp án sai: đáp án đúng được đánh dấu, kèm giải thích và nguồn; tiêu điểm ở nút “Câu tiếp theo”.',
    'After checking a wrong answer: the right one is marked, with the explanation and the source; focus is on “Next question”.',
  ),
};

export const MultipleRight: Story = {
  name: 'Multiple answers, right – nhiều đáp án, đúng',
  args: { api: mockApi('quiz-multiple') },
  play: async ({ canvasElement }) => answer(await quizIn(canvasElement), RIGHT.slice(0, 9)),
  parameters: storyDocs(
    'Câu 9 có hai đáp án đúng (hộp kiểm, “Chọn tất cả đáp án đúng”); chọn đủ cả hai mới được tính đúng.',
    'Question 9 has two right answers (checkboxes, “Choose every correct answer”); only both together count as right.',
  ),
};

export const MultipleWrong: Story = {
  name: 'Multiple answers, partly right – chọn thiếu',
  args: { api: mockApi('quiz-multiple-wrong'), lang: 'en' },
  play: async ({ canvasElement }) => answer(await quizIn(canvasElement), [...RIGHT.slice(0, 8), [0]]),
  parameters: storyDocs(
    'Chọn thiếu một đáp án đúng: tính là sai, cả hai đáp án đúng được chỉ ra.',
    'One of two right answers chosen: wrong, both right answers are shown.',
  ),
};

export const Passed: Story = {
  name: 'Result, passed – kết quả đạt, lượt tham gia',
  args: { api: mockApi('quiz-passed') },
  play: async ({ canvasElement }) => finish(await quizIn(canvasElement), [...RIGHT.slice(0, 11), [0]]),
  parameters: storyDocs(
    'Đúng 11/12 (cần 9): “Đạt!”, số lượt tham gia của Ba Tri sau khi gửi kết quả, nút “Làm lại” (xáo lại nếu nội dung có `shuffle`).',
    '11 of 12 right (9 needed): passed, Ba Tri’s participation once the result is sent, and Try again.',
  ),
};

export const FailedReview: Story = {
  name: 'Result, failed, review – chưa đạt, xem lại',
  args: { api: mockApi('quiz-failed'), lang: 'en' },
  play: async ({ canvasElement }) => {
    const quiz = await quizIn(canvasElement);
    await finish(quiz, [...RIGHT.slice(0, 5), ...RIGHT.slice(5).map(() => [1])]);
    if (quiz) await click(quiz, 'summary');
  },
  parameters: storyDocs(
    'Chưa đạt, phần “Xem lại các câu trả lời” mở: mỗi câu có đúng/sai, câu trả lời của bạn, đáp án đúng, giải thích và nguồn.',
    'Not passed, with the review open: each question marked right or wrong, your answer, the right one, the explanation and the source.',
  ),
};

export const Queued: Story = {
  name: 'Result, offline – kết quả chờ gửi',
  args: { api: mockApi('quiz-queued') },
  // After the meta's beforeEach has set up this story's mock: every result POST fails like a dropped connection.
  beforeEach: ({ args: storyArgs }) => setResultsMode(apiOf(storyArgs), 'network-error'),
  render: (storyArgs) =>
    html`${renderQuiz(storyArgs)}
    ${participationNote(
      storyArgs,
      html`<p>
        <button
          type="button"
          @click=${() => {
            setResultsMode(apiOf(storyArgs), 'count');
            window.dispatchEvent(new Event('online'));
          }}
        >
          Có mạng trở lại / The network is back
        </button>
      </p>`,
    )}`,
  play: async ({ canvasElement }) => finish(await quizIn(canvasElement), RIGHT),
  parameters: storyDocs(
    'Mất mạng khi gửi kết quả: kết quả nằm trong hộp thư đi của máy và tự gửi (một lần) khi có mạng; nút bên dưới đưa mạng trở lại.',
    'No network when the result is sent: it waits in the device’s outbox and goes out (once) when the network is back; the button brings it back.',
  ),
};

export const Shuffled: Story = {
  name: 'Shuffled, 5 drawn – xáo trộn, rút 5 câu',
  args: { api: mockApi('quiz-shuffled'), seed: 'ba-tri-2026' },
  loaders: [
    async () => {
      await Promise.all([loadLanguagePack('vi'), loadLanguagePack('en')]);
      return { quiz: { ...defaultQuiz(loadedPacks()), shuffle: true, count: 5 } };
    },
  ],
  render: (storyArgs, { loaded }) => html`${renderWith(storyArgs, loaded.quiz)} ${participationNote(storyArgs)}`,
  parameters: storyDocs(
    'Bộ câu hỏi có sẵn với `shuffle: true, count: 5` và `seed="ba-tri-2026"`: mọi máy có cùng 5 câu, cùng thứ tự; “Làm lại” rút và xáo lại.',
    'The built-in quiz with `shuffle: true, count: 5` and `seed="ba-tri-2026"`: every device gets the same five in the same order; Try again draws and shuffles again.',
  ),
};

export const BadContent: Story = {
  name: 'Bad content – nội dung sai',
  args: { api: mockApi('quiz-bad') },
  render: (storyArgs) =>
    html`${renderWith(storyArgs, {
      id: 'cau-do-loi',
      title: 'Câu đố lỗi',
      questions: [
        {
          id: 'cau-1',
          text: 'Ngày Chuyển đổi số quốc gia?',
          choices: ['10/10', '01/7'],
          correct: 2,
          explanation: '…',
          source: { label: 'Thanh Niên', url: 'https://thanhnien.vn' },
        },
      ],
    })}
    ${note(
      html`<code>correct: 2</code> nhưng câu chỉ có 2 lựa chọn (0 và 1): thẻ nêu câu và trường sai, console ghi chi tiết; không có gì lỗi lan ra trang.`,
      html`<code>correct: 2</code> with only two choices (0 and 1): the card names the question and the field, the console has the details; nothing breaks the page.`,
    )}`,
  parameters: storyDocs(
    'Nội dung sai: thông báo ngắn, đúng ngôn ngữ, nêu câu hỏi và trường.',
    'Bad content: a short localized message naming the question and the field.',
  ),
};

export const Loading: Story = {
  name: 'Loading – đang tải',
  args: { api: mockApi('quiz-loading'), src: 'https://quiz.example.invalid/cau-hoi.json' },
  beforeEach: () => neverAnswer('https://quiz.example.invalid/cau-hoi.json'),
  parameters: storyDocs(
    'Nội dung từ `src` chưa về: “Đang tải câu hỏi…”; sau 10 giây thẻ báo không tải được.',
    'Content from `src` has not arrived: “Loading the questions…”; after 10 s the card says it could not load them.',
  ),
};

export const Dark: Story = {
  name: 'Dark – nền tối',
  args: { api: mockApi('quiz-dark'), theme: 'dark' },
  play: async ({ canvasElement }) => answer(await quizIn(canvasElement), [[3]]),
  render: (storyArgs) => html`<div style="background: #15181d; padding: 1rem">${renderQuiz(storyArgs)}</div>`,
  parameters: storyDocs('`theme="dark"` sau một câu sai.', '`theme="dark"` after a wrong answer.'),
};
