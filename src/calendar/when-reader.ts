import { DateTime } from 'luxon';
import { miss, type DayCtx, type WhenDetail, type WhenReason } from './when-days.resolve.js';
import { Cursor } from './when-cursor.js';
import { whenNode, type WhenNode } from './when-grammar.js';
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
  /** A period or deadline already over is refused ('over'), unless allowed (an old plan). */
  allowPast?: boolean;
  /** For a single day: whether it may be the one meant (default: today or later). */
  fits?: (day: DateTime) => boolean;
}

export type WhenRead =
  | { ok: true; value: WhenValue; node: WhenNode; matched: string }
  /** `part`: the exact words that could not be read (or that name an impossible or past date). */
  | { ok: false; reason: WhenReason; detail?: WhenDetail; part: string };

const LEADING = ['thoi gian thuc hien', 'thoi gian', 'hoan thanh xong', 'hoan thanh', 'xong', 'thuc hien', 'vao luc', 'luc'];
const PUNCTUATION = '.,;:!?)';

function contextOf(o: WhenOptions): DayCtx {
  const today = DateTime.fromJSDate(o.now, { zone: o.zone }).startOf('day');
  return { today, zone: o.zone, year: o.year ?? null, from: today, fits: o.fits ?? ((d) => d >= today) };
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
  const node = whenNode(c, { whole: true });
  while (c.sep(PUNCTUATION));
  if (!node || !c.done) {
    const from = node ? c.i : startAt;
    return { ok: false, reason: 'format', part: text.slice(c.atOf(from)).trim() || text.trim() };
  }
  return resolveNode(node, text, o);
}

/** Tokens that look like a date wherever they stand: "14/6", "ngày 3", "mùng 10", "âm lịch", "rằm". */
function dateLike(tokens: readonly Token[], i: number): boolean {
  const [t, u, v] = [tokens[i], tokens[i + 1], tokens[i + 2]];
  if (t?.k === 'num' && u?.k === 'sep' && '/.-'.includes(u.s) && v?.k === 'num' && t.end === u.at && u.end === v.at) return true;
  if (t?.k === 'word' && ['ngay', 'mung', 'mong'].includes(t.w) && u?.k === 'num') return true;
  return t?.k === 'word' && (t.w === 'ram' || (t.w === 'am' && u?.k === 'word' && u.w === 'lich'));
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
  const tokens = tokenize(text);
  const unread: Extract<WhenRead, { ok: false }>[] = [];
  let found: WhenFound['found'] = null;
  for (let i = 0; i < tokens.length; ) {
    const c = new Cursor(tokens, i);
    const node = whenNode(c, { whole: false });
    const read = node ? resolveNode(node, text, o) : null;
    if (read?.ok && !found) found = read;
    else if (read && !read.ok) unread.push(read);
    else if (!node && dateLike(tokens, i)) unread.push({ ok: false, reason: 'format', part: text.slice(tokens[i]?.at ?? 0, tokens[i + 2]?.end ?? tokens[i + 1]?.end ?? text.length) });
    i = node ? c.i : i + 1;
  }
  return { found, unread };
}
