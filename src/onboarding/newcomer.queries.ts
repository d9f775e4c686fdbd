import type { DbOrTrx } from '../core/db.js';
import type { OpenTask } from '../tasks/tasks.queries.js';

/**
 * The open tasks of a unit that it still owes a report for (a returned report counts as not
 * reported, as everywhere), leaving out those whose announcement the admin turned off.
 */
export function listOpenTasksOwedBy(db: DbOrTrx, unitId: number): Promise<(OpenTask & { startsAt: Date | null; endsAt: Date | null })[]> {
  return db
    .selectFrom('tasks as t')
    .innerJoin('campaigns as c', 'c.id', 't.campaign_id')
    .innerJoin('task_units as tu', 'tu.task_id', 't.id')
    .leftJoin('reports as r', (j) => j.onRef('r.task_id', '=', 't.id').onRef('r.unit_id', '=', 'tu.unit_id'))
    .select(['t.id', 't.title', 't.description', 'c.name as campaignName', 't.created_at as createdAt', 't.updated_at as updatedAt', 't.due_at as dueAt', 't.event_at as eventAt'])
    .select(['t.starts_at as startsAt', 't.ends_at as endsAt', 't.lunar_dates as lunarDates'])
    .where('tu.unit_id', '=', unitId)
    .where('t.status', '=', 'open')
    .where((eb) => eb.or([eb('r.id', 'is', null), eb('r.returned_at', 'is not', null)]))
    .where(({ not, exists, selectFrom }) =>
      not(
        exists(
          selectFrom('task_reminder_overrides as o')
            .select('o.task_id')
            .whereRef('o.task_id', '=', 't.id')
            .where('o.kind', '=', 'announce')
            .where('o.enabled', '=', false),
        ),
      ),
    )
    .orderBy('t.due_at')
    .orderBy('t.id')
    .execute();
}
