import type { Strings } from '../../core/i18n.js';

export interface BannerStrings {
  headline: string;
  message: string;
  ctaLabel: string;
  dismiss: string;
  /** The countdown badge; `event` is the name of the day counted to, when given. */
  daysLeft: (days: number, event?: string) => string;
  today: (event?: string) => string;
  pause: string;
  play: string;
  next: string;
  position: (current: number, total: number) => string;
  expectDate: string;
}

/**
 * Default content, from Công văn 1850-CV/TĐTN-TCKT (Tỉnh đoàn Bến Tre, 15/10/2020): the Scheme's (Đề án)
 * name and period (section 1.1), its purpose "lan truyền từ điểm tới diện … đặc biệt là đoàn viên thanh
 * niên tới cộng đồng" (1.1) and its call "trang bị điện thoại thông minh, chuyển 2G lên 4G" (2).
 */
export const bannerStrings: Strings<BannerStrings> = {
  vi: {
    headline: 'Đề án chuyển đổi số tỉnh Bến Tre giai đoạn 2020–2025, tầm nhìn đến 2030',
    message:
      'Đoàn viên thanh niên tiên phong, lan tỏa chuyển đổi số từ điểm tới diện: hãy trang bị điện thoại thông minh và chuyển từ 2G lên 4G.',
    ctaLabel: 'Tìm hiểu thêm',
    dismiss: 'Đóng thông báo',
    daysLeft: (days, event) => (event ? `Còn ${days} ngày đến ${event}` : `Còn ${days} ngày`),
    today: (event) => (event ? `Hôm nay là ${event}` : 'Hôm nay'),
    pause: 'Tạm dừng tự động chuyển tin',
    play: 'Tiếp tục tự động chuyển tin',
    next: 'Tin tiếp theo',
    position: (current, total) => `Tin ${current}/${total}`,
    expectDate: 'một ngày dạng năm-tháng-ngày (ví dụ 2026-10-10)',
  },
  en: {
    headline: 'Bến Tre Digital Transformation Scheme 2020–2025, vision to 2030',
    message:
      'Youth Union members lead the way, spreading digital transformation from a few to everyone: get a smartphone and switch from 2G to 4G.',
    ctaLabel: 'Learn more',
    dismiss: 'Dismiss announcement',
    daysLeft: (days, event) => {
      const count = days === 1 ? '1 day' : `${days} days`;
      return event ? `${count} to ${event}` : `${count} left`;
    },
    today: (event) => (event ? `Today is ${event}` : 'Today'),
    pause: 'Pause rotation',
    play: 'Resume rotation',
    next: 'Next message',
    position: (current, total) => `Message ${current} of ${total}`,
    expectDate: 'a date as YYYY-MM-DD (e.g. 2026-10-10)',
  },
};
