import type { Transaction } from 'kysely';
import type { Database } from '../core/schema.js';
import { cancelQueuedForTask } from '../outbox/outbox.js';

/**
 * A task was closed or cancelled: its reminders (and rework notices) still waiting in the
 * outbox (quiet hours, retries) will not be sent. Runs in the transaction that changes the
 * task, so no tick or dispatcher pass can see the one without the other.
 */
export function cancelTaskReminders(trx: Transaction<Database>, taskId: number): Promise<number> {
  return cancelQueuedForTask(trx, taskId, ['reminder', 'rework'], 'the task is no longer open');
}
