import type { Config } from '../config.js';
import { recordAudit } from '../core/audit.js';
import type { Clock } from '../core/clock.js';
import type { Db } from '../core/db.js';
import type { BroadcastContent, BroadcastTarget } from '../core/schema.js';
import type { Outbox } from '../outbox/outbox.js';
import { type OutboxSettings, sendNow } from './broadcast-lifecycle.js';
import { type Broadcast, countDeliveries, findBroadcast, listRecent, type Repeat, type StatusCounts } from './broadcasts.queries.js';

export type { Broadcast, Repeat };
export { cancelBroadcast } from './broadcast-lifecycle.js';
export { findBroadcast };

export interface BroadcastDraft {
  content: BroadcastContent;
  target: BroadcastTarget;
  sendAt: Date;
  repeat: Repeat;
  /** The creator's language and chat: the progress message goes there. */
  locale: string;
  progressChatId: number;
  /** The campaign whose plan asked for it (its results report counts what was sent). */
  campaignId?: number;
}

/** The outbox's rules a broadcast follows, and how to wake the dispatcher when one is queued at once. */
export interface BroadcastSettings extends OutboxSettings {
  wake?: () => void;
}

export function outboxSettings(deps: { config: Config; outbox?: Pick<Outbox, 'wake'> }): BroadcastSettings {
  const { config, outbox } = deps;
  return { window: { zone: config.timezone, quiet: config.quietHours }, graceHours: config.catchupGraceHours, ...(outbox ? { wake: () => outbox.wake() } : {}) };
}

/**
 * Stores a broadcast; one due now is queued at once (no need to wait for the next tick).
 * `creationKey` (the confirming button press) makes a replayed confirmation a no-op.
 */
export async function createBroadcast(db: Db, clock: Clock, settings: BroadcastSettings, actorId: number, draft: BroadcastDraft, creationKey: string): Promise<Broadcast> {
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
        campaign_id: draft.campaignId ?? null,
        created_at: now,
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    await recordAudit(trx, { actorId, action: 'broadcast.created', subject: `broadcast:${row.id}`, details: { target: draft.target, sendAt: draft.sendAt.toISOString(), repeat: draft.repeat }, at: now });
    return row.id;
  });
  const stored = await findBroadcast(db, id);
  if (!stored) throw new Error(`broadcast ${id} vanished after it was stored`);
  if (stored.status === 'scheduled' && !stored.repeat && stored.sendAt.getTime() <= now.getTime()) {
    if ((await sendNow(db, settings, stored)) > 0) settings.wake?.();
    return (await findBroadcast(db, id)) ?? stored;
  }
  return stored;
}

export interface BroadcastSummary extends Broadcast {
  counts: StatusCounts;
}

export async function listRecentBroadcasts(db: Db, limit = 8): Promise<BroadcastSummary[]> {
  const out: BroadcastSummary[] = [];
  for (const b of await listRecent(db, limit)) out.push({ ...b, counts: await countDeliveries(db, b.id) });
  return out;
}
