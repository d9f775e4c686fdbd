import { DateTime } from 'luxon';

/** Every message a task sends by itself; the admin can turn each off per task. */
export const REMINDER_KINDS = [
  'announce', 'due-3d', 'due-1d', 'due-day', 'event-eve', 'event-1h', 'event-start', 'overdue', 'wrapup',
  // A task over a period (issue 11): the eve, the start morning, the take-down after the end.
  'period-eve', 'period-start', 'period-take-down',
] as const;

/** Reminders of an event that has not begun: they remind of the event and ask for no results yet. */
export const BEFORE_EVENT: readonly ReminderKind[] = ['event-eve', 'event-1h'];
export type ReminderKind = (typeof REMINDER_KINDS)[number];

export interface ReminderInstant {
  kind: ReminderKind;
  at: Date;
  /** An event reminder is useless once the event has begun. */
  expiresAt: Date | null;
  /** pending: members of units that have not reported; all: of every unit given the task; staff: officials and admins. */
  audience: 'pending' | 'all' | 'staff';
}

export interface TaskTimes {
  createdAt: Date;
  /** When the task was last changed (a new deadline makes new reminders). */
  updatedAt: Date;
  dueAt: Date;
  eventAt: Date | null;
}

/** A reminder closer than this after the announcement would only repeat it. */
const MIN_AFTER_ANNOUNCE_MS = 60 * 60_000;

function localAt(day: DateTime, days: number, hour: number, minute = 0): Date {
  return day.plus({ days }).set({ hour, minute, second: 0, millisecond: 0 }).toJSDate();
}

/**
 * The default schedule, local to `zone`: the announcement; 3 days and 1 day before the deadline
 * at 08:00 and the deadline day at 07:00; for an event, the evening before at 19:00 and 1 hour
 * before (reminders only: no results are asked before the event), and a request for results two
 * hours after it begins; the wrap-up at the deadline; one overdue reminder the next morning at 08:00.
 * Instants from before the task's last change are left out (they belonged to an old deadline).
 */
export function reminderSchedule(task: TaskTimes, zone: string): ReminderInstant[] {
  const due = DateTime.fromJSDate(task.dueAt, { zone }).startOf('day');
  const out: ReminderInstant[] = [
    { kind: 'due-3d', at: localAt(due, -3, 8), expiresAt: task.dueAt, audience: 'pending' },
    { kind: 'due-1d', at: localAt(due, -1, 8), expiresAt: task.dueAt, audience: 'pending' },
    { kind: 'due-day', at: localAt(due, 0, 7), expiresAt: task.dueAt, audience: 'pending' },
    { kind: 'wrapup', at: task.dueAt, expiresAt: null, audience: 'staff' },
    { kind: 'overdue', at: localAt(due, 1, 8), expiresAt: null, audience: 'pending' },
  ];
  if (task.eventAt) {
    const event = DateTime.fromJSDate(task.eventAt, { zone }).startOf('day');
    out.push({ kind: 'event-eve', at: localAt(event, -1, 19), expiresAt: task.eventAt, audience: 'pending' });
    out.push({ kind: 'event-1h', at: new Date(task.eventAt.getTime() - 3_600_000), expiresAt: task.eventAt, audience: 'pending' });
    // Results are asked for once the event has begun (two hours in), while the deadline is ahead.
    const askAt = new Date(task.eventAt.getTime() + 2 * 3_600_000);
    if (askAt < task.dueAt) out.push({ kind: 'event-start', at: askAt, expiresAt: task.dueAt, audience: 'pending' });
  }
  const since = Math.max(task.createdAt.getTime() + MIN_AFTER_ANNOUNCE_MS, task.updatedAt.getTime());
  const kept = out.filter((r) => r.at.getTime() > since && (r.kind !== 'due-day' || r.at < task.dueAt) && (r.kind !== 'overdue' || r.at > task.dueAt));
  const announce: ReminderInstant = { kind: 'announce', at: task.createdAt, expiresAt: null, audience: 'pending' };
  return [announce, ...kept].sort((a, b) => a.at.getTime() - b.at.getTime());
}

/** The key of one reminder instant: a new deadline gives new keys, a second tick the same ones. */
export function reminderKey(taskId: number, r: Pick<ReminderInstant, 'kind' | 'at'>): string {
  const prefix = r.kind === 'wrapup' ? 'wrapup' : 'reminder';
  return `${prefix}:${taskId}:${r.kind === 'wrapup' ? '' : `${r.kind}:`}${r.at.toISOString().slice(0, 16)}`;
}
