import { sql, type Transaction } from 'kysely';
import { recordAudit } from '../core/audit.js';
import type { Clock } from '../core/clock.js';
import type { Db } from '../core/db.js';
import type { Database, ReportForm, TaskStatus, UnitKind } from '../core/schema.js';

export interface Campaign {
  id: number;
  name: string;
  startsOn: string | null;
  endsOn: string | null;
}

export interface Task {
  id: number;
  campaignId: number;
  campaignName: string;
  title: string;
  description: string | null;
  dueAt: Date;
  eventAt: Date | null;
  form: ReportForm;
  status: TaskStatus;
  createdAt: Date;
}

export type UnitSelection = { mode: 'all-blocks' } | { mode: 'kind'; kind: UnitKind } | { mode: 'pick'; unitIds: number[] };

export interface TaskDraft {
  campaignId: number;
  title: string;
  description: string | null;
  template: string | null;
  dueAt: Date;
  eventAt: Date | null;
  form: ReportForm;
  unitIds: number[];
}

/** The columns of a Task, for queries that select from `tasks as t` joined with `campaigns as c`. */
export const TASK_COLUMNS = [
  't.id',
  't.campaign_id as campaignId',
  'c.name as campaignName',
  't.title',
  't.description',
  't.due_at as dueAt',
  't.event_at as eventAt',
  't.form',
  't.status',
  't.created_at as createdAt',
] as const;

function isoDate(d: Date | null): string | null {
  return d ? d.toISOString().slice(0, 10) : null;
}

export async function listCampaigns(db: Db, limit = 8): Promise<Campaign[]> {
  const rows = await db.selectFrom('campaigns').select(['id', 'name', 'starts_on', 'ends_on']).orderBy('id', 'desc').limit(limit).execute();
  return rows.map((r) => ({ id: r.id, name: r.name, startsOn: isoDate(r.starts_on), endsOn: isoDate(r.ends_on) }));
}

export async function createCampaign(
  db: Db,
  clock: Clock,
  actorId: number,
  input: { name: string; startsOn: string | null; endsOn: string | null },
): Promise<Campaign> {
  return db.transaction().execute(async (trx) => {
    const row = await trx
      .insertInto('campaigns')
      .values({ name: input.name, starts_on: input.startsOn, ends_on: input.endsOn, created_by: actorId, created_at: clock.now() })
      .returning('id')
      .executeTakeFirstOrThrow();
    await recordAudit(trx, { actorId, action: 'campaign.created', subject: `campaign:${row.id}`, details: input, at: clock.now() });
    return { id: row.id, ...input };
  });
}

/** The active units a selection means, in a stable order. */
export async function resolveUnits(db: Db, selection: UnitSelection): Promise<{ id: number; name: string }[]> {
  let q = db.selectFrom('units').select(['id', 'name']).where('active', '=', true);
  if (selection.mode === 'all-blocks') q = q.where('kind', '=', 'block');
  if (selection.mode === 'kind') q = q.where('kind', '=', selection.kind);
  if (selection.mode === 'pick') q = q.where('id', 'in', selection.unitIds.length ? selection.unitIds : [-1]);
  return q.orderBy('id').execute();
}

/**
 * Creates the task with its units. `creationKey` (the confirming button press) makes a
 * repeated confirmation return the same task instead of a second one.
 */
export async function createTask(db: Db, clock: Clock, actorId: number, draft: TaskDraft, creationKey: string): Promise<Task> {
  const taskId = await db.transaction().execute(async (trx) => {
    const existing = await trx.selectFrom('tasks').select('id').where('creation_key', '=', creationKey).executeTakeFirst();
    if (existing) return existing.id;
    const now = clock.now();
    const row = await trx
      .insertInto('tasks')
      .values({
        campaign_id: draft.campaignId,
        title: draft.title,
        description: draft.description,
        template: draft.template,
        due_at: draft.dueAt,
        event_at: draft.eventAt,
        form: JSON.stringify(draft.form),
        created_by: actorId,
        creation_key: creationKey,
        created_at: now,
        updated_at: now,
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    if (draft.unitIds.length) {
      await trx.insertInto('task_units').values(draft.unitIds.map((unit_id) => ({ task_id: row.id, unit_id }))).execute();
    }
    await recordAudit(trx, {
      actorId,
      action: 'task.created',
      subject: `task:${row.id}`,
      details: { title: draft.title, dueAt: draft.dueAt.toISOString(), units: draft.unitIds },
      at: now,
    });
    return row.id;
  });
  return (await findTask(db, taskId)) as Task;
}

export async function findTask(db: Db | Transaction<Database>, taskId: number): Promise<Task | null> {
  const row = await db
    .selectFrom('tasks as t')
    .innerJoin('campaigns as c', 'c.id', 't.campaign_id')
    .select(TASK_COLUMNS)
    .where('t.id', '=', taskId)
    .executeTakeFirst();
  return row ?? null;
}

export interface TaskProgress extends Task {
  assigned: number;
  reported: number;
}

/** Open tasks, newest deadline last, with how many of their units have reported. */
export async function listTasksWithProgress(db: Db, statuses: TaskStatus[] = ['open']): Promise<TaskProgress[]> {
  return db
    .selectFrom('tasks as t')
    .innerJoin('campaigns as c', 'c.id', 't.campaign_id')
    .select(TASK_COLUMNS)
    .select((eb) => [
      eb.selectFrom('task_units as tu').whereRef('tu.task_id', '=', 't.id').select(sql<number>`count(*)::int`.as('n')).as('assigned'),
      eb.selectFrom('reports as r').whereRef('r.task_id', '=', 't.id').where('r.returned_at', 'is', null).select(sql<number>`count(*)::int`.as('n')).as('reported'),
    ])
    .where('t.status', 'in', statuses)
    .orderBy('t.due_at')
    .execute() as Promise<TaskProgress[]>;
}

export type TaskChange = { kind: 'deadline'; dueAt: Date } | { kind: 'status'; status: Exclude<TaskStatus, 'open'> };

/** Changes an open task's deadline, or closes or cancels it; audit-logged. False when it is no longer open. */
export async function changeTask(db: Db, clock: Clock, actorId: number, taskId: number, change: TaskChange): Promise<boolean> {
  return db.transaction().execute(async (trx) => {
    const now = clock.now();
    const set = change.kind === 'deadline' ? { due_at: change.dueAt, updated_at: now } : { status: change.status, updated_at: now };
    const result = await trx.updateTable('tasks').set(set).where('id', '=', taskId).where('status', '=', 'open').executeTakeFirst();
    if (Number(result.numUpdatedRows) === 0) return false;
    const details = change.kind === 'deadline' ? { dueAt: change.dueAt.toISOString() } : { status: change.status };
    await recordAudit(trx, { actorId, action: `task.${change.kind === 'deadline' ? 'deadline-changed' : change.status}`, subject: `task:${taskId}`, details, at: now });
    return true;
  });
}
