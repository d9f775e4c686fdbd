import { DateTime } from 'luxon';
import { periodReportDue } from '../calendar/period.rules.js';
import { DEFAULT_DUE_HOUR } from '../core/local-date.js';
import type { DraftItem, PlanItemKind, PlanPeriod } from './plan-types.js';

/** When the task an item creates runs, is due, and (for an event) starts: one rule for the review's text and for "Tạo tất cả". */

/** An event whose plan names only days starts at this hour (office hours), so its reminders make sense. */
const EVENT_HOUR = 8;

/** When an event starts: its written time, or 08:00 on its first day when the plan names only days. */
export function eventTime(period: PlanPeriod, zone: string): Date {
  const start = DateTime.fromJSDate(period.start, { zone });
  return start.hour === 0 && start.minute === 0 ? start.set({ hour: EVENT_HOUR }).toJSDate() : period.start;
}

/** An event's results come a couple of hours after it starts, not at the end of a long period. */
const EVENT_RESULTS_AFTER_MS = 2 * 3_600_000;
/** Work that is done at the start of its period (flags go up, streets are swept): reported then, as /newtask suggests. */
const REPORTED_AT_START: readonly PlanItemKind[] = ['flag', 'cleanup'];

/** A created task's times, as the review shows them and "Tạo tất cả" stores them. */
export interface TaskTimes {
  /** The period the work runs over (eve, start and take-down reminders); null for a deadline or an event. */
  period: { start: Date; end: Date } | null;
  /** When the report is due. */
  dueAt: Date;
  eventAt: Date | null;
}

/** The report deadline of a period reported at its start: by its start (see periodReportDue), or, once that has passed, 17:00 of its last day. */
function dueAtStart(period: { start: Date; end: Date }, now: Date, zone: string): Date {
  const due = periodReportDue(period, zone);
  if (due > now) return due;
  const lastDay = DateTime.fromJSDate(period.end, { zone }).set({ hour: DEFAULT_DUE_HOUR, minute: 0, second: 0, millisecond: 0 }).toJSDate();
  return lastDay > now && lastDay < period.end ? lastDay : period.end;
}

/** The times of the task an item creates; null when it creates none or has no dates. */
export function taskTimes(item: DraftItem, now: Date, zone: string): TaskTimes | null {
  const task = item.suggestion.task;
  const p = item.period;
  if (!task || !p) return null;
  if (task.hasEvent) {
    const eventAt = eventTime(p, zone);
    return { period: null, dueAt: new Date(eventAt.getTime() + EVENT_RESULTS_AFTER_MS), eventAt };
  }
  if (item.deadline) return { period: null, dueAt: p.end, eventAt: null };
  const period = { start: p.start, end: p.end };
  return { period, dueAt: REPORTED_AT_START.includes(item.kind) ? dueAtStart(period, now, zone) : p.end, eventAt: null };
}
