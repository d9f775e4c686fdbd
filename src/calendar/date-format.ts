import { DateTime } from 'luxon';
import type { Translate } from '../telegram/context.js';
import { isTetQuiet } from './holidays.js';
import { solarToLunar, type LunarDate } from './lunar.js';
import type { WhenDetail, WhenReason, WhenValue } from './when-reader.js';

export type DateInputReason = WhenReason;
export type DateInputDetail = WhenDetail;

/** "ngày 10 tháng 3 năm 2026 âm lịch" (with "nhuận" for a leap month). Years go as text: Fluent would print 2.026. */
export function formatLunar(l: LunarDate, t: Translate): string {
  return t(l.leap ? 'cal-lunar-date-leap' : 'cal-lunar-date', { day: l.day, month: l.month, year: String(l.year) });
}

/** "Chủ nhật, 26/04/2026 17:00": the weekday helps people catch a wrong date. */
export function formatDay(at: Date, zone: string, t: Translate, format = 'dd/MM/yyyy HH:mm'): string {
  return weekdayAndDate(DateTime.fromJSDate(at, { zone }), t, format);
}

const weekdayAndDate = (local: DateTime, t: Translate, format: string) => t('cal-resolved', { weekday: t(`cal-weekday-${local.weekday}`), date: local.toFormat(format) });

/**
 * "Thứ Tư, 10/06/2023", with the time when it is not midnight (and `withTime`): the weekday lets
 * people catch a misread date. `lunar` (dates given in the lunar calendar) adds the lunar date.
 */
export function formatDayAt(at: Date, zone: string, t: Translate, withTime = true, lunar = false): string {
  const local = DateTime.fromJSDate(at, { zone });
  return dayText(local, zone, t, withTime && (local.hour !== 0 || local.minute !== 0), lunar);
}

/** One day with its weekday, the time when `timed`, and the lunar date when `lunar` (showDay) or not (formatDay). */
function dayText(local: DateTime, zone: string, t: Translate, timed: boolean, lunar: boolean | undefined): string {
  return lunar ? showDay(local, zone, t, timed) : weekdayAndDate(local, t, timed ? 'dd/MM/yyyy HH:mm' : 'dd/MM/yyyy');
}

/** The preview of a resolved date: weekday, dd/MM/yyyy HH:mm, and the lunar date when the input was lunar. */
export function formatResolved(result: { at: Date; lunar?: LunarDate }, zone: string, t: Translate): string {
  const day = formatDay(result.at, zone, t);
  return result.lunar ? t('cal-resolved-lunar', { day, lunar: formatLunar(result.lunar, t) }) : day;
}

/** "Thứ Sáu, 16/04/2027 (10/3 âm lịch)", with the time when there is one: every date shown back carries its lunar date. */
export function showDay(at: DateTime, zone: string, t: Translate, withTime: boolean): string {
  const local = at.setZone(zone);
  const l = solarToLunar({ year: local.year, month: local.month, day: local.day });
  const date = local.toFormat(withTime ? 'dd/MM/yyyy HH:mm' : 'dd/MM/yyyy');
  return t(l.leap ? 'cal-show-day-leap' : 'cal-show-day', { weekday: t(`cal-weekday-${local.weekday}`), date, lday: l.day, lmonth: l.month });
}

/** "16/04/2027 (10/3 âm lịch)": a date as `format` prints it, with its lunar date (for tasks set by one). */
export function withLunarDate(at: Date, zone: string, t: Translate, format = 'dd/MM/yyyy HH:mm'): string {
  const local = DateTime.fromJSDate(at, { zone });
  const l = solarToLunar({ year: local.year, month: local.month, day: local.day });
  return t(l.leap ? 'cal-lunar-note-leap' : 'cal-lunar-note', { date: local.toFormat(format), lday: l.day, lmonth: l.month });
}

/**
 * A task's date as its leaders read it and act on it: "Chủ nhật, 14/06/2026 17:00" (the weekday is
 * what an older leader plans by), with its lunar date when the task was set by one:
 * "Thứ Sáu, 16/04/2027 23:59 (10/3 âm lịch)".
 */
export function formatTaskDate(at: Date, zone: string, t: Translate, lunar: boolean | undefined): string {
  return dayText(DateTime.fromJSDate(at, { zone }), zone, t, true, lunar);
}

/**
 * A task's period as its leaders read it: "từ Thứ Năm, 23/07/2026 đến hết Thứ Hai, 27/07/2026", each
 * day with its weekday (and its lunar date for a task set by one); a single whole day is "Thứ Sáu,
 * 16/04/2027 (10/3 âm lịch)", not "từ … đến hết" the same day.
 */
