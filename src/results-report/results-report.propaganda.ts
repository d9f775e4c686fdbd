import { sql } from 'kysely';
import type { Db } from '../core/db.js';

/** One broadcast of the campaign as it was actually sent: the hours it went out, and to how many chats. */
export interface PropagandaBroadcast {
  id: number;
  text: string;
  /** The start of each hour (UTC) in which at least one copy was delivered; days are read in the report's zone. */
  sentHours: Date[];
  recipients: number;
}

/** What the campaign's propaganda amounted to: only deliveries Telegram accepted count. */
export interface PropagandaSent {
  broadcasts: PropagandaBroadcast[];
  /** Distinct chats that received at least one of them. */
  recipients: number;
}

/** Sent broadcast deliveries of the campaign, by broadcast and hour. */
function listSentHours(db: Db, campaignId: number) {
  return db
    .selectFrom('deliveries as d')
    .innerJoin('broadcasts as b', 'b.id', 'd.broadcast_id')
    .select(['b.id', 'b.content', sql<Date>`date_trunc('hour', d.sent_at)`.as('hour'), sql<number>`count(distinct d.chat_id)::int`.as('recipients')])
    .where('b.campaign_id', '=', campaignId)
    .where('d.kind', '=', 'broadcast')
    .where('d.status', '=', 'sent')
    .groupBy(['b.id', 'b.content', sql`date_trunc('hour', d.sent_at)`])
    .orderBy('b.id')
    .orderBy('hour')
    .execute();
}

function countRecipients(db: Db, campaignId: number) {
  return db
    .selectFrom('deliveries as d')
    .innerJoin('broadcasts as b', 'b.id', 'd.broadcast_id')
    .select(['b.id', sql<number>`count(distinct d.chat_id)::int`.as('recipients')])
    .where('b.campaign_id', '=', campaignId)
    .where('d.kind', '=', 'broadcast')
    .where('d.status', '=', 'sent')
    .groupBy('b.id')
    .execute();
}

/** The campaign's broadcasts that were sent at least once, in the order they were made. */
export async function loadPropaganda(db: Db, campaignId: number): Promise<PropagandaSent> {
  const [hours, perBroadcast, overall] = await Promise.all([
    listSentHours(db, campaignId),
    countRecipients(db, campaignId),
    db
      .selectFrom('deliveries as d')
      .innerJoin('broadcasts as b', 'b.id', 'd.broadcast_id')
      .select(sql<number>`count(distinct d.chat_id)::int`.as('n'))
      .where('b.campaign_id', '=', campaignId)
      .where('d.kind', '=', 'broadcast')
      .where('d.status', '=', 'sent')
      .executeTakeFirst(),
  ]);
  const byId = new Map<number, PropagandaBroadcast>();
  for (const row of hours) {
    const entry = byId.get(row.id) ?? { id: row.id, text: row.content.text, sentHours: [], recipients: 0 };
    entry.sentHours.push(new Date(row.hour));
    byId.set(row.id, entry);
  }
  for (const row of perBroadcast) {
    const entry = byId.get(row.id);
    if (entry) entry.recipients = row.recipients;
  }
  return { broadcasts: [...byId.values()], recipients: overall?.n ?? 0 };
}
