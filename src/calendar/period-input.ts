import { DateTime } from 'luxon';
import { parseDayInput, type DateInputDetail, type DateInputReason, type DayInput } from './date-input.js';
import { explainDateInput } from './date-format.js';
import { normalizeDateText, type LocalTime } from './date-words.js';
import { flagWindow, holiday, type HolidayId } from './holidays.js';
import { solarToLunar, type LunarDate } from './lunar.js';
import type { TaskPeriod } from './period.rules.js';
import type { Translate } from '../telegram/context.js';

/** DateInputReason for either end (never 'past': a running period may have started), or about the whole. */
export type PeriodInputReason = DateInputReason | 'backwards' | 'over';

export type PeriodInput =
  | { ok: true; period: TaskPeriod; startLunar?: LunarDate; endLunar?: LunarDate }
  | { ok: false; reason: PeriodInputReason; detail?: DateInputDetail };

/** What "sáng / trưa / chiều / tối ngày …" means as a start time; "chiều ngày" = 13:30. */
const PART_OF_DAY: Record<string, LocalTime> = {
  sang: { hour: 7, minute: 0 },
  trua: { hour: 11, minute: 0 },
  chieu: { hour: 13, minute: 30 },
  toi: { hour: 19, minute: 0 },
};

const PERIOD = /^(?:tu )?(?:(sang|trua|chieu|toi) )?(?:ngay )?(.+?) (?:den|toi|-|–) (?:het )?(?:ngay )?(.+)$/;

type DayHit = Extract<DayInput, { ok: true }>;

function lunarOf(d: DayHit): LunarDate | undefined {
  return d.lunar ? solarToLunar({ year: d.day.year, month: d.day.month, day: d.day.day }) : undefined;
}

/**
 * Reads a period as notices write it: "từ 23/7 đến hết 27/7", "từ chiều ngày 18/01/2026 đến hết
 * ngày 25/01/2026", "từ 28 tháng Chạp âm lịch đến hết mùng 3 Tết". The start is 00:00 unless a time
 * or part of day is given; the end is the end of its day (23:59:59) unless a time is given.
 * Without years, the end is the next one to come and the start the last one before it, so a period
 * that is already running ("từ 23/7" typed on 25/7) keeps this year's start. A period that has
 * ended, or ends before it starts, is refused.
 */
export function parsePeriodInput(text: string, now: Date, zone: string): PeriodInput {
  const m = PERIOD.exec(normalizeDateText(text));
  if (!m) return { ok: false, reason: 'format' };
  const [, part, startWords = '', endWords = ''] = m;
  const end = parseDayInput(endWords, now, zone);
  if (!end.ok) return end;
  let start = parseDayInput(startWords, now, zone);
  if (start.ok && start.day > end.day) {
    const yearBefore = end.day.minus({ years: 1 }).plus({ days: 1 }).toJSDate();
    const earlier = parseDayInput(startWords, yearBefore, zone);
    if (earlier.ok && earlier.day <= end.day) start = earlier;
  }
  if (!start.ok) return start;
  const startTime = start.time ?? (part ? PART_OF_DAY[part] : undefined) ?? { hour: 0, minute: 0 };
  const startAt = start.day.set({ ...startTime, second: 0, millisecond: 0 });
  const endAt = end.time ? end.day.set({ ...end.time, second: 0, millisecond: 0 }) : end.day.endOf('day').set({ millisecond: 0 });
  if (endAt <= startAt) return { ok: false, reason: 'backwards' };
  if (endAt.toMillis() <= now.getTime()) return { ok: false, reason: 'over', detail: { resolved: endAt.toJSDate() } };
  const period = { start: startAt.toJSDate(), end: endAt.toJSDate() };
  const startLunar = lunarOf(start);
  const endLunar = lunarOf(end);
  return { ok: true, period, ...(startLunar ? { startLunar } : {}), ...(endLunar ? { endLunar } : {}) };
}

/** "từ ngày 23/07/2026 đến hết ngày 27/07/2026", with times where the period has them. */
export function formatPeriod(p: TaskPeriod, zone: string, t: Translate): string {
  const s = DateTime.fromJSDate(p.start, { zone });
  const e = DateTime.fromJSDate(p.end, { zone });
  const from = s.equals(s.startOf('day'))
    ? t('cal-period-from-day', { date: s.toFormat('dd/MM/yyyy') })
    : t('cal-period-from-time', { date: s.toFormat('dd/MM/yyyy'), time: s.toFormat('HH:mm') });
  const to = e.toFormat('HH:mm:ss') === '23:59:59'
    ? t('cal-period-to-day-end', { date: e.toFormat('dd/MM/yyyy') })
    : t('cal-period-to-time', { date: e.toFormat('dd/MM/yyyy'), time: e.toFormat('HH:mm') });
  return `${from} ${to}`;
}

/** Why a typed period was refused, in words the user can act on. */
export function explainPeriodInput(result: Extract<PeriodInput, { ok: false }>, zone: string, t: Translate): string {
  switch (result.reason) {
    case 'format':
      return t('cal-err-period-format');
    case 'backwards':
      return t('cal-err-period-backwards');
    case 'over':
      return t('cal-err-period-over', { date: result.detail?.resolved ? DateTime.fromJSDate(result.detail.resolved, { zone }).toFormat('dd/MM/yyyy HH:mm') : '' });
    default:
      return explainDateInput({ ok: false, reason: result.reason, ...(result.detail ? { detail: result.detail } : {}) }, zone, t);
  }
}

/** "Gợi ý thời gian treo cờ dịp Quốc khánh: từ ngày 31/08/2026 đến hết ngày 02/09/2026. …" */
export function formatFlagWindow(id: HolidayId, year: number, zone: string, t: Translate): string {
  const w = flagWindow(id, year, zone);
  return t('cal-flag-window', { holiday: t(holiday(id).nameKey), period: formatPeriod(w, zone, t) });
}
