import { DateTime } from 'luxon';
import { completeRange, dayPoint, endOf, monthPoint, readPoint, startOf, type Point } from './period-points.js';

export type PeriodPrecision = 'day' | 'month' | 'week';

export interface ParsedPeriod {
  start: Date;
  /** The last instant included: "đến hết ngày 27/7" is 27/7 23:59:59.999 local. */
  end: Date;
  precision: PeriodPrecision;
  /** The text sets a completion deadline (hoàn thành, xong, trước, chậm nhất): `end` is when it is due. */
  deadline: boolean;
  /** Only a deadline was written ("trước ngày 14/6/2023"): `start` is then the start of the last day. */
  openStart: boolean;
  /** The phrase that was read, for showing the admin. */
  matched: string;
}

export interface PeriodOptions {
  zone: string;
  /** The year for phrases that name none anywhere (the plan's own year). */
  defaultYear?: number;
}

interface Found {
  start: DateTime;
  end: DateTime;
  precision: PeriodPrecision;
  openStart?: boolean;
}
type Groups = Record<string, string | undefined>;
type Build = (g: Groups, o: PeriodOptions, matched: string) => Found | null;

const NOT_AFTER_DIGIT = '(?<![\\d/.-])';
const END_MARK = '(?:hết\\s+)?';

/** Each phrase shape; all are tried and the one starting first in the text wins (the longest on a tie). */
const MATCHERS: { re: RegExp; build: Build }[] = [
  {
    // "Từ ngày 23/7/2025 đến hết ngày 27/7/2025", "từ tháng 3 đến hết tháng 5 năm 2023", "20/5 - 25/5/2023"
    re: new RegExp(`(?:từ\\s+)?${NOT_AFTER_DIGIT}(?:${monthPoint('s')}|${dayPoint('s')})\\s*(?:đến|tới|-)\\s*${END_MARK}(?:${monthPoint('e')}|${dayPoint('e')})`, 'g'),
    build: buildRange,
  },
  {
    // "tháng 3-6/2023", "tháng 5, tháng 6 năm 2023"
    re: /tháng\s+(?<a>\d{1,2})\s*(?:-|đến|,|và)\s*(?:tháng\s+)?(?<b>\d{1,2})(?!\d)(?:\s*[/.-]\s*(?<y>\d{4})|\s+năm\s+(?<y2>\d{4}))?/g,
    build: (g, o) => {
      const year = num(g.y ?? g.y2) ?? o.defaultYear;
      return range({ month: num(g.a), year, wholeMonth: true }, { month: num(g.b), year, wholeMonth: true }, o, 'month');
    },
  },
  {
    // "Tuần 1, 2 tháng 6 năm 2023", "tuần cuối tháng 5/2023"
    re: new RegExp(`tuần\\s+(?:thứ\\s+)?(?<w>(?:\\d|đầu|cuối)(?:\\s*(?:,|và|-|đến)\\s*(?:tuần\\s+)?(?:thứ\\s+)?(?:\\d|cuối))*)\\s*(?:của\\s+)?${monthPoint('m')}`, 'g'),
    build: buildWeeks,
  },
  {
    // "trước ngày 14/6/2023" = by the end of 13/6; "trước 17h00 ngày 14/6/2023" = by 17:00
    re: new RegExp(`trước\\s+(?:${monthPoint('b')}|${dayPoint('b')})`, 'g'),
    build: (g, o) => deadlineOnly(readPoint(g, 'b'), o, 'before'),
  },
  {
    // "chậm nhất ngày 14/6/2023" = by the end of 14/6
    re: new RegExp(`(?:chậm nhất|muộn nhất|hạn chót|hạn cuối)(?:\\s+(?:là|vào))?(?:\\s+(?:trong|hết))?\\s+(?:${monthPoint('l')}|${dayPoint('l')})`, 'g'),
    build: (g, o) => deadlineOnly(readPoint(g, 'l'), o, 'through'),
  },
  { re: new RegExp(monthPoint('m'), 'g'), build: (g, o) => single(readPoint(g, 'm'), o) },
  {
    // "ngày 14/6/2023", "12.10.2020", "ngày 12 tháng 10 năm 2020"; a bare "5 tháng 2" is not a day
    re: new RegExp(`${NOT_AFTER_DIGIT}${dayPoint('d')}`, 'g'),
    build: (g, o, matched) => (g.dM !== undefined || matched.includes('ngày') ? single(readPoint(g, 'd'), o) : null),
  },
];

