import { DateTime } from 'luxon';
import { explainDateInput, type DateInputDetail, type DateInputReason } from './date-format.js';
import { flagWindow, holiday, type HolidayId } from './holidays.js';
import type { LunarDate } from './lunar.js';
import type { TaskPeriod } from './period.rules.js';
import { readWhen, type WhenValue } from './when-reader.js';
import type { Translate } from '../telegram/context.js';

export type PeriodInputReason = DateInputReason;

export type PeriodInput =
  | { ok: true; period: TaskPeriod; startLunar?: LunarDate; endLunar?: LunarDate; value: WhenValue }
  | { ok: false; reason: PeriodInputReason; detail?: DateInputDetail; part?: string };

/**
 * Reads a period as notices write it, through the one reader: "từ 23/7 đến hết 27/7", "từ chiều
 * ngày 18/01/2026 đến hết ngày 25/01/2026", "từ 28 tháng Chạp âm lịch đến hết mùng 3 Tết", "trong
 * tháng 5", "tuần 1, 2 tháng 6". Without years, the end is the next one to come and the start the
 * last one before it, so a running period keeps its start. A period that has ended, or ends before
 * it starts, is refused; so is a single day (that is a deadline, not a period).
 */
export function parsePeriodInput(text: string, now: Date, zone: string): PeriodInput {
  const r = readWhen(text, { now, zone });
  if (!r.ok) return r.reason === 'past' ? { ...r, reason: 'over' } : r;
  const v = r.value;
  if (!v.start || (v.shape !== 'range' && v.precision === 'day')) return { ok: false, reason: 'format', part: r.matched };
  // Stored to the second, as periods typed in /newtask always were (23:59:59).
  const period = { start: v.start.toJSDate(), end: v.end.set({ millisecond: 0 }).toJSDate() };
  return { ok: true, period, value: v, ...(v.startLunar ? { startLunar: v.startLunar } : {}), ...(v.endLunar ? { endLunar: v.endLunar } : {}) };
}

/**
 * "từ ngày 23/07/2026 đến hết ngày 27/07/2026", with times where the period has them (leaders read
 * a task's period with weekdays and lunar dates: formatTaskPeriod in date-format.ts).
 */
export function formatPeriod(p: TaskPeriod, zone: string, t: Translate): string {
  const s = DateTime.fromJSDate(p.start, { zone });
  const e = DateTime.fromJSDate(p.end, { zone });
  const date = (d: DateTime) => d.toFormat('dd/MM/yyyy');
  const from = s.equals(s.startOf('day')) ? t('cal-period-from-day', { date: date(s) }) : t('cal-period-from-time', { date: date(s), time: s.toFormat('HH:mm') });
  const to = e.toFormat('HH:mm:ss') === '23:59:59' ? t('cal-period-to-day-end', { date: date(e) }) : t('cal-period-to-time', { date: date(e), time: e.toFormat('HH:mm') });
  return `${from} ${to}`;
}

/** Why a typed period was refused, in words the user can act on. */
export function explainPeriodInput(result: Extract<PeriodInput, { ok: false }>, zone: string, t: Translate): string {
  switch (result.reason) {
    case 'format':
      return result.part ? `${t('cal-err-unread', { part: result.part.slice(0, 60) })} ${t('cal-err-period-format')}` : t('cal-err-period-format');
    case 'backwards':
      return t('cal-err-period-backwards');
    case 'over':
      return t('cal-err-period-over', { date: result.detail?.resolved ? DateTime.fromJSDate(result.detail.resolved, { zone }).toFormat('dd/MM/yyyy HH:mm') : '' });
    default:
      return explainDateInput(result, zone, t);
  }
}

/** "Gợi ý thời gian treo cờ dịp Quốc khánh: từ ngày 31/08/2026 đến hết ngày 02/09/2026. …" */
export function formatFlagWindow(id: HolidayId, year: number, zone: string, t: Translate): string {
  const w = flagWindow(id, year, zone);
  return t('cal-flag-window', { holiday: t(holiday(id).nameKey), period: formatPeriod(w, zone, t) });
}
