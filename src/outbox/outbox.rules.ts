import { DateTime } from 'luxon';
import type { QuietHours } from '../config.js';

const MINUTE = 60_000;

/** Local time rules the outbox keeps: quiet hours and how long a missed item stays worth sending. */
export interface SendWindow {
  zone: string;
  quiet: QuietHours | null;
}

function minuteOfDay(at: Date, zone: string): number {
  const dt = DateTime.fromJSDate(at, { zone });
  return dt.hour * 60 + dt.minute;
}

/** The first instant after `at` whose local minute of the day is `minute`. */
function nextLocalMinute(at: Date, minute: number, zone: string): Date {
  const dt = DateTime.fromJSDate(at, { zone });
  let candidate = dt.set({ hour: Math.floor(minute / 60), minute: minute % 60, second: 0, millisecond: 0 });
  if (candidate.toMillis() <= dt.toMillis()) candidate = candidate.plus({ days: 1 }).set({ hour: Math.floor(minute / 60), minute: minute % 60 });
  return candidate.toJSDate();
}

/** True between the start (inclusive) and the end (exclusive) of quiet hours, local time. */
export function isQuiet(at: Date, w: SendWindow): boolean {
  if (!w.quiet) return false;
  const m = minuteOfDay(at, w.zone);
  const { startMinute: s, endMinute: e } = w.quiet;
  return s < e ? m >= s && m < e : m >= s || m < e;
}

/** When sending may start at or after `at`: `at` itself, or the end of the quiet hours it falls in. */
export function nextSendable(at: Date, w: SendWindow): Date {
  return w.quiet && isQuiet(at, w) ? nextLocalMinute(at, w.quiet.endMinute, w.zone) : at;
}

/**
 * The last moment an item that fell due at `dueAt` is still worth sending: `graceHours` of
 * sending time later, not counting quiet hours (a reminder due at 20:50 may still go at 06:45).
 */
export function sendableDeadline(dueAt: Date, graceHours: number, w: SendWindow): Date {
  let remaining = graceHours * 3_600_000;
  let t = nextSendable(dueAt, w);
  if (!w.quiet) return new Date(t.getTime() + remaining);
  for (;;) {
    const quietStart = nextLocalMinute(new Date(t.getTime() - 1), w.quiet.startMinute, w.zone);
    const span = quietStart.getTime() - t.getTime();
    if (remaining <= span) return new Date(t.getTime() + remaining);
    remaining -= span;
    t = nextSendable(quietStart, w);
  }
}

/** Transient failures wait 1, 2, 4, 8 … minutes (capped at an hour) before the next try. */
export function backoffMs(attempts: number): number {
  return Math.min(60, 2 ** Math.max(0, attempts - 1)) * MINUTE;
}

/**
 * When a send that got no answer in time is tried again: at once the first time (one slow
 * request is bad luck), then like any transient failure (Telegram may be struggling).
 */
export function timeoutRetryMs(attempts: number): number {
  return attempts <= 1 ? 0 : backoffMs(attempts - 1);
}

/** After this many transient failures a delivery is marked failed. */
export const MAX_ATTEMPTS = 5;
