import { HOLIDAYS, type HolidayId } from './holidays.js';
import { type Cursor, longest } from './when-cursor.js';

/** A day as written, before it is resolved against today (a missing year or month stays null). */
export type DayNode =
  /** `m` null: "từ ngày 12 đến 14/10" (the start takes the end's month); `mung`: "từ mùng 4 đến …". */
  | { t: 'solar'; d: number; m: number | null; y: number | null; mung?: boolean }
  | { t: 'lunar'; d: number; m: number; leap: boolean; y: number | null }
  /** "mùng 10 tháng 3" with no calendar named: lunar or solar, so it is asked, never guessed. */
  | { t: 'unsure'; d: number; m: number; y: number | null }
  | { t: 'holiday'; id: HolidayId }
  /** hôm nay (0), ngày mai (1), ngày kia (2), hôm qua (−1). */
  | { t: 'today'; shift: number }
  | { t: 'weekday'; wd: number; week: 'this' | 'next' | null }
  | { t: 'month-end'; wd: number | null; m: number | 'this' | 'next'; y: number | null }
  /** "3 ngày trước 2/9", "trước Tết 5 ngày". */
  | { t: 'shifted'; days: number; anchor: DayNode };

/** What a rule may read here: holiday names, "mai", a bare "10 tháng 3". */
export interface DayOptions {
  names: boolean;
  /** "ngày" was written just before: "ngày 10 tháng 3" is a day, a bare "5 tháng 2" is not. */
  afterNgay: boolean;
  /** A year near the one meant, for years named by stem and branch ("năm Canh Tý"). */
  near: number;
  /** Holiday names of two words or more ("Quốc khánh") even where `names` is off. */
  nameWords?: boolean;
}

const WEEKDAYS: readonly [string, number][] = [
  ['thu hai', 1], ['thu ba', 2], ['thu tu', 3], ['thu nam', 4], ['thu sau', 5], ['thu bay', 6], ['chu nhat', 7], ['cn', 7],
];

/** "thứ Hai", "thứ 2", "T2", "Chủ nhật", "CN": a luxon weekday (Monday = 1). */
export function weekdayWord(c: Cursor): number | null {
  for (const [phrase, wd] of WEEKDAYS) if (c.words(phrase)) return wd;
  const n = c.attempt((k) => (k.words('thu') || k.words('t') ? k.num(2, 7, 1) : null));
  return n === null ? null : n - 1;
}

/** "âm lịch", "âm", "AL", "(âm lịch)", "ÂL". */
export function lunarMark(c: Cursor): boolean {
  return (
    c.attempt((k) => {
      const open = k.sep('(') !== null;
      if (!k.oneOf(['am lich', 'am', 'al'])) return null;
      return open && !k.sep(')') ? null : true;
    }) ?? false
  );
}

/** A month number or the lunar names Giêng (1) and Chạp (12). */
/** Months in words ("tháng Ba", "tháng Mười một"); "tháng Năm" is left out: "năm" also starts a year. */
const MONTH_WORDS: readonly [string, number][] = [
  ['muoi mot', 11], ['muoi hai', 12], ['hai', 2], ['ba', 3], ['tu', 4], ['sau', 6], ['bay', 7], ['tam', 8], ['chin', 9], ['muoi', 10],
];

export function month(c: Cursor): { m: number; named: boolean } | null {
  if (c.words('gieng') || c.words('giang')) return { m: 1, named: true };
  if (c.words('chap')) return { m: 12, named: true };
  const m = c.num(1, 12);
  if (m !== null) return { m, named: false };
  const word = MONTH_WORDS.find(([w]) => c.words(w));
  return word ? { m: word[1], named: false } : null;
}

/** "2027", or "27" = 2027. */
export function yearNumber(c: Cursor): number | null {
  const t = c.peek();
  if (t?.k !== 'num' || (t.digits !== 4 && t.digits !== 2)) return null;
  c.i++;
  return t.digits === 2 ? 2000 + t.v : t.v;
}

const STEMS = ['giap', 'at', 'binh', 'dinh', 'mau', 'ky', 'canh', 'tan', 'nham', 'quy'];
/** Tý and Tỵ fold alike ("ty"); the stem's parity tells them apart. */
const BRANCHES = ['ty', 'suu', 'dan', 'mao', 'thin', 'ty', 'ngo', 'mui', 'than', 'dau', 'tuat', 'hoi'];

