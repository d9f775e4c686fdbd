import { type Kysely, sql, type Transaction } from 'kysely';
import type { Db } from '../core/db.js';
import type { BroadcastTarget, Database, DeliveryStatus } from '../core/schema.js';

type Handle = Db | Transaction<Database> | Kysely<Database>;

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
  if (target.mode === 'all-units' || target.mode === 'kind' || target.mode === 'pick') {
    q = q.where(({ exists, selectFrom }) => {
      let units = selectFrom('unit_members as um').innerJoin('units as u', 'u.id', 'um.unit_id').select('um.unit_id').whereRef('um.member_id', '=', 'm.id').where('u.active', '=', true);
      if (target.mode === 'kind') units = units.where('u.kind', '=', target.kind);
      if (target.mode === 'pick') units = units.where('u.id', 'in', target.unitIds.length ? target.unitIds : [-1]);
      return exists(units);
    });
  }
  return q.orderBy('m.id').execute();
}

/**
 * Sources of a broadcast's deliveries: `broadcast:<id>` once, `broadcast:<id>:<date>` when it
 * repeats. The exact form (a one-off) uses the (source, chat_id) index.
 */
export function broadcastSourceFilter(id: number, repeating = true) {
  return repeating ? sql<boolean>`(source = ${`broadcast:${id}`} or source like ${`broadcast:${id}:%`})` : sql<boolean>`source = ${`broadcast:${id}`}`;
}

export type StatusCounts = Record<DeliveryStatus, number>;

export function emptyCounts(): StatusCounts {
  return { queued: 0, sending: 0, sent: 0, failed: 0, unreachable: 0, skipped: 0, cancelled: 0 };
}

export async function countDeliveries(db: Handle, broadcastId: number, repeating = true): Promise<StatusCounts> {
  const rows = await db
    .selectFrom('deliveries')
    .select(['status', sql<number>`count(*)::int`.as('n')])
    .where(broadcastSourceFilter(broadcastId, repeating))
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
    .where(broadcastSourceFilter(broadcastId))
    .where('d.status', '!=', 'sent')
    .orderBy('d.status')
    .orderBy('name')
    .execute();
}
