import { Cursor, longest } from './when-cursor.js';
import { dayNode, lunarMark, weekdayWord, yearSuffix, type DayNode } from './when-days.js';
import type { LocalTime } from './when-tokens.js';

/*
 * The grammar of Vietnamese time phrases, as notices and clerks write them:
 *
 *   when     = range | deadline | point
 *   range    = ["từ"] point ("đến" | "tới" | "-") ["hết"] point          from … to the end of …
 *            | "tháng" m ("-" | "," | "và" | "đến") ["tháng"] m [year]   tháng 3-6/2023
 *   deadline = ("trước" | "chậm nhất" | "hạn" | "đến hết" | …) point      by …
 *   point    = [time] [part of day] ["ngày" | "vào"] day [(weekday)] [["lúc"] time]
 *            | ["trong"] "tháng" m [year] ["âm lịch"] | "tuần" w {, w} ["của"] "tháng" m [year]
 *
 * `day` is in when-days.ts. Rules return a node with the span of text it covers, or null.
 */

export interface Span {
  at: number;
  end: number;
}

export type PointNode = Span &
  (
    | { t: 'day'; day: DayNode; time: LocalTime | null; part: LocalTime | null; weekdayNote: number | null }
    | { t: 'month'; m: number; y: number | null; lunar: boolean }
    | { t: 'weeks'; weeks: (number | 'last')[]; m: number; y: number | null }
  );

export type WhenNode = Span &
  (
    | { t: 'point'; p: PointNode }
    | { t: 'range'; from: PointNode; to: PointNode }
    /** before: done before that day (the end of the day before, or the time written); through: by its end. */
    | { t: 'deadline'; p: PointNode; edge: 'before' | 'through' }
  );

/** "sáng / trưa / chiều / tối ngày …": the office day's times (chiều = 13:30, when the afternoon session starts). */
const PARTS: readonly [string, LocalTime][] = [
  ['sang', { hour: 7, minute: 0 }],
  ['trua', { hour: 11, minute: 0 }],
  ['chieu', { hour: 13, minute: 30 }],
  ['toi', { hour: 19, minute: 0 }],
];

function partOfDay(c: Cursor): LocalTime | null {
  for (const [w, time] of PARTS) if (c.words(w)) return time;
  return null;
}

export interface ReadOptions {
  /** Typed as a whole answer: holiday names, "mai" and a bare "10 tháng 3" are dates here. */
  whole: boolean;
}

const span = (c: Cursor, from: number) => ({ at: c.atOf(from), end: c.lastEnd });

function dayPoint(c: Cursor, o: ReadOptions & { dayOnly: boolean }): PointNode | null {
  const from = c.i;
  let time = c.time();
  const part = partOfDay(c);
  time ??= part === null ? null : c.time();
  const ngay = c.oneOf(['vao ngay', 'ngay', 'vao']) !== null;
  const day = dayNode(c, { dayOnly: o.dayOnly, names: o.whole || ngay, afterNgay: o.whole || ngay });
  if (!day) return null;
  const weekdayNote = c.attempt((k) => (k.sep('(') ? weekdayWord(k) : null));
  if (weekdayNote !== null && !c.sep(')')) return null;
  time ??= c.attempt((k) => (k.sep(','), k.oneOf(['vao luc', 'luc']), k.time()));
  return { t: 'day', day, time, part, weekdayNote, ...span(c, from) };
}

function monthPoint(c: Cursor): PointNode | null {
  const from = c.i;
  c.words('trong');
  if (!c.words('thang')) return null;
  const m = c.num(1, 12);
  if (m === null) return null;
  const y = yearSuffix(c, '/') ?? c.attempt((k) => (k.sep('-.', true) ? yearSuffixAfter(k) : null));
  return { t: 'month', m, y, lunar: lunarMark(c), ...span(c, from) };
}

const yearSuffixAfter = (c: Cursor) => {
  const t = c.peek();
  if (t?.k !== 'num' || t.digits !== 4) return null;
  c.i++;
  return t.v;
};

