import type { Transaction } from 'kysely';
import { recordAudit } from '../core/audit.js';
import type { Clock } from '../core/clock.js';
import type { Db } from '../core/db.js';
import type { BroadcastContent, Database, DeliveryPayload } from '../core/schema.js';
import { cancelQueuedForBroadcast, type Origin, type Outgoing, queueIn } from '../outbox/outbox.js';
import { type SendWindow, sendableDeadline } from '../outbox/outbox.rules.js';
import { type Broadcast, resolveRecipients } from './broadcasts.queries.js';

/*
 * The one place a broadcast changes state:
 *   scheduled → sending   when a one-off falls due (beginSending: at once, or on the scheduler's tick)
 *   sending → done        when none of its deliveries waits any more (finishDrained, after each dispatcher pass)
 *   scheduled | sending → cancelled   (cancelBroadcast)
 * A repeating broadcast stays scheduled; each occurrence only queues deliveries.
 * The progress message (progress.ts) only displays these states.
 */

export interface OutboxSettings {
  window: SendWindow;
  graceHours: number;
}

/** One sending: the only one, or one occurrence (`date`) of a repeating broadcast. */
export type Occurrence = { at: Date; date: string } | null;

export function broadcastOrigin(id: number): Origin {
  return { kind: 'broadcast', broadcastId: id };
}

/** The deliveries' idempotency key: `broadcast:<id>`, or `broadcast:<id>:<date>` for an occurrence. */
export function broadcastSource(id: number, occurrence: Occurrence): string {
  return occurrence ? `broadcast:${id}:${occurrence.date}` : `broadcast:${id}`;
}

export function broadcastPayload(content: BroadcastContent): DeliveryPayload {
  if (content.kind === 'photo') return { text: content.text, photo: content.fileId };
  if (content.kind === 'document') return { text: content.text, document: content.fileId };
  return { text: content.text };
}

/**
 * Starts one sending inside `trx`: who gets it, decided now. Locks the row, so a cancel that
 * committed first wins and one that comes later waits; null when it is no longer scheduled
 * (cancelled, or already started by the other path).
 */
export async function beginSending(trx: Transaction<Database>, b: Broadcast, occurrence: Occurrence): Promise<Outgoing[] | null> {
  const current = await trx.selectFrom('broadcasts').select('status').where('id', '=', b.id).forUpdate().executeTakeFirst();
  if (current?.status !== 'scheduled') return null;
  if (!occurrence) await trx.updateTable('broadcasts').set({ status: 'sending' }).where('id', '=', b.id).execute();
  const payload = broadcastPayload(b.content);
  const recipients = await resolveRecipients(trx, b.target);
  return recipients.map((r): Outgoing => ({ chatId: r.chatId, memberId: r.memberId, payload, ...(r.reachable ? {} : { status: 'unreachable' as const }) }));
}

/** A one-off due now is queued at once (not at the next tick); the caller wakes the outbox. */
export async function sendNow(db: Db, settings: OutboxSettings, b: Broadcast): Promise<number> {
  const expiresAt = sendableDeadline(b.sendAt, settings.graceHours, settings.window);
  return db.transaction().execute(async (trx) => {
    const outgoing = await beginSending(trx, b, null);
    if (!outgoing) return 0;
    const source = broadcastSource(b.id, null);
    return queueIn(
      trx,
      outgoing.map((o) => ({ ...broadcastOrigin(b.id), ...o, source, notBefore: b.sendAt, expiresAt })),
    );
  });
}

/** Sending broadcasts none of whose deliveries waits any more are done; returns their ids. */
export async function finishDrained(db: Db): Promise<number[]> {
  const rows = await db
    .updateTable('broadcasts')
    .set({ status: 'done' })
    .where('status', '=', 'sending')
    .where(({ not, exists, selectFrom }) =>
      not(exists(selectFrom('deliveries as d').select('d.id').whereRef('d.broadcast_id', '=', 'broadcasts.id').where('d.status', 'in', ['queued', 'sending']))),
    )
    .returning('id')
    .execute();
  return rows.map((r) => r.id);
}

/** Cancels a scheduled (or still sending) broadcast: what has not gone out yet stays unsent. */
export async function cancelBroadcast(db: Db, clock: Clock, actorId: number, id: number): Promise<boolean> {
  return db.transaction().execute(async (trx) => {
    const now = clock.now();
    const row = await trx
      .updateTable('broadcasts')
      .set({ status: 'cancelled', cancelled_at: now, cancelled_by: actorId })
      .where('id', '=', id)
      .where('status', 'in', ['scheduled', 'sending'])
      .returning('id')
      .executeTakeFirst();
    if (!row) return false;
    const unsent = await cancelQueuedForBroadcast(trx, id, 'the broadcast was cancelled');
    await recordAudit(trx, { actorId, action: 'broadcast.cancelled', subject: `broadcast:${id}`, details: { unsent }, at: now });
    return true;
  });
}
