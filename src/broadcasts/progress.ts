import type { Db } from '../core/db.js';
import type { Logger } from '../core/logger.js';
import type { Texts } from '../outbox/scheduler.js';
import type { Notifier } from '../telegram/notifier.js';
import { countDeliveries, type StatusCounts } from './broadcasts.queries.js';

/**
 * The creator's progress message, sent when a broadcast starts and edited in place
 * ("Đã gửi 120/340…"); the dispatcher calls this at most every couple of seconds.
 * When nothing is waiting any more, the final figures replace it and the broadcast is done.
 */
export function broadcastProgress(deps: { db: Db; notifier: Notifier; texts: Texts; logger: Logger }): () => Promise<void> {
  const shown = new Map<number, string>();
  return async () => {
    const rows = await deps.db
      .selectFrom('broadcasts')
      .select(['id', 'locale', 'progress_chat_id as chatId', 'progress_message_id as messageId'])
      .where('status', '=', 'sending')
      .execute();
    for (const b of rows) {
      const counts = await countDeliveries(deps.db, b.id, false); // only one-offs are ever 'sending'
      const finished = counts.queued + counts.sending === 0;
      const text = progressText(deps.texts(b.locale), b.id, counts, finished);
      if (b.chatId !== null && shown.get(b.id) !== text) {
        await show(deps, { id: b.id, chatId: b.chatId, messageId: b.messageId }, text);
        shown.set(b.id, text);
      }
      if (finished) {
        await deps.db.updateTable('broadcasts').set({ status: 'done' }).where('id', '=', b.id).where('status', '=', 'sending').execute();
        shown.delete(b.id);
      }
    }
  };
}

async function show(deps: { db: Db; notifier: Notifier; logger: Logger }, b: { id: number; chatId: number; messageId: number | null }, text: string): Promise<void> {
  if (b.messageId !== null) {
    const edited = await deps.notifier.edit(b.chatId, b.messageId, text);
    if (!edited.ok) deps.logger.warn({ broadcast: b.id, error: edited.error }, 'could not edit the progress message');
    return;
  }
  const sent = await deps.notifier.send(b.chatId, { text });
  if (sent.ok) await deps.db.updateTable('broadcasts').set({ progress_message_id: sent.messageId }).where('id', '=', b.id).execute();
}

export function progressText(t: (key: string, vars?: Record<string, string | number>) => string, id: number, c: StatusCounts, finished: boolean): string {
  const total = c.queued + c.sending + c.sent + c.failed + c.unreachable + c.skipped + c.cancelled;
  const done = total - c.queued - c.sending;
  if (!finished) return t('bc-progress', { id, done, total });
  return t('bc-progress-done', { id, total, sent: c.sent, failed: c.failed + c.skipped + c.cancelled, unreachable: c.unreachable });
}
