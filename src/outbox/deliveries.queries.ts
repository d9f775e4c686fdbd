import { type Kysely, sql, type Transaction } from 'kysely';
import type { Db } from '../core/db.js';
import type { Database, DeliveryKind, DeliveryPayload } from '../core/schema.js';
import type { OutboxItem } from '../core/outbox-port.js';
import { dueOffices, inTurn } from './office-turns.js';

type Handle = Db | Transaction<Database> | Kysely<Database>;

/** A delivery as queued (declared with the outbox's port in core/). */
export type NewDelivery = OutboxItem;

export interface ClaimedDelivery {
  id: number;
  officeId: number;
  source: string;
  kind: DeliveryKind;
  chatId: number;
  memberId: number | null;
  payload: DeliveryPayload;
  attempts: number;
}

/** Adds deliveries; one already there for the same (source, chat) is left alone. Returns how many were new. */
export async function enqueueDeliveries(db: Handle, rows: NewDelivery[]): Promise<number> {
  let added = 0;
  // Chunks keep each statement well under Postgres' 65,535 parameters.
  for (let i = 0; i < rows.length; i += 1000) {
    const chunk = rows.slice(i, i + 1000);
    const result = await db
      .insertInto('deliveries')
      .values(
        chunk.map((r) => ({
          source: r.source,
          kind: r.kind,
          task_id: r.taskId ?? null,
          broadcast_id: r.broadcastId ?? null,
          unit_id: r.unitId ?? null,
          chat_id: r.chatId,
          member_id: r.memberId,
          payload: JSON.stringify(r.payload),
          next_attempt_at: r.notBefore,
          expires_at: r.expiresAt,
          status: r.status ?? 'queued',
        })),
      )
      .onConflict((oc) => oc.columns(['office_id', 'source', 'chat_id']).doNothing())
      .executeTakeFirst();
    added += Number(result.numInsertedOrUpdatedRows ?? 0);
  }
  return added;
}

/**
 * Claims up to about `limit` due deliveries for this instance, shared fairly between offices: the
 * offices with something due, in turn after `after` (the last office served before), each gives
 * an equal share of its oldest, and the rows come back interleaved (one of each office in turn),
 * so one office's 2,000-recipient broadcast never holds back another's reminders. "Sending" rows
 * whose lease ran out are taken back first. SKIP LOCKED lets two claimers never take the same row.
 * The next claim passes as `after` the office of the last row of the first round (lastServed).
 */
export async function claimBatch(
  trx: Transaction<Database>,
  opts: { now: Date; limit: number; instanceId: string; leaseSeconds: number; after?: number },
): Promise<ClaimedDelivery[]> {
  const offices = await dueOffices(trx, opts.now, opts.after ?? 0, opts.limit);
  const fresh = oldestDue(trx, offices, Math.ceil(opts.limit / Math.max(1, offices.length)), opts.now);
  const stale = trx
    .selectFrom('deliveries')
    .select('id')
    .where('status', '=', 'sending')
    .where('lease_until', '<', sql<Date>`now()`)
    .limit(opts.limit)
    .forUpdate()
    .skipLocked();
  const rows = await trx
    .updateTable('deliveries')
    .set((eb) => ({
      status: 'sending',
      attempts: eb('attempts', '+', 1),
      leased_by: opts.instanceId,
      lease_until: sql<Date>`now() + make_interval(secs => ${opts.leaseSeconds})`,
    }))
    // One IN over a UNION (each branch locks its own rows), so the update finds its rows by id, never by scanning the table.
    .where('id', 'in', (eb) => eb.selectFrom(fresh.as('f')).select('f.id').unionAll(eb.selectFrom(stale.as('s')).select('s.id')))
    .returning(['id', 'office_id as officeId', 'source', 'kind', 'chat_id as chatId', 'member_id as memberId', 'payload', 'attempts', 'next_attempt_at as nextAttemptAt'])
    .execute();
  return inTurn(rows, offices);
}

