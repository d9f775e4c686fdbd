import { describe, expect, it } from 'vitest';
import { reportButtonData } from '../src/reports/reports.buttons.js';
import { takeDownButton } from '../src/tasks/take-down.buttons.js';
import { dbTargets } from './support/db.js';
import { buildMember, buildTask, buildUnit } from './support/factories.js';
import { useApp } from './support/suite.js';
import { local, localOf } from './support/clock.js';

const [ADMIN, OFFICIAL] = [7501, 7502];
const [A, B, C] = [7601, 7602, 7603];

describe.each(dbTargets())('reminders of a task over a period on %s', (target) => {
  const { database, h } = useApp(target, { adminIds: [ADMIN], localTime: '20/07/2026 09:00' });

  /** "Treo cờ từ 23/7 đến hết 27/7" for Khối 1 and 2 (Khối 3 is not given it), report due at the start 17:00. */
  async function seed() {
    const db = database.db;
    const [u1, u2, u3] = [await buildUnit(db, { name: 'Khối 1' }), await buildUnit(db, { name: 'Khối 2' }), await buildUnit(db, { name: 'Khối 3' })];
    const one = await buildMember(db, { telegramId: A, unitId: u1.id, name: 'An' });
    await buildMember(db, { telegramId: B, unitId: u2.id, name: 'Bình' });
    await buildMember(db, { telegramId: C, unitId: u3.id, name: 'Chi' });
    await buildMember(db, { telegramId: OFFICIAL, role: 'official', name: 'Chủ tịch' });
    await buildMember(db, { telegramId: ADMIN, role: 'admin', name: 'Văn phòng' });
    const createdAt = local('20/07/2026 09:00');
    const task = await buildTask(db, { title: 'Treo cờ Tổ quốc', unitIds: [u1.id, u2.id], dueAt: local('23/07/2026 17:00'), createdAt });
    await db
      .updateTable('tasks')
      .set({ updated_at: createdAt, starts_at: local('23/07/2026 00:00'), ends_at: new Date(local('28/07/2026 00:00').getTime() - 1000) })
      .where('id', '=', task.id)
      .execute();
    return { task, u1, u2, one };
  }

  async function at(time: string) {
    h.clock.setLocal(time);
    const result = await h.app.scheduler.tick();
    await h.app.dispatcher.drain();
    return result;
  }
  const sent = () => h.fake.callsOf('sendMessage').filter((c) => !c.error).map((c) => ({ chat: Number(c.params.chat_id), text: String(c.params.text) }));

  it('when a flag task runs "từ 23/7 đến hết 27/7", then the eve, start and take-down reminders go at their local times only to the right units, and the take-down press is stored', async () => {
    const { task, u1, u2, one } = await seed();
    await at('20/07/2026 09:00');
    const announce = await h.fake.user(A).nextMessage();
    expect(announce.text).toContain('📢 Nhiệm vụ mới: Treo cờ Tổ quốc');
    expect(announce.text).toContain('Thời gian: từ Thứ Năm, 23/07/2026 đến hết Thứ Hai, 27/07/2026\n');
    await h.fake.user(B).nextMessage();

    h.fake.resetCalls();
    expect((await at('22/07/2026 07:59')).queued).toEqual([]);
    await at('22/07/2026 08:00');
    const eveA = await h.fake.user(A).nextMessage();
    expect(eveA.text).toContain('Ngày mai bắt đầu “Treo cờ Tổ quốc”: từ Thứ Năm, 23/07/2026 đến hết Thứ Hai, 27/07/2026.');
    expect(localOf(eveA.date)).toBe('22/07/2026 08:00');
    expect(eveA.callbackData).toEqual([[reportButtonData(task.id, u1.id)]]);
    await h.fake.user(B).nextMessage();
    // One message each on the eve: the default "due tomorrow" reminder is not sent on top of it.
    expect(sent().map((s) => s.chat).sort()).toEqual([A, B]);

    // Khối 1 confirms before the start: only Khối 2 is reminded that morning.
    await database.db
      .insertInto('reports')
      .values({ task_id: task.id, unit_id: u1.id, status: 'done', number_value: 100, note: null, latitude: null, longitude: null, photo_count: 1, flags: JSON.stringify([]), late: false, revision_count: 1, reported_by: one.id, reported_at: local('22/07/2026 19:00'), returned_at: null, returned_by: null, return_reason: null })
      .execute();
    h.fake.resetCalls();
    await at('23/07/2026 07:00');
    const startB = await h.fake.user(B).nextMessage();
    expect(startB.text).toContain('Hôm nay bắt đầu “Treo cờ Tổ quốc”: từ Thứ Năm, 23/07/2026 đến hết Thứ Hai, 27/07/2026.');
    expect(localOf(startB.date)).toBe('23/07/2026 07:00');
    expect(sent().map((s) => s.chat)).toEqual([B]);
    await h.expectNothingSentTo(h.fake.user(A), h.fake.user(C));

    // The take-down goes to both units the first morning after the end, with its button.
    await at('23/07/2026 17:00');
    await at('24/07/2026 08:00');
    h.fake.user(B).skipPending();
    h.fake.resetCalls();
    expect((await at('28/07/2026 06:59')).queued).toEqual([]);
    await at('28/07/2026 07:00');
    const downA = await h.fake.user(A).nextMessage();
    expect(downA.text).toContain('Hết thời gian “Treo cờ Tổ quốc”: từ Thứ Năm, 23/07/2026 đến hết Thứ Hai, 27/07/2026. Đề nghị hạ cờ, tháo băng rôn.');
    expect(localOf(downA.date)).toBe('28/07/2026 07:00');
    expect(downA.callbackData).toEqual([[takeDownButton.pack(task.id, u1.id)]]);
    expect((await h.fake.user(B).nextMessage()).callbackData).toEqual([[takeDownButton.pack(task.id, u2.id)]]);
    expect(sent().map((s) => s.chat).sort()).toEqual([A, B]);

    h.clock.setLocal('28/07/2026 07:20');
    h.fake.user(A).pressButton('✅ Đã hạ cờ — Khối 1');
    expect((await h.fake.user(A).nextMessage()).text).toContain('✅ Đã ghi nhận: Khối 1 đã hạ cờ, tháo băng rôn');
    const stored = await database.db.selectFrom('task_take_downs').select(['unit_id', 'member_id', 'confirmed_at']).execute();
    expect(stored).toEqual([{ unit_id: u1.id, member_id: one.id, confirmed_at: local('28/07/2026 07:20') }]);

    const kinds = await database.db.selectFrom('outbox_runs').select('key').where('key', 'like', `reminder:${task.id}:%`).orderBy('due_at').execute();
    expect(kinds.map((k) => k.key.split(':')[2])).toEqual(['announce', 'period-eve', 'period-start', 'overdue', 'period-take-down']);
  });
});