/** A year by its stem and branch ("Canh Tý", "Ất Tỵ"): the one of the 60-year cycle nearest `near`. */
export function canChiYear(c: Cursor, near: number): number | null {
  return c.attempt((k) => {
    const stem = k.peek();
    const branch = k.peek(1);
    if (stem?.k !== 'word' || branch?.k !== 'word') return null;
    const s = STEMS.indexOf(stem.w);
    const b = BRANCHES.findIndex((x, i) => x === branch.w && i % 2 === s % 2);
    if (s < 0 || b < 0) return null;
    k.i += 2;
    const cycle = (((6 * s - 5 * b) % 60) + 60) % 60; // years after 1984 (Giáp Tý) modulo 60
    const base = 1984 + cycle;
    const n = Math.round((near - base) / 60);
    return k.attempt(yearNumber) ?? base + 60 * n;
  });
}

/** A written year: " năm 2027", ", năm Ất Tỵ", " 2027", or right after the month "/2027"; `lunar` when named by stem and branch. */
export function yearOf(c: Cursor, tight: string | null, near: number): { y: number; lunar: boolean } | null {
  const named = c.attempt((k) => (k.sep(','), k.words('nam') ? (canChiYear(k, near) ?? null) : canChiYear(k, near)));
  if (named !== null) return { y: named, lunar: true };
  const plain =
    c.attempt((k) => (k.words('nam') ? yearNumber(k) : null)) ??
    (tight ? c.attempt((k) => (k.sep(tight, true) ? yearNumber(k) : null)) : null) ??
    c.attempt((k) => (k.peek()?.k === 'num' && (k.peek() as { digits: number }).digits === 4 ? yearNumber(k) : null));
  return plain === null ? null : { y: plain, lunar: false };
}

/** " năm 2027" or, right after the month, "/2027". */
export function yearSuffix(c: Cursor, tight: string | null): number | null {
  return c.attempt((k) => (k.words('nam') ? yearNumber(k) : null)) ?? (tight ? c.attempt((k) => (k.sep(tight, true) ? yearNumber(k) : null)) : null);
}

/** "14/6", "14-6-2027", "14.6.27", "10/3 âm lịch", "10/3 nhuận AL", "mùng 10/3 âm lịch", "10.3 Canh Tý". */
function numeric(c: Cursor, o: DayOptions): DayNode | null {
  c.oneOf(['mung', 'mong']);
  const d = c.num(1, 31);
  const s = d === null ? null : c.sep('/.-', true);
  const m = s === null ? null : c.num(1, 12);
  if (d === null || s === null || m === null) return null;
  const tightYear = c.attempt((k) => (k.sep(s, true) ? yearNumber(k) : null));
  const leap = c.words('nhuan');
  const marked = lunarMark(c);
  const written = tightYear === null ? yearOf(c, null, o.near) : { y: tightYear, lunar: false };
  const y = written?.y ?? null;
  if (marked || lunarMark(c) || written?.lunar) return { t: 'lunar', d, m, leap, y };
  return leap ? null : { t: 'solar', d, m, y };
}

/** "mùng 10 tháng 3 âm lịch", "28 tháng Chạp", "ngày 12 tháng 10 năm 2020", "10 tháng 4 nhuận năm 2031 âm lịch". */
function spelled(c: Cursor, o: DayOptions): DayNode | null {
  const mung = c.oneOf(['mung', 'mong']) !== null;
  const d = c.num(1, 31);
  if (d === null || !c.words('thang')) return null;
  const mo = month(c);
  if (!mo) return null;
  const leap = c.words('nhuan');
  const marked = lunarMark(c);
  const written = yearOf(c, mo.named ? null : '/', o.near);
  const y = written?.y ?? null;
  const lunar = marked || lunarMark(c) || leap || mo.named || Boolean(written?.lunar);
  if (lunar) return { t: 'lunar', d, m: mo.m, leap, y };
  if (mung) return { t: 'unsure', d, m: mo.m, y };
  return o.afterNgay ? { t: 'solar', d, m: mo.m, y } : null;
}

/** "rằm tháng Giêng", "rằm tháng 7 âm lịch"; "mùng 2 Tết", "28 Tết" (of Chạp). */
function lunarNamed(c: Cursor, o: DayOptions): DayNode | null {
  if (c.words('ram')) {
    if (!c.words('thang')) return null;
    const mo = month(c);
    if (!mo) return null;
    const leap = c.words('nhuan');
    lunarMark(c);
    const y = yearOf(c, null, o.near)?.y ?? null;
    lunarMark(c);
    return { t: 'lunar', d: 15, m: mo.m, leap, y };
  }
  const mung = c.oneOf(['mung', 'mong']) !== null;
  const d = c.num(1, 30);
  if (d === null || !c.words('tet')) return null;
  c.words('nguyen dan');
  if (mung && d <= 10) return { t: 'lunar', d, m: 1, leap: false, y: null };
  return !mung && d >= 23 ? { t: 'lunar', d, m: 12, leap: false, y: null } : null;
}

