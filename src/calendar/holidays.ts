import { DateTime } from 'luxon';
import { foldVietnamese } from '../core/fold.js';
import { lunarToSolar, solarToLunar, type SolarDate } from './lunar.js';

export const HOLIDAY_IDS = [
  'new-year', 'tet', 'hung-kings', 'reunification', 'labour-day', 'national-day',
  'party-founding', 'ho-chi-minh-birthday', 'war-invalids', 'august-revolution', 'army-day',
  'womens-day', 'youth-union', 'children-day', 'mid-autumn', 'vietnamese-womens-day', 'great-unity', 'teachers-day',
] as const;
export type HolidayId = (typeof HOLIDAY_IDS)[number];

/** A holiday or commemoration the bot knows; `nameKey` is its name in the locale files. */
export interface Holiday {
  id: HolidayId;
  nameKey: string;
  calendar: 'solar' | 'lunar';
  month: number;
  day: number;
  /** A public day off (ngày nghỉ lễ) rather than a commemoration only. */
  dayOff: boolean;
  /** Folded phrases that name it in a task title, most specific first. */
  aliases: readonly string[];
  /** Suggested flag window: from `flagDaysBefore` days before the first day to the end of the last day. */
  flagDaysBefore: number;
}

const h = (id: HolidayId, calendar: Holiday['calendar'], day: number, month: number, dayOff: boolean, flagDaysBefore: number, aliases: string[]): Holiday =>
  ({ id, nameKey: `cal-holiday-${id}`, calendar, month, day, dayOff, flagDaysBefore, aliases });

/*
 * The flag windows are suggestions for the admin to confirm, modelled on local notices (27/7:
 * "từ ngày 23/7 đến hết ngày 27/7"); each year's official notice may differ.
 */
export const HOLIDAYS: readonly Holiday[] = [
  h('new-year', 'solar', 1, 1, true, 1, ['tet duong lich', 'tet tay', 'nam moi']),
  h('tet', 'lunar', 1, 1, true, 2, ['tet nguyen dan', 'tet am lich', 'tet co truyen', 'tet']),
  h('hung-kings', 'lunar', 10, 3, true, 1, ['gio to hung vuong', 'gio to', 'hung vuong']),
  h('reunification', 'solar', 30, 4, true, 1, ['giai phong mien nam', 'thong nhat dat nuoc', 'ngay thong nhat']),
  h('labour-day', 'solar', 1, 5, true, 2, ['quoc te lao dong']),
  h('national-day', 'solar', 2, 9, true, 1, ['quoc khanh']),
  h('party-founding', 'solar', 3, 2, false, 1, ['thanh lap dang']),
  h('ho-chi-minh-birthday', 'solar', 19, 5, false, 1, ['ngay sinh chu tich ho chi minh', 'ngay sinh bac', 'sinh nhat bac']),
  h('war-invalids', 'solar', 27, 7, false, 4, ['thuong binh liet si']),
  h('august-revolution', 'solar', 19, 8, false, 1, ['cach mang thang tam', 'cach mang thang 8']),
  h('army-day', 'solar', 22, 12, false, 1, ['quan doi nhan dan', 'quoc phong toan dan']),
  // Days a commune marks with activities rather than flags everywhere (issue 19).
  h('womens-day', 'solar', 8, 3, false, 0, ['quoc te phu nu', 'ngay phu nu quoc te']),
  h('youth-union', 'solar', 26, 3, false, 0, ['thanh lap doan', 'thanh lap doan thanh nien']),
  h('children-day', 'solar', 1, 6, false, 0, ['quoc te thieu nhi', 'tet thieu nhi']),
  h('mid-autumn', 'lunar', 15, 8, false, 0, ['tet trung thu', 'trung thu']),
  h('vietnamese-womens-day', 'solar', 20, 10, false, 0, ['phu nu viet nam', 'thanh lap hoi lien hiep phu nu']),
  h('great-unity', 'solar', 18, 11, false, 1, ['ngay hoi dai doan ket toan dan toc', 'dai doan ket toan dan toc', 'ngay hoi dai doan ket']),
  h('teachers-day', 'solar', 20, 11, false, 0, ['nha giao viet nam', 'ngay nha giao']),
];

export function holiday(id: HolidayId): Holiday {
  const found = HOLIDAYS.find((x) => x.id === id);
  if (!found) throw new Error(`unknown holiday ${id}`);
  return found;
}

