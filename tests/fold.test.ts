import { describe, expect, it } from 'vitest';
import { foldVietnamese, matchesName } from '../src/core/fold.js';

describe('folding Vietnamese names', () => {
  it.each([
    ['Công chức Địa chính – Xây dựng', 'cong chuc dia chinh xay dung'],
    ['Địa chính-Xây dựng', 'dia chinh xay dung'],
    ['  KHỐI   7 ', 'khoi 7'],
    ['Trường THCS Hoàng Đồng', 'truong thcs hoang dong'],
    ['UBMTTQ', 'ubmttq'],
  ])('when "%s" is folded, then it reads "%s"', (input, expected) => {
    expect(foldVietnamese(input)).toBe(expected);
  });

  it.each([
    ['dia chinh', 'Công chức Địa chính – Xây dựng', true],
    ['xây dựng địa', 'Công chức Địa chính – Xây dựng', true],
    ['khoi 7', 'Khối 7', true],
    ['khoi 8', 'Khối 7', false],
    ['', 'Khối 7', false],
  ])('when "%s" is searched in "%s", then the match is %s', (query, name, expected) => {
    expect(matchesName(query, name)).toBe(expected);
  });
});
