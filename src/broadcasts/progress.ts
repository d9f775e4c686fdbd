import type { Clock } from '../core/clock.js';
import type { Db } from '../core/db.js';
import type { Logger } from '../core/logger.js';
import type { Texts } from '../outbox/outbox.js';
import type { Translate } from '../telegram/context.js';
import type { Notifier, SendResult } from '../telegram/notifier.js';
import { countDeliveries, listProgressToShow, type ProgressRow, type StatusCounts } from './broadcasts.queries.js';

type Deps = { db: Db; clock: Clock; notifier: Notifier; texts: Texts; logger: Logger };
type Shown = 'shown' | 'retry' | 'gone';

/**
 * The creator's progress message, sent when a broadcast starts and edited in place
 * ("Đã gửi 120/340…"); the dispatcher calls this at most every couple of seconds. It only
 * displays: the state (sending, done) is the lifecycle's. Once a broadcast is done its final
 * figures are shown and that is recorded, so whichever instance leads after a crash finishes it.
 */
export function broadcastProgress(deps: Deps): () => Promise<void> {
  const shownText = new Map<number, string>();
  return async () => {
    for (const b of await listProgressToShow(deps.db)) {
      const finished = b.status === 'done';
      const text = progressText(deps.texts(b.locale), b.id, await countDeliveries(deps.db, b.id), finished);
      if (!finished && shownText.get(b.id) === text) continue;
      const outcome = b.chatId === null ? 'gone' : await show(deps, { ...b, chatId: b.chatId }, text);
      if (outcome === 'shown') shownText.set(b.id, text);
      if (finished && outcome !== 'retry') {
        await deps.db.updateTable('broadcasts').set({ progress_final_at: deps.clock.now() }).where('id', '=', b.id).execute();
        shownText.delete(b.id);
      }
    }
  };
}

/** Edits the message in place, or sends it (again, if the old one cannot be edited). */
async function show(deps: Deps, b: ProgressRow & { chatId: number }, text: string): Promise<Shown> {
  if (b.messageId !== null) {
    const edited = await deps.notifier.edit(b.chatId, b.messageId, text);
    if (edited.ok || !replaceable(edited)) return verdict(deps, b.id, edited);
  }
  const sent = await deps.notifier.send(b.chatId, { text });
  if (sent.ok) await deps.db.updateTable('broadcasts').set({ progress_message_id: sent.messageId }).where('id', '=', b.id).execute();
  return verdict(deps, b.id, sent);
}

/** An edit Telegram refused (the message was deleted, say): a new message does instead. */
function replaceable(r: SendResult): boolean {
  return !r.ok && (r.outcome === 'rejected' || r.outcome === 'not-found');
}

function verdict(deps: Deps, id: number, r: SendResult): Shown {
  if (r.ok) return 'shown';
  if (r.outcome === 'blocked' || r.outcome === 'not-found' || r.outcome === 'rejected') {
    deps.logger.warn({ broadcast: id, error: r.error }, 'the progress message cannot be shown');
    return 'gone';
  }
  return 'retry';
}

export function progressText(t: Translate, id: number, c: StatusCounts, finished: boolean): string {
  const total = c.queued + c.sending + c.sent + c.failed + c.unreachable + c.skipped + c.cancelled;
  const done = total - c.queued - c.sending;
  if (!finished) return t('bc-progress', { id, done, total });
  return t('bc-progress-done', { id, total, sent: c.sent, failed: c.failed + c.skipped + c.cancelled, unreachable: c.unreachable });
}
