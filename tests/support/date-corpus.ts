import { DateTime } from 'luxon';
import { findWhen } from '../../src/calendar/when-reader.js';
import type { DatePhraseCase } from '../fixtures/dates/phrases.js';

export const ZONE = 'Asia/Ho_Chi_Minh';
const FORMAT = 'yyyy-MM-dd HH:mm';

export const localInstant = (s: string): Date => DateTime.fromFormat(s, FORMAT, { zone: ZONE }).toJSDate();
const show = (d: DateTime | Date | null) => (d === null ? null : (d instanceof Date ? DateTime.fromJSDate(d, { zone: ZONE }) : d).setZone(ZONE).toFormat(FORMAT));

/** What the reader made of one corpus phrase, in the corpus's own terms. */
export type CorpusReading = { start: string | null; end: string; lunar?: true } | { unreadable: string[] } | { nothing: true };

export function readCorpusPhrase(c: DatePhraseCase): CorpusReading {
  const r = findWhen(c.phrase, { now: localInstant(c.now), zone: ZONE, allowPast: true });
  if (!r.found) return r.unread.length ? { unreadable: r.unread.map((u) => u.part) } : { nothing: true };
  const v = r.found.value;
  const lunar = v.startLunar !== null || v.endLunar !== null;
  return { start: show(v.start), end: show(v.end) ?? '', ...(lunar ? { lunar: true as const } : {}) };
}

/** right: the same start, end and lunar mark; unreadable-correct: nothing read, and the part named overlaps the expected one. */
export function judge(c: DatePhraseCase, got: CorpusReading): 'right' | 'unreadable-correct' | 'wrong' {
  const e = c.expect;
  if ('unreadable' in e) {
    if (!('unreadable' in got)) return 'nothing' in got ? 'wrong' : 'wrong';
    const norm = (s: string) => s.trim().replace(/[.,;:]+$/, '').toLowerCase();
    return got.unreadable.some((p) => norm(e.unreadable).includes(norm(p)) || norm(p).includes(norm(e.unreadable))) ? 'unreadable-correct' : 'wrong';
  }
  if (!('end' in got)) return 'wrong';
  return got.start === e.start && got.end === e.end && Boolean(got.lunar) === Boolean(e.lunar) ? 'right' : 'wrong';
}
