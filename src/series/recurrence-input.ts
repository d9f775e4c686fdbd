import type { Recurrence } from '../calendar/recurrence.rules.js';
import type { LocalTime } from '../calendar/when-tokens.js';
import type { Translate } from '../telegram/context.js';

export { parseRecurrence as parseRecurrenceInput, type RecurrenceInput } from '../calendar/when-recurrence.js';

/** How many days before its due day an occurrence is created (and announced). */
export function defaultLeadDays(r: Recurrence): number {
  return r.kind === 'weekly' ? 2 : r.kind === 'monthly-day' || r.kind === 'monthly-last-weekday' || r.kind === 'monthly-lunar' ? 3 : 5;
}

const hhmm = (t: LocalTime) => `${String(t.hour).padStart(2, '0')}:${String(t.minute).padStart(2, '0')}`;

/** "Chủ nhật hằng tuần, hạn 17:00" and the like, in the reader's language. */
export function formatRecurrence(r: Recurrence, t: Translate): string {
  const time = hhmm(r.time);
  switch (r.kind) {
    case 'weekly':
      return t('series-rule-weekly', { weekday: t(`cal-weekday-${r.weekday}`), time });
    case 'monthly-lunar':
      return t('series-rule-monthly-lunar', { days: r.days.map((d) => (d === 15 ? t('series-full-moon') : t('series-lunar-day', { day: d }))).join(t('series-and')), time });
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