/** "Tuần 1, 2 tháng 6 năm 2023", "tuần thứ 3 của tháng 6", "tuần cuối tháng 2/2024", "tuần đầu tháng 5". */
function weeksPoint(c: Cursor): PointNode | null {
  const from = c.i;
  const weeks: (number | 'last')[] = [];
  const week = () => {
    c.words('tuan');
    c.words('thu');
    if (c.words('dau')) return 1;
    if (c.words('cuoi cung') || c.words('cuoi')) return 'last' as const;
    return c.num(1, 5, 1);
  };
  if (!c.words('tuan')) return null;
  c.i--;
  for (let w = week(); w !== null; w = c.attempt((k) => (k.sep(',-') || k.oneOf(['va', 'den', 'toi']) ? week() : null))) weeks.push(w);
  c.oneOf(['cua', 'trong']);
  const month = weeks.length ? monthPoint(c) : null;
  if (!month || month.t !== 'month' || month.lunar) return null;
  return { t: 'weeks', weeks, m: month.m, y: month.y, ...span(c, from) };
}

function point(c: Cursor, o: ReadOptions & { dayOnly: boolean }): PointNode | null {
  return longest(c, [(k) => dayPoint(k, o), monthPoint, weeksPoint]);
}

const CONNECTORS = ['cho den het', 'cho den', 'den het', 'toi het', 'den', 'toi'];

function range(c: Cursor, o: ReadOptions): WhenNode | null {
  const from = c.i;
  c.words('tu');
  const start = point(c, { ...o, dayOnly: true });
  if (!start || !(c.oneOf(CONNECTORS) || c.sep('-'))) return null;
  c.words('het');
  const end = point(c, { ...o, dayOnly: false });
  if (!end || (start.t === 'day' && start.day.t === 'solar' && start.day.m === null && end.t !== 'day')) return null;
  return { t: 'range', from: start, to: end, ...span(c, from) };
}

/** "tháng 3-6/2023", "tháng 5, tháng 6 năm 2023", "tháng 5 và 6". */
function monthList(c: Cursor): WhenNode | null {
  const from = c.i;
  c.words('trong');
  if (!c.words('thang')) return null;
  const a = c.num(1, 12);
  if (a === null || !(c.sep('-,') || c.oneOf(['va', 'den', 'toi']))) return null;
  c.words('het');
  const toAt = c.i;
  c.words('thang');
  const b = c.num(1, 12);
  if (b === null) return null;
  const y = yearSuffix(c, '/') ?? c.attempt((k) => (k.sep('-.', true) ? yearSuffixAfter(k) : null));
  const s = span(c, from);
  return { t: 'range', from: { t: 'month', m: a, y, lunar: false, at: s.at, end: c.atOf(toAt) }, to: { t: 'month', m: b, y, lunar: false, at: c.atOf(toAt), end: s.end }, ...s };
}

const BEFORE = ['truoc'];
const THROUGH = ['cham nhat', 'muon nhat', 'han chot', 'han cuoi', 'khong qua', 'toi da', 'den het', 'toi het', 'han', 'den'];

function deadline(c: Cursor): WhenNode | null {
  const from = c.i;
  const edge = c.oneOf(BEFORE) ? 'before' : c.oneOf(THROUGH) ? 'through' : null;
  if (!edge) return null;
  c.oneOf(['la', 'vao', 'trong', 'het']);
  const p = point(c, { whole: true, dayOnly: false });
  return p ? { t: 'deadline', p, edge, ...span(c, from) } : null;
}

function single(c: Cursor, o: ReadOptions): WhenNode | null {
  const from = c.i;
  const p = point(c, { ...o, dayOnly: false });
  return p ? { t: 'point', p, ...span(c, from) } : null;
}

/** The longest time phrase that starts at the cursor, or null. */
export function whenNode(c: Cursor, o: ReadOptions): WhenNode | null {
  return longest(c, [(k) => range(k, o), monthList, deadline, (k) => single(k, o)]);
}
