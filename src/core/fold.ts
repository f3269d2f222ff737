/**
 * Text folded for matching what a visitor or a webmaster types against Vietnamese names: no diacritics, đ as d, lower
 * case ("Đồng Khởi" → "dong khoi"), so "dong" finds "Đồng" and "ba tri" finds "Ba Tri" on a phone keyboard without
 * Vietnamese input.
 */
export const foldText = (text: string): string =>
  text
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .replace(/[đĐ]/g, 'd')
    .toLowerCase();
