import { type Cursor, longest } from './when-cursor.js';
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
    | { t: 'quarter'; q: number; y: number | null }
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

/**
 * A part of day. In accented text an unaccented "sang" is the verb "sang" (move to: "hoãn sang
 * ngày mai"), not "sáng"; text typed without accents reads it as "sáng".
 */
function partOfDay(c: Cursor): LocalTime | null {
  const t = c.peek();
  if (t?.k === 'word' && t.w === 'sang' && !t.accented && c.tokens.some((x) => x.k === 'word' && x.accented)) return null;
  for (const [w, time] of PARTS) if (c.words(w)) return time;
  return null;
}

export interface ReadOptions {
  /** Typed as a whole answer: holiday names, "mai" and a bare "10 tháng 3" are dates here. */
  whole: boolean;
  /** A year near the one meant (for "năm Canh Tý"). */
  near: number;
}

/** "(tức ngày 26 tháng Chạp năm Canh Tý)", "(nhằm mùng 10 tháng 3)": the lunar date beside a solar one, read past. */
function besideNote(c: Cursor): boolean {
  return (
    c.attempt((k) => {
      if (!k.sep('(') || !(k.oneOf(['tuc', 'nham', 'mung', 'mong']) || k.peek()?.k === 'num')) return null;
      for (let depth = 1; !k.done; ) {
        const t = k.peek();
        k.i++;
        if (t?.k === 'sep' && t.s === '(') depth++;
        if (t?.k === 'sep' && t.s === ')' && --depth === 0) return true;
      }
      return null;
    }) ?? false
  );
}

const span = (c: Cursor, from: number) => ({ at: c.atOf(from), end: c.lastEnd });

type PointOptions = ReadOptions & { dayOnly: boolean; afterNgay?: boolean };

/** "thứ Năm, ngày 01/9", "Chủ nhật 22/2": a weekday written before the date, to be checked against it. */
function weekdayBefore(c: Cursor): number | null {
  return c.attempt((k) => {
    const wd = weekdayWord(k);
    if (wd === null) return null;
    k.sep(',');
    const next = k.peek();
    return next?.k === 'num' || (next?.k === 'word' && next.w === 'ngay') ? wd : null;
  });
}

function dayPoint(c: Cursor, o: PointOptions): PointNode | null {
  const from = c.i;
  c.oneOf(['vao luc', 'luc', 'vao']);
  let time = c.time();
  const part = partOfDay(c);
  if (part) c.words('nay');
  time ??= part === null ? null : c.time();
  if (time) while (c.sep("’',"));
  const before = weekdayBefore(c);
  c.attempt((k) => (k.words('hom nay') && k.peek()?.k === 'num' ? true : null));
  const ngay = c.oneOf(['vao ngay', 'ngay', 'vao']) !== null;
  const after = o.whole || ngay || Boolean(o.afterNgay);
  const day = dayNode(c, { dayOnly: o.dayOnly, names: o.whole || ngay, afterNgay: after, near: o.near });
  if (!day) return null;
  const note = c.attempt((k) => (k.sep('(') ? weekdayWord(k) : null));
  if (note !== null && !c.sep(')')) return null;
  const weekdayNote = note ?? before;
  besideNote(c);
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

const ROMAN = ['i', 'ii', 'iii', 'iv'];

/** "quý III năm 2021", "Quý II/2021", "quý 4". */
function quarterPoint(c: Cursor): PointNode | null {
  const from = c.i;
  c.words('trong');
  if (!c.words('quy')) return null;
  const roman = c.oneOf(['iii', 'iv', 'ii', 'i']);
  const q = roman ? ROMAN.indexOf(roman) + 1 : c.num(1, 4, 1);
  if (q === null) return null;
  const y = yearSuffix(c, '/');
  return { t: 'quarter', q, y, ...span(c, from) };
}

function point(c: Cursor, o: PointOptions): PointNode | null {
  return longest(c, [(k) => dayPoint(k, o), monthPoint, weeksPoint, quarterPoint]);
}

const CONNECTORS = ['cho den het', 'cho den', 'den het', 'toi het', 'den', 'toi'];

function range(c: Cursor, o: ReadOptions): WhenNode | null {
  const from = c.i;
  c.words('tu');
  const start = point(c, { ...o, dayOnly: true });
  const joined = start ? (c.oneOf(CONNECTORS) ?? c.sep('-')) : null;
  const and = start && !joined && start.t === 'day' ? c.words('va') : false;
  if (!start || !(joined || and)) return null;
  c.words('het');
  const end = point(c, { ...o, dayOnly: false, afterNgay: true });
  if (and && (end?.t !== 'day' || start.t !== 'day')) return null;
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

const THROUGH = ['cham nhat', 'muon nhat', 'han chot', 'han cuoi', 'khong qua', 'toi da', 'den het', 'toi het', 'han', 'den'];
const DONE = ['hoan thanh xong', 'hoan thanh', 'xong'];

function deadline(c: Cursor, o: ReadOptions): WhenNode | null {
  const from = c.i;
  const done = c.oneOf(DONE) !== null;
  const edge = c.words('truoc') ? 'before' : c.oneOf(THROUGH) || done ? 'through' : null;
  if (!edge) return null;
  c.oneOf(['la', 'vao', 'trong', 'het']);
  const p = point(c, { whole: true, near: o.near, dayOnly: false });
  return p ? { t: 'deadline', p, edge, ...span(c, from) } : null;
}

function single(c: Cursor, o: ReadOptions): WhenNode | null {
  const from = c.i;
  const p = point(c, { ...o, dayOnly: false });
  return p ? { t: 'point', p, ...span(c, from) } : null;
}

/** The longest time phrase that starts at the cursor, or null. */
export function whenNode(c: Cursor, o: ReadOptions): WhenNode | null {
  return longest(c, [(k) => range(k, o), monthList, (k) => deadline(k, o), (k) => single(k, o)]);
}
