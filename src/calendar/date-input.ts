import { type DateTime } from 'luxon';
import { DEFAULT_DUE_HOUR } from '../core/local-date.js';
import type { LunarDate } from './lunar.js';
import { readWhen, type WhenDetail, type WhenReason, type WhenValue } from './when-reader.js';

export type DateInputReason = WhenReason;
export type DateInputDetail = WhenDetail;

/** A date typed by a person, resolved to an instant, or the reason it could not be (with the words that failed). */
export type DateInput =
  | { ok: true; at: Date; hadTime: boolean; lunar?: LunarDate; value: WhenValue }
  | { ok: false; reason: DateInputReason; detail?: DateInputDetail; part?: string };

/** The moment a reading sets as a deadline: its written time, else 17:00 of its last day. */
export function deadlineOf(v: WhenValue): { at: DateTime; hadTime: boolean } {
  if (v.shape === 'point' && v.startTimed && v.start) return { at: v.start, hadTime: true };
  if (v.endTimed) return { at: v.end, hadTime: true };
  return { at: v.end.set({ hour: DEFAULT_DUE_HOUR, minute: 0, second: 0, millisecond: 0 }), hadTime: false };
}

/**
 * Reads a deadline as people type it, through the one reader (when-reader.ts): "14/6", "14/6/2026
 * 17:00", "17h00 14/6", "mùng 10 tháng 3 âm lịch", "rằm tháng Giêng", "3 ngày trước 2/9", "thứ Hai
 * tuần sau", "Chủ nhật cuối tháng 6", "Quốc khánh", "trước 17h ngày 14/6"… A day with no time is
 * due at 17:00; a day with no year is the next one whose deadline is still ahead. An impossible,
 * ambiguous or past date is refused with a reason; nothing is guessed.
 */
export function parseDateInput(text: string, now: Date, zone: string): DateInput {
  // A day with a time is checked at that time; a bare day at 17:00, when it would be due.
  const fits = (day: DateTime) => (day.equals(day.startOf('day')) ? day.set({ hour: DEFAULT_DUE_HOUR }) : day).toMillis() > now.getTime();
  const r = readWhen(text, { now, zone, fits, allowPast: true });
  if (!r.ok) return r;
  const { at, hadTime } = deadlineOf(r.value);
  if (at.toMillis() <= now.getTime()) return { ok: false, reason: 'past', detail: { resolved: at.toJSDate() }, part: r.matched };
  const lunar = r.value.endLunar ?? r.value.startLunar;
  return { ok: true, at: at.toJSDate(), hadTime, value: r.value, ...(lunar ? { lunar } : {}) };
}
