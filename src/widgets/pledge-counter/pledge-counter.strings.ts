import type { Strings } from '../../core/i18n.js';

export interface PledgeCounterStrings {
  loading: string;
  choose: string;
  submit: string;
  sending: string;
  unitCount: (unit: string) => string;
  provinceTotal: string;
  goalProgress: (count: string, goal: string, percent: string) => string;
  goalReached: string;
  thanks: string;
  thanksDetail: (choice: string) => string;
  queued: string;
  queuedDetail: string;
  share: string;
  copied: string;
  shareText: (campaign: string) => string;
  chooseFirst: string;
  rejected: string;
  unknownCampaign: (campaign: string) => string;
  unreachable: string;
  missingAttribute: (name: string) => string;
  ranking: string;
  rank: string;
  unitColumn: string;
  countColumn: string;
  progressColumn: string;
  illustrative: string;
  notStarted: (day: string) => string;
  closed: (day: string) => string;
  /** After a retired unit's name in the ranking. */
  retired: string;
  /** Instead of the form, on the page of a unit that no longer takes pledges (its count stays). */
  unitRetired: (unit: string) => string;
  search: string;
  /** The number of units the search finds, announced politely. */
  matches: (count: number) => string;
  /** Above the ranking when the page names the visitor's unit: where it stands. */
  yourUnit: (unit: string, rank: number, total: number) => string;
  /** The group of units that have none, when others have one. */
  otherUnits: string;
  /** A group's header row: its name and subtotal. */
  subtotal: (group: string, count: string, percent: string) => string;
}

export const pledgeCounterStrings: Strings<PledgeCounterStrings> = {
  vi: {
    loading: 'Đang tải số liệu cam kết…',
    choose: 'Chọn cam kết của bạn:',
    submit: 'Gửi cam kết',
    sending: 'Đang gửi…',
    unitCount: (unit) => `Cam kết của ${unit}`,
    provinceTotal: 'Toàn tỉnh',
    goalProgress: (count, goal, percent) => `${count} / ${goal} cam kết (${percent})`,
    goalReached: 'Đã đạt mục tiêu!',
    thanks: 'Cảm ơn bạn đã cam kết!',
    thanksDetail: (choice) => `Bạn đã cam kết: “${choice}”.`,
    queued: 'Cam kết đã được lưu trên máy này',
    queuedDetail: 'Mạng đang gián đoạn; cam kết sẽ tự gửi khi có mạng trở lại.',
    share: 'Chia sẻ',
    copied: 'Đã sao chép đường liên kết',
    shareText: (campaign) => `Tôi vừa cam kết tham gia “${campaign}”. Cùng lan tỏa chuyển đổi số!`,
    chooseFirst: 'Hãy chọn một cam kết.',
    rejected: 'Máy chủ từ chối cam kết này. Vui lòng tải lại trang và thử lại.',
    unknownCampaign: (campaign) => `Không tìm thấy chiến dịch “${campaign}”.`,
    unreachable: 'Không kết nối được máy chủ cam kết.',
    missingAttribute: (name) => `Thiếu thuộc tính “${name}”.`,
    ranking: 'Xếp hạng các đơn vị',
    rank: 'Hạng',
    unitColumn: 'Đơn vị',
    countColumn: 'Cam kết',
    progressColumn: 'Tiến độ',
    illustrative: 'Mục tiêu là số liệu minh họa.',
    notStarted: (day) => `Chiến dịch nhận cam kết từ ngày ${day}.`,
    closed: (day) => `Chiến dịch đã kết thúc ngày ${day}. Cảm ơn bạn đã quan tâm!`,
    retired: '(đã ngừng nhận cam kết)',
    unitRetired: (unit) => `${unit} đã ngừng nhận cam kết; số cam kết đã có vẫn được giữ và tính vào toàn tỉnh.`,
    search: 'Tìm đơn vị',
    matches: (count) => (count === 0 ? 'Không có đơn vị nào phù hợp' : `${count} đơn vị phù hợp`),
    yourUnit: (unit, rank, total) => `Đơn vị của bạn: ${unit}, hạng ${rank}/${total}`,
    otherUnits: 'Đơn vị khác',
    subtotal: (group, count, percent) => `${group}: ${count} cam kết (${percent})`,
  },
  en: {
    loading: 'Loading pledge counts…',
    choose: 'Choose your pledge:',
    submit: 'Send my pledge',
    sending: 'Sending…',
    unitCount: (unit) => `Pledges in ${unit}`,
    provinceTotal: 'Whole province',
    goalProgress: (count, goal, percent) => `${count} of ${goal} pledges (${percent})`,
    goalReached: 'Goal reached!',
    thanks: 'Thank you for your pledge!',
    thanksDetail: (choice) => `You pledged: “${choice}”.`,
    queued: 'Your pledge is saved on this device',
    queuedDetail: 'The network is down; your pledge will be sent when it is back.',
    share: 'Share',
    copied: 'Link copied',
    shareText: (campaign) => `I just pledged to join “${campaign}”. Let's spread digital transformation!`,
    chooseFirst: 'Please choose a pledge.',
    rejected: 'The server refused this pledge. Please reload the page and try again.',
    unknownCampaign: (campaign) => `Campaign “${campaign}” was not found.`,
    unreachable: 'The pledge service cannot be reached.',
    missingAttribute: (name) => `The “${name}” attribute is missing.`,
    ranking: 'Units ranked',
    rank: 'Rank',
    unitColumn: 'Unit',
    countColumn: 'Pledges',
    progressColumn: 'Progress',
    illustrative: 'Goals are illustrative data.',
    notStarted: (day) => `The campaign takes pledges from ${day}.`,
    closed: (day) => `The campaign ended on ${day}. Thank you for your interest!`,
    retired: '(no longer taking pledges)',
    unitRetired: (unit) => `${unit} no longer takes pledges; its pledges are kept and count towards the province.`,
    search: 'Find a unit',
    matches: (count) => (count === 0 ? 'No unit matches' : count === 1 ? '1 unit matches' : `${count} units match`),
    yourUnit: (unit, rank, total) => `Your unit: ${unit}, ranked ${rank} of ${total}`,
    otherUnits: 'Other units',
    subtotal: (group, count, percent) => `${group}: ${count} pledges (${percent})`,
  },
};
