import { DateTime } from 'luxon';
import { miss, type DayCtx, type WhenDetail, type WhenReason } from './when-days.resolve.js';
import { Cursor } from './when-cursor.js';
import { dayNode, holidayFirstWords } from './when-days.js';
import { whenNode, type Span, type WhenNode } from './when-grammar.js';
import { resolveWhen, type WhenValue } from './when-resolve.js';
import { tokenize, type Token } from './when-tokens.js';

export type { WhenDetail, WhenReason } from './when-days.resolve.js';
export type { WhenPrecision, WhenValue } from './when-resolve.js';

/**
 * THE reader of Vietnamese dates and periods: every place a person types or pastes a date calls
 * `readWhen` (a whole answer) or `findWhen` (a date inside a sentence or a plan). A tokenizer
 * (when-tokens.ts), a grammar (when-grammar.ts, when-days.ts) and a resolver (when-resolve.ts):
 * solar and lunar dates in every common spelling, holidays, relative days, periods, deadlines.
 */
export interface WhenOptions {
  now: Date;
  zone: string;
  /** The year of dates written without one (a plan's own year); by default the next one to come. */
  year?: number;
  /** Dates must name their year (or `year` be given): nothing is taken as "the next one". */
  yearRequired?: boolean;
  /** A period or deadline already over is refused ('over'), unless allowed (an old plan). */
  allowPast?: boolean;
  /** For a single day: whether it may be the one meant (default: today or later). */
  fits?: (day: DateTime) => boolean;
}

export type WhenRead =
  | { ok: true; value: WhenValue; node: WhenNode; matched: string }
  /** `part`: the exact words that could not be read (or that name an impossible or past date). */
  | { ok: false; reason: WhenReason; detail?: WhenDetail; part: string };

const LEADING = ['thoi gian thuc hien', 'thoi gian', 'thuc hien'];
const PUNCTUATION = '.,;:!?)';

const nearYear = (o: WhenOptions) => o.year ?? DateTime.fromJSDate(o.now, { zone: o.zone }).year;

function contextOf(o: WhenOptions): DayCtx {
  const today = DateTime.fromJSDate(o.now, { zone: o.zone }).startOf('day');
  return { today, zone: o.zone, year: o.year ?? null, from: today, fits: o.fits ?? ((d) => d >= today), strict: o.yearRequired === true && o.year === undefined };
}

function resolveNode(node: WhenNode, text: string, o: WhenOptions): WhenRead {
  const matched = text.slice(node.at, node.end);
  const r = resolveWhen(node, contextOf(o));
  if (!r.ok) return { ...r, part: matched };
  if (!o.allowPast && r.value.end.toMillis() <= o.now.getTime()) {
    const reason = r.value.shape === 'range' ? 'over' : 'past';
    return { ...miss(reason, { resolved: r.value.end.toJSDate() }), part: matched };
  }
  return { ok: true, value: r.value, node, matched };
}

/** Reads a whole answer ("mùng 10 tháng 3 âm lịch", "từ 23/7 đến hết 27/7"); any word left over is named, not skipped. */
export function readWhen(text: string, o: WhenOptions): WhenRead {
  const tokens = tokenize(text);
  const c = new Cursor(tokens);
  c.oneOf(LEADING);
  c.sep(':');
  const startAt = c.i;
  const node = whenNode(c, { whole: true, near: nearYear(o) });
  while (c.sep(PUNCTUATION));
  if (!node || !c.done) {
    const from = node ? c.i : startAt;
    return { ok: false, reason: 'format', part: text.slice(c.atOf(from)).trim() || text.trim() };
  }
  return resolveNode(node, text, o);
}

const DATEISH = new Set(['dip', 'le', 'khi', 'ngay', 'mung', 'mong', 'thang', 'nam', 'am', 'lich', 'ram', 'tet', 'sang', 'chieu', 'toi', 'trua', 'tu', 'den', 'het', 'cuoi', 'dau', 'tuan', 'quy', 'nhuan', 'gio', 'phut']);
const LEAD_IN = new Set(['ngay', 'sang', 'chieu', 'toi', 'trua', 'tu', 'vao', 'luc', 'truoc', 'han']);

/** Where something that looks like a date starts: "14/6", "mùng 10", "âm lịch", "rằm", "cuối năm", a bare time. */
function looksDated(tokens: readonly Token[], i: number): boolean {
  const [t, u, v] = [tokens[i], tokens[i + 1], tokens[i + 2]];
  if (t?.k === 'time') return true;
  if (t?.k === 'num' && u?.k === 'sep' && '/.-'.includes(u.s) && v?.k === 'num' && t.end === u.at && u.end === v.at) return true;
  if (t?.k !== 'word') return false;
  // "ngay sau khi kết thúc …" (right after): a time, but not a date.
  if (t.w === 'ngay' && !t.accented && u?.k === 'word' && ['sau', 'truoc'].includes(u.w) && v?.k === 'word' && v.w === 'khi') return true;
  if (['mung', 'mong', 'ngay'].includes(t.w) && u?.k === 'num') return true;
  if (t.w === 'dip' && u?.k === 'word' && u.w === 'le') return true;
  if (t.w === 'cuoi' && u?.k === 'word' && ['nam', 'thang', 'tuan', 'quy'].includes(u.w)) return true;
  return t.w === 'ram' || (t.w === 'am' && u?.k === 'word' && u.w === 'lich');
}

