import type { Db } from '../../src/core/db.js';
import type { ReportFlag, ReportStatus } from '../../src/core/schema.js';
import type { SimUser } from './fake-telegram-user.js';

/** Stores a unit's current report directly (as submitReport would leave it), for views that only read. */
export async function insertReport(
  db: Db,
  r: { taskId: number; unitId: number; memberId: number; status: ReportStatus; number?: number | null; note?: string | null; flags?: ReportFlag[]; at?: Date; late?: boolean; photoCount?: number },
) {
  return db
    .insertInto('reports')
    .values({
      task_id: r.taskId,
      unit_id: r.unitId,
      status: r.status,
      number_value: r.number ?? null,
      note: r.note ?? null,
      latitude: null,
      longitude: null,
      photo_count: r.photoCount ?? 0,
      flags: JSON.stringify(r.flags ?? []),
      late: r.late ?? false,
      revision_count: 1,
      reported_by: r.memberId,
      reported_at: r.at ?? new Date('2026-06-10T02:00:00Z'),
    })
    .returningAll()
    .executeTakeFirstOrThrow();
}

/**
 * A leader goes through the real report dialogue for a flag task (status, households, photos,
 * no note) from a button already on screen; returns the receipt text.
 */
export async function leaderReportsFlag(
  leader: SimUser,
  button: string | RegExp,
  answers: { status: '✅ Đã xong' | '🟡 Làm một phần'; households: number; photos: { id: string; date?: Date }[] },
): Promise<string> {
  leader.pressButton(button);
  await leader.nextMessages(2);
  leader.pressButton(answers.status);
  await leader.nextMessages(2);
  leader.sendText(String(answers.households));
  await leader.nextMessage();
  for (const photo of answers.photos) {
    leader.sendPhoto({ fileUniqueId: photo.id, ...(photo.date ? { date: photo.date } : {}) });
    await leader.nextMessage();
  }
  leader.pressButton('Xong');
  await leader.nextMessage();
  leader.pressButton('Bỏ qua');
  await leader.nextMessage();
  leader.pressButton('📤 Gửi');
  return (await leader.nextMessage()).text;
}