/** The ids of each office's `share` oldest due rows, locked (SKIP LOCKED): one index range per office. */
function oldestDue(trx: Transaction<Database>, offices: number[], share: number, now: Date) {
  return trx
    .selectFrom(sql<{ office_id: number }>`(select unnest(${offices}::int[]) as office_id)`.as('o'))
    .innerJoinLateral(
      (eb) =>
        eb
          .selectFrom('deliveries as d')
          .select('d.id')
          .whereRef('d.office_id', '=', 'o.office_id')
          .where('d.status', '=', 'queued')
          .where('d.next_attempt_at', '<=', now)
          .where((w) => w.or([w('d.expires_at', 'is', null), w('d.expires_at', '>', now)]))
          .orderBy('d.next_attempt_at')
          .orderBy('d.id')
          .limit(share)
          .forUpdate()
          .skipLocked()
          .as('q'),
      (join) => join.onTrue(),
    )
    .select('q.id');
}

export async function markSent(db: Handle, id: number, messageId: number, at: Date): Promise<void> {
  await db
    .updateTable('deliveries')
    .set({ status: 'sent', message_id: messageId, sent_at: at, lease_until: null, last_error: null })
    .where('id', '=', id)
    .execute();
}

export async function markFinal(db: Handle, id: number, status: 'failed' | 'unreachable', error: string): Promise<void> {
  await db.updateTable('deliveries').set({ status, last_error: error, lease_until: null }).where('id', '=', id).execute();
}

export async function markRetry(db: Handle, id: number, at: Date, error: string): Promise<void> {
  await db
    .updateTable('deliveries')
    .set({ status: 'queued', next_attempt_at: at, last_error: error, lease_until: null, leased_by: null })
    .where('id', '=', id)
    .execute();
}

/** A 403 means the person blocked the bot: they stay unreachable until they write again. */
export async function markMemberUnreachable(db: Handle, chatId: number, at: Date): Promise<void> {
  await db.updateTable('members').set({ status: 'unreachable', updated_at: at }).where('chat_id', '=', chatId).where('status', '=', 'active').execute();
}

/** Claimed but never tried (the dispatcher is stopping): back to the queue, the attempt not counted. */
export async function releaseClaimed(db: Handle, ids: number[]): Promise<void> {
  if (ids.length === 0) return;
  await db
    .updateTable('deliveries')
    .set((eb) => ({ status: 'queued', attempts: eb('attempts', '-', 1), lease_until: null, leased_by: null }))
    .where('id', 'in', ids)
    .where('status', '=', 'sending')
    .execute();
}

/**
 * Everything claimed and not recorded goes back to the queue: what a dead leader left, or what
 * this one claimed before it lost the database. Only the leader calls it, between batches.
 */
export async function requeueOrphans(db: Handle): Promise<number> {
  const result = await db
    .updateTable('deliveries')
    .set({ status: 'queued', lease_until: null, leased_by: null })
    .where('status', '=', 'sending')
    .executeTakeFirst();
  return Number(result.numUpdatedRows);
}

/** Queued deliveries of a task or a broadcast (of these kinds) will not be sent. */
export async function cancelQueued(
  trx: Transaction<Database>,
  o: { taskId?: number; broadcastId?: number; kinds: DeliveryKind[]; reason: string },
): Promise<number> {
  let q = trx.updateTable('deliveries').set({ status: 'cancelled', last_error: o.reason }).where('status', '=', 'queued').where('kind', 'in', o.kinds);
  if (o.taskId !== undefined) q = q.where('task_id', '=', o.taskId);
  if (o.broadcastId !== undefined) q = q.where('broadcast_id', '=', o.broadcastId);
  if (o.taskId === undefined && o.broadcastId === undefined) return 0;
  const result = await q.executeTakeFirst();
  return Number(result.numUpdatedRows);
}

/** Queued deliveries past their expiry are marked skipped (they would arrive too late to help). */
export async function skipExpired(db: Handle, now: Date): Promise<number> {
  const result = await db
    .updateTable('deliveries')
    .set({ status: 'skipped', last_error: 'expired before it could be sent' })
    .where('status', '=', 'queued')
    .where('expires_at', '<=', now)
    .executeTakeFirst();
  return Number(result.numUpdatedRows);
}
