import { DateTime } from 'luxon';
import { DEFAULT_DUE_HOUR, parseLocalDateTime } from '../core/local-date.js';
import { LUNAR_LAST_YEAR, solarToLunar, type LunarDate } from './lunar.js';
import { calendarDay, monthEnd, namedDay, weekDay, type DateInputDetail, type DateInputReason, type DayContext, type DayResult } from './date-phrases.js';
import { isValidTime, normalizeDateText, splitTime, type LocalTime } from './date-words.js';

export type { DateInputDetail, DateInputReason } from './date-phrases.js';

/** A date typed by a person, resolved to an instant, or the reason it could not be. */
export type DateInput =
  | { ok: true; at: Date; hadTime: boolean; lunar?: LunarDate }
  | { ok: false; reason: DateInputReason; detail?: DateInputDetail };

/** A local day a phrase names, with no time of day (for periods and anchors). */
export type DayInput = { ok: true; day: DateTime; lunar: boolean; time: LocalTime | null } | { ok: false; reason: DateInputReason; detail?: DateInputDetail };

const RELATIVE_FIRST = /^(\d{1,3}) ngay (truoc|sau) (.+)$/;
const RELATIVE_LAST = /^(truoc|sau) (.+?) (\d{1,3}) ngay$/;

function plainDay(words: string, ctx: DayContext): DayResult | null {
  return calendarDay(words, ctx) ?? weekDay(words, ctx) ?? monthEnd(words, ctx) ?? namedDay(words, ctx);
}

/** "3 ngày trước 2/9", "trước Tết 5 ngày": the anchor is its next coming day, then shifted. */
function relativeDay(words: string, ctx: DayContext): DayResult | null {
  const a = RELATIVE_FIRST.exec(words);
  const b = a ? null : RELATIVE_LAST.exec(words);
  const days = Number(a ? a[1] : b?.[3]);
  const direction = a ? a[2] : b?.[1];
  const anchorWords = a ? a[3] : b?.[2];
  if (!anchorWords || !direction) return null;
  const anchorCtx: DayContext = { ...ctx, fits: (day) => day >= ctx.today };
  const anchor = plainDay(anchorWords, anchorCtx);
  if (!anchor || !anchor.ok) return anchor ?? { ok: false, reason: 'format' };
  return { ok: true, day: anchor.day.plus({ days: direction === 'truoc' ? -days : days }), lunar: anchor.lunar };
}

function resolveWords(words: string, ctx: DayContext): DayResult {
  try {
    return relativeDay(words, ctx) ?? plainDay(words, ctx) ?? { ok: false, reason: 'format' };
  } catch (error) {
    if (error instanceof RangeError) return { ok: false, reason: 'out-of-range' };
    throw error;
  }
}

/**
 * The local day a phrase names, without checking that it is still ahead: for the two ends of a
 * period. A day with no year is the next one from today on.
 */
export function parseDayInput(text: string, now: Date, zone: string): DayInput {
  const today = DateTime.fromJSDate(now, { zone }).startOf('day');
  const { words, time } = splitTime(normalizeDateText(text));
  if (time && !isValidTime(time)) return { ok: false, reason: 'invalid-date' };
  const r = resolveWords(words, { today, zone, fits: (day) => day >= today });
  return r.ok ? { ...r, time } : r;
}

/**
 * Reads a deadline as people type it. Today's forms first (`14/6`, `14/6/2026 17:00`, `17h00
 * 14/6`, see parseLocalDateTime), then: "mùng 10 tháng 3 âm lịch", "10/3 âm lịch", "rằm tháng
 * Giêng", "mùng 2 Tết", "3 ngày trước 2/9", "trước Tết 5 ngày", "thứ Hai tuần sau", "cuối tháng",
 * "Chủ nhật cuối tháng 6", "Quốc khánh", accents optional, each with an optional time (else
 * 17:00). A date with no year is the next one still ahead. An impossible, ambiguous or past date
 * is refused with a reason and details to explain it; nothing is guessed.
 */
export function parseDateInput(text: string, now: Date, zone: string): DateInput {
  const plain = parseLocalDateTime(text, now, zone);
  if (plain.ok || plain.reason !== 'format') return plain;
  const today = DateTime.fromJSDate(now, { zone }).startOf('day');
  const { words, time } = splitTime(normalizeDateText(text));
  if (time && !isValidTime(time)) return { ok: false, reason: 'invalid-date' };
  const at = (day: DateTime) => day.set({ hour: time?.hour ?? DEFAULT_DUE_HOUR, minute: time?.minute ?? 0, second: 0, millisecond: 0 });
  const r = resolveWords(words, { today, zone, fits: (day) => at(day).toMillis() > now.getTime() });
  if (!r.ok) return r;
  const moment = at(r.day);
  if (!moment.isValid) return { ok: false, reason: 'invalid-date' };
  if (moment.toMillis() <= now.getTime()) return { ok: false, reason: 'past', detail: { resolved: moment.toJSDate() } };
  const result: DateInput = { ok: true, at: moment.toJSDate(), hadTime: time !== null };
  if (!r.lunar) return result;
  if (r.day.year > LUNAR_LAST_YEAR) return { ok: false, reason: 'out-of-range' };
  return { ...result, lunar: solarToLunar({ year: r.day.year, month: r.day.month, day: r.day.day }) };
}
