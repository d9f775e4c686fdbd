import { sql } from 'kysely';
import type { Db } from '../core/db.js';
import { REPORT_COLUMNS } from '../reports/report-view.js';

/** The current report of a unit for a task, with everything an official reads about it. */
export function findReportDetailRow(db: Db, taskId: number, unitId: number) {
  return db
    .selectFrom('reports as r')
    .innerJoin('tasks as t', 't.id', 'r.task_id')
    .innerJoin('units as u', 'u.id', 'r.unit_id')
    .innerJoin('members as m', 'm.id', 'r.reported_by')
    .leftJoin('members as rb', 'rb.id', 'r.returned_by')
    .select([
      't.id as taskId',
      't.title',
      't.form',
      't.status as taskStatus',
      't.due_at as dueAt',
      'u.id as unitId',
      'u.name as unitName',
      'u.households',
      ...REPORT_COLUMNS,
      'm.display_name as reportedBy',
      'rb.display_name as returnedBy',
    ])
    .where('r.task_id', '=', taskId)
    .where('r.unit_id', '=', unitId)
    .executeTakeFirst();
}

/** One page of a task's reports (returned ones included), in unit order; `limit + 1` tells if more follow. */
export function listTaskReportsPage(db: Db, taskId: number, offset: number, limit: number) {
  return db
    .selectFrom('reports as r')
    .innerJoin('units as u', 'u.id', 'r.unit_id')
    .select(['u.id as unitId', 'u.name as unitName', 'r.status', sql<boolean>`r.returned_at is not null`.as('returned'), sql<number>`jsonb_array_length(r.flags)`.as('flagCount')])
    .where('r.task_id', '=', taskId)
    .orderBy('r.unit_id')
    .offset(offset)
    .limit(limit + 1)
    .execute();
}

/** The tasks a unit was given (cancelled left out), newest deadline first, with its current report. */
export function listUnitHistoryRows(db: Db, unitId: number, limit: number) {
  return db
    .selectFrom('task_units as tu')
    .innerJoin('tasks as t', 't.id', 'tu.task_id')
    .leftJoin('reports as r', (j) => j.onRef('r.task_id', '=', 'tu.task_id').onRef('r.unit_id', '=', 'tu.unit_id'))
    .select([
      't.id as taskId',
      't.title',
      't.form',
      't.due_at as dueAt',
      't.status as taskStatus',
      ...REPORT_COLUMNS,
    ])
    .where('tu.unit_id', '=', unitId)
    .where('t.status', '!=', 'cancelled')
    .orderBy('t.due_at', 'desc')
    .orderBy('t.id', 'desc')
    .limit(limit)
    .execute();
}

/** One page of active units in their listing order; `limit + 1` tells if more follow. */
export function listUnitsPage(db: Db, offset: number, limit: number) {
  return db.selectFrom('units').select(['id', 'name']).where('active', '=', true).orderBy('id').offset(offset).limit(limit + 1).execute();
}

export function findUnitName(db: Db, unitId: number) {
  return db.selectFrom('units').select(['id', 'name']).where('id', '=', unitId).executeTakeFirst();
}

/** The photos of the current revision of a report, in the order they were sent. */
export function listCurrentPhotoRows(db: Db, taskId: number, unitId: number) {
  return db
    .selectFrom('reports as r')
    .innerJoin('report_revisions as rv', (j) => j.onRef('rv.report_id', '=', 'r.id').onRef('rv.revision', '=', 'r.revision_count'))
    .innerJoin('report_photos as p', 'p.revision_id', 'rv.id')
    .select(['p.file_id as fileId', 'p.file_unique_id as fileUniqueId'])
    .where('r.task_id', '=', taskId)
    .where('r.unit_id', '=', unitId)
    .orderBy('p.position')
    .execute();
}

/** Names for the tasks and units that evidence flags point at. */
export async function findNames(db: Db, taskIds: number[], unitIds: number[]) {
  const tasks = taskIds.length ? await db.selectFrom('tasks').select(['id', 'title']).where('id', 'in', taskIds).execute() : [];
  const units = unitIds.length ? await db.selectFrom('units').select(['id', 'name']).where('id', 'in', unitIds).execute() : [];
  return { tasks: new Map(tasks.map((x) => [x.id, x.title])), units: new Map(units.map((x) => [x.id, x.name])) };
}
