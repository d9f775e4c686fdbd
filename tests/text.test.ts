import { describe, expect, it } from 'vitest';
import { clip, clipDistinct } from '../src/core/text.js';

describe('clip', () => {
  it.each([
    ['fits', 'Khối 7', 10, 'Khối 7'],
    ['fits exactly', 'Khối 7', 6, 'Khối 7'],
    ['cut after a whole word', 'Treo cờ dịp Quốc khánh 2/9', 20, 'Treo cờ dịp Quốc…'],
    ['cut at a space', 'Công chức Địa chính – Xây dựng', 20, 'Công chức Địa chính…'],
    ['no dangling separator', 'Khối 7, Khối 8, Khối 9', 9, 'Khối 7…'],
    ['no dangling dash', 'Công chức Địa chính – Xây dựng', 22, 'Công chức Địa chính…'],
    ['one long word is cut inside', 'Supercalifragilistic', 10, 'Supercali…'],
    ['a far-back space would lose too much', 'Ab Cdefghijklmnop', 10, 'Ab Cdefgh…'],
    ['an emoji is never split', '😀😀😀', 4, '😀…'],
    ['room for the ellipsis only', 'Khối 7', 1, '…'],
    ['no room at all', 'Khối 7', 0, ''],
  ])('when %s, then "%s" (max %i) becomes "%s"', (_case, text, max, expected) => {
    expect(clip(text, max)).toBe(expected);
  });

  it('when the text is decomposed (NFD), then an accent is never separated from its letter', () => {
    const nfd = 'Khốiii'.normalize('NFD'); // K h o ̂ ́ i i i
    const cut = clip(nfd, 5);
    expect(cut.endsWith('…')).toBe(true);
    expect(/^\p{M}/u.test(cut.slice(cut.length - 1))).toBe(false);
    expect(cut.slice(0, -1).normalize('NFC')).toBe('Kh');
  });

  it('when many texts and limits are tried, then a cut text fits and ends with "…", and an uncut one is unchanged', () => {
    const texts = ['Treo cờ Tổ quốc dịp Quốc khánh 2/9 tại khối 7', 'a b c d e f g h', 'x'.repeat(50), 'Tổ dân phố số 3 — vệ sinh môi trường'];
    for (const text of texts) {
      for (let max = 1; max <= 50; max++) {
        const out = clip(text, max);
        expect(out.length).toBeLessThanOrEqual(max);
        if (text.length <= max) expect(out).toBe(text);
        else expect(out.endsWith('…')).toBe(true);
      }
    }
  });
});

describe('clipDistinct', () => {
  it('when two long titles share a prefix, then each keeps its start and the part that differs', () => {
    const out = clipDistinct(['Treo cờ dịp Quốc khánh 2/9 năm nay khối 1', 'Treo cờ dịp Quốc khánh 2/9 năm nay khối 2'], 26);
    expect(out).toEqual(['Treo cờ dịp Quốc … khối 1', 'Treo cờ dịp Quốc … khối 2']);
  });

  it('when titles differ in the middle, then the differing word is kept after the start', () => {
    const out = clipDistinct(['Treo cờ dịp Quốc khánh khối 1 và khu dân cư số 5', 'Treo cờ dịp Quốc khánh khối 2 và khu dân cư số 5'], 20);
    expect(out).toEqual(['Treo … khối 1 và…', 'Treo … khối 2 và…']);
  });

  it('when a cut title would read like a short one, then the cut one shows how it differs', () => {
    const out = clipDistinct(['Treo cờ dịp Quốc khánh', 'Treo cờ dịp Quốc khánh khối 2'], 23);
    expect(out[0]).toBe('Treo cờ dịp Quốc khánh');
    expect(out[1]).toBe('Treo cờ dịp … khối 2');
  });

  it('when even the differing word is too long to show, then the look-alikes are numbered', () => {
    const long = `Kế hoạch ${'x'.repeat(30)}`;
    const out = clipDistinct([`${long}1`, `${long}2`, `${long}1`], 20);
    expect(out).toEqual(['Kế hoạch xxxxxx… (1)', 'Kế hoạch xxxxxx… (2)', 'Kế hoạch xxxxxx… (1)']);
  });

  it.each([
    ['labels that fit stay as they are', ['Khối 1', 'Khối 2'], 10, ['Khối 1', 'Khối 2']],
    ['unrelated long labels are cut at the end', ['Họp dân về vệ sinh môi trường', 'Treo cờ dịp Quốc khánh 2/9'], 20, ['Họp dân về vệ sinh…', 'Treo cờ dịp Quốc…']],
    ['identical inputs stay identical', ['Treo cờ dịp Quốc khánh 2/9', 'Treo cờ dịp Quốc khánh 2/9'], 20, ['Treo cờ dịp Quốc…', 'Treo cờ dịp Quốc…']],
    ['an empty list stays empty', [], 20, []],
  ])('when %s, then the result is as expected', (_case, labels, max, expected) => {
    expect(clipDistinct(labels, max)).toEqual(expected);
  });

  it('when plain cutting already keeps titles apart, then they are only cut at the end', () => {
    const out = clipDistinct(['Treo cờ khối 1 dịp Quốc khánh 2/9 năm 2026', 'Treo cờ khối 2 dịp Quốc khánh 2/9 năm 2026'], 20);
    expect(out).toEqual(['Treo cờ khối 1 dịp…', 'Treo cờ khối 2 dịp…']);
  });

  it('when many look-alike titles are cut, then all results are different and fit', () => {
    const labels = Array.from({ length: 12 }, (_, i) => `Vệ sinh môi trường, khơi thông cống rãnh khối ${i + 1}`);
    for (const max of [12, 16, 24, 32]) {
      const out = clipDistinct(labels, max);
      expect(new Set(out).size, `max ${max}: ${out.join(' | ')}`).toBe(labels.length);
      for (const label of out) expect(label.length).toBeLessThanOrEqual(max);
    }
  });
});
