/**
 * The built-in quiz: twelve verified questions, each with its explanation and source (docs/SOURCES.md lists
 * every fact with its source; test/scripts/sources.test.ts holds the URLs below to that list).
 * Trusted data: it never goes through the schema (no zod loaded). The structure (ids, correct answers,
 * source links) is here; the text of each language comes with that language's pack (quiz-card.vi.ts,
 * quiz-card.en.ts), so a page loads only the language it shows.
 */
import type { Locale } from '../../core/i18n.js';
import type { DefaultTexts, QuizLanguagePack } from './quiz-card.strings.js';
import type { QuizContent } from './quiz-round.js';

/** The quiz id results are stored under: the default campaign declares it. */
export const DEFAULT_QUIZ_ID = 'chuyen-doi-so-ben-tre';

/** Question id, indices of the correct choices (from 0), source URL; in the order of docs/SOURCES.md. */
const QUESTIONS: [id: string, correct: number[], url: string][] = [
  ['tru-cot', [0], 'https://vietbao.vn/bao-chi-la-cau-noi-dua-tri-thuc-so-den-gan-nguoi-dan-566182.html'],
  [
    'dvc-2025',
    [2],
    'https://vietnamnet.vn/en/politics/vn-strives-to-rank-among-world-s-top-50-countries-in-e-government-development-by-2030-646752.html',
  ],
  ['gdp-2025', [1], 'https://m.vovworld.vn/en-US/news/vietnam-aims-to-become-digital-society-by-2030-867909.vov'],
  [
    'egdi-2030',
    [1],
    'https://vietnamnet.vn/en/politics/vn-strives-to-rank-among-world-s-top-50-countries-in-e-government-development-by-2030-646752.html',
  ],
  ['ngay-cds', [2], 'https://thanhnien.vn/10-10-la-ngay-chuyen-doi-so-quoc-gia-post1451547.html'],
  [
    'dvc-ben-tre',
    [3],
    'https://vietnamnet.vn/ben-tre-day-manh-chuyen-doi-so-dedam-bao-an-sinh-phuc-loi-xa-hoi-705377.html',
  ],
  [
    'kinh-phi',
    [2],
    'https://vietnamnet.vn/ben-tre-day-manh-chuyen-doi-so-dedam-bao-an-sinh-phuc-loi-xa-hoi-705377.html',
  ],
  ['cho-gao', [1], 'https://github.com/daohoangson/dvhcvn'],
  [
    'muc-4',
    [0, 2],
    'https://thuvienphapluat.vn/van-ban/Cong-nghe-thong-tin/Nghi-dinh-43-2011-ND-CP-cung-cap-thong-tin-va-dich-vu-cong-truc-tuyen-125408.aspx',
  ],
  ['nd-42', [1], 'https://motcua.tiengiang.gov.vn/trang-chu/hoi-dap/chi-tiet-cau-hoi?ma-cau-hoi=30925'],
  ['2g-only', [2], 'https://dantri.com.vn/suc-manh-so/bo-tttt-lui-ngay-tat-song-2g-20240914034543148.htm'],
  [
    'vinh-long',
    [2],
    'https://news.laodong.vn/thoi-su/thoi-diem-ket-thuc-hoat-dong-bo-may-52-tinh-thanh-cu-1522769.ldo',
  ],
];

/**
 * The built-in quiz with every language loaded so far; a language not loaded yet falls back to the other
 * (for the moment its chunk is on the wire). Call once at least one language is loaded.
 */
export function defaultQuiz(packs: Partial<Record<Locale, QuizLanguagePack>>): QuizContent {
  const en = packs.en?.quiz;
  const base = (packs.vi?.quiz ?? en) as DefaultTexts;
  const text = (pick: (texts: DefaultTexts) => string) => ({ vi: pick(base), en: en && pick(en) });
  return {
    id: DEFAULT_QUIZ_ID,
    title: text((t) => t.title),
    passScore: 0.75,
    shuffle: false,
    questions: QUESTIONS.map(([id, correct, url], i) => ({
      id,
      correct,
      text: text((t) => t.questions[i][0]),
      choices: base.questions[i][1].map((_, c) => text((t) => t.questions[i][1][c])),
      explanation: text((t) => t.questions[i][2]),
      source: { label: text((t) => t.questions[i][3]), url },
    })),
  };
}
