import { describe, expect, it } from 'vitest';
import { createInvite } from '../src/onboarding/invites.service.js';
import { reportButtonData } from '../src/reports/reports.buttons.js';
import { dbTargets } from './support/db.js';
import { buildMember, buildTask, buildUnit } from './support/factories.js';
import { useApp } from './support/suite.js';
import { local } from './support/clock.js';

const ADMIN = 7001;

describe.each(dbTargets())('a leader who joins after the tasks were announced, on %s', (target) => {
  const { database, h } = useApp(target, { adminIds: [ADMIN], localTime: '02/06/2026 09:00' });

  /** Khối 1 has its leader; Khối 2 has nobody yet. Two open tasks for both, one closed; announced on 01/06. */
  async function seed() {
    const db = database.db;
    const admin = await buildMember(db, { telegramId: ADMIN, role: 'admin' });
    const [k1, k2] = [await buildUnit(db, { name: 'Khối 1', households: 120 }), await buildUnit(db, { name: 'Khối 2', households: 95 })];
    await buildMember(db, { telegramId: 2001, name: 'An', unitId: k1.id });
    const at = local('01/06/2026 08:00');
    const flag = await buildTask(db, { title: 'Treo cờ Tổ quốc', unitIds: [k1.id, k2.id], dueAt: local('14/06/2026 17:00'), createdAt: at });
    const cleanup = await buildTask(db, { title: 'Tổng vệ sinh môi trường', unitIds: [k1.id, k2.id], dueAt: local('20/06/2026 17:00'), createdAt: at });
    const closed = await buildTask(db, { title: 'Việc đã xong', unitIds: [k2.id], createdAt: at, status: 'closed' });
    await db.updateTable('tasks').set({ updated_at: at }).execute();
    return { admin, k1, k2, flag, cleanup, closed };
  }

  async function join(telegramId: number, unitId: number, adminId: number, position: 'leader' | 'deputy' = 'leader') {
    const invite = await createInvite(database.db, h.clock, { actorId: adminId, ttlDays: 7, role: 'leader', unitId, position });
    const user = h.fake.user(telegramId, { firstName: `Người ${telegramId}` });
    user.sendText(`/start ${invite.code}`);
    expect((await user.nextMessage()).text).toContain('Anh/chị đã được đăng ký là');
    await h.settle();
    return user;
  }

  it('when a leader joins Khối 2 after the announcements went out, then they get one announcement per open task of their unit, with its Báo cáo button', async () => {
    const { admin, k2, flag, cleanup } = await seed();
    h.clock.setLocal('01/06/2026 08:00');
    await h.app.scheduler.tick();
    await h.app.dispatcher.drain();
    expect(await h.fake.user(2001).nextMessages(2)).toHaveLength(2);

    h.clock.setLocal('02/06/2026 09:00');
    const late = await join(2002, k2.id, admin.id);
    await h.app.dispatcher.drain();
    const [first, second] = await late.nextMessages(2);
    expect(first?.text).toContain('📢 Nhiệm vụ mới: Treo cờ Tổ quốc');
    expect(first?.text).toContain('Đơn vị của anh/chị: Khối 2');
    expect(first?.callbackData).toEqual([[reportButtonData(flag.id, k2.id)]]);
    expect(second?.text).toContain('📢 Nhiệm vụ mới: Tổng vệ sinh môi trường');
    expect(second?.callbackData).toEqual([[reportButtonData(cleanup.id, k2.id)]]);

    // Stored as the announcement's own deliveries: the next tick adds nothing, and nobody else got anything.
    const rows = await database.db.selectFrom('deliveries').select(['source', 'kind', 'task_id', 'unit_id', 'chat_id', 'status']).where('chat_id', '=', 2002).orderBy('id').execute();
    const sources = await database.db.selectFrom('deliveries').select('source').where('chat_id', '=', 2001).orderBy('id').execute();
    expect(rows).toEqual([
      { source: sources[0]?.source, kind: 'reminder', task_id: flag.id, unit_id: k2.id, chat_id: 2002, status: 'sent' },
      { source: sources[1]?.source, kind: 'reminder', task_id: cleanup.id, unit_id: k2.id, chat_id: 2002, status: 'sent' },
    ]);
    expect((await h.app.scheduler.tick()).queued).toEqual([]);
    await h.app.dispatcher.drain();
    await h.expectNothingSentTo(late, h.fake.user(2001));
  });

  it('when a leader joins before the first tick, then the tick does not announce twice', async () => {
    const { admin, k2 } = await seed();
    h.clock.setLocal('01/06/2026 08:00');
    const early = await join(2002, k2.id, admin.id);
    await h.app.scheduler.tick();
    await h.app.dispatcher.drain();
    expect(await early.nextMessages(2)).toHaveLength(2);
    await h.expectNothingSentTo(early);
  });

  it('when a deputy joins a unit that has already reported, or whose announcement was turned off, then nothing is sent', async () => {
    const { admin, k2, flag, cleanup } = await seed();
    const leader = await buildMember(database.db, { telegramId: 2003, unitId: k2.id });
    await database.db
      .insertInto('reports')
      .values({ task_id: flag.id, unit_id: k2.id, status: 'done', number_value: 90, note: null, latitude: null, longitude: null, photo_count: 0, flags: JSON.stringify([]), late: false, revision_count: 1, reported_by: leader.id, reported_at: h.clock.now(), returned_at: null, returned_by: null, return_reason: null })
      .execute();
    await database.db.insertInto('task_reminder_overrides').values({ task_id: cleanup.id, kind: 'announce', enabled: false, updated_by: admin.id, updated_at: h.clock.now() }).execute();
    const deputy = await join(2004, k2.id, admin.id, 'deputy');
    await h.app.dispatcher.drain();
    await h.expectNothingSentTo(deputy);
    expect(await database.db.selectFrom('deliveries').select('id').execute()).toEqual([]);
  });
});
