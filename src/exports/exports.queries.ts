import { sql } from 'kysely';
import type { Db } from '../core/db.js';
import { REPORT_COLUMNS } from '../reports/report-view.js';

/** Every unit a task was given, in unit order, with its leaders' names and its current report (if any). */
export function listExportRows(db: Db, taskId: number) {
  return db
    .selectFrom('task_units as tu')
    .innerJoin('units as u', 'u.id', 'tu.unit_id')
    .leftJoin('reports as r', (j) => j.onRef('r.task_id', '=', 'tu.task_id').onRef('r.unit_id', '=', 'tu.unit_id'))
    .leftJoin('task_take_downs as td', (j) => j.onRef('td.task_id', '=', 'tu.task_id').onRef('td.unit_id', '=', 'tu.unit_id'))
    .select((eb) => [
      'u.name as unitName',
      eb
        .selectFrom('unit_members as um')
        .innerJoin('members as m', 'm.id', 'um.member_id')
        .select(sql<string>`string_agg(m.display_name, ', ' order by case when um.position = 'leader' then 0 else 1 end, m.id)`.as('names'))
        .whereRef('um.unit_id', '=', 'u.id')
        .where('m.status', '!=', 'left')
        .as('leaders'),
      ...REPORT_COLUMNS,
      'td.confirmed_at as takenDownAt',
    ])
    .where('tu.task_id', '=', taskId)
    .orderBy('tu.unit_id')
    .execute();
}

/** Whether the campaign or task an export press names is (still) one of this office's. */
export async function exportScopeExists(db: Db, scope: { kind: 'campaign' | 'task'; id: number }): Promise<boolean> {
  const row =
    scope.kind === 'campaign'
      ? await db.selectFrom('campaigns').select('id').where('id', '=', scope.id).executeTakeFirst()
      : await db.selectFrom('tasks').select('id').where('id', '=', scope.id).executeTakeFirst();
  return row !== undefined;
}
