import { sql } from 'kysely';
import type { Db, DbOrTrx, Trx } from '../core/db.js';
import type { ReportForm, SeriesRecurrence, SeriesStatus } from '../core/schema.js';

const SERIES_COLUMNS = [
  's.id',
  's.campaign_id as campaignId',
  'c.name as campaignName',
  's.title',
  's.description',
  's.template',
  's.form',
  's.recurrence',
  's.lead_days as leadDays',
  's.status',
  's.created_by as createdBy',
  's.created_at as createdAt',
] as const;

/** Series in these states with the due time of their latest occurrence and how many there were. */
export function listSeriesRows(db: DbOrTrx, statuses: SeriesStatus[], id?: number) {
  let q = db
    .selectFrom('task_series as s')
    .innerJoin('campaigns as c', 'c.id', 's.campaign_id')
    .select(SERIES_COLUMNS)
    .select((eb) => [
      eb.selectFrom('tasks as t').whereRef('t.series_id', '=', 's.id').select(sql<Date | null>`max(t.due_at)`.as('d')).as('lastDueAt'),
      eb.selectFrom('tasks as t').whereRef('t.series_id', '=', 's.id').select(sql<number>`count(*)::int`.as('n')).as('occurrences'),
      eb.selectFrom('task_series_units as su').whereRef('su.series_id', '=', 's.id').select(sql<number>`count(*)::int`.as('n')).as('units'),
    ])
    .where('s.status', 'in', statuses);
  if (id !== undefined) q = q.where('s.id', '=', id);
  return q.orderBy('s.id').execute();
}

export interface NewSeriesRow {
  campaignId: number;
  title: string;
  description: string | null;
  template: string | null;
  form: ReportForm;
  recurrence: SeriesRecurrence;
  leadDays: number;
  createdBy: number;
  creationKey: string;
  now: Date;
}

export async function findSeriesIdByCreationKey(trx: Trx, key: string): Promise<number | null> {
  return (await trx.selectFrom('task_series').select('id').where('creation_key', '=', key).executeTakeFirst())?.id ?? null;
}

export async function insertSeries(trx: Trx, s: NewSeriesRow): Promise<number> {
  const row = await trx
    .insertInto('task_series')
    .values({
      campaign_id: s.campaignId,
      title: s.title,
      description: s.description,
      template: s.template,
      form: JSON.stringify(s.form),
      recurrence: JSON.stringify(s.recurrence),
      lead_days: s.leadDays,
      created_by: s.createdBy,
      creation_key: s.creationKey,
      created_at: s.now,
      updated_at: s.now,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  return row.id;
}

export async function replaceSeriesUnits(trx: Trx, seriesId: number, unitIds: number[]): Promise<void> {
  await trx.deleteFrom('task_series_units').where('series_id', '=', seriesId).execute();
  if (unitIds.length) await trx.insertInto('task_series_units').values(unitIds.map((unit_id) => ({ series_id: seriesId, unit_id }))).execute();
}

/** The series' units that are still active, in the order they were added. */
export async function listSeriesUnitIds(db: DbOrTrx, seriesId: number): Promise<number[]> {
  const rows = await db
    .selectFrom('task_series_units as su')
    .innerJoin('units as u', 'u.id', 'su.unit_id')
    .select('u.id')
    .where('su.series_id', '=', seriesId)
    .where('u.active', '=', true)
    .orderBy('u.id')
    .execute();
  return rows.map((r) => r.id);
}

export type SeriesSet = { status: SeriesStatus } | { title: string } | { recurrence: string; lead_days: number };

/** Changes a series that has not ended; false when it has (or does not exist). */
export async function updateLiveSeries(trx: Trx, id: number, set: SeriesSet | null, now: Date): Promise<boolean> {
  const result = await trx.updateTable('task_series').set({ ...set, updated_at: now }).where('id', '=', id).where('status', '!=', 'ended').executeTakeFirst();
  return Number(result.numUpdatedRows) > 0;
}

/** The latest occurrences of a series with their progress, newest first. */
export function listRecentOccurrences(db: Db, seriesId: number, limit: number) {
  return db
    .selectFrom('tasks as t')
    .leftJoin('task_stats as st', 'st.task_id', 't.id')
    .select(['t.id', 't.due_at as dueAt', 't.status', sql<number>`coalesce(st.assigned, 0)::int`.as('assigned'), sql<number>`coalesce(st.reported, 0)::int`.as('reported')])
    .where('t.series_id', '=', seriesId)
    .orderBy('t.due_at', 'desc')
    .limit(limit)
    .execute();
}
