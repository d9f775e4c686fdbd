import { DateTime } from 'luxon';
import type { LocalTime } from './when-tokens.js';
import { lunarMonthLength, lunarToSolar, solarToLunar } from './lunar.js';

/**
 * How a recurring task repeats, in local time. Weekdays as luxon numbers them (Monday = 1 …
 * Sunday = 7). Short months: a monthly day past the month's end (31, or 29–31 in February) falls
 * on the month's last day, and 29/2 on 28/2, because a skipped month would be a month with no
 * report. A lunar day 30 falls on day 29 in a 29-day month; leap months do not repeat it.
 */
export type Recurrence =
  | { kind: 'weekly'; weekday: number; time: LocalTime }
  | { kind: 'monthly-day'; day: number; time: LocalTime }
  | { kind: 'monthly-last-weekday'; weekday: number; time: LocalTime }
  /** Lunar days of every lunar month, leap months too: "mùng 1 và rằm hằng tháng" (1 and 15). */
  | { kind: 'monthly-lunar'; days: readonly number[]; time: LocalTime }
  | { kind: 'yearly'; dates: readonly { month: number; day: number }[]; time: LocalTime }
  | { kind: 'yearly-lunar'; month: number; day: number; time: LocalTime };

/** One round of a series: its local day (yyyy-MM-dd) and when its report is due. */
export interface Occurrence {
  date: string;
  dueAt: Date;
}

const inRange = (n: number, lo: number, hi: number) => Number.isInteger(n) && n >= lo && n <= hi;

export function isValidRecurrence(r: Recurrence): boolean {
  if (!inRange(r.time.hour, 0, 23) || !inRange(r.time.minute, 0, 59)) return false;
  switch (r.kind) {
    case 'weekly':
    case 'monthly-last-weekday':
      return inRange(r.weekday, 1, 7);
    case 'monthly-day':
      return inRange(r.day, 1, 31);
    case 'monthly-lunar':
      return r.days.length > 0 && r.days.every((d) => inRange(d, 1, 30));
    case 'yearly':
      return r.dates.length > 0 && r.dates.every((d) => inRange(d.month, 1, 12) && inRange(d.day, 1, 31));
    case 'yearly-lunar':
      return inRange(r.month, 1, 12) && inRange(r.day, 1, 30);
  }
}

function clampDay(month: DateTime, day: number): DateTime {
  return month.set({ day: Math.min(day, month.daysInMonth ?? 28) });
}

function lunarDaysIn(r: Extract<Recurrence, { kind: 'yearly-lunar' }>, month: DateTime): DateTime[] {
  const out: DateTime[] = [];
  for (const year of [month.year - 1, month.year]) {
    const length = lunarMonthLength(year, r.month) ?? 29;
    const solar = lunarToSolar({ year, month: r.month, day: Math.min(r.day, length), leap: false });
    if (solar && solar.year === month.year && solar.month === month.month) out.push(month.set({ day: solar.day }));
  }
  return out;
}

/** The local days of a rule in one month (`month` is its first day, local). */
function daysInMonth(r: Recurrence, month: DateTime): DateTime[] {
  switch (r.kind) {
    case 'weekly': {
      const first = month.plus({ days: (r.weekday - month.weekday + 7) % 7 });
      return [0, 1, 2, 3, 4].map((w) => first.plus({ weeks: w })).filter((d) => d.month === month.month);
    }
    case 'monthly-day':
      return [clampDay(month, r.day)];
    case 'monthly-lunar':
      return Array.from({ length: month.daysInMonth ?? 28 }, (_, i) => month.plus({ days: i })).filter((d) => r.days.includes(solarToLunar({ year: d.year, month: d.month, day: d.day }).day));
    case 'monthly-last-weekday': {
      const last = month.endOf('month').startOf('day');
      return [last.minus({ days: (last.weekday - r.weekday + 7) % 7 })];
    }
    case 'yearly':
      return r.dates.filter((d) => d.month === month.month).map((d) => clampDay(month, d.day)).sort((a, b) => a.toMillis() - b.toMillis());
    case 'yearly-lunar':
      return lunarDaysIn(r, month);
  }
}

function occurrencesOfMonth(r: Recurrence, month: DateTime): Occurrence[] {
  return daysInMonth(r, month).map((day) => ({
    date: day.toISODate() ?? '',
    dueAt: day.set({ hour: r.time.hour, minute: r.time.minute, second: 0, millisecond: 0 }).toJSDate(),
  }));
}

/** A series spans at most this many months in one call, so a bad range cannot run away. */
const MAX_MONTHS = 1200;

/** The occurrences whose due time is in [from, to), in order. */
export function occurrencesBetween(r: Recurrence, from: Date, to: Date, zone: string): Occurrence[] {
  if (!isValidRecurrence(r)) throw new RangeError(`invalid recurrence ${JSON.stringify(r)}`);
  const out: Occurrence[] = [];
  let month = DateTime.fromJSDate(from, { zone }).startOf('month');
  const last = DateTime.fromJSDate(to, { zone });
  for (let i = 0; month <= last && i < MAX_MONTHS; i++, month = month.plus({ months: 1 })) {
    for (const o of occurrencesOfMonth(r, month)) if (o.dueAt >= from && o.dueAt < to) out.push(o);
  }
  return out;
}

/** The first occurrence due strictly after `after`. */
export function nextOccurrence(r: Recurrence, after: Date, zone: string): Occurrence {
  if (!isValidRecurrence(r)) throw new RangeError(`invalid recurrence ${JSON.stringify(r)}`);
  let month = DateTime.fromJSDate(after, { zone }).startOf('month');
  for (let i = 0; i < 48; i++, month = month.plus({ months: 1 })) {
    const found = occurrencesOfMonth(r, month).find((o) => o.dueAt > after);
    if (found) return found;
  }
  throw new RangeError(`no occurrence within 4 years of ${after.toISOString()}`);
}
