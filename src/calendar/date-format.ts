import { DateTime } from 'luxon';
import type { Translate } from '../telegram/context.js';
import type { DateInput } from './date-input.js';
import type { LunarDate } from './lunar.js';

/** "ngày 10 tháng 3 năm 2026 âm lịch" (with "nhuận" for a leap month). Years go as text: Fluent would print 2.026. */
export function formatLunar(l: LunarDate, t: Translate): string {
  return t(l.leap ? 'cal-lunar-date-leap' : 'cal-lunar-date', { day: l.day, month: l.month, year: String(l.year) });
}

/** "Chủ nhật, 26/04/2026 17:00": the weekday helps people catch a wrong date. */
export function formatDay(at: Date, zone: string, t: Translate, format = 'dd/MM/yyyy HH:mm'): string {
  const local = DateTime.fromJSDate(at, { zone });
  return t('cal-resolved', { weekday: t(`cal-weekday-${local.weekday}`), date: local.toFormat(format) });
}

/** The preview of a resolved date: weekday, dd/MM/yyyy HH:mm, and the lunar date when the input was lunar. */
export function formatResolved(result: { at: Date; lunar?: LunarDate }, zone: string, t: Translate): string {
  const day = formatDay(result.at, zone, t);
  return result.lunar ? t('cal-resolved-lunar', { day, lunar: formatLunar(result.lunar, t) }) : day;
}

/** Why a typed date was refused, in words the user can act on. */
export function explainDateInput(result: Extract<DateInput, { ok: false }>, zone: string, t: Translate): string {
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
      return d?.resolved ? t('cal-err-past', { date: formatDay(d.resolved, zone, t) }) : t('cal-err-past-plain');
    case 'ambiguous':
      return t('cal-err-ambiguous');
    case 'out-of-range':
      return t('cal-err-out-of-range');
    case 'format':
      return t('cal-err-format');
  }
}
