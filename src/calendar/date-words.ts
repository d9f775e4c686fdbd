import { foldVietnamese } from '../core/fold.js';

/**
 * Folds the words of a date phrase (accents, case, đ) but keeps numbers with their separators,
 * so "Rằm tháng Giêng, 19:00" and "ram thang gieng 19:00" read the same and "2/9" stays "2/9".
 */
export function normalizeDateText(text: string): string {
  return text
    .trim()
    .split(/\s+/)
    .map((token) => (/\p{L}/u.test(token) && !/^\d{1,2}[hg]\d{2}$/i.test(token) ? foldVietnamese(token) : token.replace(/[,;]+$/, '')))
    .filter(Boolean)
    .join(' ')
    .toLowerCase();
}

/** Weekday words, as luxon numbers them (Monday = 1 … Sunday = 7). */
const WEEKDAYS: Record<string, number> = {
  'thu hai': 1, 'thu 2': 1, t2: 1,
  'thu ba': 2, 'thu 3': 2, t3: 2,
  'thu tu': 3, 'thu 4': 3, t4: 3,
  'thu nam': 4, 'thu 5': 4, t5: 4,
  'thu sau': 5, 'thu 6': 5, t6: 5,
  'thu bay': 6, 'thu 7': 6, t7: 6,
  'chu nhat': 7, cn: 7,
};
export const WEEKDAY_PATTERN = Object.keys(WEEKDAYS).sort((a, b) => b.length - a.length).join('|');

export function weekdayOf(word: string): number | null {
  return WEEKDAYS[word] ?? null;
}

/** A month number, or the lunar names Giêng (1) and Chạp (12). */
export const MONTH_PATTERN = String.raw`\d{1,2}|gieng|chap`;

export function monthOf(word: string): number {
  if (word === 'gieng') return 1;
  if (word === 'chap') return 12;
  return Number(word);
}

/** "Giêng" and "Chạp" only name lunar months. */
export function isLunarMonthName(word: string): boolean {
  return word === 'gieng' || word === 'chap';
}

export interface LocalTime {
  hour: number;
  minute: number;
}

const TIME = String.raw`(\d{1,2})[:hg](\d{2})`;
const TIME_AFTER = new RegExp(`^(.*?)\\s+(?:luc\\s+)?${TIME}$`);
const TIME_BEFORE = new RegExp(`^(?:luc\\s+)?${TIME}\\s+(?:ngay\\s+)?(.*)$`);

/** Splits "rằm tháng Giêng 19:00" (or "19h00 rằm tháng Giêng") into the day words and the time. */
export function splitTime(normalized: string): { words: string; time: LocalTime | null } {
  const after = TIME_AFTER.exec(normalized);
  if (after) return { words: after[1] ?? '', time: { hour: Number(after[2]), minute: Number(after[3]) } };
  const before = TIME_BEFORE.exec(normalized);
  if (before) return { words: before[3] ?? '', time: { hour: Number(before[1]), minute: Number(before[2]) } };
  return { words: normalized, time: null };
}

export function isValidTime(t: LocalTime): boolean {
  return t.hour >= 0 && t.hour <= 23 && t.minute >= 0 && t.minute <= 59;
}
