import type { ChartData, ChartKind } from './progress-chart.data.js';

/**
 * Default data when the page gives none (loaded lazily: real pages bring their own). The targets are facts (FACTS.md: Bến Tre's programme 2020–2025,
 * [S12]; Decision 749/QĐ-TTg, [S1][S3]; the nine districts of 2020, [S18]); every current value is not, so
 * each set is flagged illustrative and the chart says so on itself.
 */
export const DEFAULT_DATA: Record<ChartKind, ChartData> = {
  progress: {
    kind: 'progress',
    illustrative: true,
    title: { vi: 'Chỉ tiêu chuyển đổi số tỉnh Bến Tre đến 2025', en: 'Bến Tre digital transformation targets to 2025' },
    source: { vi: 'Chỉ tiêu: Đề án chuyển đổi số tỉnh Bến Tre; QĐ 749/QĐ-TTg', en: 'Targets: Bến Tre programme; Decision 749/QĐ-TTg' },
    indicators: [
      {
        label: { vi: 'Dịch vụ công trực tuyến mức 4', en: 'Online public services at level 4' },
        value: 72,
        target: 100,
        deadline: 2025,
        unit: '%',
        reference: { label: { vi: 'cả nước', en: 'nation' }, value: 80, deadline: 2025 },
      },
      { label: { vi: 'Hồ sơ xử lý trực tuyến cấp tỉnh', en: 'Records handled online, province' }, value: 64, target: 90, deadline: 2025, unit: '%' },
      { label: { vi: 'Hồ sơ xử lý trực tuyến cấp huyện', en: 'Records handled online, district' }, value: 51, target: 80, deadline: 2025, unit: '%' },
      { label: { vi: 'Hồ sơ xử lý trực tuyến cấp xã', en: 'Records handled online, commune' }, value: 38, target: 60, deadline: 2025, unit: '%' },
    ],
  },
  trend: {
    kind: 'trend',
    illustrative: true,
    title: { vi: 'Dịch vụ công trực tuyến mức 4 qua các năm', en: 'Online public services at level 4 by year' },
    unit: '%',
    periods: ['2020', '2021', '2022', '2023', '2024'],
    series: [{ label: 'Bến Tre', values: [25, 38, 51, 63, 72] }],
    target: { label: { vi: 'Chỉ tiêu tỉnh', en: 'Province target' }, value: 100, deadline: 2025 },
  },
  compare: {
    kind: 'compare',
    illustrative: true,
    title: { vi: 'Hồ sơ xử lý trực tuyến cấp huyện', en: 'Records handled online by district' },
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

