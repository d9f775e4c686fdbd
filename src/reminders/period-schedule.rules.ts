import { DateTime } from 'luxon';
import { periodSchedule } from '../calendar/period.rules.js';
import { type ReminderInstant, type ReminderKind, reminderSchedule, type TaskTimes } from './reminder.rules.js';

/** A task's times, with its period when it has one and whether flags come down after it. */
export interface ScheduledTask extends TaskTimes {
  startsAt?: Date | null;
  endsAt?: Date | null;
  /** The take-down reminder is sent (flags, banners); see tasks/take-down.rules. */
  takeDown?: boolean;
}

/** Deadline reminders to pending units that a period reminder on the same local day already says. */
const SAID_BY_PERIOD: readonly ReminderKind[] = ['due-1d', 'due-day'];

const localDay = (at: Date, zone: string) => DateTime.fromJSDate(at, { zone }).toISODate() ?? '';

/**
 * Every reminder of a task: the default schedule (reminderSchedule), and for a task over a
 * period the eve (all units), the start morning (units not confirmed) and, for flags, the
 * take-down after the end (all units). The period's "report due" is the wrap-up, so it is not
 * added twice; a "due tomorrow" or "due today" reminder on the day of the eve or the start is
 * left out, so nobody gets two messages about the same thing that morning.
 */
export function taskSchedule(task: ScheduledTask, zone: string): ReminderInstant[] {
  const base = reminderSchedule(task, zone);
  if (!task.startsAt || !task.endsAt) return base;
  const period = periodSchedule({ start: task.startsAt, end: task.endsAt, reportDueAt: task.dueAt, createdAt: task.createdAt, updatedAt: task.updatedAt }, zone)
    .flatMap((p): ReminderInstant[] =>
      p.kind === 'period-due' || (p.kind === 'period-take-down' && task.takeDown !== true) ? [] : [{ kind: p.kind, at: p.at, expiresAt: p.expiresAt, audience: p.audience }],
    );
  const periodDays = new Set(period.filter((p) => p.kind !== 'period-take-down').map((p) => localDay(p.at, zone)));
  return [...base.filter((r) => !SAID_BY_PERIOD.includes(r.kind) || !periodDays.has(localDay(r.at, zone))), ...period].sort((a, b) => a.at.getTime() - b.at.getTime());
}
