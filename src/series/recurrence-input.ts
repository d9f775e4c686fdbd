import { isValidRecurrence, type Recurrence } from '../calendar/recurrence.rules.js';
import { isValidTime, MONTH_PATTERN, monthOf, normalizeDateText, splitTime, WEEKDAY_PATTERN, weekdayOf, type LocalTime } from '../calendar/date-words.js';
import { DEFAULT_DUE_HOUR } from '../core/local-date.js';
import type { Translate } from '../telegram/context.js';

export type RecurrenceInput = { ok: true; recurrence: Recurrence } | { ok: false; reason: 'format' | 'invalid' };

const FREQUENCY = /\b(?:hang|moi) (tuan|thang|nam)\b/;
const FILLER = /\b(?:vao|cac|cua|luc)\b/g;
const WEEKDAY = new RegExp(`^(?:ngay )?(${WEEKDAY_PATTERN})$`);
const LAST_WEEKDAY = new RegExp(`^(?:ngay )?(${WEEKDAY_PATTERN}) cuoi(?: cung)? thang$`);
const MONTH_DAY = /^(?:ngay |mung )?(\d{1,2})$/;
const MONTH_LAST_DAY = /^(?:ngay )?cuoi thang$/;
const SOLAR_DATES = /^(?:ngay )?(\d{1,2}\/\d{1,2}(?:(?: va | |, ?)\d{1,2}\/\d{1,2})*)$/;
const LUNAR_DATE = new RegExp(`^(?:ngay |mung )?(?:(\\d{1,2})\\/(\\d{1,2})|(ram|\\d{1,2}) thang (${MONTH_PATTERN})) ?(am lich|al)?$`);

const DAYS_IN_MONTH = [31, 29, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];

const compact = (s: string) => s.replace(FILLER, ' ').replace(/\s+/g, ' ').trim();

function weekly(words: string, time: LocalTime): Recurrence | null {
  const m = WEEKDAY.exec(words);
  const weekday = m ? weekdayOf(m[1] ?? '') : null;
  return weekday ? { kind: 'weekly', weekday, time } : null;
}

function monthly(words: string, time: LocalTime): Recurrence | null {
  const last = LAST_WEEKDAY.exec(words);
  const weekday = last ? weekdayOf(last[1] ?? '') : null;
  if (weekday) return { kind: 'monthly-last-weekday', weekday, time };
  if (MONTH_LAST_DAY.test(words)) return { kind: 'monthly-day', day: 31, time };
  const day = MONTH_DAY.exec(words);
  return day ? { kind: 'monthly-day', day: Number(day[1]), time } : null;
}

function yearly(words: string, time: LocalTime): Recurrence | null {
  const lunar = LUNAR_DATE.exec(words);
  const namedLunarMonth = lunar?.[4] === 'gieng' || lunar?.[4] === 'chap' || lunar?.[3] === 'ram';
  if (lunar && (lunar[5] || namedLunarMonth)) {
    const day = lunar[1] ?? (lunar[3] === 'ram' ? '15' : lunar[3]);
    const month = lunar[2] ?? String(monthOf(lunar[4] ?? ''));
    return { kind: 'yearly-lunar', month: Number(month), day: Number(day), time };
  }
  const solar = SOLAR_DATES.exec(words);
  if (!solar) return null;
  const dates = (solar[1] ?? '').split(/ va |, ?| /).map((d) => {
    const [day = 0, month = 0] = d.split('/').map(Number);
    return { month, day };
  });
  // 29/2 is kept (the rules put it on 28/2 in common years); 31/4 or 30/2 never exist.
  if (dates.some((d) => d.month < 1 || d.month > 12 || d.day > (DAYS_IN_MONTH[d.month - 1] ?? 0))) return { kind: 'yearly', dates: [], time };
  return { kind: 'yearly', dates, time };
}

/**
 * Reads how a task repeats, as officials say it: "Chủ nhật hằng tuần", "ngày 15 hằng tháng",
 * "Chủ nhật cuối tháng", "30/4 và 2/9 hằng năm", "10/3 âm lịch hằng năm", "rằm tháng Giêng hằng
 * năm", each with an optional time (else 17:00). "Chủ nhật cuối tháng" needs no "hằng tháng".
 */
export function parseRecurrenceInput(text: string): RecurrenceInput {
  const { words: raw, time: typed } = splitTime(normalizeDateText(text));
  if (typed && !isValidTime(typed)) return { ok: false, reason: 'invalid' };
  const time = typed ?? { hour: DEFAULT_DUE_HOUR, minute: 0 };
  const freq = FREQUENCY.exec(raw)?.[1] ?? (/cuoi(?: cung)? thang$/.test(raw) ? 'thang' : null);
  const words = compact(raw.replace(FREQUENCY, ' ').replace(/,\s*$/, ''));
  const r = freq === 'tuan' ? weekly(words, time) : freq === 'thang' ? monthly(words, time) : freq === 'nam' ? yearly(words, time) : null;
  if (!r) return { ok: false, reason: 'format' };
  return isValidRecurrence(r) ? { ok: true, recurrence: r } : { ok: false, reason: 'invalid' };
}

/** How many days before its due day an occurrence is created (and announced). */
export function defaultLeadDays(r: Recurrence): number {
  return r.kind === 'weekly' ? 2 : r.kind === 'monthly-day' || r.kind === 'monthly-last-weekday' ? 3 : 5;
}

const hhmm = (t: LocalTime) => `${String(t.hour).padStart(2, '0')}:${String(t.minute).padStart(2, '0')}`;

/** "Chủ nhật hằng tuần, hạn 17:00" and the like, in the reader's language. */
export function formatRecurrence(r: Recurrence, t: Translate): string {
  const time = hhmm(r.time);
  switch (r.kind) {
    case 'weekly':
      return t('series-rule-weekly', { weekday: t(`cal-weekday-${r.weekday}`), time });
    case 'monthly-day':
      return r.day === 31 ? t('series-rule-month-end', { time }) : t('series-rule-monthly', { day: r.day, time });
    case 'monthly-last-weekday':
      return t('series-rule-last-weekday', { weekday: t(`cal-weekday-${r.weekday}`), time });
    case 'yearly':
      return t('series-rule-yearly', { dates: r.dates.map((d) => `${d.day}/${d.month}`).join(', '), time });
    case 'yearly-lunar':
      return t('series-rule-yearly-lunar', { day: r.day, month: r.month, time });
  }
}
