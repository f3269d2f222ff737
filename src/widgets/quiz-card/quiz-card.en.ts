/** Everything the quiz card shows in English (see quiz-card.strings.ts): loaded only on pages in English. */
import type { QuizLanguagePack } from './quiz-card.strings.js';

export const pack: QuizLanguagePack = {
  strings: {
    invalidDocument: 'The quiz content must be a JSON object.',
    progress: (current, total) => `Question ${current} of ${total}`,
    chooseOne: 'Choose one answer.',
    chooseAll: 'Choose every correct answer.',
    check: 'Check',
    chooseFirst: 'Choose an answer before checking.',
    right: 'Correct!',
    wrong: 'Not quite.',
    correctAnswer: (answers, many) => `${many ? 'Correct answers' : 'Correct answer'}: ${answers}.`,
    correctTag: 'Correct answer',
    yourChoice: 'Your choice',
    source: 'Source:',
    next: 'Next question',
    finish: 'See the result',
    resultTitle: 'Your result',
    score: (score, total, percent) => `You answered ${score} of ${total} questions correctly (${percent}).`,
    passed: 'Passed! Well done: you know your digital transformation facts.',
    failed: (needed) =>
      `Not passed yet: at least ${needed} correct answers are needed. Review the answers and try again!`,
    review: 'Review your answers',
    yourAnswer: 'Your answer:',
    rightMark: 'Right',
    wrongMark: 'Wrong',
    newTab: '(opens in a new tab)',
    retry: 'Try again',
    participation: (unit, count) => `${unit}: ${count} ${count === '1' ? 'entry' : 'entries'}`,
    averageScore: (percent) => `average score ${percent}`,
    resultSending: 'Sending your result…',
    resultQueued: 'Your result is saved on this device and will be sent when the network is back.',
    resultRejected: 'The server did not accept this result.',
  },
  // The built-in quiz (structure in quiz-default.ts); every fact and its source: docs/SOURCES.md.
  quiz: {
    title: 'Digital transformation quiz',
    questions: [
      // tru-cot
      [
        'What are the three pillars of the National Digital Transformation Programme (Decision 749/QĐ-TTg)?',
        [
          'Digital government, digital economy, digital society',
          'Electronics, telecommunications, postal services',
          'Infrastructure, data, security',
          'Cities, countryside, sea',
        ],
        'The Programme (Decision 749/QĐ-TTg of 3 June 2020) rests on three pillars: digital government, digital economy and digital society.',
        'Vietbao.vn',
      ],
      // dvc-2025
      [
        'Under Decision 749/QĐ-TTg, what share of online public services was to reach level 4 by 2025?',
        ['50%', '60%', '80%', '100%'],
        'The 2025 target was 80% of online public services at level 4, usable on mobile devices; 100% is the target for 2030.',
        'VietNamNet',
      ],
      // gdp-2025
      [
        'Under Decision 749/QĐ-TTg, what share of GDP was the digital economy to reach by 2025?',
        ['15%', '20%', '40%', '50%'],
        'The 2025 target: the digital economy makes up 20% of GDP, and at least 10% of each sector.',
        'VOV World',
      ],
      // egdi-2030
      [
        'Which top group of countries in the United Nations E-Government Development Index (EGDI) does Viet Nam aim to join by 2030?',
        ['Top 30', 'Top 50', 'Top 70', 'Top 100'],
        'The 2030 target is the top 50; the top 70 by 2025 was set by Decision 749/QĐ-TTg itself.',
        'VietNamNet',
      ],
      // ngay-cds
      [
        'When is National Digital Transformation Day?',
        ['3 June', '22 April', '10 October', '1 July'],
        'Decision 505/QĐ-TTg of 22 April 2022 made 10 October National Digital Transformation Day every year; the digits 1 and 0 evoke binary.',
        'Thanh Niên',
      ],
      // dvc-ben-tre
      [
        "What share of online public services at level 4 did Bến Tre's Digital Transformation Scheme 2020–2025 aim for?",
        ['60%', '80%', '90%', '100%'],
        'Bến Tre aimed for 100% of online public services at level 4, above the nationwide target of 80%.',
        'VietNamNet',
      ],
      // kinh-phi
      [
        "About how much was the budget of Bến Tre's Digital Transformation Scheme 2020–2025?",
        ['Nearly 130 billion VND', 'Nearly 300 billion VND', 'Nearly 1,300 billion VND', 'Nearly 13,000 billion VND'],
        'The Scheme had a budget of nearly 1,300 billion VND, with priority for health, education, tourism and agriculture.',
        'VietNamNet',
      ],
      // cho-gao
      [
        'Which of these district-level units was NOT part of Bến Tre province in 2020?',
        ['Mỏ Cày Bắc', 'Chợ Gạo', 'Thạnh Phú', 'Giồng Trôm'],
        'Chợ Gạo was then a district of Tiền Giang province. In 2020 Bến Tre had 9 district-level units: Bến Tre city, Châu Thành, Chợ Lách, Mỏ Cày Nam, Giồng Trôm, Bình Đại, Ba Tri, Thạnh Phú and Mỏ Cày Bắc.',
        'dvhcvn (GSO, 01/11/2020)',
      ],
      // muc-4
      [
        'Under Decree 43/2011/NĐ-CP, what did a level-4 online public service add to level 3?',
        [
          'Paying the fees online',
          'Filling in and submitting the forms online',
          'Receiving the result online or by post',
          'Downloading the forms',
        ],
        'Level 3 lets you fill in and submit forms online; level 4 adds online payment of fees, with the result returned online, in person or by post. Downloading forms is level 2.',
        'Thư viện Pháp luật',
      ],
      // nd-42
      [
        'Into which levels does Decree 42/2022/NĐ-CP divide online public services?',
        [
          'Four levels, from 1 to 4',
          'Two levels: end-to-end and partial',
          'Three levels: basic, advanced, complete',
          'A single level',
        ],
        'Article 11 of Decree 42/2022/NĐ-CP replaced the four old levels with two: end-to-end (the whole procedure online, the result returned online or by public post) and partial (every other case).',
        'Một cửa Tiền Giang',
      ],
      // 2g-only
      [
        'From what date were “2G-only” handsets no longer served?',
        ['16 September 2024', '10 October 2024', '16 October 2024', '15 September 2026'],
        'Circulars 03 and 04/2024/TT-BTTTT set 16 September 2024; Circular 10/2024/TT-BTTTT postponed it by one month, to 16 October 2024, because of typhoon Yagi.',
        'Dân trí',
      ],
      // vinh-long
      [
        'Since 1 July 2025, the former Bến Tre province has been part of which province?',
        ['Tiền Giang', 'Trà Vinh', 'Vĩnh Long', 'Đồng Tháp'],
        'Under Resolution 202/2025/QH15 (12 June 2025), Bến Tre, Trà Vinh and Vĩnh Long provinces merged into Vĩnh Long province.',
        'Lao Động',
      ],
    ],
  },
};
