import { formatPeriod } from '../calendar/period-input.js';
import { formatDay } from '../calendar/date-format.js';
import type { Translate } from '../telegram/context.js';
import type { TaskProgress } from './tasks.service.js';

/** "🗓 Thời gian: từ ngày 23/07/2026 đến hết ngày 27/07/2026" for a task over a period, else nothing. */
export function periodLine(t: Translate, task: { startsAt?: Date | null; endsAt?: Date | null }, zone: string): string[] {
  return task.startsAt && task.endsAt ? [t('tasks-period-line', { period: formatPeriod({ start: task.startsAt, end: task.endsAt }, zone, t) })] : [];
}

/** Admin /tasks: one line per open task (its period under it), overdue ones marked. */
export function taskListLines(t: Translate, tasks: TaskProgress[], now: Date, zone: string): string[] {
  const lines = tasks.flatMap((task, i) => [
    t('tasks-admin-line', {
      index: i + 1,
      title: task.title,
      reported: task.reported,
      assigned: task.assigned,
      due: formatDay(task.dueAt, zone, t),
      overdue: task.dueAt.getTime() < now.getTime() && task.reported < task.assigned ? t('tasks-admin-overdue') : '',
    }),
    ...periodLine(t, task, zone),
  ]);
  return [t('tasks-admin-header'), ...lines];
}

/** Admin /tasks → one task. */
export function taskDetailText(t: Translate, task: TaskProgress, zone: string): string {
  const { title, campaignName: campaign, reported, assigned } = task;
  return [t('tasks-admin-detail', { title, campaign, due: formatDay(task.dueAt, zone, t), reported, assigned }), ...periodLine(t, task, zone)].join('\n');
}
