import { DateTime } from 'luxon';
import { DEFAULT_DUE_HOUR } from '../core/local-date.js';
import type { LocalTime } from './when-tokens.js';

/** A task that runs over a period ("treo cờ từ 23/7 đến hết 27/7") rather than to one deadline. */
export interface TaskPeriod {
  start: Date;
  end: Date;
}

export interface PeriodTimes extends TaskPeriod {
  /** When the report is due, if the admin set it; otherwise see periodReportDue. */
  reportDueAt?: Date | null;
  createdAt: Date;
  /** When the task was last changed (a new period makes new reminders). */
  updatedAt?: Date;
}

export const PERIOD_REMINDER_KINDS = ['period-eve', 'period-start', 'period-due', 'period-take-down'] as const;
export type PeriodReminderKind = (typeof PERIOD_REMINDER_KINDS)[number];

export interface PeriodInstant {
  kind: PeriodReminderKind;
  at: Date;
  /** A reminder about the start is useless once the period is over. */
  expiresAt: Date | null;
  /** all: every assigned unit; pending: units that have not confirmed; staff: officials and admins. */
  audience: 'all' | 'pending' | 'staff';
}

/** Local times of the period reminders. */
export interface PeriodClock {
  /** The day before the start: time to get flags and banners ready. */
  eve: LocalTime;
  /** The start day, to units that have not confirmed yet. */
  startMorning: LocalTime;
  /** The first such time after the end: take flags and banners down. */
  takeDown: LocalTime;
}

export const DEFAULT_PERIOD_CLOCK: PeriodClock = {
  eve: { hour: 8, minute: 0 },
  startMorning: { hour: 7, minute: 0 },
  takeDown: { hour: 7, minute: 0 },
};

/** As for deadlines: a reminder closer than this after the announcement would only repeat it. */
const MIN_AFTER_ANNOUNCE_MS = 60 * 60_000;

const at = (day: DateTime, t: LocalTime) => day.set({ hour: t.hour, minute: t.minute, second: 0, millisecond: 0 });

/**
 * When the report of a period task is due: the time the admin set, else the start itself when it
 * has a time of day ("chiều ngày 18/1" = 13:30), else 17:00 of the start day: a period that starts
 * at midnight is worked on that morning, so a report due at 00:00 would be due before the work.
 */
export function periodReportDue(p: TaskPeriod & { reportDueAt?: Date | null }, zone: string): Date {
  if (p.reportDueAt) return p.reportDueAt;
  const start = DateTime.fromJSDate(p.start, { zone });
  if (!start.equals(start.startOf('day'))) return p.start;
  return start.set({ hour: DEFAULT_DUE_HOUR }).toJSDate();
}

/** The take-down reminder: the first `clock.takeDown` (07:00) local after the end. */
export function takeDownAt(end: Date, zone: string, clock: PeriodClock = DEFAULT_PERIOD_CLOCK): Date {
  const local = DateTime.fromJSDate(end, { zone });
  const sameDay = at(local, clock.takeDown);
  return (sameDay > local ? sameDay : at(local.plus({ days: 1 }), clock.takeDown)).toJSDate();
}

/** True while the period runs: from the start (inclusive) to the end (inclusive). */
export function isWithinPeriod(moment: Date, p: TaskPeriod): boolean {
  return moment >= p.start && moment <= p.end;
}

/**
 * The reminders of a period task, local to `zone`: the day before the start (to all units), the
 * start morning (to units not yet confirmed), the report due (a summary to staff) and, after the
 * end, the take-down reminder (to all units). Instants from before the task's last change, or
 * within an hour of its creation, are left out, as for deadline reminders.
 */
export function periodSchedule(p: PeriodTimes, zone: string, clock: PeriodClock = DEFAULT_PERIOD_CLOCK): PeriodInstant[] {
  const startDay = DateTime.fromJSDate(p.start, { zone }).startOf('day');
  const due = periodReportDue(p, zone);
  const all: PeriodInstant[] = [
    { kind: 'period-eve', at: at(startDay.minus({ days: 1 }), clock.eve).toJSDate(), expiresAt: p.start, audience: 'all' },
    { kind: 'period-start', at: at(startDay, clock.startMorning).toJSDate(), expiresAt: p.end, audience: 'pending' },
    { kind: 'period-due', at: due, expiresAt: null, audience: 'staff' },
    { kind: 'period-take-down', at: takeDownAt(p.end, zone, clock), expiresAt: null, audience: 'all' },
  ];
  const since = Math.max(p.createdAt.getTime() + MIN_AFTER_ANNOUNCE_MS, p.updatedAt?.getTime() ?? 0);
  return all
    .filter((r) => r.at.getTime() > since && (!r.expiresAt || r.at < r.expiresAt))
    .sort((a, b) => a.at.getTime() - b.at.getTime());
}
