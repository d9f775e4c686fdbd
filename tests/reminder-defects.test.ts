import { describe, expect, it } from 'vitest';
import { dbTargets } from './support/db.js';
import { buildMember, buildTask, buildUnit } from './support/factories.js';
import { useApp } from './support/suite.js';
import { local } from './support/clock.js';

const ADMIN = 7001;
const [A, B] = [7101, 7102];

describe.each(dbTargets())('reminders that read right on %s', (target) => {
  const { database, h } = useApp(target, { adminIds: [ADMIN], localTime: '01/06/2026 08:00' });

  async function seed(opts: { dueAt: string; eventAt?: string }) {
    const db = database.db;
    const k1 = await buildUnit(db, { name: 'Khối 1' });
    const k2 = await buildUnit(db, { name: 'Khối 2' });
    const one = await buildMember(db, { telegramId: A, unitId: k1.id, name: 'An' });
    const two = await buildMember(db, { telegramId: B, unitId: k2.id, name: 'Bình' });
    await buildMember(db, { telegramId: ADMIN, role: 'admin', name: 'Văn phòng' });
    const createdAt = local('01/06/2026 08:00');
    const task = await buildTask(db, { title: 'Hội diễn văn nghệ', unitIds: [k1.id, k2.id], dueAt: local(opts.dueAt), eventAt: opts.eventAt ? local(opts.eventAt) : null, createdAt });
    await db.updateTable('tasks').set({ updated_at: createdAt }).where('id', '=', task.id).execute();
    return { task, k1, k2, one, two };
  }

  async function at(time: string) {
    h.clock.setLocal(time);
    await h.app.scheduler.tick();
    await h.app.dispatcher.drain();
  }
  const textsTo = (chat: number) => h.fake.callsOf('sendMessage').filter((c) => Number(c.params.chat_id) === chat && !c.error);

  it('when the bot was down over the evening before an event, then the late reminder says "hôm nay" and asks for no results', async () => {
    await seed({ eventAt: '10/06/2026 19:30', dueAt: '12/06/2026 17:00' });
    await at('01/06/2026 08:00');
    h.fake.resetCalls();
    await at('10/06/2026 07:00');
    const eve = textsTo(A).find((c) => String(c.params.text).startsWith('📅'));
    expect(String(eve?.params.text)).toBe('📅 Nhắc lịch: hôm nay, lúc 10/06/2026 19:30, là sự kiện “Hội diễn văn nghệ”. Đơn vị tham gia: Khối 1.');
    expect(eve?.params.reply_markup).toBeUndefined();
    const stored = await database.db.selectFrom('deliveries').select(['kind', 'status']).where('source', 'like', '%event-eve%').execute();
    expect(stored).toEqual([{ kind: 'reminder', status: 'sent' }, { kind: 'reminder', status: 'sent' }]);
  });

  it('when an event is coming, then its reminders carry no Báo cáo button, and two hours after it begins (after quiet hours) the results are asked for', async () => {
    await seed({ eventAt: '10/06/2026 19:30', dueAt: '12/06/2026 17:00' });
    await at('01/06/2026 08:00');
    h.fake.resetCalls();
    await at('09/06/2026 19:00');
    await at('10/06/2026 18:30');
    const before = textsTo(A).map((c) => [String(c.params.text).slice(0, 30), c.params.reply_markup === undefined]);
    expect(before).toEqual([
      ['📅 Nhắc lịch: ngày mai, lúc 10', true],
      ['📅 Còn 1 giờ nữa (lúc 10/06/20', true],
    ]);
    // Two hours in is 21:30, inside quiet hours: the request waits for 06:30.
    await at('10/06/2026 21:30');
    expect(textsTo(A)).toHaveLength(2);
    await at('11/06/2026 06:30');
    const ask = textsTo(A).at(-1);
    expect(String(ask?.params.text)).toContain('📅 Sự kiện “Hội diễn văn nghệ” đã bắt đầu lúc 10/06/2026 19:30. Xong việc, anh/chị gửi kết quả trước hạn Thứ Sáu, 12/06/2026 17:00.');
    expect(JSON.stringify(ask?.params.reply_markup)).toContain('Báo cáo');
  });

  it('when every unit reported before the deadline, then the next digest does not call the task overdue', async () => {
    const { task, k1, k2, one, two } = await seed({ dueAt: '05/06/2026 17:00' });
    for (const [unit, member] of [[k1.id, one.id], [k2.id, two.id]] as const) {
      await database.db.insertInto('reports').values({
        task_id: task.id, unit_id: unit, status: 'done', number_value: null, note: null, latitude: null, longitude: null, photo_count: 0,
        flags: '[]', late: false, revision_count: 1, reported_by: member, reported_at: local('04/06/2026 09:00'),
      }).execute();
    }
    await at('06/06/2026 17:00');
    const digest = textsTo(ADMIN).map((c) => String(c.params.text)).find((t) => t.startsWith('📊'));
    expect(digest).toContain('Hội diễn văn nghệ — 2/2 đã báo cáo · hạn Thứ Sáu, 05/06/2026 17:00');
    expect(digest).not.toContain('quá hạn');
  });
});
