import { findHolidayInText } from '../src/calendar/holiday-in-text.js';
import { DateTime } from 'luxon';
import { describe, expect, it } from 'vitest';
import {
  flagWindow, HOLIDAYS, holidayDate, holidayDays, isTetQuiet, nationalDayAdjacent, nextHolidayDate, nextSendableAfterTet,
  type HolidayId,
} from '../src/calendar/holidays.js';
import type { SolarDate } from '../src/calendar/lunar.js';
import { local } from './support/clock.js';

const zone = 'Asia/Ho_Chi_Minh';
const show = (d: SolarDate) => DateTime.fromObject(d).toFormat('dd/MM/yyyy');
const fmt = (d: Date) => DateTime.fromJSDate(d, { zone }).toFormat('dd/MM/yyyy HH:mm:ss');

describe('holiday dates', () => {
  it.each<[HolidayId, string]>([
    ['new-year', '01/01/2026'],
    ['tet', '17/02/2026'],
    ['hung-kings', '26/04/2026'],
    ['reunification', '30/04/2026'],
    ['labour-day', '01/05/2026'],
    ['national-day', '02/09/2026'],
    ['party-founding', '03/02/2026'],
    ['ho-chi-minh-birthday', '19/05/2026'],
    ['war-invalids', '27/07/2026'],
    ['august-revolution', '19/08/2026'],
    ['army-day', '22/12/2026'],
  ])('when %s of 2026 is asked, then it is %s', (id, expected) => {
    expect(show(holidayDate(id, 2026))).toBe(expected);
  });

  it('when every holiday is listed, then each has its own locale key', () => {
    expect(new Set(HOLIDAYS.map((h) => h.nameKey)).size).toBe(18);
    expect(HOLIDAYS.every((h) => h.nameKey.startsWith('cal-holiday-'))).toBe(true);
  });

  it('when Tết 2027 is asked, then its three days are 06–08/02/2027', () => {
    expect(holidayDays('tet', 2027).map(show)).toEqual(['06/02/2027', '07/02/2027', '08/02/2027']);
  });

  it.each([
    [2021, '02/09/2021', '03/09/2021'],
    [2022, '01/09/2022', '02/09/2022'],
    [2023, '01/09/2023', '02/09/2023'],
    [2024, '02/09/2024', '03/09/2024'],
    [2025, '01/09/2025', '02/09/2025'],
  ])('when Quốc khánh %i is asked, then its two days off are the ones decided that year (%s, %s)', (year, a, b) => {
    expect(holidayDays('national-day', year).map(show)).toEqual([a, b]);
    expect([a, b]).toContain(show(nationalDayAdjacent(year)));
  });

  it('when the next Tết is asked during Tết, then it is this one; the day after it, the next year\'s', () => {
    expect(show(nextHolidayDate('tet', local('17/02/2026 20:00'), zone))).toBe('17/02/2026');
    expect(show(nextHolidayDate('tet', local('18/02/2026 00:00'), zone))).toBe('06/02/2027');
  });
});

describe('flag-hanging windows', () => {
  it('when 27/7/2025 is asked, then the window is the one of the real notice: from 23/7 to the end of 27/7', () => {
    const w = flagWindow('war-invalids', 2025, zone);
    expect([fmt(w.start), fmt(w.end)]).toEqual(['23/07/2025 00:00:00', '27/07/2025 23:59:59']);
  });

  it.each<[HolidayId, number, string, string]>([
    ['national-day', 2025, '31/08/2025', '02/09/2025'],
    ['national-day', 2024, '01/09/2024', '03/09/2024'],
    ['tet', 2027, '04/02/2027', '08/02/2027'],
    ['hung-kings', 2026, '25/04/2026', '26/04/2026'],
    ['reunification', 2026, '29/04/2026', '30/04/2026'],
    ['new-year', 2027, '31/12/2026', '01/01/2027'],
  ])('when %s %i is asked, then flags go up from %s to the end of %s', (id, year, first, last) => {
    const w = flagWindow(id, year, zone);
    expect([show(w.firstDay), show(w.lastDay)]).toEqual([first, last]);
    expect(fmt(w.start)).toBe(`${first} 00:00:00`);
    expect(fmt(w.end)).toBe(`${last} 23:59:59`);
  });
});

