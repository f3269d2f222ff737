/**
 * One spelling and wording each, across the texts people read (widget strings, the built-in quiz, stories,
 * demo pages, the campaigns file, the READMEs): the forms review found wrong must not come back. The
 * progress chart's own files are checked with its content, not here.
 */
import assert from 'node:assert/strict';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import { pack as en } from '../../src/widgets/quiz-card/quiz-card.en.js';
import { pack as vi } from '../../src/widgets/quiz-card/quiz-card.vi.js';
import { defaultQuiz } from '../../src/widgets/quiz-card/quiz-default.js';

const ROOT = new URL('../../', import.meta.url).pathname;
const SKIP = /progress-chart|node_modules|\.(png|csv)$/;

function files(dir: string): string[] {
  return readdirSync(join(ROOT, dir)).flatMap((name) => {
    const path = join(dir, name);
    if (SKIP.test(path)) return [];
    return statSync(join(ROOT, path)).isDirectory() ? files(path) : [path];
  });
}

// docs/widgets holds the widget guides moved out of the README (their sources and the generated pages).
const TEXTS = [
  ...files('src'),
  ...files('stories'),
  ...files('demo'),
  ...files('campaigns'),
  ...files('docs/widgets'),
  'README.md',
  'docs/SOURCES.md',
];

/** [what is wrong, the pattern, the files it applies to (default: all)] */
const WRONG: [string, RegExp, RegExp?][] = [
  // Vietnamese tone marks on the main vowel, as in "khóa", "xóa", "tùy", "minh họa".
  ['old-style tone placement (khoá → khóa)', /(?:o[áàảãạ]|o[éèẻẽẹ]|u[ýỳỷỹỵ])(?![\p{L}])/u],
  ['"tỉ lệ" / "tỉ số" (one spelling: tỷ)', /\btỉ (?:lệ|số)/iu],
  ['a date hint in letters (NNNN-TT-NN): say "năm-tháng-ngày"', /NNNN-TT-NN/],
  ['a thousands separator that is a space (157 000): Vietnamese writes 157.000', /\d[  ]\d{3}(?!\d)/, /^stories\//],
  ['"FACTS.md", which is not in the repository: cite docs/SOURCES.md', /FACTS\.md/],
  [
    'Đề án called a programme (it is the Scheme; the Programme is Decision 749)',
    /Transformation Programme 20|digital transformation scheme|about the programme|of the programme/,
  ],
  ['"young union members" / "youth union": Youth Union members', /young union members|\byouth union\b/],
  ['"Tôi cam kết:" doubles "Tôi" before "Tôi dùng…"', /Tôi cam kết:/],
  ['"Đã chép đường dẫn": Đã sao chép đường liên kết', /Đã chép đường dẫn/],
  ['keys are made with getRandomValues, not crypto.randomUUID()', /randomUUID\(\)` fits|\(`crypto\.randomUUID\(\)`\)/],
];

test('the texts are found (the check is not vacuous)', () => {
  assert.ok(TEXTS.length > 40, `${TEXTS.length} files`);
  assert.ok(TEXTS.includes('src/widgets/quiz-card/quiz-card.vi.ts') && TEXTS.includes('README.md'));
});

for (const [what, pattern, only] of WRONG) {
  test(`no ${what}`, () => {
    const found = TEXTS.filter((file) => !only || only.test(file)).flatMap((file) =>
      readFileSync(join(ROOT, file), 'utf8')
        .split('\n')
        .flatMap((line, index) => (pattern.test(line) ? [`${file}:${index + 1}: ${line.trim().slice(0, 120)}`] : [])),
    );
    assert.deepEqual(found, []);
  });
}

/** [question id, language, what must be said], from the review of the built-in quiz. */
const QUIZ_WORDING: [string, 'vi' | 'en', RegExp][] = [
  ['gdp-2025', 'vi', /tỷ trọng kinh tế số trong từng ngành, lĩnh vực đạt tối thiểu 10%/],
  ['egdi-2030', 'vi', /Chỉ số phát triển Chính phủ điện tử \(EGDI\) của Liên Hợp Quốc/],
  ['egdi-2030', 'vi', /mốc nhóm 70 nước năm 2025 do chính Quyết định 749\/QĐ-TTg đặt ra/],
  ['egdi-2030', 'en', /United Nations E-Government Development Index \(EGDI\)/],
  ['ngay-cds', 'vi', /lấy ngày 10\/10 hằng năm làm Ngày Chuyển đổi số quốc gia/],
  ['cho-gao', 'vi', /Chợ Gạo khi đó là huyện của tỉnh Tiền Giang.*thành phố Bến Tre/],
  ['muc-4', 'vi', /có thêm những gì so với mức độ 3/],
  ['2g-only', 'vi', /quy định ngày 16\/9\/2024/],
  ['vinh-long', 'vi', /Nghị quyết 202\/2025\/QH15/],
];

test('the built-in quiz says what the review asked, in both languages', () => {
  const quiz = defaultQuiz({ vi, en });
  const said = (id: string, lang: 'vi' | 'en') => {
    const question = quiz.questions.find((q) => q.id === id);
    assert.ok(question, `no question ${id}`);
    return [question.text, ...question.choices, question.explanation]
      .map((text) => (typeof text === 'string' ? text : (text[lang] ?? '')))
      .join(' ');
  };
  const missing = QUIZ_WORDING.filter(([id, lang, pattern]) => !pattern.test(said(id, lang))).map(
    ([id, lang, pattern]) => `${id} (${lang}): ${pattern}`,
  );
  assert.deepEqual(missing, []);
  // 10% is a real target (each sector's share; Bến Tre's GRDP share), so it is not a wrong answer.
  assert.deepEqual(
    quiz.questions
      .find((q) => q.id === 'gdp-2025')!
      .choices.map((choice) => (typeof choice === 'string' ? choice : choice.vi)),
    ['15%', '20%', '40%', '50%'],
  );
  // The merger is cited from a report of the resolution itself, not from an article that only mentions it.
  assert.ok(quiz.questions.find((q) => q.id === 'vinh-long')!.source.url.includes('laodong.vn'));
  assert.ok(quiz.questions.find((q) => q.id === 'muc-4')!.source.url.includes('Nghi-dinh-43-2011-ND-CP'));
});

test('the demo feed speaks of the 2G cut-off as done and of 9/2026 as the plan it was', () => {
  const feed = readFileSync(join(ROOT, 'demo/campaign-feed.json'), 'utf8');
  assert.match(
    feed,
    /đã ngừng được phục vụ từ ngày 16\/10\/2024; toàn bộ mạng 2G được lên kế hoạch dừng vào tháng 9\/2026/,
  );
  assert.match(feed, /lost service on 16 October 2024; the whole 2G network was planned to stop in September 2026/);
});
