import { formatLocal } from '../core/clock.js';

const FORBIDDEN = /[[\]:*?/\\]/g;
const tidy = (s: string) => s.trim().replace(/^'+|'+$/g, '').trim();
export const MAX_SHEET_NAME = 31;

/**
 * Excel sheet names: at most 31 characters, none of []:*?/\, not starting or ending with an
 * apostrophe, not "History", unique without regard to case. A clash gets " (2)", " (3)"… within the limit.
 */
export function sheetNames(wanted: string[], taken: string[] = []): string[] {
  // Excel keeps "History" for itself.
  const used = new Set(['history', ...taken.map((n) => n.toLocaleLowerCase('vi'))]);
  return wanted.map((raw) => {
    const base = tidy(raw.replace(FORBIDDEN, ' ').replace(/\s+/g, ' ').slice(0, MAX_SHEET_NAME)) || 'Sheet';
    let name = base;
    for (let k = 2; used.has(name.toLocaleLowerCase('vi')); k++) {
      const suffix = ` (${k})`;
      name = `${tidy(base.slice(0, MAX_SHEET_NAME - suffix.length))}${suffix}`;
    }
    used.add(name.toLocaleLowerCase('vi'));
    return name;
  });
}

/** "Treo cờ Tổ quốc" at 14/06 17:05 → "treo-co-to-quoc-20260614-1705.xlsx": ASCII, safe everywhere. */
export function exportFileName(title: string, at: Date, zone: string, ext: 'xlsx' | 'csv' | 'docx'): string {
  const slug = title
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .replace(/[đĐ]/g, 'd')
    .replace(/[^A-Za-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .toLowerCase()
    .slice(0, 50)
    .replace(/-+$/, '');
  return `${slug || 'bao-cao'}-${formatLocal(at, zone, 'yyyyMMdd-HHmm')}.${ext}`;
}
