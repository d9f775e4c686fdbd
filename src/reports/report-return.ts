import type { Transaction } from 'kysely';
import type { Database } from '../core/schema.js';

/**
 * Marks a unit's current report as returned for rework (it counts as pending again until the unit
 * resubmits, which clears these columns: report-submit.queries.ts). A report's states change only
 * in src/reports/; the rework slice asks for this inside its own transaction.
 * Only the revision the official saw, only once, and only while the task is open: false otherwise.
 */
export async function markReportReturned(
  trx: Transaction<Database>,
  r: { taskId: number; unitId: number; revision: number; actorId: number; reason: string; at: Date },
): Promise<boolean> {
  const updated = await trx
    .updateTable('reports')
    .set({ returned_at: r.at, returned_by: r.actorId, return_reason: r.reason })
    .where('task_id', '=', r.taskId)
    .where('unit_id', '=', r.unitId)
    .where('revision_count', '=', r.revision)
    .where('returned_at', 'is', null)
    .where((eb) => eb.exists(eb.selectFrom('tasks').select('id').where('id', '=', r.taskId).where('status', '=', 'open')))
    .executeTakeFirst();
  return Number(updated.numUpdatedRows) > 0;
}
