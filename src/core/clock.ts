import { DateTime } from 'luxon';

/** Where code reads the time from, so tests move time instead of sleeping. */
export interface Clock {
  now(): Date;
}

export const systemClock: Clock = { now: () => new Date() };

const MINUTE_MS = 60_000;
const MEMO_SIZE = 512;
const memo = new Map<string, string>();

/**
 * Formats an instant for people: dd/MM/yyyy HH:mm in the configured zone. The same few instants
 * (a task's deadline, this minute) are shown to every leader, and a zone conversion costs more
 * than the rest of a reply's text, so results are kept by minute for formats without seconds.
 */
export function formatLocal(at: Date, zone: string, format = 'dd/MM/yyyy HH:mm'): string {
  if (/[sSuxX]/.test(format)) return DateTime.fromJSDate(at, { zone }).toFormat(format);
  const key = `${Math.floor(at.getTime() / MINUTE_MS)}|${zone}|${format}`;
  let text = memo.get(key);
  if (text === undefined) {
    text = DateTime.fromJSDate(at, { zone }).toFormat(format);
    if (memo.size >= MEMO_SIZE) memo.clear();
    memo.set(key, text);
  }
  return text;
}
