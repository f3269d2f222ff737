import type { Strings } from '../../core/i18n.js';

export interface ChartStrings {
  defaultTitle: Record<'progress' | 'trend' | 'compare', string>;
  loading: string;
  illustrative: string;
  empty: string;
  showTable: string;
  source: (source: string) => string;
  // Table and legend
  indicator: string;
  current: string;
  /** "Current" once every deadline is over: the figures are then results. */
  result: string;
  resultIllustrative: string;
  target: string;
  deadline: string;
  referenceColumn: string;
  period: string;
  unit: string;
  value: string;
  met: string;
  notMet: string;
  // Problems
  unreachable: string;
  notJson: string;
  notCsv: string;
}

export const chartStrings: Strings<ChartStrings> = {
  vi: {
    defaultTitle: {
      progress: 'Tiến độ thực hiện chỉ tiêu',
      trend: 'Diễn biến qua các năm',
      compare: 'So sánh giữa các đơn vị',
    },
    loading: 'Đang tải số liệu…',
    illustrative: 'Số liệu minh họa',
    empty: 'Chưa có số liệu.',
    showTable: 'Xem bảng số liệu',
    source: (source) => `Nguồn: ${source}`,
    indicator: 'Tiêu chí',
    current: 'Hiện tại',
    result: 'Kết quả',
    resultIllustrative: 'Kết quả (minh họa)',
    target: 'Chỉ tiêu',
    deadline: 'Thời hạn',
    referenceColumn: 'Tham chiếu',
    period: 'Kỳ',
    unit: 'Đơn vị',
    value: 'Giá trị',
    met: 'Đạt chỉ tiêu',
    notMet: 'Chưa đạt',
    unreachable: 'Không tải được số liệu. Kiểm tra kết nối mạng rồi thử lại.',
    notJson: 'Nguồn số liệu không phải JSON hợp lệ.',
    notCsv: 'Không đọc được tệp CSV.',
  },
  en: {
    defaultTitle: { progress: 'Progress against targets', trend: 'Trend over the years', compare: 'Units compared' },
    loading: 'Loading the figures…',
    illustrative: 'Illustrative data',
    empty: 'No data yet.',
    showTable: 'Show data table',
    source: (source) => `Source: ${source}`,
    indicator: 'Indicator',
    current: 'Current',
    result: 'Result',
    resultIllustrative: 'Result (illustrative)',
    target: 'Target',
    deadline: 'Deadline',
    referenceColumn: 'Reference',
    period: 'Period',
    unit: 'Unit',
    value: 'Value',
    met: 'Target met',
    notMet: 'Not yet',
    unreachable: 'The figures could not be loaded. Check the connection and try again.',
    notJson: 'The data source is not valid JSON.',
    notCsv: 'The CSV file could not be read.',
  },
};
