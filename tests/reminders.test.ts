import { describe, expect, it } from 'vitest';
import { reportButtonData } from '../src/reports/reports.buttons.js';
import { changeTask } from '../src/tasks/tasks.service.js';
import { dbTargets } from './support/db.js';
import { buildMember, buildTask, buildUnit } from './support/factories.js';
import { useApp } from './support/suite.js';
import { local, localOf } from './support/clock.js';

const ADMIN = 7001;
const OFFICIAL = 7002;
const [A, B, C] = [7101, 7102, 7103];

describe.each(dbTargets())('reminders on %s', (target) => {
  const { database, h } = useApp(target, { adminIds: [ADMIN], localTime: '01/06/2026 08:00' });

  /** Three blocks with one leader each (C reads English), an official and an admin; one task due 14/06 17:00. */
  async function seed(opts: { createdAt?: string; dueAt?: string; eventAt?: string } = {}) {
    const db = database.db;
    const units = [await buildUnit(db, { name: 'Khối 1' }), await buildUnit(db, { name: 'Khối 2' }), await buildUnit(db, { name: 'Khối 3' })];
    const [u1, u2, u3] = units.map((u) => u.id) as [number, number, number];
    await buildMember(db, { telegramId: A, unitId: u1, name: 'An' });
    const bMember = await buildMember(db, { telegramId: B, unitId: u2, name: 'Bình' });
    await buildMember(db, { telegramId: C, unitId: u3, name: 'Chi', locale: 'en' });
    await buildMember(db, { telegramId: OFFICIAL, role: 'official', name: 'Chủ tịch' });
    await buildMember(db, { telegramId: ADMIN, role: 'admin', name: 'Văn phòng' });
    const createdAt = local(opts.createdAt ?? '01/06/2026 08:00');
    const task = await buildTask(db, {
      title: 'Treo cờ Tổ quốc',
      unitIds: [u1, u2, u3],
      dueAt: local(opts.dueAt ?? '14/06/2026 17:00'),
      eventAt: opts.eventAt ? local(opts.eventAt) : null,
      createdAt,
    });
    await db.updateTable('tasks').set({ updated_at: createdAt }).where('id', '=', task.id).execute();
    return { task, units: { u1, u2, u3 }, bMember };
  }

  async function report(taskId: number, unitId: number, memberId: number, returned = false) {
    await database.db
      .insertInto('reports')
      .values({ task_id: taskId, unit_id: unitId, status: 'done', number_value: null, note: null, latitude: null, longitude: null, photo_count: 0, flags: JSON.stringify([]), late: false, revision_count: 1, reported_by: memberId, reported_at: h.clock.now(), returned_at: returned ? h.clock.now() : null, returned_by: null, return_reason: null })
      .execute();
  }

  async function at(time: string) {
    h.clock.setLocal(time);
    const result = await h.app.scheduler.tick();
    await h.app.dispatcher.drain();
    return result;
  }

  const sendsTo = () => h.fake.callsOf('sendMessage').filter((c) => !c.error).map((c) => Number(c.params.chat_id));

  it('when the clock reaches each reminder time, then only leaders of units that have not reported get it, at that local time, with a Báo cáo button', async () => {
    const { task, units, bMember } = await seed();
    await at('01/06/2026 08:00');
    const announce = await h.fake.user(A).nextMessage();
    expect(announce.text).toContain('📢 Nhiệm vụ mới: Treo cờ Tổ quốc');
    expect(announce.text).toContain('Hạn báo cáo: Chủ nhật, 14/06/2026 17:00');
    expect(announce.callbackData).toEqual([[reportButtonData(task.id, units.u1)]]);
    expect((await h.fake.user(C).nextMessage()).text).toContain('📢 New task: Treo cờ Tổ quốc');
    await h.fake.user(B).nextMessage();

    await report(task.id, units.u2, bMember.id);
    h.fake.resetCalls();
    expect((await at('11/06/2026 07:59')).queued).toEqual([]);
    const due3 = await at('11/06/2026 08:00');
    expect(due3.queued).toEqual([`reminder:${task.id}:due-3d:${local('11/06/2026 08:00').toISOString().slice(0, 16)}`]);
    const reminderA = await h.fake.user(A).nextMessage();
    expect(reminderA.text).toContain('⏰ Còn 3 ngày đến hạn báo cáo “Treo cờ Tổ quốc”: Chủ nhật, 14/06/2026 17:00. Đơn vị chưa báo cáo: Khối 1.');
    expect(localOf(reminderA.date)).toBe('11/06/2026 08:00');
    expect((await h.fake.user(C).nextMessage()).text).toContain('⏰ 3 days left to report');
    expect(sendsTo().sort()).toEqual([A, C]);

    // A second tick in the same minute (or another instance) changes nothing.
    expect((await at('11/06/2026 08:00')).queued).toEqual([]);
    expect(sendsTo()).toHaveLength(2);

    await at('13/06/2026 08:00');
    expect((await h.fake.user(A).nextMessage()).text).toContain('⏰ Ngày mai là hạn báo cáo');
    await at('14/06/2026 07:00');
    expect((await h.fake.user(A).nextMessage()).text).toContain('⏰ Hôm nay là hạn báo cáo');
    expect(h.fake.user(B).messages()).toHaveLength(1);

    // The button in a reminder opens the report dialogue.
    h.fake.user(A).pressButton('📝 Báo cáo — Khối 1');
    const opened = (await h.fake.user(A).nextMessage()).text;
    expect(opened).toContain('Báo cáo: Treo cờ Tổ quốc');
    expect(opened).toContain('Tình hình thực hiện');

    const rows = await database.db.selectFrom('deliveries').select(['source', 'chat_id', 'status']).where('source', 'like', 'reminder:%').orderBy('id').execute();
    expect(rows.every((r) => r.status === 'sent')).toBe(true);
    expect(rows.filter((r) => r.chat_id === B)).toHaveLength(1); // only the announcement
    expect(rows).toHaveLength(3 + 2 * 3);
  });

  it('when a report was returned for rework, then that unit is reminded again; the next morning after the deadline one overdue reminder goes out', async () => {
    const { task, units, bMember } = await seed();
    await at('01/06/2026 08:00');
    await report(task.id, units.u2, bMember.id, true);
    const before = h.fake.user(B).messages().length;
    await at('15/06/2026 08:00');
    const overdue = h.fake.user(B).messages().slice(before);
    expect(overdue.map((m) => m.text.split('\n')[0])).toEqual(['⚠️ Đã quá hạn báo cáo “Treo cờ Tổ quốc”, hạn là Chủ nhật, 14/06/2026 17:00. Đơn vị chưa báo cáo: Khối 2. Anh/chị báo cáo ngay khi có thể.']);
    await at('16/06/2026 08:00');
    expect(h.fake.user(B).messages().length - before).toBe(1);
  });

  it('when something falls due in quiet hours, then nothing is sent before 06:30', async () => {
    await seed({ createdAt: '05/06/2026 22:30' });
    h.fake.resetCalls();
    expect((await at('05/06/2026 22:30')).queued).toHaveLength(1);
    await at('06/06/2026 02:00');
    await at('06/06/2026 06:29');
    expect(h.fake.callsOf('sendMessage')).toHaveLength(0);
    await at('06/06/2026 06:30');
    const got = await h.fake.user(A).nextMessage();
    expect(localOf(got.date)).toBe('06/06/2026 06:30');
    expect(sendsTo().sort()).toEqual([A, B, C]);
    const statuses = await database.db.selectFrom('deliveries').select('status').execute();
    expect(statuses.map((s) => s.status)).toEqual(['sent', 'sent', 'sent']);
  });

  it('when a task is closed while its reminder waits for the morning, then the reminder is not sent', async () => {
    const { task } = await seed({ createdAt: '05/06/2026 22:30' });
    h.fake.resetCalls();
    await at('05/06/2026 22:30');
    const admin = await database.db.selectFrom('members').select('id').where('telegram_id', '=', ADMIN).executeTakeFirstOrThrow();
    expect(await changeTask(database.db, h.clock, admin.id, task.id, { kind: 'status', status: 'closed' })).toBe(true);
    // Cancelled with the close itself, not at some later tick.
    const cancelled = await database.db.selectFrom('deliveries').select(['status', 'kind', 'task_id']).distinct().execute();
    expect(cancelled).toEqual([{ status: 'cancelled', kind: 'reminder', task_id: task.id }]);
    await at('06/06/2026 06:30');
    expect(h.fake.callsOf('sendMessage')).toHaveLength(0);
  });

  it('when the deadline comes, then officials and admins get the wrap-up with who has not reported, and the 17:00 digest', async () => {
    const { task, units, bMember } = await seed();
    await at('01/06/2026 08:00');
    await report(task.id, units.u2, bMember.id);
    await at('14/06/2026 17:00');
    const official = h.fake.user(OFFICIAL).messages().map((m) => m.text);
    expect(official).toContain('🏁 Hết hạn “Treo cờ Tổ quốc” (Chủ nhật, 14/06/2026 17:00): 1/3 đơn vị đã báo cáo · Chưa báo cáo: Khối 1, Khối 3');
    expect(official.some((t) => t.startsWith('📊 Tổng hợp ngày 14/06/2026') && t.includes('• Treo cờ Tổ quốc — 1/3 đã báo cáo'))).toBe(true);
    expect(h.fake.user(ADMIN).messages().map((m) => m.text)).toContain('🏁 Hết hạn “Treo cờ Tổ quốc” (Chủ nhật, 14/06/2026 17:00): 1/3 đơn vị đã báo cáo · Chưa báo cáo: Khối 1, Khối 3');
    expect(h.fake.user(A).messages().some((m) => m.text.startsWith('🏁'))).toBe(false);
    const runs = await database.db.selectFrom('outbox_runs').select(['key', 'recipients']).where('key', 'like', 'wrapup:%').execute();
    expect(runs).toEqual([{ key: `wrapup:${task.id}:${local('14/06/2026 17:00').toISOString().slice(0, 16)}`, recipients: 2 }]);
  });

  it('when the bot was down over a reminder time, then it goes out once on start within the grace window, and is skipped visibly after it', async () => {
    const { task } = await seed();
    await at('01/06/2026 08:00');
    h.fake.resetCalls();
    // Down from 10/06 until 11/06 10:00: the 08:00 reminder is 2 sending hours late.
    h.clock.setLocal('11/06/2026 10:00');
    await h.restart();
    await at('11/06/2026 10:00');
    await h.restart();
    await at('11/06/2026 10:01');
    expect(sendsTo().sort()).toEqual([A, B, C]);
    expect(h.fake.callsOf('sendMessage').every((c) => String(c.params.text).includes('Còn 3 ngày') || String(c.params.text).includes('3 days left'))).toBe(true);

    // Down again over 13/06 08:00 until 16:00: 8 sending hours late, more than the 6-hour grace.
    h.fake.resetCalls();
    h.clock.setLocal('13/06/2026 16:00');
    await h.restart();
    const result = await at('13/06/2026 16:00');
    expect(result.skipped).toEqual([`reminder:${task.id}:due-1d:${local('13/06/2026 08:00').toISOString().slice(0, 16)}`]);
    expect(sendsTo()).toEqual([ADMIN]);
    const notice = h.fake.user(ADMIN).messages().at(-1)?.text ?? '';
    expect(notice).toContain('Bot đã tạm ngừng hoạt động một thời gian (máy chủ tắt hoặc mất kết nối). Có 1 tin nhắc đã trễ quá 6 giờ nên bot không gửi muộn nữa.');
    expect(notice).toContain('Việc nên làm: xem /pending');
    expect(notice).toContain('“Treo cờ Tổ quốc”: nhắc 1 ngày trước hạn (08:00), lúc 13/06/2026 08:00');
    const run = await database.db.selectFrom('outbox_runs').select(['status']).where('key', '=', result.skipped[0] ?? '').executeTakeFirstOrThrow();
    expect(run.status).toBe('skipped');
    await at('13/06/2026 16:01');
    expect(sendsTo()).toEqual([ADMIN]);
  });

  it('when the bot was down for more than three days, then the admins\' notice lists every reminder it skipped, the oldest too', async () => {
    const { task } = await seed();
    await at('01/06/2026 08:00');
    h.fake.resetCalls();
    // Down from 02/06 until 16/06 10:00: the 3-day (11/06), 1-day (13/06) reminders and the wrap-up (14/06) were all missed.
    h.clock.setLocal('16/06/2026 10:00');
    await h.restart();
    const result = await at('16/06/2026 10:00');
    const key = (kind: string, time: string) => `reminder:${task.id}:${kind}:${local(time).toISOString().slice(0, 16)}`;
    expect(result.skipped).toEqual(expect.arrayContaining([key('due-3d', '11/06/2026 08:00'), key('due-1d', '13/06/2026 08:00'), key('due-day', '14/06/2026 07:00'), `wrapup:${task.id}:${local('14/06/2026 17:00').toISOString().slice(0, 16)}`]));
    const notice = h.fake.user(ADMIN).messages().at(-1)?.text ?? '';
    expect(notice).toContain('lúc 11/06/2026 08:00');
    expect(notice).toContain('lúc 13/06/2026 08:00');
  });

  it('when an admin turns a reminder off with /reminders, then it is not sent', async () => {
    const { task } = await seed();
    await at('01/06/2026 08:00');
    const admin = h.fake.user(ADMIN);
    admin.sendText('/reminders');
    expect((await admin.nextMessage()).text).toBe('Chọn nhiệm vụ để xem và bật/tắt các tin nhắc:');
    admin.pressButton('Treo cờ Tổ quốc');
    const view = await admin.nextMessage();
    expect(view.buttons.flat()).toContain('✅ nhắc 3 ngày trước hạn (08:00) — 11/06/2026 08:00');
    expect(view.buttons.flat()).toContain('✔️ thông báo giao việc — 01/06/2026 08:00 (đã xử lý)');
    // A line already handled says so (not "old button").
    const before = admin.callbackAnswers().length;
    admin.pressButton('✔️ thông báo giao việc — 01/06/2026 08:00 (đã xử lý)');
    await h.fake.waitFor(() => admin.callbackAnswers().length > before);
    expect(admin.callbackAnswers().at(-1)?.text).toBe('Tin này đã gửi hoặc đã bỏ qua, không bật/tắt được nữa.');
    admin.pressButton('✅ nhắc 3 ngày trước hạn (08:00) — 11/06/2026 08:00');
    await h.fake.waitFor(() => admin.messages().at(-1)?.buttons.flat().includes('⛔ nhắc 3 ngày trước hạn (08:00) — 11/06/2026 08:00 (đã tắt)'));
    const override = await database.db.selectFrom('task_reminder_overrides').selectAll().executeTakeFirstOrThrow();
    expect(override).toMatchObject({ task_id: task.id, kind: 'due-3d', enabled: false });
    h.fake.resetCalls();
    expect((await at('11/06/2026 08:00')).queued).toEqual([]);
    expect(sendsTo()).toEqual([]);
  });
});