export function formatTaskPeriod(p: { start: Date; end: Date }, zone: string, t: Translate, lunar: boolean | undefined): string {
  const { s, e, startTimed, endTimed } = periodEnds(p, zone);
  if (!startTimed && !endTimed && s.hasSame(e, 'day')) return dayText(s, zone, t, false, lunar);
  return t(endTimed ? 'cal-task-period-to' : 'cal-task-period', { from: dayText(s, zone, t, startTimed, lunar), to: dayText(e, zone, t, endTimed, lunar) });
}

/** A period's ends in `zone`: the start is timed unless it is a midnight, the end unless it is the day's last second. */
function periodEnds(p: { start: Date; end: Date }, zone: string) {
  const s = DateTime.fromJSDate(p.start, { zone });
  const e = DateTime.fromJSDate(p.end, { zone });
  return { s, e, startTimed: !s.equals(s.startOf('day')), endTimed: e.toFormat('HH:mm:ss') !== '23:59:59' };
}

/**
 * What the reader understood, shown back before anything is saved: "→ Thứ Sáu, 16/04/2027 (10/3
 * âm lịch)", "→ từ Thứ Năm, 23/07/2026 (…) đến hết Thứ Hai, 27/07/2026 (…)", "→ hạn …".
 */
export function showWhen(v: WhenValue, zone: string, t: Translate, deadline?: { at: DateTime; hadTime: boolean }): string {
  if (deadline) return t('cal-show-deadline', { day: showDay(deadline.at, zone, t, true) });
  if (!v.start) return t('cal-show-deadline', { day: showDay(v.end, zone, t, v.endTimed) });
  if (v.shape === 'point' && v.precision === 'day') return t('cal-show-point', { day: showDay(v.start, zone, t, v.startTimed) });
  return showPeriod({ start: v.start.toJSDate(), end: v.end.toJSDate() }, zone, t);
}

/** "→ Từ Thứ Năm, 23/07/2026 (9/6 âm lịch) đến hết Thứ Hai, 27/07/2026 (13/6 âm lịch)". */
export function showPeriod(p: { start: Date; end: Date }, zone: string, t: Translate): string {
  const { from, to, endTimed } = showPeriodEnds(p, zone, t);
  return t(endTimed ? 'cal-show-range-to' : 'cal-show-range', { from, to });
}

/** Both ends of a period as showDay writes them; `endTimed` when it ends at a time, not at the day's end. */
export function showPeriodEnds(p: { start: Date; end: Date }, zone: string, t: Translate): { from: string; to: string; endTimed: boolean } {
  const { s, e, startTimed, endTimed } = periodEnds(p, zone);
  return { from: showDay(s, zone, t, startTimed), to: showDay(e, zone, t, endTimed), endTimed };
}

/** Why a typed date was refused, in words the user can act on; the words that failed are quoted. */
export function explainDateInput(result: { reason: WhenReason; detail?: WhenDetail; part?: string }, zone: string, t: Translate): string {
  const d = result.detail;
  switch (result.reason) {
    case 'invalid-date':
      if (d?.lunar && d.monthLength !== undefined) {
        return t('cal-err-lunar-short-month', { month: d.lunar.month, year: String(d.lunar.year), length: d.monthLength, day: d.lunar.day });
      }
      if (d?.lunar && d.leapMonth !== undefined) {
        const vars = { month: d.lunar.month, year: String(d.lunar.year) };
        return d.leapMonth === null ? t('cal-err-no-leap-month', vars) : t('cal-err-leap-month-is', { ...vars, leap: d.leapMonth });
      }
      return t('cal-err-invalid-date');
    case 'past':
    case 'over':
      return d?.resolved ? t('cal-err-past', { date: formatDay(d.resolved, zone, t) }) : t('cal-err-past-plain');
    case 'ambiguous':
      return t('cal-err-ambiguous');
    case 'out-of-range':
      return t('cal-err-out-of-range');
    case 'backwards':
      return t('cal-err-period-backwards');
    case 'weekday-mismatch':
      return d?.resolved && d.weekday ? t('cal-err-weekday', { date: formatDay(d.resolved, zone, t, 'dd/MM/yyyy'), weekday: t(`cal-weekday-${d.weekday}`) }) : t('cal-err-invalid-date');
    case 'format':
      return result.part ? `${t('cal-err-unread', { part: result.part.slice(0, 60) })} ${t('cal-err-format')}` : t('cal-err-format');
  }
}

/** "Lưu ý: ngày này là mùng 2 Tết …": a deadline on mùng 1–3 Tết is pointed out when it is typed. */
export function tetNote(at: Date, zone: string, t: Translate): string | null {
  if (!isTetQuiet(at, zone)) return null;
  const local = DateTime.fromJSDate(at, { zone });
  return t('cal-note-tet', { day: solarToLunar({ year: local.year, month: local.month, day: local.day }).day });
}
