import type { LocalText } from '../../core/i18n.js';
import type { ChartData, ChartKind } from './progress-chart.data.js';

/**
 * Default data when the page gives none (loaded lazily: real pages bring their own). The targets are facts
 * (docs/SOURCES.md: Bến Tre's Scheme 2020–2025; Decision 749/QĐ-TTg; the nine district-level units of 2020,
 * GSO data of 01/11/2020); every current value is not, so each set is flagged illustrative and the chart says
 * so on itself. The sample campaign is the 2020 letter's, so each set says which period and boundaries it
 * covers: Bến Tre merged into Vĩnh Long on 1/7/2025 and the district level ended.
 */
const SAMPLE: LocalText = {
  vi: 'Giai đoạn 2020–2025, tỉnh Bến Tre (nay thuộc tỉnh Vĩnh Long); đơn vị theo địa giới năm 2020',
  en: '2020–2025, Bến Tre province (now part of Vĩnh Long); units as of 2020',
};
const SCHEME = {
  vi: 'Đề án chuyển đổi số tỉnh Bến Tre giai đoạn 2020–2025',
  en: 'Bến Tre digital transformation Scheme 2020–2025',
};

export const DEFAULT_DATA: Record<ChartKind, ChartData> = {
  progress: {
    kind: 'progress',
    illustrative: true,
    title: { vi: 'Chỉ tiêu chuyển đổi số tỉnh Bến Tre đến 2025', en: 'Bến Tre digital transformation targets to 2025' },
    note: SAMPLE,
    source: {
      vi: `Chỉ tiêu: ${SCHEME.vi}; cả nước: Quyết định 749/QĐ-TTg (03/6/2020)`,
      en: `Targets: ${SCHEME.en}; nationwide: Decision 749/QĐ-TTg (3 June 2020)`,
    },
    indicators: [
      {
        label: { vi: 'Dịch vụ công trực tuyến mức 4', en: 'Online public services at level 4' },
        value: 72,
        target: 100,
        deadline: 2025,
        unit: '%',
        reference: { label: { vi: 'cả nước', en: 'nationwide' }, value: 80, deadline: 2025 },
      },
      {
        label: { vi: 'Hồ sơ xử lý trực tuyến cấp tỉnh', en: 'Records handled online, province' },
        value: 64,
        target: 90,
        deadline: 2025,
        unit: '%',
      },
      {
        label: { vi: 'Hồ sơ xử lý trực tuyến cấp huyện', en: 'Records handled online, district' },
        value: 51,
        target: 80,
        deadline: 2025,
        unit: '%',
      },
      {
        label: { vi: 'Hồ sơ xử lý trực tuyến cấp xã', en: 'Records handled online, commune' },
        value: 38,
        target: 60,
        deadline: 2025,
        unit: '%',
      },
    ],
  },
  // "Level 4" is Decree 43/2011's scale; Decree 42/2022/NĐ-CP replaced the four levels with two (end-to-end,
  // partial), so a level-4 series ends in 2022.
  trend: {
    kind: 'trend',
    illustrative: true,
    title: { vi: 'Dịch vụ công trực tuyến mức 4, 2020–2022', en: 'Online public services at level 4, 2020–2022' },
    note: SAMPLE,
    source: {
      vi: `Chỉ tiêu: ${SCHEME.vi}; mức 4: Nghị định 43/2011/NĐ-CP (bỏ từ Nghị định 42/2022/NĐ-CP)`,
      en: `Target: ${SCHEME.en}; level 4: Decree 43/2011/NĐ-CP (replaced by Decree 42/2022/NĐ-CP)`,
    },
    unit: '%',
    periods: ['2020', '2021', '2022'],
    series: [{ label: 'Bến Tre', values: [25, 38, 51] }],
    target: { label: { vi: 'Chỉ tiêu tỉnh', en: 'Province target' }, value: 100, deadline: 2025 },
  },
  compare: {
    kind: 'compare',
    illustrative: true,
    title: { vi: 'Hồ sơ xử lý trực tuyến cấp huyện', en: 'Records handled online by district' },
    note: SAMPLE,
    source: {
      vi: `Chỉ tiêu: ${SCHEME.vi}; đơn vị: Tổng cục Thống kê, 01/11/2020`,
      en: `Target: ${SCHEME.en}; units: General Statistics Office, 1 November 2020`,
    },
    unit: '%',
    units: [
      { label: 'TP Bến Tre', value: 84 },
      { label: 'Châu Thành', value: 71 },
      { label: 'Chợ Lách', value: 58 },
      { label: 'Mỏ Cày Nam', value: 66 },
      { label: 'Giồng Trôm', value: 62 },
      { label: 'Bình Đại', value: 55 },
      { label: 'Ba Tri', value: 69 },
      { label: 'Thạnh Phú', value: 47 },
      { label: 'Mỏ Cày Bắc', value: 60 },
    ],
    target: { label: { vi: 'Chỉ tiêu', en: 'Target' }, value: 80, deadline: 2025 },
  },
};
