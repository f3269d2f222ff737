import type { Strings } from './i18n.js';

/** Strings every widget shares: the in-widget problem message, its "try again" button, a bad attribute. */
export const coreStrings: Strings<{ problemTitle: string; unexpected: string; retry: string; invalidAttribute: (name: string, expected: string) => string }> = {
  vi: {
    problemTitle: 'Không hiển thị được tiện ích.',
    unexpected: 'Đã xảy ra lỗi không mong muốn. Vui lòng tải lại trang.',
    retry: 'Thử lại',
    invalidAttribute: (name, expected) => `Thuộc tính “${name}” không hợp lệ: cần ${expected}.`,
  },
  en: {
    problemTitle: 'This widget cannot be shown.',
    unexpected: 'Something unexpected went wrong. Please reload the page.',
    retry: 'Try again',
    invalidAttribute: (name, expected) => `The “${name}” attribute is invalid: expected ${expected}.`,
  },
};
