import type { ConversationData, ConversationStorage, VersionedState } from '@grammyjs/conversations';
import { sql } from 'kysely';
import type { Clock } from '../core/clock.js';
import { type Db, prepared } from '../core/db.js';
import { toMember } from '../core/member.js';
import type { MemberRow } from '../core/schema.js';
import type { BotContext, Prefetched } from './context.js';
import { dialogueKey } from './dialogue-store.js';

type State = VersionedState<ConversationData>;

/** The replay plugin's row for a chat (the admins' dialogues). */
export const conversationKey = (chatId: number) => `conversation:${chatId}`;

/**
 * Loads the sender and the chat's conversation state in one round trip (the busiest query of the bot:
 * it runs for every update).
 */
export async function prefetchUpdate(db: Db, telegramId: number | undefined, chatId: number | undefined): Promise<Prefetched> {
  const result = await sql<Partial<MemberRow> & { conversation: State | null; dialogue: unknown }>`${prepared}
    select m.*, kv.value as conversation, d.value as dialogue
    from (select 1) as one
    left join members m on m.telegram_id = ${telegramId ?? null}::bigint and m.status <> 'left'
    left join kv_store kv on kv.key = ${chatId === undefined ? null : conversationKey(chatId)}
    left join kv_store d on d.key = ${chatId === undefined ? null : dialogueKey(chatId)}`.execute(db);
  const row = result.rows[0];
  return {
    member: row?.id !== undefined && row.id !== null ? toMember(row as MemberRow) : null,
    conversation: row?.conversation ?? undefined,
    dialogue: row?.dialogue ?? undefined,
  };
}

/**
 * Conversation state in Postgres (kv_store), so a restart mid-conversation resumes.
 * Reads use what {@link prefetchUpdate} already fetched for this update.
 */
export function conversationStorage(db: Db, clock: Clock): ConversationStorage<BotContext, ConversationData> {
  return {
    type: 'context',
    version: 1,
    adapter: {
      read: (ctx) => ctx.prefetched?.conversation,
      write: async (ctx, state) => {
        if (ctx.chatId === undefined) return;
        const value = JSON.stringify(state);
        const now = clock.now();
        await db
          .insertInto('kv_store')
          .values({ key: conversationKey(ctx.chatId), value, updated_at: now })
          .onConflict((oc) => oc.column('key').doUpdateSet({ value, updated_at: now }))
          .execute();
      },
      delete: async (ctx) => {
        if (ctx.chatId === undefined) return;
        await db.deleteFrom('kv_store').where('key', '=', conversationKey(ctx.chatId)).execute();
      },
    },
  };
}
