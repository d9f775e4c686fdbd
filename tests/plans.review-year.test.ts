import { DateTime } from 'luxon';
import { describe, expect, it } from 'vitest';
import type { DraftItem, PlanPeriod } from '../src/plans/plan-types.js';
import { inYear, nextYearFor } from '../src/plans/plans.review.js';
import { local, read, zone } from './support/plan-reading.js';

/**
 * "Dùng năm …" in the plan review moves a past item to another year. Expected dates are from
 * published calendars, not from src/calendar/lunar.ts: Giỗ Tổ (10/3 âm lịch) is 26/04/2026,
 * 16/04/2027 and 04/04/2028; lunar month 3 of 2026 has 30 days (30/3 = 16/05/2026), of 2027 only 29
 * (29/3 = 05/05/2027, 1/4 = 06/05/2027); 2025 has a leap month 6 (10/6 nhuận = 03/08/2025), 2026 none
 * (10/6 = 23/07/2026).
 */

const at = (text: string) => DateTime.fromFormat(text, 'dd/MM/yyyy HH:mm', { zone }).toJSDate();
const notice = (when: string) => `THÔNG BÁO\nVề việc treo cờ Tổ quốc nhân dịp Giỗ Tổ Hùng Vương\nĐề nghị các thôn treo cờ Tổ quốc ${when}.`;

function itemOf(when: string): DraftItem {
  const item = read(notice(when), { year: 2026, received: '2026-03-01' }).items[0];
  if (!item) throw new Error('no item read');
  return item;
}

const gioTo = () => itemOf('ngày 10 tháng 3 âm lịch năm 2026');
const withPeriod = (item: DraftItem, period: PlanPeriod): DraftItem => ({ ...item, period });
const shown = (item: DraftItem) => item.period && [local(item.period.start), local(item.period.end), item.period.lunar ?? false];

describe('"Dùng năm …" on a period given in lunar dates', () => {
  it('when Giỗ Tổ 2026 (10/3 âm lịch) is moved to 2027, then it lands on Giỗ Tổ 2027 (16/04/2027), still marked lunar', () => {
    const item = gioTo();
    expect(shown(item)).toEqual(['26/04/2026 00:00', '26/04/2026 23:59', true]);
    expect(shown(inYear(item, 2027, zone))).toEqual(['16/04/2027 00:00', '16/04/2027 23:59', true]);
    expect(shown(inYear(item, 2028, zone))).toEqual(['04/04/2028 00:00', '04/04/2028 23:59', true]);
  });

  it('when a lunar period with times of day is moved, then each end keeps its time of day', () => {
    const item = withPeriod(gioTo(), { start: at('24/04/2026 07:30'), end: at('26/04/2026 17:00'), precision: 'day', lunar: true });
    // 8–10/3 âm lịch 2027 are 14–16/04/2027.
    expect(shown(inYear(item, 2027, zone))).toEqual(['14/04/2027 07:30', '16/04/2027 17:00', true]);
  });

  it('when the lunar day does not exist in the target year (30/3: 2027’s month 3 has 29 days), then it becomes the last day of that month', () => {
    const item = withPeriod(gioTo(), { start: at('16/05/2026 00:00'), end: at('16/05/2026 23:59'), precision: 'day', lunar: true });
    expect(shown(inYear(item, 2027, zone))).toEqual(['05/05/2027 00:00', '05/05/2027 23:59', true]);
  });

  it('when the period falls in a leap month (6 nhuận 2025) and the target year has none, then it moves to that month itself (10/6/2026)', () => {
    const item = withPeriod(gioTo(), { start: at('03/08/2025 00:00'), end: at('03/08/2025 23:59'), precision: 'day', lunar: true });
    expect(shown(inYear(item, 2026, zone))).toEqual(['23/07/2026 00:00', '23/07/2026 23:59', true]);
  });

  it('when the year offered is chosen after Giỗ Tổ 2027 but before 26/04/2027, then the next year ahead is 2028 (the solar day would wrongly say 2027)', () => {
    expect(nextYearFor(gioTo().period!, at('20/04/2027 09:00'), zone)).toBe(2028);
    expect(nextYearFor(gioTo().period!, at('10/04/2027 09:00'), zone)).toBe(2027);
  });
});

describe('"Dùng năm …" on a period given in solar dates', () => {
  it('when a solar period is moved a year, then it keeps its solar days and gets no lunar mark', () => {
    const item = itemOf('từ 7h30 ngày 23/7/2026 đến hết ngày 27/7/2026');
    expect(shown(item)).toEqual(['23/07/2026 07:30', '27/07/2026 23:59', false]);
    expect(shown(inYear(item, 2027, zone))).toEqual(['23/07/2027 07:30', '27/07/2027 23:59', false]);
  });
});
