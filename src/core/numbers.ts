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

/** 1240 → "1.240" (Vietnamese thousands separator). */
export function formatWholeNumber(value: number): string {
  return String(value).replace(/\B(?=(\d{3})+(?!\d))/g, '.');
}
