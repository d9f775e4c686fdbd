import { DateTime } from 'luxon';
import { describe, expect, it } from 'vitest';
import type { Recurrence } from '../src/calendar/recurrence.rules.js';
import { parseRecurrenceInput } from '../src/series/recurrence-input.js';
import { occurrencesToCreate, opensAt, type SeriesTimes, upcomingOccurrence } from '../src/series/series.rules.js';
import { local } from './support/clock.js';

const zone = 'Asia/Ho_Chi_Minh';
const fmt = (d: Date) => DateTime.fromJSDate(d, { zone }).toFormat('dd/MM/yyyy HH:mm');
const at17 = { hour: 17, minute: 0 };

describe('reading how a task repeats', () => {
  const cases: [string, Recurrence][] = [
    ['Chủ nhật hằng tuần', { kind: 'weekly', weekday: 7, time: at17 }],
    ['chu nhat hang tuan', { kind: 'weekly', weekday: 7, time: at17 }],
    ['hằng tuần vào thứ Bảy 7:30', { kind: 'weekly', weekday: 6, time: { hour: 7, minute: 30 } }],
    ['Thứ 2 mỗi tuần lúc 08h00', { kind: 'weekly', weekday: 1, time: { hour: 8, minute: 0 } }],
    ['ngày 15 hằng tháng', { kind: 'monthly-day', day: 15, time: at17 }],
    ['hàng tháng vào ngày 5 16:00', { kind: 'monthly-day', day: 5, time: { hour: 16, minute: 0 } }],
    ['ngày cuối tháng hằng tháng', { kind: 'monthly-day', day: 31, time: at17 }],
    ['Chủ nhật cuối tháng', { kind: 'monthly-last-weekday', weekday: 7, time: at17 }],
    ['Chủ nhật cuối cùng của tháng hằng tháng', { kind: 'monthly-last-weekday', weekday: 7, time: at17 }],
    ['30/4 và 2/9 hằng năm', { kind: 'yearly', dates: [{ month: 4, day: 30 }, { month: 9, day: 2 }], time: at17 }],
    ['hằng năm ngày 30/4, 2/9 07:00', { kind: 'yearly', dates: [{ month: 4, day: 30 }, { month: 9, day: 2 }], time: { hour: 7, minute: 0 } }],
    ['10/3 âm lịch hằng năm', { kind: 'yearly-lunar', month: 3, day: 10, time: at17 }],
    ['mùng 10 tháng 3 âm lịch hằng năm', { kind: 'yearly-lunar', month: 3, day: 10, time: at17 }],
    ['rằm tháng Giêng hằng năm', { kind: 'yearly-lunar', month: 1, day: 15, time: at17 }],
  ];
  it.each(cases)('when the admin types "%s", then it is read as the rule', (text, rule) => {
    expect(parseRecurrenceInput(text)).toEqual({ ok: true, recurrence: rule });
  });

  it.each([
    ['ngày 32 hằng tháng', 'invalid'],
    ['31/2 hằng năm', 'invalid'],
    ['Chủ nhật hằng tuần 25:00', 'invalid'],
    ['Chủ nhật', 'format'],
    ['thỉnh thoảng', 'format'],
    ['14/6', 'format'],
  ])('when the admin types "%s", then it is refused (%s), not guessed', (text, reason) => {
    expect(parseRecurrenceInput(text)).toEqual({ ok: false, reason });
  });
});

const weekly: Recurrence = { kind: 'weekly', weekday: 7, time: at17 };
const series = (over: Partial<SeriesTimes> = {}): SeriesTimes => ({
  recurrence: weekly,
  leadDays: 2,
  status: 'active',
  createdAt: local('01/06/2026 09:00'),
  lastDueAt: null,
  ...over,
});

describe('which occurrences must exist', () => {
  it('when a weekly Sunday 17:00 series has a lead of 2 days, then each round opens on Friday 08:00', () => {
    expect(fmt(opensAt({ date: '2026-06-07', dueAt: local('07/06/2026 17:00') }, 2, zone))).toBe('05/06/2026 08:00');
    expect(fmt(opensAt({ date: '2026-06-07', dueAt: local('07/06/2026 07:30') }, 0, zone))).toBe('07/06/2026 06:30');
  });

  it.each([
    ['05/06/2026 07:59', null, []],
    ['05/06/2026 08:00', null, ['2026-06-07']],
    ['07/06/2026 16:59', null, ['2026-06-07']],
    ['07/06/2026 12:00', '07/06/2026 17:00', []],
    ['12/06/2026 08:00', '07/06/2026 17:00', ['2026-06-14']],
    // Down over a whole round: the missed one is not made late, the next opens as usual.
    ['13/06/2026 10:00', null, ['2026-06-14']],
    ['15/06/2026 10:00', '07/06/2026 17:00', []],
  ])('when it is %s and the latest round was due %s, then these must exist: %j', (now, last, expected) => {
    const made = occurrencesToCreate(series({ lastDueAt: last ? local(last) : null }), local(now), zone);
    expect(made.map((o) => o.date)).toEqual(expected);
  });

  it('when the series is paused or ended, then nothing is made', () => {
    expect(occurrencesToCreate(series({ status: 'paused' }), local('05/06/2026 08:00'), zone)).toEqual([]);
    expect(occurrencesToCreate(series({ status: 'ended' }), local('05/06/2026 08:00'), zone)).toEqual([]);
  });

  it('when the rule changes from Sunday to Saturday after Sunday 14/06 was made, then the next round is Saturday 20/06, not 13/06', () => {
    const saturday: Recurrence = { kind: 'weekly', weekday: 6, time: at17 };
    const s = series({ recurrence: saturday, lastDueAt: local('14/06/2026 17:00') });
    expect(occurrencesToCreate(s, local('12/06/2026 09:00'), zone)).toEqual([]);
    expect(upcomingOccurrence(s, local('12/06/2026 09:00'), zone)?.date).toBe('2026-06-20');
    expect(occurrencesToCreate(s, local('18/06/2026 08:00'), zone).map((o) => o.date)).toEqual(['2026-06-20']);
  });

  it('when "Chủ nhật cuối tháng" runs from December into January, then it makes 27/12/2026, then 31/01/2027', () => {
    const lastSunday: Recurrence = { kind: 'monthly-last-weekday', weekday: 7, time: at17 };
    const s = series({ recurrence: lastSunday, leadDays: 3, createdAt: local('20/12/2026 09:00') });
    expect(occurrencesToCreate(s, local('24/12/2026 08:00'), zone).map((o) => o.date)).toEqual(['2026-12-27']);
    const after = { ...s, lastDueAt: local('27/12/2026 17:00') };
    expect(occurrencesToCreate(after, local('27/01/2027 07:59'), zone)).toEqual([]);
    expect(occurrencesToCreate(after, local('28/01/2027 08:00'), zone).map((o) => fmt(o.dueAt))).toEqual(['31/01/2027 17:00']);
  });

  it('when a paused series is asked for its next round, then it still says which; an ended one has none', () => {
    expect(upcomingOccurrence(series({ status: 'paused' }), local('01/06/2026 09:00'), zone)?.date).toBe('2026-06-07');
    expect(upcomingOccurrence(series({ status: 'ended' }), local('01/06/2026 09:00'), zone)).toBeNull();
  });
});
