import { type Kysely, sql, type Transaction } from 'kysely';
import type { UnitKind } from '../core/schema.js';
import type { Db } from '../core/db.js';
import type { BroadcastContent, BroadcastStatus, BroadcastTarget, Database, DeliveryStatus } from '../core/schema.js';

type Handle = Db | Transaction<Database> | Kysely<Database>;

export type Repeat = 'daily' | 'weekly' | null;

export interface Broadcast {
  id: number;
  content: BroadcastContent;
  target: BroadcastTarget;
  sendAt: Date;
  repeat: Repeat;
  status: BroadcastStatus;
  createdAt: Date;
}

const columns = ['id', 'content', 'target', 'send_at as sendAt', 'repeat', 'status', 'created_at as createdAt'] as const;

export async function findBroadcast(db: Handle, id: number): Promise<Broadcast | null> {
  return (await db.selectFrom('broadcasts').select(columns).where('id', '=', id).executeTakeFirst()) ?? null;
}

export async function listRecent(db: Handle, limit: number): Promise<Broadcast[]> {
  return db.selectFrom('broadcasts').select(columns).orderBy('id', 'desc').limit(limit).execute();
}

/** Scheduled broadcasts whose (first) time has come. */
export async function listDueScheduled(db: Handle, now: Date): Promise<Broadcast[]> {
  return db.selectFrom('broadcasts').select(columns).where('status', '=', 'scheduled').where('send_at', '<=', now).orderBy('id').execute();
}

export interface BroadcastRecipient {
  memberId: number;
  chatId: number;
  name: string;
  reachable: boolean;
}

/**
 * Members a target means, each once: active ones, and those known to have blocked the bot
 * (recorded as unreachable, so the count is honest). Members who left are not included.
 */
export async function resolveRecipients(db: Handle, target: BroadcastTarget): Promise<BroadcastRecipient[]> {
  let q = db
    .selectFrom('members as m')
    .select(['m.id as memberId', 'm.chat_id as chatId', 'm.display_name as name', sql<boolean>`m.status = 'active'`.as('reachable')])
    .where('m.status', 'in', ['active', 'unreachable']);
  if (target.mode === 'officials') q = q.where('m.role', '=', 'official');
  if (target.mode === 'all-units' || target.mode === 'kind' || target.mode === 'kinds' || target.mode === 'pick') {
    q = q.where(({ exists, selectFrom }) => {
      let units = selectFrom('unit_members as um').innerJoin('units as u', 'u.id', 'um.unit_id').select('um.unit_id').whereRef('um.member_id', '=', 'm.id').where('u.active', '=', true);
      if (target.mode === 'kind') units = units.where('u.kind', '=', target.kind);
      if (target.mode === 'kinds') units = units.where('u.kind', 'in', target.kinds.length ? target.kinds : ['none' as UnitKind]);
      if (target.mode === 'pick') units = units.where('u.id', 'in', target.unitIds.length ? target.unitIds : [-1]);
      return exists(units);
    });
  }
  return q.orderBy('m.id').execute();
}

export type StatusCounts = Record<DeliveryStatus, number>;

export function emptyCounts(): StatusCounts {
  return { queued: 0, sending: 0, sent: 0, failed: 0, unreachable: 0, skipped: 0, cancelled: 0 };
}

/** Its deliveries by status (every occurrence of a repeating one together). */
export async function countDeliveries(db: Handle, broadcastId: number): Promise<StatusCounts> {
  const rows = await db
    .selectFrom('deliveries')
    .select(['status', sql<number>`count(*)::int`.as('n')])
    .where('broadcast_id', '=', broadcastId)
    .groupBy('status')
    .execute();
  const counts = emptyCounts();
  for (const r of rows) counts[r.status] = r.n;
  return counts;
}

export interface Undelivered {
  name: string;
  status: DeliveryStatus;
}

/** Who has not received it (yet), with why. */
export async function listUndelivered(db: Handle, broadcastId: number): Promise<Undelivered[]> {
  return db
    .selectFrom('deliveries as d')
    .leftJoin('members as m', 'm.id', 'd.member_id')
    .select([sql<string>`coalesce(m.display_name, d.chat_id::text)`.as('name'), 'd.status'])
    .where('d.broadcast_id', '=', broadcastId)
    .where('d.status', '!=', 'sent')
    .orderBy('d.status')
    .orderBy('name')
    .execute();
}

export interface ProgressRow {
  id: number;
  status: BroadcastStatus;
  locale: string;
  chatId: number | null;
  messageId: number | null;
}

/** Broadcasts whose creator's progress message has something to show: sending, or done and not shown as done yet. */
export async function listProgressToShow(db: Handle): Promise<ProgressRow[]> {
  return db
    .selectFrom('broadcasts')
    .select(['id', 'status', 'locale', 'progress_chat_id as chatId', 'progress_message_id as messageId'])
    .where((eb) => eb.or([eb('status', '=', 'sending'), eb.and([eb('status', '=', 'done'), eb('progress_final_at', 'is', null)])]))
    .orderBy('id')
    .execute();
}
