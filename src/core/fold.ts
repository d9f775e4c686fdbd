/**
 * Folds Vietnamese text for matching: no accents, đ → d, lower case, dashes and punctuation as
 * spaces, single spaces. "Công chức Địa chính – Xây dựng" and "cong chuc dia chinh-xay dung"
 * fold to the same string.
 */
export function foldVietnamese(text: string): string {
  return text
    .normalize('NFD')
    .replace(/\p{M}+/gu, '')
    .replace(/[đĐ]/g, 'd')
    .toLowerCase()
    .replace(/[^\p{L}\p{N}]+/gu, ' ')
    .trim();
}

/** True when every word of `query` occurs in `name`, accent- and case-insensitively, in any order. */
export function matchesName(query: string, name: string): boolean {
  const words = foldVietnamese(query).split(' ').filter(Boolean);
  if (words.length === 0) return false;
  const folded = ` ${foldVietnamese(name)} `;
  return words.every((w) => folded.includes(w));
}
