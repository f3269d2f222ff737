/** The row reader behind CSV and table sources: numbers as Vietnamese and English spreadsheets write them, headers. */
import { expect } from '@open-wc/testing';
import { normalizeHeader, parseNumber, rowsToData } from '../../../src/widgets/progress-chart/progress-chart.rows.js';

describe('progress chart row reader', () => {
  it('reads decimal commas and points, thousands separators either way, and a % sign', () => {
    const cases: [string, number | undefined][] = [
      ['72,5', 72.5],
      ['72.5', 72.5],
      ['1.234,5', 1234.5],
      ['1,234.5', 1234.5],
      ['1.234.567', 1234567],
      ['1,234,567', 1234567],
      [' 72 % ', 72],
      ['-3', -3],
      ['', undefined],
    ];
    for (const [text, value] of cases) expect(parseNumber(text), text).to.equal(value);
    for (const bad of ['bảy mươi', '7O', '72,5,5.1.2', '1e3']) expect(Number.isNaN(parseNumber(bad)), bad).to.equal(true);
  });

  it('matches headers without diacritics, case or punctuation', () => {
    expect(normalizeHeader('Chỉ tiêu (%)')).to.equal('chitieu');
    expect(normalizeHeader('ĐƠN VỊ TÍNH')).to.equal('donvitinh');
    expect(normalizeHeader('Hiện tại 2024')).to.equal('hientai2024');
  });

  it('tells "Đơn vị" (the unit compared) from "Đơn vị tính" (the unit of measure), in any column order', () => {
    const result = rowsToData('compare', [
      ['Đơn vị tính', 'Giá trị', 'Đơn vị'],
      ['%', '69', 'Ba Tri'],
      ['', '', ''],
      ['%', '47,5', 'Thạnh Phú'],
    ]);
    expect(result).to.deep.equal({
      ok: true,
      value: { kind: 'compare', unit: '%', units: [{ label: 'Ba Tri', value: 69 }, { label: 'Thạnh Phú', value: 47.5 }] },
    });
  });

  it('reads English headers and names the spreadsheet row of a bad cell (header = row 1, blank rows counted)', () => {
    const rows = [['indicator', 'current', 'target', 'deadline'], ['A', '1', '2', '2025'], [], ['B', '3', 'x', '2025']];
    expect(rowsToData('progress', rows)).to.deep.equal({ ok: false, problem: { type: 'cell', row: 4, column: 'target', value: 'x', expected: 'number' } });
    expect(rowsToData('progress', [['indicator', 'current', 'target', 'deadline'], ['A', '1', '2', '12/2025']])).to.deep.include({ ok: false });
  });
});

describe('progress chart axis labels', () => {
  it('wrap between words and never take more lines than the row has room for', async () => {
    const { wrap } = await import('../../../src/widgets/progress-chart/progress-chart.render.js');
    expect(wrap('Dịch vụ công trực tuyến mức 4', 16, 3)).to.deep.equal(['Dịch vụ công', 'trực tuyến mức 4']);
    expect(wrap('Online public services at level 4', 16, 2)).to.deep.equal(['Online public', 'services at…']);
    expect(wrap('Online public services at level 4', 16, 1)).to.deep.equal(['Online public…']);
    expect(wrap('Ba Tri', 16, 1)).to.deep.equal(['Ba Tri']);
  });
});
