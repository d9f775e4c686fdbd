import type { DbOrTrx, Trx } from '../core/db.js';

/** The task and unit as a take-down press needs them, when the member reports for that unit and the task went to it. */
export function findTakeDownTarget(db: DbOrTrx, taskId: number, unitId: number, memberId: number) {
  return db
    .selectFrom('task_units as tu')
    .innerJoin('tasks as t', 't.id', 'tu.task_id')
    .innerJoin('units as u', 'u.id', 'tu.unit_id')
    .innerJoin('unit_members as um', (j) => j.onRef('um.unit_id', '=', 'tu.unit_id').on('um.member_id', '=', memberId))
    .select(['t.id as taskId', 't.title', 't.ends_at as endsAt', 'u.id as unitId', 'u.name as unitName'])
    .where('tu.task_id', '=', taskId)
    .where('tu.unit_id', '=', unitId)
    .executeTakeFirst();
}

/** Records the confirmation once; the first press wins. Returns when it was recorded (now, or earlier). */
export async function insertTakeDown(trx: Trx, taskId: number, unitId: number, memberId: number, at: Date): Promise<{ at: Date; first: boolean }> {
  const inserted = await trx
    .insertInto('task_take_downs')
    .values({ task_id: taskId, unit_id: unitId, member_id: memberId, confirmed_at: at })
    .onConflict((oc) => oc.columns(['office_id', 'task_id', 'unit_id']).doNothing())
    .returning('confirmed_at')
    .executeTakeFirst();
  if (inserted) return { at: inserted.confirmed_at, first: true };
  const row = await trx.selectFrom('task_take_downs').select('confirmed_at').where('task_id', '=', taskId).where('unit_id', '=', unitId).executeTakeFirstOrThrow();
  return { at: row.confirmed_at, first: false };
}

/** The units of a task that confirmed the take-down. */
export async function listTakenDownUnitIds(db: DbOrTrx, taskId: number): Promise<Set<number>> {
  const rows = await db.selectFrom('task_take_downs').select('unit_id').where('task_id', '=', taskId).execute();
  return new Set(rows.map((r) => r.unit_id));
}
