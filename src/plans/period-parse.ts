import { DateTime } from 'luxon';
import { findWhen, type WhenPrecision } from '../calendar/when-reader.js';

export type PeriodPrecision = WhenPrecision;

export interface ParsedPeriod {
  start: Date;
  /** The last instant included: "đến hết ngày 27/7" is 27/7 23:59:59.999 local. */
  end: Date;
  precision: PeriodPrecision;
  /** The text sets a completion deadline (hoàn thành, xong, trước, chậm nhất): `end` is when it is due. */
  deadline: boolean;
  /** Only a deadline was written ("trước ngày 14/6/2023"): `start` is then the start of the last day. */
  openStart: boolean;
  /** The phrase that was read, for showing the admin. */
  matched: string;
  /** Written as lunar dates. */
  lunar: boolean;
}

export interface PeriodOptions {
  zone: string;
  /** The year for phrases that name none anywhere (the plan's own year); without it a year must be written. */
  defaultYear?: number;
}

const DEADLINE_WORDS = /hoàn thành|\bxong\b|chậm nhất|muộn nhất|hạn chót|hạn cuối|trước\s+(?:ngày|tháng|\d)/i;

/**
 * The first period phrase of a plan's text, through the one date reader (src/calendar/when-reader.ts),
 * in the plan's own year. Null when there is none, or a date is impossible or has no year anywhere.
 */
export function parsePeriod(text: string, options: PeriodOptions): ParsedPeriod | null {
  const year = options.defaultYear;
  const now = DateTime.fromObject({ year: year ?? 2000, month: 1, day: 1 }, { zone: options.zone }).toJSDate();
  const { found } = findWhen(text, { now, zone: options.zone, allowPast: true, yearRequired: true, ...(year !== undefined ? { year } : {}) });
  if (!found) return null;
  const v = found.value;
  // "Hoàn thành trong tháng 5": a plan's item then runs through that month, due at its end.
  const wholeMonth = v.start === null && v.precision === 'month';
  const openStart = v.start === null && !wholeMonth;
  return {
    start: (v.start ?? (wholeMonth ? v.end.startOf('month') : v.end.startOf('day'))).toJSDate(),
    end: v.end.toJSDate(),
    precision: v.precision,
    deadline: v.start === null || DEADLINE_WORDS.test(text.normalize('NFC')),
    openStart,
    matched: found.matched,
    lunar: v.startLunar !== null || v.endLunar !== null,
  };
}