const DEADLINE_WORDS = /hoàn thành|\bxong\b|chậm nhất|muộn nhất|hạn chót|hạn cuối|trước\s+(?:ngày|tháng|\d)/;

/**
 * Reads the first period phrase in a Vietnamese text into exact local instants (luxon, in `zone`).
 * Returns null when there is none, or a date is impossible or has no year anywhere.
 */
export function parsePeriod(text: string, options: PeriodOptions): ParsedPeriod | null {
  const normal = normalise(text);
  let best: { index: number; length: number; found: Found } | null = null;
  for (const { re, build } of MATCHERS) {
    for (const m of normal.matchAll(re)) {
      const found = build(m.groups ?? {}, options, m[0]);
      const index = m.index ?? 0;
      if (!found || (best && (index > best.index || (index === best.index && m[0].length <= best.length)))) continue;
      best = { index, length: m[0].length, found };
    }
  }
  if (!best) return null;
  const { found } = best;
  return {
    start: found.start.toJSDate(),
    end: found.end.toJSDate(),
    precision: found.precision,
    deadline: found.openStart === true || DEADLINE_WORDS.test(normal),
    openStart: found.openStart === true,
    matched: normal.slice(best.index, best.index + best.length),
  };
}

function normalise(text: string): string {
  return text.normalize('NFC').toLowerCase().replace(/[‐-―−]/g, '-').replace(/\*/g, '').replace(/\s+/g, ' ');
}

const num = (s: string | undefined): number | undefined => (s === undefined ? undefined : Number(s));

function buildRange(g: Groups, o: PeriodOptions): Found | null {
  const s = readPoint(g, 's');
  const e = readPoint(g, 'e');
  if (!s || !e) return null;
  return range(s, e, o, s.wholeMonth && e.wholeMonth ? 'month' : 'day');
}

function range(s: Point, e: Point, o: PeriodOptions, precision: PeriodPrecision): Found | null {
  const r = completeRange(s, e, o.defaultYear, o.zone);
  return r ? { start: r[0], end: r[1], precision } : null;
}

function single(pt: Point | null, o: PeriodOptions): Found | null {
  if (!pt || pt.month === undefined) return null;
  const at = { ...pt, year: pt.year ?? o.defaultYear };
  const start = startOf(at, o.zone);
  const end = endOf({ ...at, hour: undefined, minute: undefined }, o.zone);
  return start && end ? { start, end, precision: pt.wholeMonth ? 'month' : 'day' } : null;
}

function deadlineOnly(pt: Point | null, o: PeriodOptions, edge: 'before' | 'through'): Found | null {
  if (!pt || pt.month === undefined) return null;
  const at = { ...pt, year: pt.year ?? o.defaultYear };
  const first = startOf(at, o.zone);
  if (!first) return null;
  const timed = !at.wholeMonth && at.hour !== undefined;
  const end = timed ? first : edge === 'before' ? first.minus({ milliseconds: 1 }) : endOf(at, o.zone);
  if (!end) return null;
  return { start: end.startOf('day'), end, precision: at.wholeMonth && edge === 'through' ? 'month' : 'day', openStart: true };
}

/** Week k of a month is days 7(k−1)+1 … 7k; the last week ("tuần cuối") is the month's last seven days. */
function buildWeeks(g: Groups, o: PeriodOptions): Found | null {
  const month = readPoint(g, 'm');
  const year = month?.year ?? o.defaultYear;
  if (!month?.month || year === undefined) return null;
  const first = DateTime.fromObject({ year, month: month.month, day: 1 }, { zone: o.zone });
  if (!first.isValid || first.daysInMonth === undefined) return null;
  const days = first.daysInMonth;
  const weeks = (g.w ?? '').match(/\d|đầu|cuối/g) ?? [];
  const spans = weeks.map((w) => (w === 'cuối' ? [days - 6, days] : [7 * (Number(w === 'đầu' ? 1 : w) - 1) + 1, Math.min(7 * Number(w === 'đầu' ? 1 : w), days)]));
  const from = Math.min(...spans.map((s) => s[0] ?? 0));
  const to = Math.max(...spans.map((s) => s[1] ?? 0));
  if (!spans.length || from < 1 || from > days) return null;
  return { start: first.set({ day: from }), end: first.set({ day: to }).endOf('day'), precision: 'week' };
}
