import { sql, type Transaction } from 'kysely';
import type { Db } from '../core/db.js';
import type { Database } from '../core/schema.js';

/** The one list of open tasks lives in the tasks slice; reminders read the same. */
export { listOpenTasks, type OpenTask } from '../tasks/tasks.queries.js';

export interface PendingRecipient {
  memberId: number;
  chatId: number;
  locale: string | null;
  unitId: number;
  unitName: string;
}

export interface TaskProgressSummary {
  assigned: number;
  reported: number;
  pendingUnits: string[];
}

/** Reminder kinds the admin turned off, per task. */
export async function listDisabledKinds(db: Db, taskIds: number[]): Promise<Set<string>> {
  if (taskIds.length === 0) return new Set();
  const rows = await db
    .selectFrom('task_reminder_overrides')
    .select(['task_id', 'kind'])
    .where('task_id', 'in', taskIds)
    .where('enabled', '=', false)
    .execute();
  return new Set(rows.map((r) => `${r.task_id}:${r.kind}`));
}

/**
 * Active members of the active units given the task, each with its unit and the unit's report
 * (if any) joined as `r`: the base of every reminder's recipient list.
 */
export function taskUnitMembers(trx: Transaction<Database>, taskId: number) {
  return trx
    .selectFrom('task_units as tu')
    .innerJoin('units as u', 'u.id', 'tu.unit_id')
    .innerJoin('unit_members as um', 'um.unit_id', 'u.id')
    .innerJoin('members as m', 'm.id', 'um.member_id')
    .leftJoin('reports as r', (j) => j.onRef('r.task_id', '=', 'tu.task_id').onRef('r.unit_id', '=', 'tu.unit_id'))
    .select(['m.id as memberId', 'm.chat_id as chatId', 'm.locale', 'u.id as unitId', 'u.name as unitName'])
    .where('tu.task_id', '=', taskId)
    .where('u.active', '=', true)
    .where('m.status', '=', 'active');
}

/**
 * Active members of the task's units that still owe a report. A report returned for rework
 * counts as not reported (as in /tasks).
 */
export async function listPendingRecipients(trx: Transaction<Database>, taskId: number): Promise<PendingRecipient[]> {
  return taskUnitMembers(trx, taskId)
    .where((eb) => eb.or([eb('r.id', 'is', null), eb('r.returned_at', 'is not', null)]))
    .orderBy('m.id')
    .orderBy('u.name')
    .execute();
}

/** How many of the task's units have reported, and the names of those that have not. */
export async function taskProgressSummary(trx: Transaction<Database> | Db, taskId: number): Promise<TaskProgressSummary> {
  const rows = await trx
    .selectFrom('task_units as tu')
    .innerJoin('units as u', 'u.id', 'tu.unit_id')
    .leftJoin('reports as r', (j) => j.onRef('r.task_id', '=', 'tu.task_id').onRef('r.unit_id', '=', 'tu.unit_id'))
    .select(['u.name', sql<boolean>`(r.id is not null and r.returned_at is null)`.as('reported')])
    .where('tu.task_id', '=', taskId)
    .orderBy('u.id')
    .execute();
  return {
    assigned: rows.length,
    reported: rows.filter((r) => r.reported).length,
    pendingUnits: rows.filter((r) => !r.reported).map((r) => r.name),
  };
}

/**
 * Cancels a task's deadline reminders that are queued and not sent yet (held over Tết or quiet
 * hours) once a later one falls due: "Còn 3 ngày" must not go out beside "Hôm nay là hạn".
 * `sources` are the keys of the earlier reminders (reminderKey), matched whole.
 */
export async function cancelSupersededReminders(trx: Transaction<Database>, taskId: number, sources: string[]): Promise<number> {
  if (sources.length === 0) return 0;
  const r = await trx
    .updateTable('deliveries')
    .set({ status: 'cancelled', last_error: 'superseded by a later reminder' })
    .where('task_id', '=', taskId)
    .where('kind', '=', 'reminder')
    .where('status', '=', 'queued')
    .where('source', 'in', sources)
    .executeTakeFirst();
  return Number(r.numUpdatedRows);
}
