import type { Strings } from '../../core/i18n.js';

/** Why a piece of quiz content was refused (see quiz-card.schema.ts). */
export type ContentReason =
  'wrongType' | 'fewChoices' | 'unknownCorrect' | 'repeatedCorrect' | 'duplicateId' | 'badLink' | 'tooMany';

/** Messages about bad quiz content: only the schema (loaded with outside content) needs them. */
export interface QuizContentStrings {
  invalidField: (field: string, reason: string) => string;
  invalidQuestion: (id: string, n: number, field: string, reason: string) => string;
  reasons: Record<ContentReason, string>;
}

export const quizContentStrings: Strings<QuizContentStrings> = {
  vi: {
    invalidField: (field, reason) => `Nội dung câu đố, trường “${field}”: ${reason}.`,
    invalidQuestion: (id, n, field, reason) => `Câu hỏi “${id}” (câu số ${n}), trường “${field}”: ${reason}.`,
    reasons: {
      wrongType: 'thiếu hoặc sai kiểu dữ liệu',
      fewChoices: 'cần ít nhất 2 lựa chọn',
      unknownCorrect: 'đáp án đúng không có trong danh sách lựa chọn',
      repeatedCorrect: 'một đáp án đúng được ghi hai lần',
      duplicateId: 'mã này đã dùng cho một câu hỏi khác',
      badLink: 'chỉ chấp nhận liên kết http hoặc https',
      tooMany: 'lớn hơn số câu hỏi',
    },
  },
  en: {
    invalidField: (field, reason) => `Quiz content, field “${field}”: ${reason}.`,
    invalidQuestion: (id, n, field, reason) => `Question “${id}” (no. ${n}), field “${field}”: ${reason}.`,
    reasons: {
      wrongType: 'missing or of the wrong type',
      fewChoices: 'at least 2 choices are needed',
      unknownCorrect: 'a correct answer is not one of the choices',
      repeatedCorrect: 'a correct answer is given twice',
      duplicateId: 'another question already uses this id',
      badLink: 'only http or https links are accepted',
      tooMany: 'more than the number of questions',
    },
  },
};
