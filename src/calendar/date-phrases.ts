import { DateTime } from 'luxon';
import { holidayNamed, nextHolidayDate } from './holidays.js';
import { leapMonthOf, lunarMonthLength, lunarToSolar, solarToLunar, type LunarDate } from './lunar.js';
import { isLunarMonthName, monthOf, MONTH_PATTERN, WEEKDAY_PATTERN, weekdayOf } from './date-words.js';

export type DateInputReason = 'format' | 'invalid-date' | 'past' | 'ambiguous' | 'out-of-range';

/** What the words resolved to, or what was wrong with them, so the reply can explain. */
export interface DateInputDetail {
  /** The moment the words meant, when it is in the past. */
  resolved?: Date;
  /** The lunar date asked for, when it does not exist. */
  lunar?: LunarDate;
  /** Days in that lunar month, when the day asked for is past its end. */
  monthLength?: number;
  /** The real leap month of that lunar year (null: none), when another leap month was asked for. */
  leapMonth?: number | null;
  /** "mùng 10 tháng 3" without "âm lịch" may be either calendar. */
  ambiguity?: 'lunar-or-solar';
}

export type DayMiss = { ok: false; reason: DateInputReason; detail?: DateInputDetail };
/** A local day (start of day in the zone); `lunar` when the words were about the lunar calendar. */
export type DayResult = { ok: true; day: DateTime; lunar: boolean } | DayMiss;

export interface DayContext {
  today: DateTime;
  zone: string;
  /** Whether a candidate day is still ahead (with the time the user gave, if any). */
  fits: (day: DateTime) => boolean;
}

const miss = (reason: DateInputReason, detail?: DateInputDetail): DayMiss => (detail ? { ok: false, reason, detail } : { ok: false, reason });
const hit = (day: DateTime, lunar = false): DayResult => ({ ok: true, day, lunar });

/**
 * A lunar month and day; with no year, the next time it comes. A day or leap month that does not
 * exist is explained (for the last year looked at), never moved to another month.
 */
export function lunarDay(ctx: DayContext, month: number, day: number, leap: boolean, year: number | null): DayResult {
  if (month < 1 || month > 12 || day < 1 || day > 30) return miss('invalid-date');
  const t = ctx.today;
  const current = solarToLunar({ year: t.year, month: t.month, day: t.day }).year;
  let missing: LunarDate | null = null;
  for (const y of year === null ? [current, current + 1] : [year]) {
    const length = lunarMonthLength(y, month, leap);
    const lunar = { year: y, month, day, leap };
    if (length === null) {
      missing = lunar;
      continue;
    }
    const first = lunarToSolar({ ...lunar, day: 1 });
    const monthOver = first !== null && DateTime.fromObject(first, { zone: ctx.zone }).plus({ days: length - 1 }) < t;
    if (year === null && monthOver) continue;
    const solar = lunarToSolar(lunar);
    if (!solar) return miss('invalid-date', { lunar, monthLength: length });
    const at = DateTime.fromObject(solar, { zone: ctx.zone });
    if (year !== null || ctx.fits(at) || y > current) return hit(at, true);
  }
  return missing ? miss('invalid-date', { lunar: missing, leapMonth: leapMonthOf(missing.year) }) : miss('invalid-date');
}

/** A solar day and month; with no year, this year's or else next year's. */
export function solarDay(ctx: DayContext, day: number, month: number, year: number | null): DayResult {
  const make = (y: number) => DateTime.fromObject({ year: y, month, day }, { zone: ctx.zone });
  const at = make(year ?? ctx.today.year);
  if (!at.isValid) return miss('invalid-date');
  if (year !== null || ctx.fits(at)) return hit(at);
  const next = make(ctx.today.year + 1);
  return next.isValid ? hit(next) : miss('invalid-date');
}

const LUNAR_WORDS = new RegExp(`^(?:ngay )?(?:(mung|mong) )?(\\d{1,2}) thang (${MONTH_PATTERN})( nhuan)?(?: nam (\\d{4}))?( am lich| am| al)?$`);
const LUNAR_NUMERIC = /^(?:ngay )?(\d{1,2})\/(\d{1,2})(?:\/(\d{4}))?( nhuan)? (?:am lich|am|al)$/;
const FULL_MOON = new RegExp(`^ram thang (${MONTH_PATTERN})( nhuan)?(?: nam (\\d{4}))?(?: am lich| am| al)?$`);
const TET_DAY = /^(?:mung|mong) (\d{1,2}) tet$/;
const SOLAR_NUMERIC = /^(?:ngay )?(\d{1,2})[/.-](\d{1,2})(?:[/.-](\d{4}))?$/;
const num = (s: string | undefined) => (s === undefined ? null : Number(s));

