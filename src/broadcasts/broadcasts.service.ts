import type { Transaction } from 'kysely';
import { DateTime } from 'luxon';
import type { Config } from '../config.js';
import { recordAudit } from '../core/audit.js';
import type { Clock } from '../core/clock.js';
import { formatLocal } from '../core/clock.js';
import type { Db } from '../core/db.js';
import type { BroadcastContent, BroadcastTarget, Database, DeliveryPayload } from '../core/schema.js';
import type { SendWindow } from '../outbox/outbox.rules.js';
import { type DueItem, materialize, type Outgoing, type Producer } from '../outbox/scheduler.js';
import { broadcastSourceFilter, countDeliveries, resolveRecipients, type StatusCounts } from './broadcasts.queries.js';

export type Repeat = 'daily' | 'weekly' | null;

export interface BroadcastDraft {
  content: BroadcastContent;
  target: BroadcastTarget;
  sendAt: Date;
  repeat: Repeat;
  /** The creator's language and chat: the progress message goes there. */
  locale: string;
  progressChatId: number;
}

export interface Broadcast {
  id: number;
  content: BroadcastContent;
  target: BroadcastTarget;
  sendAt: Date;
  repeat: Repeat;
  status: 'scheduled' | 'sending' | 'done' | 'cancelled';
  createdAt: Date;
}

export interface OutboxSettings {
  window: SendWindow;
  graceHours: number;
}

export function outboxSettings(config: Config): OutboxSettings {
  return { window: { zone: config.timezone, quiet: config.quietHours }, graceHours: config.catchupGraceHours };
}

const columns = ['id', 'content', 'target', 'send_at as sendAt', 'repeat', 'status', 'created_at as createdAt'] as const;

/**
 * Stores a broadcast; one due now is queued at once (no need to wait for the next tick).
 * `creationKey` (the confirming button press) makes a replayed confirmation a no-op.
 */
export async function createBroadcast(db: Db, clock: Clock, settings: OutboxSettings, actorId: number, draft: BroadcastDraft, creationKey: string): Promise<Broadcast> {
  const now = clock.now();
  const id = await db.transaction().execute(async (trx) => {
    const existing = await trx.selectFrom('broadcasts').select('id').where('creation_key', '=', creationKey).executeTakeFirst();
    if (existing) return existing.id;
    const row = await trx
      .insertInto('broadcasts')
      .values({
        created_by: actorId,
        content: JSON.stringify(draft.content),
        target: JSON.stringify(draft.target),
        send_at: draft.sendAt,
        repeat: draft.repeat,
        progress_chat_id: draft.progressChatId,
        locale: draft.locale,
        creation_key: creationKey,
        created_at: now,
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    await recordAudit(trx, { actorId, action: 'broadcast.created', subject: `broadcast:${row.id}`, details: { target: draft.target, sendAt: draft.sendAt.toISOString(), repeat: draft.repeat }, at: now });
    return row.id;
  });
  const broadcast = (await findBroadcast(db, id)) as Broadcast;
  if (broadcast.status === 'scheduled' && !broadcast.repeat && broadcast.sendAt.getTime() <= now.getTime()) {
    await materialize(db, broadcastItem(broadcast, null, settings.window.zone), now, settings);
  }
  return (await findBroadcast(db, id)) as Broadcast;
}

export async function findBroadcast(db: Db | Transaction<Database>, id: number): Promise<Broadcast | null> {
  return (await db.selectFrom('broadcasts').select(columns).where('id', '=', id).executeTakeFirst()) ?? null;
}

export function broadcastPayload(content: BroadcastContent): DeliveryPayload {
  if (content.kind === 'photo') return { text: content.text, photo: content.fileId };
  if (content.kind === 'document') return { text: content.text, document: content.fileId };
  return { text: content.text };
}

/** One sending of a broadcast: the only one, or one occurrence (`date`) of a repeating one. */
function broadcastItem(b: Broadcast, occurrence: { at: Date; date: string } | null, zone: string): DueItem {
  return {
    key: occurrence ? `broadcast:${b.id}:${occurrence.date}` : `broadcast:${b.id}`,
    dueAt: occurrence?.at ?? b.sendAt,
    expiresAt: null,
    build: async (trx) => {
      // Locks the row: a cancel that committed first wins, one that comes later waits for us.
      const current = await trx.selectFrom('broadcasts').select('status').where('id', '=', b.id).forUpdate().executeTakeFirst();
      if (!current || current.status === 'cancelled') return [];
      if (!occurrence) await trx.updateTable('broadcasts').set({ status: 'sending' }).where('id', '=', b.id).execute();
      const payload = broadcastPayload(b.content);
      const recipients = await resolveRecipients(trx, b.target);
      return recipients.map((r): Outgoing => ({ chatId: r.chatId, memberId: r.memberId, payload, ...(r.reachable ? {} : { status: 'unreachable' as const }) }));
    },
    describe: (t) => t('bc-skipped-line', { id: b.id, at: formatLocal(occurrence?.at ?? b.sendAt, zone), text: b.content.text.slice(0, 40) }),
  };
}

/** Occurrences of a repeating broadcast due by `now`: today's and the previous one (for catch-up). */
export function occurrences(b: Pick<Broadcast, 'sendAt' | 'repeat'>, now: Date, zone: string): { at: Date; date: string }[] {
  const first = DateTime.fromJSDate(b.sendAt, { zone });
  const step = b.repeat === 'weekly' ? 7 : 1;
  const today = DateTime.fromJSDate(now, { zone }).set({ hour: first.hour, minute: first.minute, second: 0, millisecond: 0 });
  const shift = b.repeat === 'weekly' ? (today.weekday - first.weekday + 7) % 7 : 0;
  const latest = today.minus({ days: shift });
  return [latest.minus({ days: step }), latest]
    .filter((d) => d.toMillis() >= first.toMillis() && d.toMillis() <= now.getTime())
    .map((d) => ({ at: d.toJSDate(), date: d.toFormat('yyyy-MM-dd') }));
}

/** Scheduled broadcasts and occurrences of repeating ones, as the scheduler's due items. */
export function broadcastProducer(deps: { db: Db; zone: string }): Producer {
  return {
    async due(now) {
      const rows = await deps.db.selectFrom('broadcasts').select(columns).where('status', '=', 'scheduled').where('send_at', '<=', now).orderBy('id').execute();
      return rows.flatMap((b) => (b.repeat ? occurrences(b, now, deps.zone).map((o) => broadcastItem(b, o, deps.zone)) : [broadcastItem(b, null, deps.zone)]));
    },
  };
}

export interface BroadcastSummary extends Broadcast {
  counts: StatusCounts;
}

export async function listRecentBroadcasts(db: Db, limit = 8): Promise<BroadcastSummary[]> {
  const rows = await db.selectFrom('broadcasts').select(columns).orderBy('id', 'desc').limit(limit).execute();
  const out: BroadcastSummary[] = [];
  for (const b of rows) out.push({ ...b, counts: await countDeliveries(db, b.id, b.repeat !== null) });
  return out;
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
    const stopped = await trx.updateTable('deliveries').set({ status: 'cancelled' }).where(broadcastSourceFilter(id)).where('status', '=', 'queued').executeTakeFirst();
    await recordAudit(trx, { actorId, action: 'broadcast.cancelled', subject: `broadcast:${id}`, details: { unsent: Number(stopped.numUpdatedRows) }, at: now });
    return true;
  });
}
