import { expect } from '@open-wc/testing';
import { messagesRequestSchema } from '../../src/contract/admin.js';
import { ApiError } from '../../src/console/api.js';
import { consoleStrings } from '../../src/console/console.strings.js';
import {
  explain,
  formatVietnamTime,
  fromVietnamInput,
  problemsOf,
  slugify,
  toVietnamInput,
  uniqueId,
} from '../../src/console/form.js';

describe('console form helpers', () => {
  it('makes unit ids from Vietnamese names: diacritics stripped, đ → d, words joined by "-"', () => {
    expect(slugify('Đoàn khối Cơ quan – Doanh nghiệp tỉnh')).to.equal('doan-khoi-co-quan-doanh-nghiep-tinh');
    expect(slugify('Đoàn Thanh niên Công an tỉnh')).to.equal('doan-thanh-nien-cong-an-tinh');
    expect(slugify('Thành đoàn Bến Tre')).to.equal('thanh-doan-ben-tre');
    expect(slugify('  Xã Phú Túc (cũ: Châu Thành)  ')).to.equal('xa-phu-tuc-cu-chau-thanh');
    expect(slugify('x'.repeat(80))).to.have.length(64);
  });

  it('gives a new unit an id no other unit has', () => {
    expect(uniqueId('ba-tri', new Set(['ba-tri', 'ba-tri-2']))).to.equal('ba-tri-3');
    expect(uniqueId('', new Set())).to.equal('unit');
  });

  it('reads datetime-local values as Vietnam time (+07:00) and shows stored instants in Vietnam time', () => {
    expect(fromVietnamInput('2026-10-10T08:00')).to.equal('2026-10-10T08:00:00+07:00');
    expect(fromVietnamInput('')).to.equal(undefined);
    // Whatever the browser's own zone: 01:00 UTC is 08:00 in Vietnam.
    expect(toVietnamInput('2026-10-10T01:00:00Z')).to.equal('2026-10-10T08:00');
    expect(toVietnamInput(fromVietnamInput('2026-12-31T23:30'))).to.equal('2026-12-31T23:30');
    expect(formatVietnamTime('vi', '2026-10-10T01:00:00Z')).to.contain('08:00');
  });

  it('names the field of each problem, in the editor’s language', () => {
    const data = {
      version: 1,
      messages: [{ id: 'a', headline: { vi: 'Chào', en: '' }, cta: { href: 'javascript:alert(1)' } }],
    };
    const label = (path: string) => `«${path}»`;
    const vi = problemsOf(messagesRequestSchema, data, consoleStrings.vi, label);
    expect(vi.map((p) => p.path)).to.have.members(['messages.0.headline.en', 'messages.0.cta.href']);
    expect(vi.find((p) => p.path === 'messages.0.headline.en')?.text).to.equal('«messages.0.headline.en»: bắt buộc');
    expect(vi.find((p) => p.path === 'messages.0.cta.href')?.text).to.contain('chỉ nhận địa chỉ http:// hoặc https://');
    const en = problemsOf(messagesRequestSchema, data, consoleStrings.en, label);
    expect(en.find((p) => p.path === 'messages.0.headline.en')?.text).to.equal('«messages.0.headline.en»: required');
  });

  it('explains the service’s refusals in Vietnamese and English', () => {
    expect(explain(new ApiError(429, 'rate_limited', 'slow down', undefined, 42), consoleStrings.vi)).to.equal(
      'Quá nhiều lần thử. Hãy thử lại sau 42 giây.',
    );
    expect(explain(new ApiError(429, 'rate_limited', 'slow down', undefined, 42), consoleStrings.en)).to.equal(
      'Too many attempts. Try again in 42 s.',
    );
    expect(explain(new ApiError(409, 'edit_conflict', 'stale'), consoleStrings.en)).to.contain('Someone else saved');
    expect(
      explain(
        new ApiError(400, 'invalid_field', 'must be an origin', 'allowedOrigins.0'),
        consoleStrings.vi,
        () => 'Danh sách trang',
      ),
    ).to.equal('Trường “Danh sách trang” không hợp lệ. must be an origin');
    expect(explain(new Error('boom'), consoleStrings.vi)).to.equal('Có lỗi xảy ra.');
  });
});
