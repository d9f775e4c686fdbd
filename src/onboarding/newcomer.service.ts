import type { Clock } from '../core/clock.js';
import type { Db } from '../core/db.js';
import type { Outbox, OutboxItem, Translate } from '../outbox/outbox.js';
import { reminderKey } from '../reminders/reminder.rules.js';
import { reminderPayload } from '../reminders/reminder-texts.js';
import { listOpenTasksOwedBy } from './newcomer.queries.js';

export interface JoinedLeader {
  memberId: number;
  chatId: number;
  locale: string | null;
}

/**
 * A leader who joins a unit after its tasks were announced gets those announcements too: one per
 * open task the unit still owes, with its "Báo cáo" button, queued through the outbox (paced,
 * quiet hours kept). The scheduler announces a task once, to the members of that moment; these
 * use the announcement's own source (`reminder:<task>:announce:<created>`), so someone who joins
 * before that tick still gets it once. Returns how many were queued.
 */
export async function announceOpenTasksToNewcomer(
  deps: { db: Db; clock: Clock; outbox: Outbox; zone: string },
  t: Translate,
  who: JoinedLeader,
  unit: { id: number; name: string },
): Promise<number> {
  const tasks = await listOpenTasksOwedBy(deps.db, unit.id);
  const now = deps.clock.now();
  const recipient = { memberId: who.memberId, chatId: who.chatId, locale: who.locale, unitId: unit.id, unitName: unit.name };
  const items: OutboxItem[] = tasks.map((task) => ({
    source: reminderKey(task.id, { kind: 'announce', at: task.createdAt }),
    kind: 'reminder',
    taskId: task.id,
    unitId: unit.id,
    chatId: who.chatId,
    memberId: who.memberId,
    payload: reminderPayload(t, 'announce', task, [recipient], deps.zone, now),
    notBefore: now,
    expiresAt: null,
  }));
  return items.length ? deps.outbox.queue(items) : 0;
}
