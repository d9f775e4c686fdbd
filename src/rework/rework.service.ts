import type { Kysely, Transaction } from 'kysely';
import { recordAudit } from '../core/audit.js';
import type { Clock } from '../core/clock.js';
import type { Db } from '../core/db.js';
import type { Database, DeliveryPayload, MemberStatus } from '../core/schema.js';
import { queueIn } from '../outbox/outbox.js';
import { markReportReturned } from '../reports/report-return.js';

export const MIN_REASON = 3;
export const MAX_REASON = 500;

export type ReturnRefusal = 'not-found' | 'already-returned' | 'changed' | 'closed';

/** A report an official may return: it exists, is not returned yet, and its task is open. */
export interface Returnable {
  taskId: number;
  unitId: number;
  title: string;
  unitName: string;
  /** The revision the official saw; returning fails with 'changed' if the unit resubmitted since. */
  revision: number;
  /** The task's deadline (ISO: it passes through a conversation's replay log), told to the unit with the return. */
  dueAt: string;
  lunarDates: boolean;
}

/** Who hears about the return: the unit's members (leaders first), except those who left. */
export interface Recipient {
  memberId: number;
  chatId: number;
  name: string;
  locale: string | null;
  status: MemberStatus;
}

export type ReturnResult = { outcome: 'returned'; returnedAt: Date; recipients: Recipient[] } | { outcome: 'refused'; reason: ReturnRefusal };

export async function findReturnable(db: Db, taskId: number, unitId: number): Promise<{ ok: true; report: Returnable } | { ok: false; reason: ReturnRefusal }> {
  const row = await db
    .selectFrom('reports as r')
    .innerJoin('tasks as t', 't.id', 'r.task_id')
    .innerJoin('units as u', 'u.id', 'r.unit_id')
    .select(['t.title', 't.status as taskStatus', 't.due_at as dueAt', 't.lunar_dates as lunarDates', 'u.name as unitName', 'r.revision_count as revision', 'r.returned_at as returnedAt'])
    .where('r.task_id', '=', taskId)
    .where('r.unit_id', '=', unitId)
    .executeTakeFirst();
  if (!row) return { ok: false, reason: 'not-found' };
  if (row.taskStatus !== 'open') return { ok: false, reason: 'closed' };
  if (row.returnedAt) return { ok: false, reason: 'already-returned' };
  return { ok: true, report: { taskId, unitId, title: row.title, unitName: row.unitName, revision: row.revision, dueAt: row.dueAt.toISOString(), lunarDates: row.lunarDates } };
}

export async function listRecipients(db: Db | Transaction<Database> | Kysely<Database>, unitId: number): Promise<Recipient[]> {
  const rows = await db
    .selectFrom('unit_members as um')
    .innerJoin('members as m', 'm.id', 'um.member_id')
    .select(['m.id as memberId', 'm.chat_id as chatId', 'm.display_name as name', 'm.locale', 'm.status', 'um.position'])
    .where('um.unit_id', '=', unitId)
    .where('m.status', '!=', 'left')
    .orderBy('m.id')
    .execute();
  return rows.sort((a, b) => Number(b.position === 'leader') - Number(a.position === 'leader')).map(({ position: _position, ...r }) => r);
}

/**
 * Returns a report for rework: it counts as pending again (listLeaderTasks, /pending, task_stats)
 * until the unit resubmits, which clears the returned_* columns. Only the revision the official
 * saw is returned, and only once, so a replayed or repeated confirmation changes nothing.
 * The unit's members are told through the outbox, queued in the same transaction (members known
 * to have blocked the bot are recorded as unreachable, not sent to); the caller wakes the outbox.
 */
export async function returnReport(
  db: Db,
  clock: Clock,
  input: { actorId: number; taskId: number; unitId: number; revision: number; reason: string },
  notice: (recipient: Recipient) => DeliveryPayload,
): Promise<ReturnResult> {
  const now = clock.now();
  const recipients = await db.transaction().execute(async (trx) => {
    const { taskId, unitId, revision, actorId, reason } = input;
    if (!(await markReportReturned(trx, { taskId, unitId, revision, actorId, reason, at: now }))) return null;
    await recordAudit(trx, {
      actorId: input.actorId,
      action: 'report.returned',
      subject: `task:${input.taskId}/unit:${input.unitId}`,
      details: { revision: input.revision, reason: input.reason },
      at: now,
    });
    const members = await listRecipients(trx, input.unitId);
    const source = `rework:${input.taskId}:${input.unitId}:${input.revision}`;
    await queueIn(
      trx,
      members.map((m) => ({
        source,
        kind: 'rework' as const,
        taskId: input.taskId,
        unitId: input.unitId,
        chatId: m.chatId,
        memberId: m.memberId,
        payload: notice(m),
        notBefore: now,
        expiresAt: null,
        ...(m.status === 'active' ? {} : { status: 'unreachable' as const }),
      })),
    );
    return members;
  });
  if (!recipients) {
    const current = await findReturnable(db, input.taskId, input.unitId);
    return { outcome: 'refused', reason: current.ok ? 'changed' : current.reason };
  }
  return { outcome: 'returned', returnedAt: now, recipients };
}
