/** Words of the public pages and share images, Vietnamese and English. Campaign texts come from the campaign. */
import type { PageLang, Translation } from './language.js';

const vi = {
  locale: 'vi-VN',
  ogLocale: 'vi_VN',
  pledges: (n: string) => `${n} cam kết`,
  goalOf: (goal: string, percent: string) => `mục tiêu ${goal} (${percent})`,
  percentOfGoal: (percent: string, goal: string) => `${percent} của mục tiêu ${goal}`,
  illustrative: 'Mục tiêu là số liệu minh họa.',
  illustrativeShort: 'Mục tiêu minh họa',
  share: 'Chia sẻ trang này',
  facebook: 'Facebook',
  zalo: 'Zalo',
  shareOnFacebook: 'Chia sẻ lên Facebook (mở trang mới)',
  shareOnZalo: 'Chia sẻ qua Zalo (mở trang mới)',
  copyLink: 'Chép liên kết',
  copied: 'Đã chép liên kết.',
  copyFailed: 'Không chép được: hãy chép liên kết trong ô.',
  shareMore: 'Chia sẻ…',
  linkLabel: 'Liên kết của trang',
  pledgeHeading: 'Cam kết tham gia xã hội số',
  provinceLink: 'Xem xếp hạng toàn tỉnh',
  poster: 'In áp phích có mã QR',
  otherLanguage: 'English',
  provinceTotal: 'Tổng toàn tỉnh',
  units: 'Trang của từng đơn vị',
  unitPage: (unit: string) => `Trang của ${unit}`,
  notFoundTitle: 'Không tìm thấy trang',
  notFoundText:
    'Không có chiến dịch hay đơn vị nào ở địa chỉ này. Hãy kiểm tra lại liên kết, hoặc tìm đơn vị của bạn trong trình tạo mã nhúng.',
  builder: 'Mở trình tạo mã nhúng',
  campaignHome: 'Về trang chiến dịch',
  scan: 'Quét mã để cam kết và tham gia cuộc thi',
  posterHint: 'Áp phích khổ A4: in trang này (Ctrl+P), hoặc tải mã QR để dùng nơi khác.',
  downloadQr: 'Tải mã QR',
  unitPageOf: 'Trang của đơn vị',
  retiredUnit: (unit: string, count: string) =>
    `${unit} đã ngừng nhận cam kết. Số liệu cuối cùng: ${count}, vẫn được giữ và tính vào tổng toàn tỉnh.`,
} as const;

type PageStrings = Translation<typeof vi>;

const en: PageStrings = {
  locale: 'en-GB',
  ogLocale: 'en_GB',
  pledges: (n) => (n === '1' ? '1 pledge' : `${n} pledges`),
  goalOf: (goal, percent) => `goal ${goal} (${percent})`,
  percentOfGoal: (percent, goal) => `${percent} of the goal of ${goal}`,
  illustrative: 'The goals are illustrative figures.',
  illustrativeShort: 'Illustrative goals',
  share: 'Share this page',
  facebook: 'Facebook',
  zalo: 'Zalo',
  shareOnFacebook: 'Share on Facebook (opens a new page)',
  shareOnZalo: 'Share on Zalo (opens a new page)',
  copyLink: 'Copy link',
  copied: 'Link copied.',
  copyFailed: 'Could not copy: copy the link from the box.',
  shareMore: 'Share…',
  linkLabel: 'Link to this page',
  pledgeHeading: 'Join the digital society',
  provinceLink: 'See the province ranking',
  poster: 'Print a poster with a QR code',
  otherLanguage: 'Tiếng Việt',
  provinceTotal: 'Province total',
  units: 'Each unit’s page',
  unitPage: (unit) => `${unit}’s page`,
  notFoundTitle: 'Page not found',
  notFoundText: 'No campaign or unit lives at this address. Check the link, or find your unit in the embed builder.',
  builder: 'Open the embed builder',
  campaignHome: 'Go to the campaign’s page',
  scan: 'Scan to pledge and take the quiz',
  posterHint: 'An A4 poster: print this page (Ctrl+P), or download the QR code to use elsewhere.',
  downloadQr: 'Download the QR code',
  unitPageOf: 'Unit page',
  retiredUnit: (unit, count) =>
    `${unit} no longer takes pledges. Its final figure: ${count}, kept and counted in the province total.`,
};

export const PAGE_STRINGS: Record<PageLang, PageStrings> = { vi, en };

export function otherLanguage(lang: PageLang): PageLang {
  return lang === 'vi' ? 'en' : 'vi';
}
export type { PageStrings };

/** Whole numbers as the language writes them: 1.234 (vi), 1,234 (en). */
export function formatCount(lang: PageLang, n: number): string {
  return new Intl.NumberFormat(PAGE_STRINGS[lang].locale).format(n);
}

/** Share of the goal, whole percent (capped at the display, not the data: 130 % stays 130 %). */
export function formatPercent(lang: PageLang, count: number, goal: number): string {
  const ratio = goal > 0 ? count / goal : 0;
  return new Intl.NumberFormat(PAGE_STRINGS[lang].locale, {
    style: 'percent',
    maximumFractionDigits: ratio > 0 && ratio < 0.01 ? 1 : 0,
  }).format(ratio);
}
