import { DateTime } from 'luxon';
import { lunarMonthLength, lunarToSolar, solarToLunar, type LunarDate } from './lunar.js';
import { miss, resolveDay, type DayCtx, type Miss } from './when-days.resolve.js';
import type { DayNode } from './when-days.js';
import type { PointNode, WhenNode } from './when-grammar.js';
import type { LocalTime } from './when-tokens.js';
import { isValidTime } from './when-tokens.js';

export type WhenPrecision = 'day' | 'week' | 'month';

/** A time phrase resolved to local instants. */
export interface WhenValue {
  /** The first moment; null when only a deadline was written ("trước ngày 14/6"). */
  start: DateTime | null;
  /** The last moment included: "đến hết ngày 27/7" is 27/7 23:59:59.999; a written time is kept. */
  end: DateTime;
  precision: WhenPrecision;
  shape: 'point' | 'range' | 'deadline';
  /** A clock time or part of day was written for the start / the end. */
  startTimed: boolean;
  endTimed: boolean;
  /** The lunar dates of the ends, when they were written as lunar dates (or lunar holidays). */
  startLunar: LunarDate | null;
  endLunar: LunarDate | null;
}

type Covered = { ok: true; first: DateTime; last: DateTime; timed: boolean; lunar: LunarDate | null; precision: WhenPrecision };

const at = (day: DateTime, t: LocalTime) => day.set({ hour: t.hour, minute: t.minute, second: 0, millisecond: 0 });

function monthSpan(ctx: DayCtx, m: number, y: number | null, lunar: boolean, leap = false): { first: DateTime; last: DateTime } | null {
  const make = (year: number) => {
    if (!lunar) {
      const first = DateTime.fromObject({ year, month: m, day: 1 }, { zone: ctx.zone });
      return { first, last: first.endOf('month') };
    }
    const start = lunarToSolar({ year, month: m, day: 1, leap });
    const length = lunarMonthLength(year, m, leap);
    if (!start || !length) return null;
    const first = DateTime.fromObject(start, { zone: ctx.zone });
    return { first, last: first.plus({ days: length - 1 }).endOf('day') };
  };
  const year = y ?? ctx.year;
  if (year !== null) return make(year);
  if (ctx.strict) return null;
  const base = lunar ? solarToLunar({ year: ctx.from.year, month: ctx.from.month, day: ctx.from.day }).year : ctx.from.year;
  const first = make(base);
  return first && first.last >= ctx.from ? first : make(base + 1);
}

/** The stretch of time a point covers: one day (from its written time), a month, or weeks of a month. */
export function cover(p: PointNode, ctx: DayCtx): Covered | Miss {
  if (p.t === 'vague') return miss('format');
  if (p.t === 'quarter') {
    const first = monthSpan(ctx, 3 * p.q - 2, p.y, false);
    const last = monthSpan(ctx, 3 * p.q, p.y ?? first?.first.year ?? null, false);
    return first && last ? { ok: true, first: first.first, last: last.last, timed: false, lunar: null, precision: 'month' } : miss('invalid-date');
  }
  if (p.t === 'month' || p.t === 'weeks') {
    const month = monthSpan(ctx, p.m, p.y, p.t === 'month' && p.lunar, p.t === 'month' && p.leap);
    if (!month) return miss('invalid-date');
    const lunar = p.t === 'month' && p.lunar ? solarToLunar({ year: month.first.year, month: month.first.month, day: month.first.day }) : null;
    if (p.t === 'month') return { ok: true, ...month, timed: false, lunar, precision: 'month' };
    const days = month.first.daysInMonth ?? 28;
    const spans = p.weeks.map((w) => (w === 'last' ? [days - 6, days] : [7 * w - 6, Math.min(7 * w, days)]));
    const from = Math.min(...spans.map((s) => s[0] ?? 1));
    const to = Math.max(...spans.map((s) => s[1] ?? 1));
    return { ok: true, first: month.first.set({ day: from }), last: month.first.set({ day: to }).endOf('day'), timed: false, lunar: null, precision: 'week' };
  }
  const time = p.time ?? p.part;
  if (time && !isValidTime(time)) return miss('invalid-date');
  const fits = time ? (d: DateTime) => ctx.fits(at(d, time)) : ctx.fits;
  const day = resolveDay(p.day, { ...ctx, fits });
  if (!day.ok) return day;
  if (p.weekdayNote !== null && p.weekdayNote !== day.day.weekday) return miss('weekday-mismatch', { resolved: day.day.toJSDate(), weekday: p.weekdayNote });
  const first = time ? at(day.day, time) : day.day;
  return { ok: true, first, last: time ? first : day.day.endOf('day'), timed: time !== null, lunar: day.lunar, precision: 'day' };
}

const yearOf = (p: PointNode): number | null => (p.t === 'day' ? ('y' in p.day ? p.day.y : null) : p.t === 'vague' ? null : p.y);


