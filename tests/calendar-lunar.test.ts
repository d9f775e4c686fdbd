import { describe, expect, it } from 'vitest';
import { leapMonthOf, lunarMonthLength, lunarToSolar, solarToLunar, type SolarDate } from '../src/calendar/lunar.js';

/*
 * Every expected date below was checked two ways, independently of this module:
 * 1. published dates (Tết, Giỗ Tổ, Trung thu, leap months as printed in Vietnamese calendars);
 * 2. a separate computation with the astronomy-engine ephemeris (true new moons and solar terms,
 *    proper ΔT) applying the calendar rules at UTC+7, over every day from 1900 to 2100. It agrees
 *    with this module on every day except two cases where the event falls within a minute of local
 *    midnight (the 1938 equinox at 00:00:01, the new moon of 2072-12-09 at 23:59:22); those are
 *    left out. Years marked CN differ from the Chinese calendar (UTC+8), which is why we do not
 *    use a Chinese-calendar package.
 */
const dmy = (s: string): SolarDate => {
  const [day, month, year] = s.split('/').map(Number) as [number, number, number];
  return { year, month, day };
};
const show = (d: SolarDate | null) =>
  d ? `${String(d.day).padStart(2, '0')}/${String(d.month).padStart(2, '0')}/${d.year}` : null;

describe('Tết Nguyên đán (mùng 1 tháng Giêng)', () => {
  it.each([
    [1900, '31/01/1900'],
    [1910, '10/02/1910'],
    [1920, '20/02/1920'],
    [1930, '30/01/1930'],
    [1945, '13/02/1945'],
    [1954, '03/02/1954'],
    [1960, '28/01/1960'],
    [1968, '29/01/1968'], // CN 30/01: the North moved to UTC+7 for this Tết
    [1975, '11/02/1975'],
    [1985, '21/01/1985'], // CN 20/02
    [1990, '27/01/1990'],
    [1999, '16/02/1999'],
    [2000, '05/02/2000'],
    [2007, '17/02/2007'], // CN 18/02
    [2010, '14/02/2010'],
    [2015, '19/02/2015'],
    [2020, '25/01/2020'],
    [2021, '12/02/2021'],
    [2022, '01/02/2022'],
    [2023, '22/01/2023'],
    [2024, '10/02/2024'],
    [2025, '29/01/2025'],
    [2026, '17/02/2026'],
    [2027, '06/02/2027'],
    [2030, '02/02/2030'], // CN 03/02
    [2050, '23/01/2050'],
    [2100, '09/02/2100'],
  ])('when the lunar year %i begins, then Tết is %s both ways', (year, solar) => {
    expect(show(lunarToSolar({ year, month: 1, day: 1, leap: false }))).toBe(solar);
    expect(solarToLunar(dmy(solar))).toEqual({ year, month: 1, day: 1, leap: false });
  });
});

describe('leap months (tháng nhuận)', () => {
  it.each([
    [1985, 2, '21/03/1985'],
    [2001, 4, '23/05/2001'],
    [2004, 2, '21/03/2004'],
    [2012, 4, '21/05/2012'],
    [2017, 6, '23/07/2017'],
    [2020, 4, '23/05/2020'],
    [2023, 2, '22/03/2023'],
    [2025, 6, '25/07/2025'],
    [2028, 5, '23/06/2028'],
    [2031, 3, '21/04/2031'],
    [2033, 11, '22/12/2033'],
  ])('when the year %i is asked, then its leap month is %i, starting %s', (year, month, start) => {
    expect(leapMonthOf(year)).toBe(month);
    expect(show(lunarToSolar({ year, month, day: 1, leap: true }))).toBe(start);
    expect(solarToLunar(dmy(start))).toEqual({ year, month, day: 1, leap: true });
  });

  it.each([2024, 2026, 2027, 2030])('when the year %i is asked, then it has no leap month', (year) => {
    expect(leapMonthOf(year)).toBeNull();
  });
});

