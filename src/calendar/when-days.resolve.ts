import { DateTime } from 'luxon';
import { holiday, nextHolidayDate } from './holidays.js';
import { LUNAR_LAST_YEAR, leapMonthOf, lunarMonthLength, lunarToSolar, solarToLunar, type LunarDate } from './lunar.js';
import type { DayNode } from './when-days.js';

export type WhenReason = 'format' | 'invalid-date' | 'past' | 'ambiguous' | 'out-of-range' | 'backwards' | 'over' | 'weekday-mismatch';

/** What the words resolved to, or what was wrong with them, so the reply can explain. */
export interface WhenDetail {
  /** The moment the words meant, when it is in the past (or its weekday is not the one written). */
  resolved?: Date;
  /** The lunar date asked for, when it does not exist. */
  lunar?: LunarDate;
  /** Days in that lunar month, when the day asked for is past its end. */
  monthLength?: number;
  /** The real leap month of that lunar year (null: none), when another leap month was asked for. */
  leapMonth?: number | null;
  /** "mùng 10 tháng 3" without "âm lịch" may be either calendar. */
  ambiguity?: 'lunar-or-solar';
  /** The weekday written beside the date, when the date falls on another. */
  weekday?: number;
}

export type Miss = { ok: false; reason: WhenReason; detail?: WhenDetail };
/** A local day (start of day in the zone), with its lunar date when the words were lunar. */
export type DayHit = { ok: true; day: DateTime; lunar: LunarDate | null };

export interface DayCtx {
  /** Today, start of day, local. */
  today: DateTime;
  zone: string;
  /** The year for days written without one (a plan's own year); null: the next one to come. */
  year: number | null;
  /** Whether a candidate day may be the one meant (default: on or after `from`). */
  fits: (day: DateTime) => boolean;
  /** Where the search for a day with no year starts. */
  from: DateTime;
  /** A day with no year (and no plan year) is refused instead of taken as the next one. */
  strict?: boolean;
}

export const miss = (reason: WhenReason, detail?: WhenDetail): Miss => (detail ? { ok: false, reason, detail } : { ok: false, reason });
const hit = (day: DateTime, lunar: LunarDate | null = null): DayHit => ({ ok: true, day, lunar });
const lunarOf = (d: DateTime): LunarDate => solarToLunar({ year: d.year, month: d.month, day: d.day });

/**
 * A lunar month and day; with no year, the next time it comes. A day or leap month that does not
 * exist is explained (for the last year looked at), never moved to another month.
 */
function lunarDay(ctx: DayCtx, n: Extract<DayNode, { t: 'lunar' }>): DayHit | Miss {
  const { m: month, d: day, leap } = n;
  const year = n.y ?? ctx.year;
  if (year === null && ctx.strict) return miss('format');
  if (year !== null && year > LUNAR_LAST_YEAR) return miss('out-of-range');
  const current = lunarOf(ctx.from).year;
  let missing: LunarDate | null = null;
  for (const y of year === null ? [current, current + 1] : [year]) {
    const length = lunarMonthLength(y, month, leap);
    const lunar = { year: y, month, day, leap };
    if (length === null) {
      missing = lunar;
      continue;
    }
    const first = lunarToSolar({ ...lunar, day: 1 });
    const monthOver = first !== null && DateTime.fromObject(first, { zone: ctx.zone }).plus({ days: length - 1 }) < ctx.from;
    if (year === null && monthOver) continue;
    const solar = lunarToSolar(lunar);
    if (!solar) return miss('invalid-date', { lunar, monthLength: length });
    const at = DateTime.fromObject(solar, { zone: ctx.zone });
    if (year !== null || ctx.fits(at) || y > current) return hit(at, lunar);
  }
  return missing ? miss('invalid-date', { lunar: missing, leapMonth: leapMonthOf(missing.year) }) : miss('invalid-date');
}

