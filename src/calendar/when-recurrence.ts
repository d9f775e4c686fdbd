import { isValidRecurrence, type Recurrence } from './recurrence.rules.js';
import { Cursor } from './when-cursor.js';
import { dayNode, weekdayWord } from './when-days.js';
import { isValidTime, tokenize, type LocalTime, type Token } from './when-tokens.js';

export type RecurrenceInput = { ok: true; recurrence: Recurrence } | { ok: false; reason: 'format' | 'invalid' };

const DEFAULT_HOUR = 17;
const FREQUENCIES: readonly [string, 'week' | 'month' | 'year'][] = [
  ['hang tuan', 'week'], ['moi tuan', 'week'], ['hang thang', 'month'], ['moi thang', 'month'], ['hang nam', 'year'], ['moi nam', 'year'],
];
const FILLER = new Set(['vao', 'cac', 'cua', 'luc']);
const DAYS_IN_MONTH = [31, 29, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];

/** Takes the frequency words and the time out of the tokens; the rest names the day(s). */
function split(tokens: Token[]): { freq: 'week' | 'month' | 'year' | null; time: LocalTime | null; rest: Token[] } {
  let freq: 'week' | 'month' | 'year' | null = null;
  let time: LocalTime | null = null;
  const rest: Token[] = [];
  for (let i = 0; i < tokens.length; i++) {
    const t = tokens[i];
    const u = tokens[i + 1];
    const hit = t?.k === 'word' && u?.k === 'word' ? FREQUENCIES.find(([p]) => p === `${t.w} ${u.w}`) : undefined;
    if (hit) {
      freq = hit[1];
      i++;
    } else if (t?.k === 'time') time = t.time;
    else if (t && !(t.k === 'word' && FILLER.has(t.w)) && !(t.k === 'sep' && t.s === ',' && i === tokens.length - 1)) rest.push(t);
  }
  return { freq, time, rest };
}

function weekly(c: Cursor, time: LocalTime): Recurrence | null {
  c.words('ngay');
  const weekday = weekdayWord(c);
  return weekday !== null && c.done ? { kind: 'weekly', weekday, time } : null;
}

/** "mùng 1 và rằm", "rằm", "mùng 1 âm lịch": lunar days of every lunar month. */
function lunarDays(c: Cursor): number[] | null {
  const days: number[] = [];
  let lunar = false;
  do {
    c.words('ngay');
    if (c.words('ram')) {
      days.push(15);
      lunar = true;
    } else {
      c.oneOf(['mung', 'mong']);
      const d = c.num(1, 30);
      if (d === null) return null;
      days.push(d);
    }
    lunar = c.oneOf(['am lich', 'al']) !== null || lunar;
  } while (c.words('va') || c.sep(','));
  return lunar && c.done ? [...new Set(days)].sort((a, b) => a - b) : null;
}

function monthly(c: Cursor, time: LocalTime): Recurrence | null {
  const start = c.i;
  const lunar = c.attempt(lunarDays);
  if (lunar) return { kind: 'monthly-lunar', days: lunar, time };
  c.words('ngay');
  const weekday = weekdayWord(c);
  if (weekday !== null) return (c.words('cuoi cung cua thang') || c.words('cuoi cung thang') || c.words('cuoi thang')) && c.done ? { kind: 'monthly-last-weekday', weekday, time } : null;
  if (c.words('cuoi thang')) return c.done ? { kind: 'monthly-day', day: 31, time } : null;
  c.i = start;
  c.oneOf(['ngay', 'mung', 'mong']);
  const t = c.peek();
  c.i++;
  return t?.k === 'num' && t.digits <= 2 && c.done ? { kind: 'monthly-day', day: t.v, time } : null;
}

function yearly(c: Cursor, time: LocalTime): Recurrence | null {
  const dates: { month: number; day: number }[] = [];
  c.words('ngay');
  for (;;) {
    const t = c.peek();
    const s = c.peek(1);
    const u = c.peek(2);
    const day = dayNode(new Cursor(c.tokens, c.i), { names: false, afterNgay: true, near: 2000 });
    if (day?.t === 'lunar' || day?.t === 'unsure') {
      const read = new Cursor(c.tokens, c.i);
      dayNode(read, { names: false, afterNgay: true, near: 2000 });
      if (!read.done || dates.length) return null;
      return day.t === 'lunar' ? { kind: 'yearly-lunar', month: day.m, day: day.d, time } : null;
    }
    if (t?.k !== 'num' || s?.k !== 'sep' || s.s !== '/' || u?.k !== 'num') return null;
    c.i += 3;
    dates.push({ day: t.v, month: u.v });
    if (c.done) break;
    if (!(c.words('va') || c.sep(','))) return null;
  }
  // 29/2 is kept (the rules put it on 28/2 in common years); 31/4 or 30/2 never exist.
  if (dates.some((d) => d.month < 1 || d.month > 12 || d.day > (DAYS_IN_MONTH[d.month - 1] ?? 0))) return { kind: 'yearly', dates: [], time };
  return { kind: 'yearly', dates, time };
}

/**
 * Reads how a task repeats, as officials say it, with the tokens of the one date reader:
 * "Chủ nhật hằng tuần", "ngày 15 hằng tháng", "Chủ nhật cuối tháng", "mùng 1 và rằm hằng tháng"
 * (lunar), "30/4 và 2/9 hằng năm", "10/3 âm lịch hằng năm", "rằm tháng Giêng hằng năm", each with
 * an optional time (else 17:00). "Chủ nhật cuối tháng" needs no "hằng tháng".
 */
export function parseRecurrence(text: string): RecurrenceInput {
  const { freq: said, time: typed, rest } = split(tokenize(text));
  if (typed && !isValidTime(typed)) return { ok: false, reason: 'invalid' };
  const time = typed ?? { hour: DEFAULT_HOUR, minute: 0 };
  const last = rest.at(-1);
  const freq = said ?? (last?.k === 'word' && last.w === 'thang' && rest.at(-2)?.k === 'word' ? 'month' : null);
  const c = new Cursor(rest);
  const r = freq === 'week' ? weekly(c, time) : freq === 'month' ? monthly(c, time) : freq === 'year' ? yearly(c, time) : null;
  if (!r) return { ok: false, reason: 'format' };
  return isValidRecurrence(r) ? { ok: true, recurrence: r } : { ok: false, reason: 'invalid' };
}