const toIso = (d: SolarDate) => DateTime.fromObject(d).toISODate() ?? '';
const plusDays = (d: SolarDate, n: number): SolarDate => {
  const dt = DateTime.fromObject(d, { zone: 'UTC' }).plus({ days: n });
  return { year: dt.year, month: dt.month, day: dt.day };
};

/**
 * The second day of Quốc khánh: the Labour Code (2019, art. 112) gives 2/9 and "one day next to
 * it", chosen each year by the Prime Minister. This suggests the one that joins a weekend, which
 * is what was chosen for 2021–2025; the admin confirms it.
 */
export function nationalDayAdjacent(year: number): SolarDate {
  const weekday = DateTime.fromObject({ year, month: 9, day: 2 }).weekday;
  const after = weekday === 1 || weekday === 4 || weekday === 7;
  return { year, month: 9, day: after ? 3 : 1 };
}

/** The main day of a holiday in solar year `year` (2/9 itself, mùng 1 Tết). */
export function holidayDate(id: HolidayId, year: number): SolarDate {
  const x = holiday(id);
  if (x.calendar === 'solar') return { year, month: x.month, day: x.day };
  const day = lunarToSolar({ year, month: x.month, day: x.day, leap: false });
  if (!day) throw new RangeError(`no ${id} in ${year}`);
  return day;
}

/** The days of a holiday that fall in (or, for Tết, begin in) solar year `year`, in order. */
export function holidayDays(id: HolidayId, year: number): [SolarDate, ...SolarDate[]] {
  const main = holidayDate(id, year);
  if (id === 'tet') return [main, plusDays(main, 1), plusDays(main, 2)];
  if (id === 'national-day') {
    const extra = nationalDayAdjacent(year);
    return extra.day < 2 ? [extra, main] : [main, extra];
  }
  return [main];
}

/** The first coming main day of a holiday on or after the local day of `now`. */
export function nextHolidayDate(id: HolidayId, now: Date, zone: string): SolarDate {
  const today = DateTime.fromJSDate(now, { zone }).toISODate() ?? '';
  const year = DateTime.fromJSDate(now, { zone }).year;
  const thisYear = holidayDate(id, year);
  return toIso(thisYear) >= today ? thisYear : holidayDate(id, year + 1);
}

/** A suggested period: from the start of the first local day to the end of the last one. */
export interface FlagWindow {
  start: Date;
  end: Date;
  firstDay: SolarDate;
  lastDay: SolarDate;
}

/** The suggested flag-hanging window for a holiday in solar year `year`. */
export function flagWindow(id: HolidayId, year: number, zone: string): FlagWindow {
  const days = holidayDays(id, year);
  const firstDay = plusDays(days[0], -holiday(id).flagDaysBefore);
  const lastDay = days.at(-1) ?? days[0];
  return {
    firstDay,
    lastDay,
    start: DateTime.fromObject(firstDay, { zone }).startOf('day').toJSDate(),
    end: DateTime.fromObject(lastDay, { zone }).endOf('day').toJSDate(),
  };
}

/** The holiday a whole phrase names ("Tết", "dịp Quốc khánh", "ngày Giỗ Tổ"), for date input. */
export function holidayNamed(phrase: string): Holiday | null {
  const folded = foldVietnamese(phrase).replace(/^(?:ngay |dip |le )+/, '');
  return HOLIDAYS.find((x) => x.aliases.includes(folded)) ?? null;
}

/** True on mùng 1–3 Tết, local time: reminders and the digest wait (issue 11). */
export function isTetQuiet(at: Date, zone: string): boolean {
  const local = DateTime.fromJSDate(at, { zone });
  const lunar = solarToLunar({ year: local.year, month: local.month, day: local.day });
  return lunar.month === 1 && !lunar.leap && lunar.day <= 3;
}

/** When something held back by Tết may go: `at` itself, or mùng 4 at `resume` local time (07:00). */
export function nextSendableAfterTet(at: Date, zone: string, resume = { hour: 7, minute: 0 }): Date {
  if (!isTetQuiet(at, zone)) return at;
  const local = DateTime.fromJSDate(at, { zone });
  const lunarDay = solarToLunar({ year: local.year, month: local.month, day: local.day }).day;
  return local.plus({ days: 4 - lunarDay }).set({ ...resume, second: 0, millisecond: 0 }).toJSDate();
}
