import { DateTime } from 'luxon';

/**
 * Dates for the examples in prompts, worked out from today so no prompt ever shows last year:
 * a deadline two weeks ahead, an event ten days ahead, a campaign from this month to three months on.
 */
export function exampleDates(now: Date, zone: string): Record<string, string> {
  const today = DateTime.fromJSDate(now, { zone }).startOf('day');
  const due = today.plus({ days: 14 });
  const event = today.plus({ days: 10 });
  const last = today.plus({ months: 3 }).endOf('month');
  return {
    exDay: due.toFormat('d/M'),
    exDate: due.toFormat('dd/MM/yyyy'),
    exEventDay: event.toFormat('d/M'),
    exEventDate: event.toFormat('dd/MM/yyyy'),
    exMonthFrom: today.toFormat('MM/yyyy'),
    exMonthTo: last.toFormat('MM/yyyy'),
    exDayFrom: today.startOf('month').toFormat('dd/MM/yyyy'),
    exDayTo: last.toFormat('dd/MM/yyyy'),
  };
}
