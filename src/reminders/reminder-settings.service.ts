import { recordAudit } from '../core/audit.js';
import type { Clock } from '../core/clock.js';
import type { Db } from '../core/db.js';
import { listDisabledKinds, listOpenTasks, type OpenTask } from './reminders.queries.js';
import { type ReminderKind, reminderKey } from './reminder.rules.js';
import { scheduleOf } from './period-reminders.js';

export interface ReminderLine {
  kind: ReminderKind;
  at: Date;
  enabled: boolean;
  /** Already sent (or skipped): nothing left to change. */
  done: boolean;
}

/** An open task's reminders as the admin sees them; null when the task is not open. */
export async function reminderView(db: Db, taskId: number, zone: string): Promise<{ task: OpenTask; lines: ReminderLine[] } | null> {
  const task = (await listOpenTasks(db)).find((t) => t.id === taskId);
  if (!task) return null;
  const schedule = scheduleOf(task, zone);
  const disabled = await listDisabledKinds(db, [taskId]);
  const keys = schedule.map((r) => reminderKey(taskId, r));
  const done = new Set((await db.selectFrom('outbox_runs').select('key').where('key', 'in', keys).execute()).map((r) => r.key));
  return {
    task,
    lines: schedule.map((r, i) => ({ kind: r.kind, at: r.at, enabled: !disabled.has(`${taskId}:${r.kind}`), done: done.has(keys[i] ?? '') })),
  };
}

/** Turns one of a task's reminders on or off (audit-logged); the defaults need no row. */
export async function setReminderEnabled(db: Db, clock: Clock, actorId: number, taskId: number, kind: ReminderKind, enabled: boolean): Promise<void> {
  const now = clock.now();
  await db.transaction().execute(async (trx) => {
    await trx
      .insertInto('task_reminder_overrides')
      .values({ task_id: taskId, kind, enabled, updated_by: actorId, updated_at: now })
      .onConflict((oc) => oc.columns(['office_id', 'task_id', 'kind']).doUpdateSet({ enabled, updated_by: actorId, updated_at: now }))
      .execute();
    await recordAudit(trx, { actorId, action: enabled ? 'reminder.enabled' : 'reminder.disabled', subject: `task:${taskId}`, details: { kind }, at: now });
  });
}
