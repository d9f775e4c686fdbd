import { sql, type Transaction } from 'kysely';
import type { Database } from '../core/schema.js';
import { type PendingRecipient, taskUnitMembers } from './reminders.queries.js';

/** A member of a unit given the task, and whether that unit still owes its report. */
export interface UnitRecipient extends PendingRecipient {
  pending: boolean;
}

/**
 * Active members of every active unit given the task (the eve and take-down reminders go to
 * all of them, not only to those still owing a report); with `notTakenDown`, only units that
 * have not confirmed the take-down.
 */
export async function listUnitRecipients(trx: Transaction<Database>, taskId: number, opts: { notTakenDown?: boolean } = {}): Promise<UnitRecipient[]> {
  let q = taskUnitMembers(trx, taskId).select(sql<boolean>`(r.id is null or r.returned_at is not null)`.as('pending'));
  if (opts.notTakenDown) {
    q = q.where(({ not, exists, selectFrom }) =>
      not(exists(selectFrom('task_take_downs as d').select('d.unit_id').whereRef('d.task_id', '=', 'tu.task_id').whereRef('d.unit_id', '=', 'tu.unit_id'))),
    );
  }
  return q.orderBy('m.id').orderBy('u.name').execute();
}