/** A solar day and month; with no year, the first one from `ctx.from` on that fits. */
function solarDay(ctx: DayCtx, n: Extract<DayNode, { t: 'solar' }>): DayHit | Miss {
  const make = (y: number) => DateTime.fromObject({ year: y, month: n.m ?? 0, day: n.d }, { zone: ctx.zone });
  const year = n.y ?? ctx.year;
  if (year !== null) {
    const at = make(year);
    return at.isValid ? hit(at) : miss('invalid-date');
  }
  if (ctx.strict) return miss('format');
  for (const y of [ctx.from.year, ctx.from.year + 1, ctx.from.year + 2, ctx.from.year + 3, ctx.from.year + 4]) {
    const at = make(y);
    if (at.isValid && ctx.fits(at)) return hit(at);
  }
  return miss('invalid-date');
}

function lastWeekdayOf(month: DateTime, weekday: number | null): DateTime {
  const last = month.endOf('month').startOf('day');
  return weekday === null ? last : last.minus({ days: (last.weekday - weekday + 7) % 7 });
}

function monthEnd(ctx: DayCtx, n: Extract<DayNode, { t: 'month-end' }>): DayHit {
  const start = ctx.today.startOf('month');
  if (n.m === 'this') return hit(lastWeekdayOf(start, n.wd));
  if (n.m === 'next') return hit(lastWeekdayOf(start.plus({ months: 1 }), n.wd));
  const m = n.m;
  const inYear = (y: number) => lastWeekdayOf(DateTime.fromObject({ year: y, month: m, day: 1 }, { zone: ctx.zone }), n.wd);
  const year = n.y ?? ctx.year;
  if (year !== null) return hit(inYear(year));
  const first = inYear(ctx.from.year);
  return hit(ctx.fits(first) ? first : inYear(ctx.from.year + 1));
}

function weekday(ctx: DayCtx, n: Extract<DayNode, { t: 'weekday' }>): DayHit {
  if (n.week === null) {
    const day = ctx.today.plus({ days: (n.wd - ctx.today.weekday + 7) % 7 });
    return hit(ctx.fits(day) ? day : day.plus({ weeks: 1 }));
  }
  return hit(ctx.today.startOf('week').plus({ weeks: n.week === 'this' ? 0 : 1, days: n.wd - 1 }));
}

function holidayDay(ctx: DayCtx, n: Extract<DayNode, { t: 'holiday' }>): DayHit {
  const on = (from: DateTime) => DateTime.fromObject(nextHolidayDate(n.id, from.toJSDate(), ctx.zone), { zone: ctx.zone });
  const from = ctx.year !== null ? DateTime.fromObject({ year: ctx.year, month: 1, day: 1 }, { zone: ctx.zone }) : ctx.from;
  let day = on(from);
  if (ctx.year === null && !ctx.fits(day)) day = on(day.plus({ days: 1 }));
  const lunar = lunarOf(day);
  return hit(day, holiday(n.id).calendar === 'lunar' ? lunar : null);
}

/** The local day a day phrase names, or why there is none. */
export function resolveDay(n: DayNode, ctx: DayCtx): DayHit | Miss {
  try {
    switch (n.t) {
      case 'solar':
        return solarDay(ctx, n);
      case 'lunar':
        return lunarDay(ctx, n);
      case 'unsure':
        return miss('ambiguous', { ambiguity: 'lunar-or-solar' });
      case 'holiday':
        return holidayDay(ctx, n);
      case 'today':
        return hit(ctx.today.plus({ days: n.shift }));
      case 'weekday':
        return weekday(ctx, n);
      case 'month-end':
        return monthEnd(ctx, n);
      case 'shifted': {
        const anchor = resolveDay(n.anchor, { ...ctx, fits: (d) => d >= ctx.from });
        return anchor.ok ? hit(anchor.day.plus({ days: n.days }), anchor.lunar ? lunarOf(anchor.day.plus({ days: n.days })) : null) : anchor;
      }
    }
  } catch (error) {
    if (error instanceof RangeError) return miss('out-of-range');
    throw error;
  }
}
