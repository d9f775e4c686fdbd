import { Cursor, longest } from './when-cursor.js';
import { dayNode, lunarMark, month, weekdayWord, yearSuffix, type DayNode } from './when-days.js';
import type { LocalTime } from './when-tokens.js';

/*
 * The grammar of Vietnamese time phrases, as notices and clerks write them:
 *
 *   when     = range | deadline | point
 *   range    = ["từ"] point ("đến" | "tới" | "-") ["hết"] point          from … to the end of …
 *            | ["trong"] n "ngày" [":" | "("] range [")"]              the count must match the days
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
    | { t: 'vague' }
    | { t: 'month'; m: number; y: number | null; lunar: boolean; leap?: boolean }
    | { t: 'weeks'; weeks: (number | 'last')[]; m: number; y: number | null }
  );

export type WhenNode = Span &
  (
    | { t: 'point'; p: PointNode }
    /** `count`: how many days were listed ("13, 14, 15/5"), when the ends were joined by a list. */
    | { t: 'range'; from: PointNode; to: PointNode; count?: number }
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

/** Words that fold alike: in accented text "sang" (move to) is not "sáng", "tới" (to) is not "tối". */
const ACCENTED: Record<string, string> = { sang: 'sáng', toi: 'tối' };

function accentedAs(c: Cursor, raw: string): boolean {
  const t = c.peek();
  if (t?.k !== 'word') return false;
  return !c.accented || t.raw === raw;
}

/** A part of day ("sáng", "chiều", "tối"), not the look-alike words. */
function partOfDay(c: Cursor): LocalTime | null {
  for (const [w, time] of PARTS) {
    const t = c.peek();
    if (t?.k !== 'word' || t.w !== w) continue;
    if (ACCENTED[w] && !accentedAs(c, ACCENTED[w] ?? '')) return null;
    c.i++;
    return time;
  }
  return null;
}

/** "đến", "tới", "-": between the two ends of a range ("tới", not "tối"). */
function connector(c: Cursor): boolean {
  if (c.oneOf(['cho den het', 'cho den', 'den het', 'den']) || c.sep('-')) return true;
  if (!accentedAs(c, 'tới') || !c.words('toi')) return false;
  c.words('het');
  return true;
}

