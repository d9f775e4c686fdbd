import { sql } from 'kysely';
import type { Db, DbOrTrx, Trx } from '../core/db.js';
import type { ReportForm, TaskStatus, UnitKind } from '../core/schema.js';

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
  't.starts_at as startsAt',
  't.ends_at as endsAt',
  't.series_id as seriesId',
] as const;

export function listRecentCampaignRows(db: Db, limit: number) {
  return db.selectFrom('campaigns').select(['id', 'name', 'starts_on', 'ends_on']).orderBy('id', 'desc').limit(limit).execute();
}

export async function insertCampaign(trx: Trx, c: { name: string; startsOn: string | null; endsOn: string | null; createdBy: number; createdAt: Date }): Promise<number> {
  const row = await trx
    .insertInto('campaigns')
    .values({ name: c.name, starts_on: c.startsOn, ends_on: c.endsOn, created_by: c.createdBy, created_at: c.createdAt })
    .returning('id')
    .executeTakeFirstOrThrow();
  return row.id;
}

/** Active units, all or of one kind or among `ids`, in the order they were added. */
export function listActiveUnitsWhere(db: Db, where: { kind?: UnitKind; ids?: number[] }) {
  let q = db.selectFrom('units').select(['id', 'name']).where('active', '=', true);
  if (where.kind) q = q.where('kind', '=', where.kind);
  if (where.ids) q = q.where('id', 'in', where.ids.length ? where.ids : [-1]);
  return q.orderBy('id').execute();
}

export async function findTaskIdByCreationKey(trx: Trx, creationKey: string): Promise<number | null> {
  const row = await trx.selectFrom('tasks').select('id').where('creation_key', '=', creationKey).executeTakeFirst();
  return row?.id ?? null;
}

export interface NewTaskRow {
  campaignId: number;
  title: string;
  description: string | null;
  template: string | null;
  dueAt: Date;
  eventAt: Date | null;
  /** A task over a period; null for a plain deadline. */
  period: { start: Date; end: Date } | null;
  form: ReportForm;
  createdBy: number | null;
  creationKey: string | null;
  now: Date;
  occurrence?: { seriesId: number; on: string };
  /** The dates were given in the lunar calendar (absent: no). */
  lunarDates?: boolean;
}

function taskValues(t: NewTaskRow) {
  return {
    campaign_id: t.campaignId,
    title: t.title,
    description: t.description,
    template: t.template,
    due_at: t.dueAt,
    event_at: t.eventAt,
    starts_at: t.period?.start ?? null,
    ends_at: t.period?.end ?? null,
    series_id: t.occurrence?.seriesId ?? null,
    occurrence_on: t.occurrence?.on ?? null,
    lunar_dates: t.lunarDates ?? false,
    form: JSON.stringify(t.form),
    created_by: t.createdBy,
    creation_key: t.creationKey,
    created_at: t.now,
    updated_at: t.now,
  };
}

export async function insertTask(trx: Trx, t: NewTaskRow): Promise<number> {
  const row = await trx.insertInto('tasks').values(taskValues(t)).returning('id').executeTakeFirstOrThrow();
  return row.id;
}

/** An occurrence of a series, once: null when it already exists (unique series_id + occurrence_on). */
export async function insertOccurrenceTask(trx: Trx, t: NewTaskRow & { occurrence: { seriesId: number; on: string } }): Promise<number | null> {
  const row = await trx
    .insertInto('tasks')
    // Made by the producer outside any update: the occurrence belongs to its series' office.
    .values({ ...taskValues(t), office_id: sql<number>`(select office_id from task_series where id = ${t.occurrence.seriesId})` })
    .onConflict((oc) => oc.columns(['series_id', 'occurrence_on']).doNothing())
    .returning('id')
    .executeTakeFirst();
  return row?.id ?? null;
}

export async function insertTaskUnits(trx: Trx, taskId: number, unitIds: number[]): Promise<void> {
  if (unitIds.length) await trx.insertInto('task_units').values(unitIds.map((unit_id) => ({ task_id: taskId, unit_id }))).execute();
}

export function findTaskRow(db: DbOrTrx, taskId: number) {
  return db.selectFrom('tasks as t').innerJoin('campaigns as c', 'c.id', 't.campaign_id').select(TASK_COLUMNS).where('t.id', '=', taskId).executeTakeFirst();
}

/** Tasks in these states, earliest deadline first, with how many units they went to and how many have a current report. */
export function listTaskProgressRows(db: Db, statuses: TaskStatus[]) {
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
    .execute();
}

/** Changes a task that is still open; false when it is not (closed, cancelled, unknown). */
export async function updateOpenTask(trx: Trx, taskId: number, set: { due_at: Date } | { status: TaskStatus }, now: Date): Promise<boolean> {
  const result = await trx.updateTable('tasks').set({ ...set, updated_at: now }).where('id', '=', taskId).where('status', '=', 'open').executeTakeFirst();
  return Number(result.numUpdatedRows) > 0;
}

/** A task still open, as pickers (/pending, /reminders) and the reminder schedule read it. */
export interface OpenTask {
  id: number;
  title: string;
  description: string | null;
  campaignName: string;
  createdAt: Date;
  updatedAt: Date;
  dueAt: Date;
  eventAt: Date | null;
  /** Its dates were given in the lunar calendar: texts show the lunar date beside each. */
  lunarDates: boolean;
}

/** An open task with its period, for the reminder schedule and the lists that show it. */
export interface OpenPeriodTask extends OpenTask {
  startsAt: Date | null;
  endsAt: Date | null;
  template: string | null;
}

/** The open tasks, earliest deadline first (then the oldest); at most `limit` when given. */
export function listOpenTasks(db: DbOrTrx, limit?: number): Promise<OpenPeriodTask[]> {
  const q = db
    .selectFrom('tasks as t')
    .innerJoin('campaigns as c', 'c.id', 't.campaign_id')
    .select(['t.id', 't.title', 't.description', 'c.name as campaignName', 't.created_at as createdAt', 't.updated_at as updatedAt', 't.due_at as dueAt', 't.event_at as eventAt'])
    .select(['t.starts_at as startsAt', 't.ends_at as endsAt', 't.template', 't.lunar_dates as lunarDates'])
    .where('t.status', '=', 'open')
    .orderBy('t.due_at')
    .orderBy('t.id');
  return (limit === undefined ? q : q.limit(limit)).execute();
}
