import { DateTime } from 'luxon';

/**
 * One end of a period as written: any part may be missing ("từ ngày 12 đến 14-10-2020",
 * "từ tháng 3 đến hết tháng 5 năm 2023") and is filled from the other end or the default year.
 */
export interface Point {
  day?: number;
  month?: number;
  year?: number;
  hour?: number;
  minute?: number;
  /** A whole month ("tháng 5/2023") rather than a day. */
  wholeMonth: boolean;
}

/**
 * Times of day that notices name without a clock time. "chiều" = 13:30 is when the afternoon
 * office session starts; the others follow the same office day (07:00 start, 11:00 noon, 19:00
 * evening), as src/calendar reads them in typed input.
 */
const PART_OF_DAY: Record<string, [number, number]> = { sáng: [7, 0], trưa: [11, 0], chiều: [13, 30], tối: [19, 0] };

/** Regex source of a day point; `p` prefixes the group names so one regex can hold two points. */
export function dayPoint(p: string): string {
  const partOfDay = `(?:(?<${p}Part>sáng|trưa|chiều|tối)\\s+)?`;
  const time = `(?:(?<${p}H>\\d{1,2})\\s*(?:giờ|h|g|:)\\s*(?<${p}Min>\\d{2})?(?!\\d)(?:\\s*phút)?\\s*,?\\s*)?`;
  const numeric = `[/.-](?<${p}M>\\d{1,2})(?!\\d)(?:[/.-](?<${p}Y>\\d{4})(?!\\d))?`;
  const spelled = `\\s+tháng\\s+(?<${p}M2>\\d{1,2})(?!\\d)(?:\\s+năm\\s+(?<${p}Y2>\\d{4}))?`;
  return `${partOfDay}${time}(?:ngày\\s+)?(?<${p}D>\\d{1,2})(?!\\d)(?:${numeric}|${spelled})?`;
}

/** Regex source of a month point: "tháng 5", "tháng 5/2023", "tháng 5 năm 2023". */
export function monthPoint(p: string): string {
  return `tháng\\s+(?<${p}MM>\\d{1,2})(?!\\d)(?:\\s*[/.-]\\s*(?<${p}MY>\\d{4})(?!\\d)|\\s+năm\\s+(?<${p}MY2>\\d{4}))?`;
}

type Groups = Record<string, string | undefined>;

const num = (s: string | undefined): number | undefined => (s === undefined ? undefined : Number(s));

/** Reads the point whose groups carry prefix `p`, whichever of the two shapes matched. */
export function readPoint(g: Groups, p: string): Point | null {
  if (g[`${p}MM`] !== undefined) {
    return { month: num(g[`${p}MM`]), year: num(g[`${p}MY`] ?? g[`${p}MY2`]), wholeMonth: true };
  }
  if (g[`${p}D`] === undefined) return null;
  const part = g[`${p}Part`];
  const [partHour, partMinute] = part ? (PART_OF_DAY[part] ?? []) : [];
  const hour = num(g[`${p}H`]) ?? partHour;
  const minute = g[`${p}H`] !== undefined ? (num(g[`${p}Min`]) ?? 0) : partMinute;
  return {
    day: num(g[`${p}D`]),
    month: num(g[`${p}M`] ?? g[`${p}M2`]),
    year: num(g[`${p}Y`] ?? g[`${p}Y2`]),
    hour,
    minute,
    wholeMonth: false,
  };
}

/** The first instant a point covers: its clock time, else the start of its day or month. */
export function startOf(pt: Point, zone: string): DateTime | null {
  if (pt.year === undefined || pt.month === undefined) return null;
  if (pt.wholeMonth) return valid(DateTime.fromObject({ year: pt.year, month: pt.month, day: 1 }, { zone }));
  const at = DateTime.fromObject({ year: pt.year, month: pt.month, day: pt.day, hour: pt.hour ?? 0, minute: pt.minute ?? 0 }, { zone });
  return valid(at);
}

/** The last instant a point covers: its clock time if one was written, else the end of its day or month. */
export function endOf(pt: Point, zone: string): DateTime | null {
  const start = startOf(pt, zone);
  if (!start) return null;
  if (pt.wholeMonth) return start.endOf('month');
  return pt.hour !== undefined ? start : start.endOf('day');
}

function valid(at: DateTime): DateTime | null {
  return at.isValid ? at : null;
}

/**
 * Fills what one end of a range leaves out from the other end, then from the default year:
 * "từ ngày 12 đến 14-10-2020" takes month and year from the end. A borrowed year that would put
 * the start after the end moves by one ("từ 28/12 đến 3/1/2026" starts in 2025).
 */
export function completeRange(start: Point, end: Point, defaultYear: number | undefined, zone: string): [DateTime, DateTime] | null {
  const s: Point = { ...start };
  const e: Point = { ...end };
  if (!s.wholeMonth && !e.wholeMonth) s.month ??= e.month;
  const startWritten = s.year !== undefined;
  const endWritten = e.year !== undefined;
  s.year ??= e.year ?? defaultYear;
  e.year ??= s.year;
  let from = startOf(s, zone);
  let to = endOf(e, zone);
  if (!from || !to) return null;
  if (from > to && !startWritten && endWritten) from = startOf({ ...s, year: (s.year ?? 0) - 1 }, zone);
  else if (from > to && !endWritten) to = endOf({ ...e, year: (e.year ?? 0) + 1 }, zone);
  if (!from || !to || from > to) return null;
  return [from, to];
}
