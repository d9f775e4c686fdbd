import { DateTime } from 'luxon';
import { type LunarDate, lunarMonthLength, lunarToSolar, solarToLunar } from './lunar.js';

/**
 * The same lunar day and month in another lunar year, as near as that year has it ("Giỗ Tổ next
 * year"): a leap month the year lacks becomes the ordinary month of that number, and a day past
 * the month's end (30 in a 29-day month) its last day; `monthEnd` asks for the last day outright.
 */
export function sameLunarDayIn(d: LunarDate, year: number, monthEnd = false): LunarDate {
  const leap = d.leap && lunarMonthLength(year, d.month, true) !== null;
  // An ordinary month 1–12 exists in every year; the 29 only keeps the type checker content.
  const length = lunarMonthLength(year, d.month, leap) ?? 29;
  return { year, month: d.month, day: monthEnd ? length : Math.min(d.day, length), leap };
}

/** `at` moved by whole lunar years to the same lunar day (see sameLunarDayIn), at the same local time of day. */
export function plusLunarYears(at: Date, years: number, zone: string, monthEnd = false): Date {
  const local = DateTime.fromJSDate(at, { zone });
  const lunar = solarToLunar({ year: local.year, month: local.month, day: local.day });
  const day = lunarToSolar(sameLunarDayIn(lunar, lunar.year + years, monthEnd));
  if (!day) throw new RangeError(`no lunar day ${lunar.day}/${lunar.month} in ${lunar.year + years}`);
  return local.set({ year: day.year, month: day.month, day: day.day }).toJSDate();
}
