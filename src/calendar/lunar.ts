/*
 * The Vietnamese lunisolar calendar (âm lịch), computed for UTC+7.
 *
 * Why no npm package: the maintained, widely used one (lunar-javascript) is the Chinese calendar,
 * computed for UTC+8. Vietnam has used UTC+7 since 1968, so new moons that fall between 23:00 and
 * midnight Vietnamese time start a month one day earlier here, and in some years a whole month
 * moves (Tết 1985 is 21/01/1985 in Vietnam, 20/02/1985 in China; Tết 2007 is 17/02 here, 18/02
 * there). The Vietnamese packages on npm are small, unmaintained copies of the same algorithm.
 * So this module is the published algorithm of Hồ Ngọc Đức ("Âm lịch Việt Nam", astronomical
 * formulas from Jean Meeus, Astronomical Algorithms, 1998), with our own API and range checks.
 * tests/calendar-lunar.test.ts checks it against published Tết dates and leap months.
 *
 * Limits worth knowing: UTC+7 is used for every year, as in Hồ Ngọc Đức's tables; calendars printed
 * in Vietnam before 1968 followed UTC+8 and differ in a few years (e.g. Tết 1965). Checked against
 * astronomy (new moons and solar terms from an ephemeris, 1900–2100), the conversion disagrees on
 * the first day of three months, each starting on a new moon within minutes of local midnight,
 * where the series of Meeus used here errs by more than the margin: 06/1944, 12/2072 and 11/2077.
 * 1944 also predates Vietnam's UTC+7 calendar (1968), so only 2072 and 2077 matter in practice.
 */

/** A day of the Gregorian calendar. */
export interface SolarDate {
  year: number;
  month: number;
  day: number;
}

/** A day of the Vietnamese lunar calendar; `leap` marks the repeated month (tháng nhuận). */
export interface LunarDate {
  year: number;
  month: number;
  day: number;
  leap: boolean;
}

/** The range the conversion is checked for. */
export const LUNAR_FIRST_YEAR = 1900;
export const LUNAR_LAST_YEAR = 2100;

const TZ = 7;
const DR = Math.PI / 180;
const SYNODIC = 29.530588853;
const EPOCH_NEW_MOON = 2415021.076998695;
const INT = Math.floor;

export function jdFromDate(day: number, month: number, year: number): number {
  const a = INT((14 - month) / 12);
  const y = year + 4800 - a;
  const m = month + 12 * a - 3;
  return day + INT((153 * m + 2) / 5) + 365 * y + INT(y / 4) - INT(y / 100) + INT(y / 400) - 32045;
}

export function jdToDate(jd: number): SolarDate {
  const a = jd + 32044;
  const b = INT((4 * a + 3) / 146097);
  const c = a - INT((b * 146097) / 4);
  const d = INT((4 * c + 3) / 1461);
  const e = c - INT((1461 * d) / 4);
  const m = INT((5 * e + 2) / 153);
  return { day: e - INT((153 * m + 2) / 5) + 1, month: m + 3 - 12 * INT(m / 10), year: b * 100 + d - 4800 + INT(m / 10) };
}

/** The Julian day (UT, fractional) of the k-th new moon after 1900-01-01 (Meeus, ch. 49, shortened). */
function newMoon(k: number): number {
  const T = k / 1236.85;
  const T2 = T * T;
  const T3 = T2 * T;
  const jd1 = 2415020.75933 + 29.53058868 * k + 0.0001178 * T2 - 0.000000155 * T3 + 0.00033 * Math.sin((166.56 + 132.87 * T - 0.009173 * T2) * DR);
  const M = 359.2242 + 29.10535608 * k - 0.0000333 * T2 - 0.00000347 * T3;
  const Mpr = 306.0253 + 385.81691806 * k + 0.0107306 * T2 + 0.00001236 * T3;
  const F = 21.2964 + 390.67050646 * k - 0.0016528 * T2 - 0.00000239 * T3;
  const s = (x: number) => Math.sin(x * DR);
  const c1 =
    (0.1734 - 0.000393 * T) * s(M) + 0.0021 * s(2 * M) - 0.4068 * s(Mpr) + 0.0161 * s(2 * Mpr) - 0.0004 * s(3 * Mpr) +
    0.0104 * s(2 * F) - 0.0051 * s(M + Mpr) - 0.0074 * s(M - Mpr) + 0.0004 * s(2 * F + M) - 0.0004 * s(2 * F - M) -
    0.0006 * s(2 * F + Mpr) + 0.001 * s(2 * F - Mpr) + 0.0005 * s(2 * Mpr + M);
  const deltaT = T < -11 ? 0.001 + 0.000839 * T + 0.0002261 * T2 - 0.00000845 * T3 - 0.000000081 * T * T3 : -0.000278 + 0.000265 * T + 0.000262 * T2;
  return jd1 + c1 - deltaT;
}

/** The sun's apparent longitude in radians, 0 ≤ L < 2π, at Julian day `jdn` (UT). */
function sunLongitude(jdn: number): number {
  const T = (jdn - 2451545.0) / 36525;
  const T2 = T * T;
  const M = 357.5291 + 35999.0503 * T - 0.0001559 * T2 - 0.00000048 * T * T2;
  const L0 = 280.46645 + 36000.76983 * T + 0.0003032 * T2;
  const DL = (1.9146 - 0.004817 * T - 0.000014 * T2) * Math.sin(DR * M) + (0.019993 - 0.000101 * T) * Math.sin(DR * 2 * M) + 0.00029 * Math.sin(DR * 3 * M);
  const L = (L0 + DL) * DR;
  return L - Math.PI * 2 * INT(L / (Math.PI * 2));
}