/** "mùng 10 tháng 3 âm lịch", "10/3 âm lịch", "rằm tháng Giêng", "mùng 2 Tết", "ngày 2 tháng 9", "2/9". */
export function calendarDay(words: string, ctx: DayContext): DayResult | null {
  let m = LUNAR_WORDS.exec(words);
  if (m) {
    const [, mung, day, month = '', leap, year, lunarWord] = m;
    const lunar = Boolean(lunarWord) || Boolean(leap) || isLunarMonthName(month);
    if (!lunar && mung) return miss('ambiguous', { ambiguity: 'lunar-or-solar' });
    return lunar ? lunarDay(ctx, monthOf(month), Number(day), Boolean(leap), num(year)) : solarDay(ctx, Number(day), monthOf(month), num(year));
  }
  if ((m = LUNAR_NUMERIC.exec(words))) return lunarDay(ctx, Number(m[2]), Number(m[1]), Boolean(m[4]), num(m[3]));
  if ((m = FULL_MOON.exec(words))) return lunarDay(ctx, monthOf(m[1] ?? ''), 15, Boolean(m[2]), num(m[3]));
  if ((m = TET_DAY.exec(words))) return lunarDay(ctx, 1, Number(m[1]), false, null);
  if ((m = SOLAR_NUMERIC.exec(words))) return solarDay(ctx, Number(m[1]), Number(m[2]), num(m[3]));
  return null;
}

const WEEKDAY = new RegExp(`^(${WEEKDAY_PATTERN})(?: tuan (sau|toi|nay))?$`);
const MONTH_END = new RegExp(`^(?:(${WEEKDAY_PATTERN}) )?cuoi thang(?: (\\d{1,2}|sau|toi|nay))?(?: nam (\\d{4}))?$`);

/** "thứ Hai tuần sau", "thứ Sáu" (the next one, today included while the time is ahead). */
export function weekDay(words: string, ctx: DayContext): DayResult | null {
  const m = WEEKDAY.exec(words);
  if (!m) return null;
  const weekday = weekdayOf(m[1] ?? '') ?? 1;
  if (!m[2]) {
    let day = ctx.today.plus({ days: (weekday - ctx.today.weekday + 7) % 7 });
    if (!ctx.fits(day)) day = day.plus({ weeks: 1 });
    return hit(day);
  }
  const week = ctx.today.startOf('week').plus({ weeks: m[2] === 'nay' ? 0 : 1 });
  return hit(week.plus({ days: weekday - 1 }));
}

function lastWeekdayOf(month: DateTime, weekday: number | null): DateTime {
  const last = month.endOf('month').startOf('day');
  return weekday === null ? last : last.minus({ days: (last.weekday - weekday + 7) % 7 });
}

/** "cuối tháng", "cuối tháng sau", "cuối tháng 6", "Chủ nhật cuối tháng", "Chủ nhật cuối tháng 6". */
export function monthEnd(words: string, ctx: DayContext): DayResult | null {
  const m = MONTH_END.exec(words);
  if (!m) return null;
  const weekday = m[1] ? weekdayOf(m[1]) : null;
  const which = m[2];
  const start = ctx.today.startOf('month');
  if (which === undefined || which === 'nay') return hit(lastWeekdayOf(start, weekday));
  if (which === 'sau' || which === 'toi') return hit(lastWeekdayOf(start.plus({ months: 1 }), weekday));
  const month = Number(which);
  if (month < 1 || month > 12) return miss('invalid-date');
  const year = num(m[3]);
  const inYear = (y: number) => lastWeekdayOf(DateTime.fromObject({ year: y, month, day: 1 }, { zone: ctx.zone }), weekday);
  const first = inYear(year ?? ctx.today.year);
  return hit(year !== null || ctx.fits(first) ? first : inYear(ctx.today.year + 1));
}

/** "hôm nay", "mai", "ngày kia", and holidays by name ("Tết", "Quốc khánh", "Giỗ Tổ"). */
export function namedDay(words: string, ctx: DayContext): DayResult | null {
  const shift = { 'hom nay': 0, 'ngay mai': 1, mai: 1, 'ngay kia': 2 }[words];
  if (shift !== undefined) return hit(ctx.today.plus({ days: shift }));
  const named = holidayNamed(words);
  if (!named) return null;
  let day = DateTime.fromObject(nextHolidayDate(named.id, ctx.today.toJSDate(), ctx.zone), { zone: ctx.zone });
  if (!ctx.fits(day)) day = DateTime.fromObject(nextHolidayDate(named.id, day.plus({ days: 1 }).toJSDate(), ctx.zone), { zone: ctx.zone });
  return hit(day, named.calendar === 'lunar');
}