function today(c: Cursor, o: DayOptions): DayNode | null {
  const shifts: readonly [string, number][] = [['hom nay', 0], ['ngay mai', 1], ['ngay kia', 2], ['ngay mot', 2], ['hom qua', -1]];
  for (const [phrase, shift] of shifts) if (c.words(phrase)) return { t: 'today', shift };
  if (!o.afterNgay) return null;
  const alone = c.oneOf(['mai', 'kia', 'mot']);
  return alone ? { t: 'today', shift: alone === 'mai' ? 1 : 2 } : null;
}

/** "thứ Bảy tuần này", "thứ Hai tuần sau", "Chủ nhật cuối tháng 6", "cuối tháng sau". */
function weekOrMonthEnd(c: Cursor): DayNode | null {
  const wd = weekdayWord(c);
  if (c.words('cuoi thang') || c.words('cuoi cung cua thang')) {
    const which = c.oneOf(['nay', 'sau', 'toi']);
    const m = which ? null : c.num(1, 12);
    const y = m === null ? null : yearSuffix(c, '/');
    return { t: 'month-end', wd, m: which === 'nay' ? 'this' : which ? 'next' : (m ?? 'this'), y };
  }
  if (wd === null) return null;
  const week = c.attempt((k) => (k.words('tuan') ? k.oneOf(['nay', 'sau', 'toi']) : null));
  return { t: 'weekday', wd, week: week === null ? null : week === 'nay' ? 'this' : 'next' };
}

// Built on first use, so importing the grammar costs nothing.
let aliases: { id: HolidayId; a: string }[] | null = null;
const ALIASES = () => (aliases ??= HOLIDAYS.flatMap((x) => x.aliases.map((a) => ({ id: x.id, a }))).sort((p, q) => q.a.length - p.a.length));

/** A holiday by name: "Giỗ Tổ Hùng Vương", "Quốc khánh", "Tết Nguyên đán" (the longest name wins). */
function holidayName(c: Cursor, o: DayOptions): DayNode | null {
  c.oneOf(['dip', 'le']);
  // Inside a sentence a one-word name ("Tết") is too often just a word; two words ("Quốc khánh") name the day.
  const hit = ALIASES().find((x) => (o.names || (o.nameWords === true && x.a.includes(' '))) && c.words(x.a));
  return hit ? { t: 'holiday', id: hit.id } : null;
}

/** "3 ngày trước 2/9", "2 ngày sau Quốc khánh", "trước Tết 5 ngày". */
function shifted(c: Cursor, o: DayOptions): DayNode | null {
  const inner = { ...o, names: true };
  const first = c.attempt((k) => {
    const n = k.num(1, 366, 3);
    if (n === null || !k.words('ngay')) return null;
    const dir = k.oneOf(['truoc', 'sau']);
    k.words('ngay');
    const anchor = dir ? plainDay(k, { ...inner, afterNgay: true }) : null;
    return anchor && dir ? { n, dir, anchor } : null;
  });
  const found =
    first ??
    c.attempt((k) => {
      const dir = k.oneOf(['truoc', 'sau']);
      const anchor = dir ? plainDay(k, inner) : null;
      const n = anchor ? k.num(1, 366, 3) : null;
      return dir && anchor && n !== null && k.words('ngay') ? { n, dir, anchor } : null;
    });
  return found ? { t: 'shifted', days: found.dir === 'truoc' ? -found.n : found.n, anchor: found.anchor } : null;
}

function plainDay(c: Cursor, o: DayOptions): DayNode | null {
  const rules = [(k: Cursor) => numeric(k, o), (k: Cursor) => spelled(k, o), (k: Cursor) => lunarNamed(k, o), (k: Cursor) => today(k, o), weekOrMonthEnd];
  rules.push((k: Cursor) => holidayName(k, o));
  return longest(c, rules);
}

/** One day in any of the forms above, the longest reading first. */
export function dayNode(c: Cursor, o: DayOptions): DayNode | null {
  return longest(c, [(k) => shifted(k, o), (k) => plainDay(k, o)]);
}

/** First words of holiday names: where a phrase naming a holiday may start. */
export function holidayFirstWords(): Set<string> {
  return new Set(ALIASES().map((x) => x.a.split(' ')[0] ?? ''));
}
