import { DateTime } from 'luxon';
import { nextOccurrence, occurrencesBetween, type Occurrence, type Recurrence } from '../calendar/recurrence.rules.js';
import type { SeriesStatus } from '../core/schema.js';

/** What decides a series' occurrences. */
export interface SeriesTimes {
  recurrence: Recurrence;
  /** An occurrence is created this many days before the day it is due. */
  leadDays: number;
  status: SeriesStatus;
  createdAt: Date;
  /** The due time of the latest occurrence already created, if any. */
  lastDueAt: Date | null;
}

/** An occurrence is announced at this local hour, `leadDays` before its due day. */
export const OPEN_HOUR = 8;
/** Never later than this before the due time: a round needs time to be done. */
const MIN_OPEN_BEFORE_DUE_MS = 3_600_000;
const DAY_MS = 86_400_000;

/** When an occurrence is created: `leadDays` before its due day at 08:00, and at least an hour before it is due. */
export function opensAt(o: Occurrence, leadDays: number, zone: string): Date {
  const open = DateTime.fromJSDate(o.dueAt, { zone }).startOf('day').minus({ days: leadDays }).set({ hour: OPEN_HOUR });
  return new Date(Math.min(open.toMillis(), o.dueAt.getTime() - MIN_OPEN_BEFORE_DUE_MS));
}

/** Occurrences come after the latest one made (a changed rule applies from the next occurrence on) and after the series began. */
function lowerBound(s: SeriesTimes): number {
  return Math.max(s.createdAt.getTime(), s.lastDueAt?.getTime() ?? 0);
}

/**
 * The occurrences that must exist at `now` and do not yet: those of an active series whose
 * opening time has come, still ahead of their due time, after the latest one already made.
 * A round whose due time passed while the bot was down (or the series was paused) is not made:
 * every report would be late from its first minute.
 */
export function occurrencesToCreate(s: SeriesTimes, now: Date, zone: string): Occurrence[] {
  if (s.status !== 'active') return [];
  const from = Math.max(lowerBound(s), now.getTime()) + 1;
  const to = now.getTime() + (s.leadDays + 2) * DAY_MS;
  return occurrencesBetween(s.recurrence, new Date(from), new Date(to), zone).filter((o) => opensAt(o, s.leadDays, zone) <= now);
}

/** The next occurrence the series will make (for the admin's view); null when it has ended. */
export function upcomingOccurrence(s: SeriesTimes, now: Date, zone: string): (Occurrence & { opensAt: Date }) | null {
  if (s.status === 'ended') return null;
  const o = nextOccurrence(s.recurrence, new Date(Math.max(lowerBound(s), now.getTime())), zone);
  return { ...o, opensAt: opensAt(o, s.leadDays, zone) };
}
