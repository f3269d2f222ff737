/** The row reader behind CSV and table sources: numbers read in the data's language (vi or en), headers. */
import { expect } from '@open-wc/testing';
import { describeRowsProblem } from '../../../src/widgets/progress-chart/progress-chart.problems.js';
import { normalizeHeader, rowsToData } from '../../../src/widgets/progress-chart/progress-chart.rows.js';

describe('progress chart row reader', () => {
  /** One number in a compare table of that language → its value, or the problem reported for its cell. */
  const read = (text: string, locale: 'vi' | 'en') => {
    const result = rowsToData(
      'compare',
      [
        ['Đơn vị', 'Giá trị'],
        ['Ba Tri', text],
      ],
      locale,
    );
    return result.ok ? (result.value as { units: { value: number }[] }).units[0].value : result.problem;
  };
  const NBSP = '\u00a0';
  const NARROW_NBSP = '\u202f';
  const THIN = '\u2009';

  // [text, the data's language, the value read]: the language decides what a point and a comma mean.
  const VALID: [string, 'vi' | 'en', number][] = [
    ['12.000', 'vi', 12000],
    ['8.500', 'vi', 8500],
    ['1.234.567', 'vi', 1234567],
    ['72,5', 'vi', 72.5],
    ['1.234,5', 'vi', 1234.5],
    ['0,125', 'vi', 0.125],
    ['12,000', 'vi', 12], // a decimal comma in Vietnamese: twelve (rule 1)
    ['72.5', 'vi', 72.5], // a point not followed by three digits cannot group: a decimal (rule 2)
    ['1.2345', 'vi', 1.2345],
    [`12${NBSP}000`, 'vi', 12000],
    [`1${NARROW_NBSP}234,5`, 'vi', 1234.5],
    [`1${THIN}234`, 'vi', 1234],
    ['12 000.5', 'vi', 12000.5],
    ['72,5 %', 'vi', 72.5],
    ['%72', 'vi', 72],
    ['-3,5', 'vi', -3.5],
    ['−1.000', 'vi', -1000],
    ['007', 'vi', 7],
    ['12,000', 'en', 12000],
    ['8,500', 'en', 8500],
    ['1,234,567', 'en', 1234567],
    ['72.5', 'en', 72.5],
    ['1,234.5', 'en', 1234.5],
    ['0.125', 'en', 0.125],
    ['12.000', 'en', 12], // a decimal point in English: twelve
    ['72,5', 'en', 72.5], // rule 2, the other way round
    [`12${NBSP}000`, 'en', 12000],
    ['1 234.5', 'en', 1234.5],
    ['72%', 'en', 72],
    ['+4', 'en', 4],
  ];
  for (const [text, locale, value] of VALID) {
    it(`reads “${text}” in ${locale} data as ${value}`, () => {
      expect(read(text, locale)).to.equal(value);
    });
  }

  // [text, language, what the message suggests instead (the other style rewritten), or none]
  const INVALID: [string, 'vi' | 'en', string | undefined][] = [
    ['12,000.5', 'vi', '12.000,5'],
    ['1,234.5', 'vi', '1.234,5'],
    ['1,234,567', 'vi', '1.234.567'],
    ['1.234,5', 'en', '1,234.5'],
    ['1.234.567', 'en', '1,234,567'],
    ['1.23.4', 'vi', undefined],
    ['1,23,4', 'en', undefined],
    ['12.000.5', 'vi', undefined],
    ['12 00', 'vi', undefined],
    ['1e3', 'en', undefined],
    ['bảy mươi', 'vi', undefined],
    ['7O', 'en', undefined],
    ['72,5,5.1.2', 'vi', undefined],
    ['%', 'vi', undefined],
  ];
  for (const [text, locale, fixed] of INVALID) {
    it(`refuses “${text}” in ${locale} data${fixed ? `, suggesting “${fixed}”` : ''}`, () => {
      expect(read(text, locale)).to.deep.equal({
        type: 'cell',
        row: 2,
        column: 'Giá trị',
        value: text,
        expected: 'number',
        number: { why: 'invalid', locale, ...(fixed ? { fixed } : {}) },
      });
    });
  }

  it('reports a value its column makes ambiguous (a point that may group or mark decimals), in vi and en', () => {
    const vi = rowsToData(
      'compare',
      [
        ['Đơn vị', 'Giá trị'],
        ['Ba Tri', '72.5'],
        ['Thạnh Phú', '12.000'],
      ],
      'vi',
    );
    expect(vi).to.deep.equal({
      ok: false,
      problem: {
        type: 'cell',
        row: 3,
        column: 'Giá trị',
        value: '12.000',
        expected: 'number',
        number: { why: 'ambiguous', locale: 'vi', readings: ['12000', '12'], other: '72.5', fixed: '72,5' },
      },
    });
    if (vi.ok) return;
    expect(describeRowsProblem(vi.problem, 'vi')).to.equal(
      'Dòng 3, cột “Giá trị”: không rõ “12.000” là 12000 hay 12, vì cột này có cả “72.5”. Viết mọi số trong cột theo một kiểu: dấu chấm ngăn hàng nghìn, dấu phẩy trước phần thập phân (“72.5” viết là “72,5”).',
    );
    expect(describeRowsProblem(vi.problem, 'en')).to.equal(
      'Row 3, column “Giá trị”: “12.000” could be 12000 or 12, as the column also has “72.5”. Write every number in the column one way: written the Vietnamese way, as the table’s language says: a point between thousands, a comma before decimals (“72.5” as “72,5”).',
    );
    const en = rowsToData(
      'trend',
      [
        ['Year', 'Ba Tri'],
        ['2023', '1,500'],
        ['2024', '72,5'],
      ],
      'en',
    );
    expect(en).to.deep.include({ ok: false });
    if (en.ok) return;
    expect(describeRowsProblem(en.problem, 'en')).to.equal(
      'Row 2, column “Ba Tri”: “1,500” could be 1500 or 1.5, as the column also has “72,5”. Write every number in the column one way: a comma between thousands, a point before decimals (“72,5” as “72.5”).',
    );
  });

  it('reads mixed styles whose values each have one reading, and the same text in another column as its language says', () => {
    const result = rowsToData(
      'trend',
      [
        ['Năm', 'A', 'B'],
        ['2023', '1.234.567', '12.000'],
        ['2024', '72.5', '8.500'],
      ],
      'vi',
    );
    expect(result).to.deep.equal({
      ok: true,
      value: {
        kind: 'trend',
        periods: ['2023', '2024'],
        series: [
          { label: 'A', values: [1234567, 72.5] },
          { label: 'B', values: [12000, 8500] },
        ],
      },
    });
  });

  it('says how to write a number, in the data’s language, whatever language the message is in', () => {
    const bad = rowsToData(
      'compare',
      [
        ['Đơn vị', 'Giá trị'],
        ['Ba Tri', '1,234.5'],
      ],
      'vi',
    );
    if (bad.ok) throw new Error('expected a problem');
    expect(describeRowsProblem(bad.problem, 'vi')).to.equal(
      'Dòng 2, cột “Giá trị”: “1,234.5” không hợp lệ, cần một số, dấu chấm ngăn hàng nghìn, dấu phẩy trước phần thập phân (ở đây: “1.234,5”).',
    );
    const words = rowsToData(
      'compare',
      [
        ['Đơn vị', 'Giá trị'],
        ['Ba Tri', 'nhiều'],
      ],
      'en',
    );
    if (words.ok) throw new Error('expected a problem');
    expect(describeRowsProblem(words.problem, 'vi')).to.equal(
      'Dòng 2, cột “Giá trị”: “nhiều” không hợp lệ, cần một số, viết kiểu tiếng Anh như ngôn ngữ của bảng: dấu phẩy ngăn hàng nghìn, dấu chấm trước phần thập phân (ví dụ 12,000 hoặc 72.5).',
    );
    expect(describeRowsProblem(words.problem, 'en')).to.equal(
      'Row 2, column “Giá trị”: “nhiều” is invalid, expected a number, a comma between thousands, a point before decimals (e.g. 12,000 or 72.5).',
    );
  });

  it('matches headers without diacritics, case or punctuation', () => {
    expect(normalizeHeader('Chỉ tiêu (%)')).to.equal('chitieu');
    expect(normalizeHeader('ĐƠN VỊ TÍNH')).to.equal('donvitinh');
    expect(normalizeHeader('Hiện tại 2024')).to.equal('hientai2024');
  });

  it('tells "Đơn vị" (the unit compared) from "Đơn vị tính" (the unit of measure), in any column order', () => {
    const result = rowsToData(
      'compare',
      [
        ['Đơn vị tính', 'Giá trị', 'Đơn vị'],
        ['%', '69', 'Ba Tri'],
        ['', '', ''],
        ['%', '47,5', 'Thạnh Phú'],
      ],
      'vi',
    );
    expect(result).to.deep.equal({
      ok: true,
      value: {
        kind: 'compare',
        unit: '%',
        units: [
          { label: 'Ba Tri', value: 69 },
          { label: 'Thạnh Phú', value: 47.5 },
        ],
      },
    });
  });

  it('reads English headers and names the spreadsheet row of a bad cell (header = row 1, blank rows counted)', () => {
    const rows = [['indicator', 'current', 'target', 'deadline'], ['A', '1', '2', '2025'], [], ['B', '3', 'x', '2025']];
    expect(rowsToData('progress', rows, 'en')).to.deep.equal({
      ok: false,
      problem: {
        type: 'cell',
        row: 4,
        column: 'target',
        value: 'x',
        expected: 'number',
        number: { why: 'invalid', locale: 'en' },
      },
    });
    expect(
      rowsToData(
        'progress',
        [
          ['indicator', 'current', 'target', 'deadline'],
          ['A', '1', '2', '12/2025'],
        ],
        'en',
      ),
    ).to.deep.include({ ok: false });
  });
});

describe('progress chart axis labels', () => {
  it('wrap between words and never take more lines than the row has room for', async () => {
    const { wrap } = await import('../../../src/widgets/progress-chart/progress-chart.canvas.js');
    expect(wrap('Dịch vụ công trực tuyến mức 4', 16, 3)).to.deep.equal(['Dịch vụ công', 'trực tuyến mức 4']);
    expect(wrap('Online public services at level 4', 16, 2)).to.deep.equal(['Online public', 'services at…']);
    expect(wrap('Online public services at level 4', 16, 1)).to.deep.equal(['Online public…']);
    expect(wrap('Ba Tri', 16, 1)).to.deep.equal(['Ba Tri']);
  });
});
