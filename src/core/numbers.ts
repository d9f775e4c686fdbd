/**
 * Reads a whole number as Vietnamese people type it: digits, with `.` (or a space)
 * as the thousands separator ("1.200"). Returns null for anything else
 * ("12abc", "1,5", "-3", words).
 */
export function parseWholeNumber(input: string): number | null {
  const text = input.trim();
  if (!/^\d{1,3}([. ]\d{3})*$|^\d+$/.test(text)) return null;
  const value = Number(text.replace(/[. ]/g, ''));
  return Number.isSafeInteger(value) ? value : null;
}

const formats = new Map<string, Intl.NumberFormat>();

/** 1240 → "1.240" in Vietnamese, "1,240" in English. */
export function formatWholeNumber(value: number, locale = 'vi'): string {
  let format = formats.get(locale);
  if (!format) {
    format = new Intl.NumberFormat(locale === 'en' ? 'en-US' : 'vi-VN', { maximumFractionDigits: 0 });
    formats.set(locale, format);
  }
  return format.format(value);
}
