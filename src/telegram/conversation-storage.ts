import type { ConversationData, VersionedState } from '@grammyjs/conversations';
import type { Db } from '../core/db.js';
import type { Clock } from '../core/clock.js';

/** Conversation state in Postgres (kv_store), so a restart mid-conversation resumes. */
export function conversationStorage(db: Db, clock: Clock) {
  const key = (k: string) => `conversation:${k}`;
  return {
    read: async (k: string): Promise<VersionedState<ConversationData> | undefined> => {
      const row = await db.selectFrom('kv_store').select('value').where('key', '=', key(k)).executeTakeFirst();
      return row?.value as VersionedState<ConversationData> | undefined;
    },
    write: async (k: string, state: VersionedState<ConversationData>): Promise<void> => {
      const value = JSON.stringify(state);
      const now = clock.now();
      await db
        .insertInto('kv_store')
        .values({ key: key(k), value, updated_at: now })
        .onConflict((oc) => oc.column('key').doUpdateSet({ value, updated_at: now }))
        .execute();
    },
    delete: async (k: string): Promise<void> => {
      await db.deleteFrom('kv_store').where('key', '=', key(k)).execute();
    },
  };
}