/** The stretch of date-like words around a token that starts one, as [first, last] token indexes. */
function datedStretch(tokens: readonly Token[], i: number): [number, number] {
  let a = i;
  while (a > 0 && tokens[a - 1]?.k === 'word' && LEAD_IN.has((tokens[a - 1] as { w: string }).w)) a--;
  let b = i;
  const dateish = (t: Token | undefined) => t !== undefined && (t.k === 'num' || t.k === 'time' || (t.k === 'sep' && '/.-,'.includes(t.s)) || (t.k === 'word' && DATEISH.has(t.w)));
  while (dateish(tokens[b + 1])) b++;
  while (b > i && tokens[b]?.k === 'sep') b--;
  return [a, b];
}

export interface WhenFound {
  /** The first date or period in the text that reads, or null. */
  found: Extract<WhenRead, { ok: true }> | null;
  /** Date-like words it could not read (or that name an impossible date), in order. */
  unread: Extract<WhenRead, { ok: false }>[];
}

/**
 * Finds the first time phrase in a longer text (a sentence, a plan's item): the earliest one that
 * reads, the longest reading there. Whatever looks like a date but does not read is listed.
 */
export function findWhen(text: string, o: WhenOptions): WhenFound {
  const plain = scan(text, o, false);
  // A holiday named in a sentence ("Treo cờ Quốc khánh") is its date only when no date is written.
  return plain.found || plain.unread.length ? plain : scan(text, o, true);
}

/** Words a time phrase can start with; a sentence is only parsed from these (and numbers and times). */
const STARTS = new Set([
  'tu', 'ngay', 'cac', 'truoc', 'sau', 'cham', 'muon', 'han', 'khong', 'toi', 'den', 'cho', 'hoan', 'xong', 'trong', 'thang', 'tuan', 'quy',
  'mung', 'mong', 'ram', 'sang', 'trua', 'chieu', 'vao', 'luc', 'bat', 'hom', 'thu', 'chu', 'cn', 't', 'cuoi', 'dau', 'giua', 'dip', 'le',
]);
let startWords: Set<string> | null = null;
const canStart = (t: Token | undefined) => {
  if (!t || t.k !== 'word') return t !== undefined && t.k !== 'sep';
  startWords ??= new Set([...STARTS, ...holidayFirstWords()]);
  return startWords.has(t.w);
};

function scan(text: string, o: WhenOptions, nameWords: boolean): WhenFound {
  const tokens = tokenize(text);
  const unread: (Extract<WhenRead, { ok: false }> & { at: number; end: number; node?: true })[] = [];
  const read: Span[] = [];
  let found: WhenFound['found'] = null;
  let stretchEnd = -1;
  for (let i = 0; i < tokens.length; ) {
    const c = new Cursor(tokens, i);
    const node = canStart(tokens[i]) ? whenNode(c, { whole: false, near: nearYear(o), nameWords }) : null;
    if (node) {
      const r = resolveNode(node, text, o);
      read.push(node);
      if (r.ok && !found) found = r;
      else if (!r.ok) unread.push({ ...r, at: node.at, end: node.end, node: true });
      i = c.i;
      continue;
    }
    if (i > stretchEnd && looksDated(tokens, i)) {
      const [a, b] = datedStretch(tokens, i);
      const at = tokens[a]?.at ?? 0;
      const end = tokens[b]?.end ?? text.length;
      unread.push({ ok: false, reason: 'format', part: text.slice(at, end), at, end });
      stretchEnd = b;
    }
    i++;
  }
  // A stretch that only looked like a date because a readable one stands inside it is no trouble.
  const trouble = unread.filter((u) => u.node || !read.some((n) => n.at < u.end && u.at < n.end));
  return { found, unread: trouble.map((u) => ({ ok: false, reason: u.reason, part: u.part, ...(u.detail ? { detail: u.detail } : {}) })) };
}

/** Day and month of each solar date written in a text ("Treo cờ 30/4" → 30/4), for naming the holiday it is about. */
export function solarDaysIn(text: string): { day: number; month: number }[] {
  const tokens = tokenize(text);
  const out: { day: number; month: number }[] = [];
  for (let i = 0; i < tokens.length; i++) {
    const c = new Cursor(tokens, i);
    const d = dayNode(c, { names: false, afterNgay: false, near: 2000 });
    if (d?.t !== 'solar' || d.m === null) continue;
    out.push({ day: d.d, month: d.m });
    i = c.i - 1;
  }
  return out;
}