function withYear(p: PointNode, y: number): PointNode {
  if (p.t === 'vague') return p;
  if (p.t !== 'day') return { ...p, y: p.y ?? y };
  const d: DayNode = p.day.t === 'solar' || p.day.t === 'lunar' || p.day.t === 'unsure' ? { ...p.day, y: p.day.y ?? y } : p.day;
  return { ...p, day: d };
}

/** "từ ngày 12 đến 14/10", "từ mùng 4 đến ngày 10 tháng Giêng âm lịch": the start borrows the end's month (and calendar). */
function borrowMonth(from: PointNode, to: PointNode): PointNode {
  if (from.t !== 'day' || from.day.t !== 'solar' || from.day.m !== null || to.t !== 'day') return from;
  const { d } = from.day;
  if (to.day.t === 'solar') return { ...from, day: { t: 'solar', d, m: to.day.m, y: to.day.y } };
  if (to.day.t === 'lunar') return { ...from, day: { t: 'lunar', d, m: to.day.m, leap: to.day.leap, y: to.day.y } };
  if (to.day.t === 'unsure') return { ...from, day: { t: 'unsure', d, m: to.day.m, y: to.day.y } };
  return from;
}

type Pair = { ok: true; a: Covered; b: Covered } | Miss;

/** Both ends with a plan's year: a borrowed year that puts the start after the end moves by one. */
function rangeInYear(from: PointNode, to: PointNode, ctx: DayCtx, year: number): Pair {
  const sy = yearOf(from);
  const ey = yearOf(to);
  let a = cover(withYear(from, sy ?? ey ?? year), ctx);
  let b = cover(withYear(to, ey ?? sy ?? year), ctx);
  if (a.ok && b.ok && a.first > b.last) {
    if (sy === null && ey !== null) a = cover(withYear(from, ey - 1), ctx);
    else if (ey === null) b = cover(withYear(to, (sy ?? year) + 1), ctx);
  }
  return !a.ok ? a : !b.ok ? b : { ok: true, a, b };
}

/** Both ends, next to come: the end is the next one from today, the start the last one before it. */
function rangeAhead(from: PointNode, to: PointNode, ctx: DayCtx): Pair {
  const startFirst = yearOf(from) !== null && yearOf(to) === null;
  if (startFirst) {
    const a = cover(from, ctx);
    if (!a.ok) return a;
    const day = a.first.startOf('day');
    const b = cover(to, { ...ctx, from: day, fits: (d) => d >= day });
    return b.ok ? { ok: true, a, b } : b;
  }
  const b = cover(to, ctx);
  if (!b.ok) return b;
  // The last start on or before the end: search from a year before it, then keep the latest that fits.
  const after = (since: DateTime) => cover(from, { ...ctx, from: since, fits: (d) => d >= since });
  let a = after(b.last.startOf('day').minus({ years: 1 }).plus({ days: 1 }));
  for (let n = 0; a.ok && n < 2; n++) {
    const later = after(a.first.startOf('day').plus({ days: 1 }));
    if (!later.ok || later.first > b.last || later.first.equals(a.first)) break;
    a = later;
  }
  return a.ok ? { ok: true, a, b } : a;
}

/** Resolves a parsed phrase against today: exact local start and end, or why not (never a guess). */
export function resolveWhen(n: WhenNode, ctx: DayCtx): { ok: true; value: WhenValue } | Miss {
  if (n.t === 'range') {
    const from = borrowMonth(n.from, n.to);
    const written = yearOf(n.to) ?? yearOf(from);
    const year = ctx.year ?? (ctx.strict ? written : null);
    if (ctx.strict && year === null) return miss('format');
    const pair = year !== null ? rangeInYear(from, n.to, ctx, year) : rangeAhead(from, n.to, ctx);
    if (!pair.ok) return pair;
    const { a, b } = pair;
    if (b.last < a.first) return miss('backwards');
    // "ngày 21 và 24/8" are two days, not a period from the 21st to the 24th.
    if (n.count !== undefined && Math.round(b.last.startOf('day').diff(a.first.startOf('day'), 'days').days) + 1 !== n.count) return miss('format');
    const precision = a.precision === 'month' && b.precision === 'month' ? 'month' : a.precision === 'week' && b.precision === 'week' ? 'week' : 'day';
    return { ok: true, value: { start: a.first, end: b.last, precision, shape: 'range', startTimed: a.timed, endTimed: b.timed, startLunar: a.lunar, endLunar: b.lunar } };
  }
  const c = cover(n.p, ctx);
  if (!c.ok) return c;
  if (n.t === 'point') {
    const end = c.timed ? c.first.endOf('day') : c.last;
    return { ok: true, value: { start: c.first, end, precision: c.precision, shape: 'point', startTimed: c.timed, endTimed: false, startLunar: c.lunar, endLunar: c.lunar } };
  }
  const end = c.timed ? c.first : n.edge === 'before' ? c.first.minus({ milliseconds: 1 }) : c.last;
  const precision = n.edge === 'through' ? c.precision : 'day';
  return { ok: true, value: { start: null, end, precision, shape: 'deadline', startTimed: false, endTimed: c.timed, startLunar: null, endLunar: c.lunar } };
}
