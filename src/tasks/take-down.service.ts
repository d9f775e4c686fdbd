import { recordAudit } from '../core/audit.js';
import type { Clock } from '../core/clock.js';
import type { Db } from '../core/db.js';
import { findTakeDownTarget, insertTakeDown } from './take-down.queries.js';

export type TakeDownResult =
  | { ok: true; title: string; unitName: string; at: Date; first: boolean }
  | { ok: false; reason: 'not-yours' | 'no-period' };

/**
 * A leader confirms that flags and banners are down for one unit ("Đã hạ cờ, tháo băng rôn"):
 * stored once with who and when (a second press, or a deputy's, shows the first); audit-logged.
 * Refused for a unit the member does not report for, or a task without a period.
 */
export async function confirmTakeDown(db: Db, clock: Clock, memberId: number, taskId: number, unitId: number): Promise<TakeDownResult> {
  const target = await findTakeDownTarget(db, taskId, unitId, memberId);
  if (!target) return { ok: false, reason: 'not-yours' };
  if (!target.endsAt) return { ok: false, reason: 'no-period' };
  const now = clock.now();
  const stored = await db.transaction().execute(async (trx) => {
    const result = await insertTakeDown(trx, taskId, unitId, memberId, now);
    if (result.first) await recordAudit(trx, { actorId: memberId, action: 'task.taken-down', subject: `task:${taskId}`, details: { unitId }, at: now });
    return result;
  });
  return { ok: true, title: target.title, unitName: target.unitName, ...stored };
}
