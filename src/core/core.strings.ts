import type { Strings } from './i18n.js';

/** Strings every widget shares: the frame of the in-widget problem message. */
export const coreStrings: Strings<{ problemTitle: string; unexpected: string }> = {
  vi: {
    problemTitle: 'Không hiển thị được tiện ích.',
    unexpected: 'Đã xảy ra lỗi không mong muốn. Vui lòng tải lại trang.',
  },
  en: {
    problemTitle: 'This widget cannot be shown.',
    unexpected: 'Something unexpected went wrong. Please reload the page.',
  },
};
