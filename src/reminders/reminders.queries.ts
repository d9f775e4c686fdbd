import { sql, type Transaction } from 'kysely';
import type { Db } from '../core/db.js';
import type { Database } from '../core/schema.js';

export interface OpenTask {
  id: number;
  title: string;
  description: string | null;
  campaignName: string;
  createdAt: Date;
  updatedAt: Date;
  dueAt: Date;
  eventAt: Date | null;
}

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

export async function listOpenTasks(db: Db): Promise<OpenTask[]> {
  return db
    .selectFrom('tasks as t')
    .innerJoin('campaigns as c', 'c.id', 't.campaign_id')
    .select(['t.id', 't.title', 't.description', 'c.name as campaignName', 't.created_at as createdAt', 't.updated_at as updatedAt', 't.due_at as dueAt', 't.event_at as eventAt'])
    .where('t.status', '=', 'open')
    .orderBy('t.id')
    .execute();
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
 * Active members of the task's units that still owe a report. A report returned for rework
 * counts as not reported (as in /tasks).
 */
export async function listPendingRecipients(trx: Transaction<Database>, taskId: number): Promise<PendingRecipient[]> {
  return trx
    .selectFrom('task_units as tu')
    .innerJoin('units as u', 'u.id', 'tu.unit_id')
    .innerJoin('unit_members as um', 'um.unit_id', 'u.id')
    .innerJoin('members as m', 'm.id', 'um.member_id')
    .leftJoin('reports as r', (j) => j.onRef('r.task_id', '=', 'tu.task_id').onRef('r.unit_id', '=', 'tu.unit_id'))
    .select(['m.id as memberId', 'm.chat_id as chatId', 'm.locale', 'u.id as unitId', 'u.name as unitName'])
    .where('tu.task_id', '=', taskId)
    .where('u.active', '=', true)
    .where('m.status', '=', 'active')
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

/** Reminders still waiting (quiet hours, retries) for a task that was closed or cancelled meanwhile are not sent. */
export async function cancelRemindersOfClosedTasks(db: Db): Promise<number> {
  const result = await db
    .updateTable('deliveries')
    .set({ status: 'cancelled', last_error: 'the task is no longer open' })
    .where('status', '=', 'queued')
    .where('source', 'like', 'reminder:%')
    .where(sql<number>`split_part(source, ':', 2)::int`, 'in', (eb) => eb.selectFrom('tasks').select('id').where('status', '!=', 'open'))
    .executeTakeFirst();
  return Number(result.numUpdatedRows);
}