export interface ReadOptions {
  /** Typed as a whole answer: holiday names, "mai" and a bare "10 tháng 3" are dates here. */
  whole: boolean;
  /** A year near the one meant (for "năm Canh Tý"). */
  near: number;
  /** Holiday names of two words or more stand for their day even in a sentence ("Treo cờ Quốc khánh"). */
  nameWords?: boolean;
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

type PointOptions = ReadOptions & { afterNgay?: boolean };

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

/** The words before a day: "vào lúc 16h chiều", "thứ Bảy, ngày", "hôm nay". */
function lead(c: Cursor): { time: LocalTime | null; part: LocalTime | null; weekday: number | null; ngay: boolean; today: boolean } {
  c.oneOf(['vao luc', 'luc', 'vao']);
  let time = c.time();
  const part = partOfDay(c);
  time ??= part === null ? null : c.time();
  if (time) c.words('dem');
  while (c.sep("’',"));
  const today = part !== null && c.words('nay');
  let ngay = c.oneOf(['vao ngay', 'ngay', 'vao']) !== null;
  const weekday = weekdayBefore(c);
  c.attempt((k) => (k.words('hom nay') && k.peek()?.k === 'num' ? true : null));
  ngay = c.oneOf(['vao ngay', 'ngay']) !== null || ngay;
  return { time, part, weekday, ngay, today };
}

function dayPoint(c: Cursor, o: PointOptions): PointNode | null {
  const from = c.i;
  const l = lead(c);
  const after = o.whole || l.ngay || Boolean(o.afterNgay);
  const day: DayNode | null = dayNode(c, { names: o.whole || l.ngay, afterNgay: after, near: o.near, nameWords: o.nameWords === true }) ?? (l.today ? { t: 'today', shift: 0 } : null);
  if (!day) return null;
  const note = c.attempt((k) => (k.sep('(') ? weekdayWord(k) : null));
  if (note !== null && !c.sep(')')) return null;
  besideNote(c);
  const time = l.time ?? c.attempt((k) => (k.sep(','), k.oneOf(['vao luc', 'luc']), k.time()));
  return { t: 'day', day, time, part: l.part, weekdayNote: note ?? l.weekday, ...span(c, from) };
}

function monthPoint(c: Cursor): PointNode | null {
  const from = c.i;
  c.words('trong');
  if (!c.words('thang')) return null;
  const m = c.num(1, 12);
  if (m === null) return null;
  const leap = c.words('nhuan');
  const y = yearSuffix(c, '/') ?? c.attempt((k) => (k.sep('-.', true) ? yearSuffixAfter(k) : null));
  return { t: 'month', m, y, lunar: lunarMark(c) || leap, leap, ...span(c, from) };
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

/** "đầu tháng 7", "cuối năm 2018", "thứ 2 hoặc thứ 6 hàng tuần": a time, but no date to hold to; named as unreadable. */
function vaguePoint(c: Cursor): PointNode | null {
  const from = c.i;
  const edge = c.oneOf(['dau', 'giua', 'cuoi']);
  if (edge) {
    const unit = c.oneOf(edge === 'cuoi' ? ['nam', 'tuan', 'quy'] : ['thang', 'nam', 'tuan', 'quy']);
    if (!unit) return null;
    if (unit === 'thang') month(c);
    c.attempt((k) => (k.sep('/', true) || k.words('nam') ? yearSuffixAfter(k) : null)) ?? c.attempt(yearSuffixAfter);
    return { t: 'vague', ...span(c, from) };
  }
  c.words('vao');
  if (weekdayWord(c) === null) return null;
  while (c.attempt((k) => (k.words('hoac') || k.words('va') || k.sep(',') ? weekdayWord(k) : null)) !== null);
  return c.oneOf(['hang tuan', 'moi tuan', 'hang thang', 'moi thang']) ? { t: 'vague', ...span(c, from) } : null;
}

/** "03/2026" typed as a whole answer (a campaign's months); inside a text it may be a document number. */
function numericMonth(c: Cursor): PointNode | null {
  const from = c.i;
  const m = c.num(1, 12);
  const y = m === null ? null : c.attempt((k) => (k.sep('/.-', true) ? yearSuffixAfter(k) : null));
  return m === null || y === null ? null : { t: 'month', m, y, lunar: false, ...span(c, from) };
}

function point(c: Cursor, o: PointOptions): PointNode | null {
  const rules = [(k: Cursor) => dayPoint(k, o), monthPoint, weeksPoint, quarterPoint, vaguePoint];
  return longest(c, o.whole ? [...rules, numericMonth] : rules);
}

/** "23-24/8/2025", "27 – 28.3": a day, a dash, then a day with its month (the two share it). */
function sharedMonth(c: Cursor): boolean {
  const [dash, d, slash, m] = [c.peek(), c.peek(1), c.peek(2), c.peek(3)];
  return dash?.k === 'sep' && dash.s === '-' && d?.k === 'num' && d.v <= 31 && d.digits <= 2 && slash?.k === 'sep' && '/.'.includes(slash.s) && slash.at === d.end && m?.k === 'num' && m.at === slash.end && m.v >= 1 && m.v <= 12;
}

/** A later item of a list of days: ", 1-5", "và 1, 2-5", ", 24/8" (days with no month take the month of the item's last). */
function laterItem(c: Cursor, o: ReadOptions): { p: PointNode; days: number } | null {
  return c.attempt((k) => {
    if (k.sep(',') === null && !k.words('va')) return null;
    k.oneOf(['ngay', 'mung', 'mong']);
    let days = 1;
    while (k.attempt((q) => (q.num(1, 31) !== null && (q.sep(',') !== null || q.words('va')) && q.peek()?.k === 'num' ? true : null))) days++;
    const p = point(k, { ...o, afterNgay: true });
    return p?.t === 'day' && p.day.t === 'solar' && p.day.m !== null && !p.time && !p.part ? { p, days } : null;
  });
}

/** A later item that is a date of its own ("các ngày 21/8, 24/8"): a comma joins it only when a day and month follow. */
function datedNext(c: Cursor): boolean {
  const [comma, d, slash] = [c.peek(), c.peek(1), c.peek(2)];
  return comma?.k === 'sep' && comma.s === ',' && d?.k === 'num' && slash?.k === 'sep' && '/.-'.includes(slash.s) && slash.at === d.end;
}

/** "từ ngày 12", "ngày 13, 14, 15", "các ngày 30, 31", "từ mùng 4": the first of days whose month comes at the end. */
/** "từ ngày 12", "ngày 13, 14, 15", "các ngày 30, 31", "từ mùng 4", "(12 và 17-8": the first of days whose month comes at the end. */
function bareStart(c: Cursor, tu: boolean): { p: PointNode; days: number[] } | null {
  const from = c.i;
  const part = partOfDay(c);
  const ngay = c.oneOf(['cac ngay', 'ngay']) !== null;
  if (ngay) c.sep(':');
  const mung = c.oneOf(['mung', 'mong']) !== null;
  const d = c.num(1, 31);
  if (d === null) return null;
  const s = span(c, from);
  const more = (k: Cursor) => k.sep(',') !== null || k.words('va');
  const listed = (k: Cursor) => more(k) && (k.oneOf(['mung', 'mong']), k.peek()?.k === 'num');
  if (!tu && !ngay && !mung && !listed(new Cursor(c.tokens, c.i)) && !sharedMonth(c)) return null;
  const days = [d];
  for (;;) {
    const n = c.attempt((k) => (more(k) && (k.oneOf(['mung', 'mong']), k.num(1, 31)) !== null && more(new Cursor(k.tokens, k.i)) ? (k.tokens[k.i - 1] as { v: number }).v : null));
    if (n === null) break;
    days.push(n);
  }
  if (c.sep(',') === null) c.words('va');
  return { p: { t: 'day', day: { t: 'solar', d, m: null, y: null, mung }, time: null, part, weekdayNote: null, ...s }, days };
}

function rangeFrom(c: Cursor, o: ReadOptions, bare: boolean): WhenNode | null {
  const from = c.i;
  const tu = c.words('tu');
  const head = bare ? bareStart(c, tu) : null;
  const start = bare ? (head?.p ?? null) : point(c, o);
  if (!start) return null;
  const list = bare && c.tokens[c.i - 1]?.k !== 'num';
  const dated = start.t === 'day' && start.day.t === 'solar' && start.day.m !== null && !start.time;
  const and = !list && !bare && start.t === 'day' && (c.words('va') || (dated && datedNext(c) && c.sep(',') !== null));
  if (!list && !and && !connector(c)) return null;
  c.words('het');
  const end = point(c, { ...o, afterNgay: true });
  if (!end || ((bare || and) && end.t !== 'day')) return null;
  // Days listed ("ngày 13, 14, 15/5", "04/04 và 05/04") make one period only when they follow each other.
  let count = list || and ? (head?.days.length ?? 1) + 1 : undefined;
  let to: PointNode = end;
  let first: PointNode = start;
  // The list goes on past a month ("các ngày 29, 30-4 và 1-5", "ngày 21/8, 22/8, 23/8"): days before the
  // first month written take that month, and every day counts.
  for (let more = count === undefined ? null : laterItem(c, o); more && count !== undefined; more = laterItem(c, o)) {
    if (first.t === 'day' && first.day.t === 'solar' && first.day.m === null && end.t === 'day' && end.day.t === 'solar') first = { ...first, day: { ...first.day, m: end.day.m, y: end.day.y } };
    count += more.days;
    to = more.p;
  }
  return { t: 'range', from: first, to, ...(count ? { count } : {}), ...span(c, from) };
}

/** "từ 21h đến 21h15 ngày 30/4", "lúc 20 giờ đến 22 giờ ngày 1/5": two times of one day. */
function timeRange(c: Cursor, o: ReadOptions): WhenNode | null {
  const from = c.i;
  c.oneOf(['bat dau tu', 'tu', 'vao luc', 'luc']);
  const a = c.time();
  if (!a || !connector(c)) return null;
  const b = c.time();
  const day = b ? dayPoint(c, o) : null;
  if (!b || !day || day.t !== 'day' || day.time) return null;
  return { t: 'range', from: { ...day, time: a }, to: { ...day, time: b }, ...span(c, from) };
}

function range(c: Cursor, o: ReadOptions): WhenNode | null {
  return longest(c, [(k) => rangeFrom(k, o, false), (k) => rangeFrom(k, o, true), (k) => timeRange(k, o)]);
}

const COUNT_WORDS: Record<string, number> = { hai: 2, ba: 3, bon: 4 };

/**
 * "02 ngày: 23-24/8/2025", "trong 03 ngày (từ 28 đến 30/4/2025)", "trong hai ngày 25 - 26/7": a count of
 * days, then the range. The count is held to: a range of another length is refused, never guessed.
 */
function countedRange(c: Cursor, o: ReadOptions): WhenNode | null {
  const from = c.i;
  c.words('trong');
  const t = c.peek();
  const n = t?.k === 'num' ? (t.digits <= 2 && t.v >= 1 ? t.v : null) : t?.k === 'word' ? (COUNT_WORDS[t.w] ?? null) : null;
  if (n === null) return null;
  c.i++;
  if (!c.words('ngay')) return null;
  c.oneOf(['lien tuc', 'lien tiep']);
  c.sep(':,');
  const open = c.sep('(') !== null;
  const r = range(c, o);
  if (!r || r.t !== 'range' || (open && !c.sep(')'))) return null;
  return { ...r, count: n, ...span(c, from) };
}

/** "tháng 3-6/2023", "tháng 5, tháng 6 năm 2023", "tháng 5 và 6". */
function monthList(c: Cursor): WhenNode | null {
  const from = c.i;
  c.words('trong');
  if (!c.words('thang')) return null;
  const a = c.num(1, 12);
  if (a === null || !(c.sep(',') || c.words('va') || connector(c))) return null;
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
  const p = point(c, { whole: true, near: o.near });
  return p ? { t: 'deadline', p, edge, ...span(c, from) } : null;
}

function single(c: Cursor, o: ReadOptions): WhenNode | null {
  const from = c.i;
  const p = point(c, o);
  if (!p) return null;
  // "tối nay hoàn thành …", "trong tối 31/8 hoàn thành …": the day is when it must be done by.
  if (p.t === 'day' && !p.time && new Cursor(c.tokens, c.i).oneOf(DONE)) return { t: 'deadline', p: { ...p, part: null }, edge: 'through', ...span(c, from) };
  return { t: 'point', p, ...span(c, from) };
}

/** The longest time phrase that starts at the cursor, or null. */
export function whenNode(c: Cursor, o: ReadOptions): WhenNode | null {
  return longest(c, [(k) => range(k, o), (k) => countedRange(k, o), monthList, (k) => deadline(k, o), (k) => single(k, o)]);
}