describe('days people look up', () => {
  it.each([
    ['Giỗ Tổ 2023', { year: 2023, month: 3, day: 10 }, '29/04/2023'],
    ['Giỗ Tổ 2024', { year: 2024, month: 3, day: 10 }, '18/04/2024'],
    ['Giỗ Tổ 2025', { year: 2025, month: 3, day: 10 }, '07/04/2025'],
    ['Giỗ Tổ 2026', { year: 2026, month: 3, day: 10 }, '26/04/2026'],
    ['Giỗ Tổ 2027', { year: 2027, month: 3, day: 10 }, '16/04/2027'],
    ['rằm tháng Giêng 2025', { year: 2025, month: 1, day: 15 }, '12/02/2025'],
    ['rằm tháng Giêng 2026', { year: 2026, month: 1, day: 15 }, '03/03/2026'],
    ['Trung thu 2024', { year: 2024, month: 8, day: 15 }, '17/09/2024'],
    ['Trung thu 2025', { year: 2025, month: 8, day: 15 }, '06/10/2025'],
    ['the month after the leap 6 of 2025', { year: 2025, month: 7, day: 1 }, '23/08/2025'],
  ])('when %s is converted, then it is %s', (_name, lunar, solar) => {
    expect(show(lunarToSolar({ ...lunar, leap: false }))).toBe(solar);
    expect(solarToLunar(dmy(solar))).toEqual({ ...lunar, leap: false });
  });

  it('when the last day of a solar year falls in lunar month 11 or 12, then it belongs to that lunar year', () => {
    expect(solarToLunar(dmy('31/12/2025'))).toEqual({ year: 2025, month: 11, day: 12, leap: false });
    expect(solarToLunar(dmy('16/02/2026'))).toEqual({ year: 2025, month: 12, day: 29, leap: false });
  });
});

describe('impossible lunar dates', () => {
  it.each([
    ['a leap month the year does not have', { year: 2026, month: 3, day: 1, leap: true }],
    ['a leap month in the wrong month', { year: 2025, month: 5, day: 1, leap: true }],
    ['day 30 of a 29-day month (tháng 2/2026)', { year: 2026, month: 2, day: 30, leap: false }],
    ['day 31', { year: 2026, month: 1, day: 31, leap: false }],
    ['month 13', { year: 2026, month: 13, day: 1, leap: false }],
  ])('when %s is asked, then there is no solar date', (_name, lunar) => {
    expect(lunarToSolar(lunar)).toBeNull();
  });

  it('when a month has 29 or 30 days, then its length says so', () => {
    expect(lunarMonthLength(2026, 2)).toBe(29);
    expect(lunarMonthLength(2027, 2)).toBe(30);
    expect(lunarMonthLength(2026, 2, true)).toBeNull();
  });

  it('when a year outside 1900–2100 is asked, then it is refused loudly', () => {
    expect(() => solarToLunar({ year: 2101, month: 1, day: 1 })).toThrow(RangeError);
  });
});

describe('round trips', () => {
  it('when every day of 1900–2100 (sampled every 7 days) goes to lunar and back, then it is the same day', () => {
    const start = Date.UTC(1900, 0, 1);
    const end = Date.UTC(2100, 11, 31);
    let checked = 0;
    for (let t = start; t <= end; t += 7 * 86_400_000) {
      const d = new Date(t);
      const solar = { year: d.getUTCFullYear(), month: d.getUTCMonth() + 1, day: d.getUTCDate() };
      expect(lunarToSolar(solarToLunar(solar))).toEqual(solar);
      checked++;
    }
    expect(checked).toBeGreaterThan(10_000);
  });

  it('when the true new moon runs late against the mean one (07/05/2054), then the day is still day 30, not 0', () => {
    expect(solarToLunar(dmy('07/05/2054'))).toEqual({ year: 2054, month: 3, day: 30, leap: false });
    expect(solarToLunar(dmy('09/04/2062')).day).toBeGreaterThan(0);
  });
});
