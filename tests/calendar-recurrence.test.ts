import { DateTime } from 'luxon';
import { describe, expect, it } from 'vitest';
import { isValidRecurrence, nextOccurrence, occurrencesBetween, type Recurrence } from '../src/calendar/recurrence.rules.js';
import { local } from './support/clock.js';

const zone = 'Asia/Ho_Chi_Minh';
const fmt = (d: Date) => DateTime.fromJSDate(d, { zone }).toFormat('dd/MM/yyyy HH:mm');
const at7 = { hour: 7, minute: 0 };

describe('monthly on the last Sunday ("Chủ nhật cuối tháng")', () => {
  const lastSunday: Recurrence = { kind: 'monthly-last-weekday', weekday: 7, time: { hour: 8, minute: 0 } };

  it('when it runs from November 2026 to February 2027, then it lands on 29/11, 27/12, 31/01 and 28/02', () => {
    const dates = occurrencesBetween(lastSunday, local('01/11/2026 00:00'), local('01/03/2027 00:00'), zone);
    expect(dates.map((o) => fmt(o.dueAt))).toEqual(['29/11/2026 08:00', '27/12/2026 08:00', '31/01/2027 08:00', '28/02/2027 08:00']);
    expect(dates.map((o) => o.date)).toEqual(['2026-11-29', '2026-12-27', '2027-01-31', '2027-02-28']);
  });

  it('when each next occurrence is asked after the last one, then the series crosses the year boundary', () => {
    const first = nextOccurrence(lastSunday, local('29/11/2026 08:00'), zone);
    const second = nextOccurrence(lastSunday, first.dueAt, zone);
    expect([first.date, second.date]).toEqual(['2026-12-27', '2027-01-31']);
  });
});

describe('weekly ("Ngày Chủ nhật xanh")', () => {
  const sundays: Recurrence = { kind: 'weekly', weekday: 7, time: at7 };

  it('when three occurrences are asked from Monday 01/06/2026, then they are the next three Sundays', () => {
    const one = nextOccurrence(sundays, local('01/06/2026 09:00'), zone);
    const two = nextOccurrence(sundays, one.dueAt, zone);
    const three = nextOccurrence(sundays, two.dueAt, zone);
    expect([one, two, three].map((o) => fmt(o.dueAt))).toEqual(['07/06/2026 07:00', '14/06/2026 07:00', '21/06/2026 07:00']);
    expect(occurrencesBetween(sundays, local('01/06/2026 00:00'), local('22/06/2026 00:00'), zone)).toEqual([one, two, three]);
    expect(one.dueAt.toISOString()).toBe('2026-06-07T00:00:00.000Z');
  });

  it('when it is Sunday before or at the due time, then the next one is today or next week', () => {
    expect(nextOccurrence(sundays, local('07/06/2026 06:59'), zone).date).toBe('2026-06-07');
    expect(nextOccurrence(sundays, local('07/06/2026 07:00'), zone).date).toBe('2026-06-14');
  });

  it('when a range crosses a month end, then no Sunday is lost or doubled', () => {
    const dates = occurrencesBetween(sundays, local('20/06/2026 00:00'), local('13/07/2026 00:00'), zone).map((o) => o.date);
    expect(dates).toEqual(['2026-06-21', '2026-06-28', '2026-07-05', '2026-07-12']);
  });
});

describe('monthly on a day of the month', () => {
  it('when the day is 31, then short months use their last day (never skipped)', () => {
    const r: Recurrence = { kind: 'monthly-day', day: 31, time: at7 };
    const dates = occurrencesBetween(r, local('01/01/2027 00:00'), local('01/06/2027 00:00'), zone).map((o) => o.date);
    expect(dates).toEqual(['2027-01-31', '2027-02-28', '2027-03-31', '2027-04-30', '2027-05-31']);
  });

  it('when the day is 29 in a leap year, then February has its 29th', () => {
    const r: Recurrence = { kind: 'monthly-day', day: 29, time: at7 };
    expect(nextOccurrence(r, local('30/01/2028 00:00'), zone).date).toBe('2028-02-29');
  });
});

describe('yearly', () => {
  const flags: Recurrence = { kind: 'yearly', dates: [{ month: 9, day: 2 }, { month: 4, day: 30 }], time: at7 };

  it('when flags are due on 30/4 and 2/9 each year, then two years give four rounds in order', () => {
    const dates = occurrencesBetween(flags, local('01/01/2026 00:00'), local('01/01/2028 00:00'), zone).map((o) => fmt(o.dueAt));
    expect(dates).toEqual(['30/04/2026 07:00', '02/09/2026 07:00', '30/04/2027 07:00', '02/09/2027 07:00']);
  });

  it('when 2/9 has passed, then the next round is 30/4 of the next year', () => {
    expect(nextOccurrence(flags, local('02/09/2026 08:00'), zone).date).toBe('2027-04-30');
  });

  it('when a series is on a lunar date (Giỗ Tổ, 10/3 âm lịch), then each year lands on its solar day', () => {
    const r: Recurrence = { kind: 'yearly-lunar', month: 3, day: 10, time: at7 };
    const dates = occurrencesBetween(r, local('01/01/2026 00:00'), local('01/01/2028 00:00'), zone).map((o) => o.date);
    expect(dates).toEqual(['2026-04-26', '2027-04-16']);
  });

  it('when a lunar day 30 falls in a 29-day month, then it is that month\'s last day', () => {
    const r: Recurrence = { kind: 'yearly-lunar', month: 2, day: 30, time: at7 };
    expect(nextOccurrence(r, local('01/01/2026 00:00'), zone).date).toBe('2026-04-16');
    expect(nextOccurrence(r, local('01/01/2027 00:00'), zone).date).toBe('2027-04-06');
  });
});

describe('invalid rules', () => {
  it.each<Recurrence>([
    { kind: 'weekly', weekday: 0, time: at7 },
    { kind: 'monthly-day', day: 32, time: at7 },
    { kind: 'yearly', dates: [], time: at7 },
    { kind: 'weekly', weekday: 1, time: { hour: 24, minute: 0 } },
  ])('when the rule is %j, then it is refused', (r) => {
    expect(isValidRecurrence(r)).toBe(false);
    expect(() => nextOccurrence(r, local('01/01/2026 00:00'), zone)).toThrow(RangeError);
  });
});