describe('finding the holiday in a task title', () => {
  it.each([
    ['Treo cờ dịp Quốc khánh', 'national-day'],
    ['treo co dip quoc khanh', 'national-day'],
    ['Treo cờ 30/4', 'reunification'],
    ['Treo cờ mừng Xuân, đón Tết Nguyên đán', 'tet'],
    ['Treo cờ Tết Dương lịch 2027', 'new-year'],
    ['Kỷ niệm ngày Thương binh – Liệt sĩ', 'war-invalids'],
    ['Treo cờ 27/7/2026', 'war-invalids'],
    ['Dâng hương Giỗ Tổ Hùng Vương', 'hung-kings'],
    ['Mừng Cách mạng tháng Tám và Quốc khánh 2/9', 'national-day'],
    // Issue 19: the days a commune marks that were missing.
    ['Vui Tết Trung thu cho thiếu nhi', 'mid-autumn'],
    ['Mít tinh Ngày Quốc tế Phụ nữ 8/3', 'womens-day'],
    ['Kỷ niệm ngày thành lập Đoàn 26/3', 'youth-union'],
    ['Quà Tết Thiếu nhi 1/6', 'children-day'],
    ['Gặp mặt Ngày Phụ nữ Việt Nam', 'vietnamese-womens-day'],
    ['Ngày hội Đại đoàn kết toàn dân tộc ở khu dân cư', 'great-unity'],
    ['Tri ân Ngày Nhà giáo Việt Nam 20/11', 'teachers-day'],
  ])('when the title is "%s", then the holiday is %s', (title, id) => {
    expect(findHolidayInText(title)?.id).toBe(id);
  });

  it.each(['Dọn vệ sinh khu phố', 'Hạn nộp báo cáo 14/6', 'Ngày Chủ nhật xanh', 'Thống kê 12/30 hộ', 'Phát động Tết trồng cây'])('when the title is "%s", then no holiday is found', (title) => {
    expect(findHolidayInText(title)).toBeNull();
  });
});

describe('the first three days of Tết', () => {
  it.each([
    ['05/02/2027 23:59', false],
    ['06/02/2027 00:00', true],
    ['07/02/2027 12:00', true],
    ['08/02/2027 23:59', true],
    ['09/02/2027 00:00', false],
    ['17/02/2026 08:00', true],
    ['02/09/2026 08:00', false],
  ])('when it is %s local time, then Tết quiet is %s', (at, quiet) => {
    expect(isTetQuiet(local(at), zone)).toBe(quiet);
  });

  it('when the local day has begun but UTC is still the day before, then it is already Tết', () => {
    expect(isTetQuiet(new Date('2027-02-05T17:00:00Z'), zone)).toBe(true);
    expect(isTetQuiet(new Date('2027-02-05T16:59:00Z'), zone)).toBe(false);
  });

  it.each([
    ['06/02/2027 10:00', '09/02/2027 07:00:00'],
    ['08/02/2027 21:30', '09/02/2027 07:00:00'],
    ['09/02/2027 06:00', '09/02/2027 06:00:00'],
    ['10/01/2027 09:00', '10/01/2027 09:00:00'],
  ])('when something falls due at %s, then it may go at %s', (at, expected) => {
    expect(fmt(nextSendableAfterTet(local(at), zone))).toBe(expected);
  });
});

describe('the holidays a commune marks (issue 19)', () => {
  it.each([
    ['womens-day', 2027, '2027-03-08'],
    ['youth-union', 2027, '2027-03-26'],
    ['children-day', 2027, '2027-06-01'],
    ['mid-autumn', 2026, '2026-09-25'],
    ['vietnamese-womens-day', 2026, '2026-10-20'],
    ['great-unity', 2026, '2026-11-18'],
    ['teachers-day', 2026, '2026-11-20'],
  ] as const)('when %s of %i is asked, then it falls on %s', (id, year, iso) => {
    const d = holidayDate(id, year);
    expect(`${d.year}-${String(d.month).padStart(2, '0')}-${String(d.day).padStart(2, '0')}`).toBe(iso);
  });
});
