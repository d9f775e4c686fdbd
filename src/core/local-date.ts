import { DateTime } from 'luxon';

export type DueParse =
  | { ok: true; at: Date; hadTime: boolean }
  | { ok: false; reason: 'format' | 'invalid-date' | 'past' };

/** When a date is given without a time, the deadline is the end of the office day. */
export const DEFAULT_DUE_HOUR = 17;

const DATE = String.raw`(\d{1,2})[/.-](\d{1,2})(?:[/.-](\d{4}))?`;
const TIME = String.raw`(\d{1,2})[:hg](\d{2})`;
const DATE_THEN_TIME = new RegExp(`^${DATE}(?:\\s+(?:lúc\\s+)?${TIME})?$`, 'i');
const TIME_THEN_DATE = new RegExp(`^${TIME}\\s+(?:ngày\\s+)?${DATE}$`, 'i');

/**
 * Reads a local date and time as people type it: `14/6`, `14/6/2026`, `14/6 17:00`,
 * `17:00 14/06/2026` (also `17h00`). Without a year it means the next such day;
 * without a time it means 17:00. A moment in the past is refused.
 */
export function parseLocalDateTime(input: string, now: Date, zone: string): DueParse {
  const text = input.trim().replace(/\s+/g, ' ');
  let day: string | undefined, month: string | undefined, year: string | undefined;
  let hour: string | undefined, minute: string | undefined;
  const a = DATE_THEN_TIME.exec(text);
  const b = a ? null : TIME_THEN_DATE.exec(text);
  if (a) [, day, month, year, hour, minute] = a;
  else if (b) [, hour, minute, day, month, year] = b;
  else return { ok: false, reason: 'format' };

  const hadTime = hour !== undefined;
  const local = DateTime.fromJSDate(now, { zone });
  const build = (y: number) =>
    DateTime.fromObject(
      { year: y, month: Number(month), day: Number(day), hour: hadTime ? Number(hour) : DEFAULT_DUE_HOUR, minute: hadTime ? Number(minute) : 0 },
      { zone },
    );
  let at = build(year ? Number(year) : local.year);
  if (!at.isValid) return { ok: false, reason: 'invalid-date' };
  if (!year && at < local) at = build(local.year + 1);
  if (!at.isValid) return { ok: false, reason: 'invalid-date' };
  if (at <= local) return { ok: false, reason: 'past' };
  return { ok: true, at: at.toJSDate(), hadTime };
}