/** Which 30° sector (0–11) the sun is in at local midnight starting day `dayNumber`. */
export function getSunLongitude(dayNumber: number): number {
  return INT((sunLongitude(dayNumber - 0.5 - TZ / 24) / Math.PI) * 6);
}

/** The local day number on which the k-th new moon falls. */
export function getNewMoonDay(k: number): number {
  return INT(newMoon(k) + 0.5 + TZ / 24);
}

/** The day number on which lunar month 11 (the month holding the winter solstice) of `year` begins. */
export function getLunarMonth11(year: number): number {
  const k = INT((jdFromDate(31, 12, year) - 2415021) / SYNODIC);
  const nm = getNewMoonDay(k);
  return getSunLongitude(nm) >= 9 ? getNewMoonDay(k - 1) : nm;
}

/** In a 13-month year starting at month 11 on day `a11`: the offset of the first month with no major solar term (the leap month). */
export function getLeapMonthOffset(a11: number): number {
  const k = INT((a11 - EPOCH_NEW_MOON) / SYNODIC + 0.5);
  let i = 1;
  let arc = getSunLongitude(getNewMoonDay(k + i));
  let last: number;
  do {
    last = arc;
    i++;
    arc = getSunLongitude(getNewMoonDay(k + i));
  } while (arc !== last && i < 14);
  return i - 1;
}

function checkYear(year: number, first: number): void {
  if (!Number.isInteger(year) || year < first || year > LUNAR_LAST_YEAR) {
    throw new RangeError(`year ${year} is outside ${first}–${LUNAR_LAST_YEAR}`);
  }
}

/** The lunar date of a solar day (Vietnam, UTC+7). Throws RangeError outside 1900–2100. */
export function solarToLunar(d: SolarDate): LunarDate {
  checkYear(d.year, LUNAR_FIRST_YEAR);
  const dayNumber = jdFromDate(d.day, d.month, d.year);
  // The published code tries only new moons k+1 and k; when the true new moon k runs late
  // against the mean one (2054-05-07, 2062-04-09) both are after the day and it says "day 0".
  let k = INT((dayNumber - EPOCH_NEW_MOON) / SYNODIC) + 1;
  let monthStart = getNewMoonDay(k);
  while (monthStart > dayNumber) monthStart = getNewMoonDay(--k);
  let a11 = getLunarMonth11(d.year);
  let b11 = a11;
  let year: number;
  if (a11 >= monthStart) {
    year = d.year;
    a11 = getLunarMonth11(d.year - 1);
  } else {
    year = d.year + 1;
    b11 = getLunarMonth11(d.year + 1);
  }
  const diff = INT((monthStart - a11) / 29);
  let month = diff + 11;
  let leap = false;
  if (b11 - a11 > 365) {
    const leapDiff = getLeapMonthOffset(a11);
    if (diff >= leapDiff) {
      month = diff + 10;
      leap = diff === leapDiff;
    }
  }
  if (month > 12) month -= 12;
  if (month >= 11 && diff < 4) year -= 1;
  return { year, month, day: dayNumber - monthStart + 1, leap };
}

/** The day number on which a lunar month begins and the one after it, or null if there is no such month. */
function monthBounds(year: number, month: number, leap: boolean): [number, number] | null {
  const a11 = month < 11 ? getLunarMonth11(year - 1) : getLunarMonth11(year);
  const b11 = month < 11 ? getLunarMonth11(year) : getLunarMonth11(year + 1);
  const k = INT(0.5 + (a11 - EPOCH_NEW_MOON) / SYNODIC);
  let off = month - 11;
  if (off < 0) off += 12;
  if (b11 - a11 > 365) {
    const leapOff = getLeapMonthOffset(a11);
    let leapMonth = leapOff - 2;
    if (leapMonth < 0) leapMonth += 12;
    if (leap && month !== leapMonth) return null;
    if (leap || off >= leapOff) off += 1;
  } else if (leap) {
    return null;
  }
  return [getNewMoonDay(k + off), getNewMoonDay(k + off + 1)];
}

/** How many days (29 or 30) a lunar month has, or null when that (leap) month does not exist. */
export function lunarMonthLength(year: number, month: number, leap = false): number | null {
  checkYear(year, LUNAR_FIRST_YEAR - 1);
  const b = monthBounds(year, month, leap);
  return b ? b[1] - b[0] : null;
}

/** The leap month (tháng nhuận) of a lunar year, or null when it has none. */
export function leapMonthOf(year: number): number | null {
  for (let m = 1; m <= 12; m++) if (lunarMonthLength(year, m, true) !== null) return m;
  return null;
}

/**
 * The solar day of a lunar date, or null when the date does not exist: a leap month the year does
 * not have, a day 30 in a 29-day month, a month outside 1–12. Throws RangeError outside 1899–2100.
 */
export function lunarToSolar(d: LunarDate): SolarDate | null {
  checkYear(d.year, LUNAR_FIRST_YEAR - 1);
  if (!Number.isInteger(d.month) || d.month < 1 || d.month > 12 || !Number.isInteger(d.day) || d.day < 1) return null;
  const b = monthBounds(d.year, d.month, d.leap);
  if (!b || d.day > b[1] - b[0]) return null;
  return jdToDate(b[0] + d.day - 1);
}
