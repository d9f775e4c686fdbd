import { describe, expect, it } from 'vitest';
import { dbTargets } from './support/db.js';
import { buildMember, buildTask, buildUnit } from './support/factories.js';
import { useApp } from './support/suite.js';
import { local, localOf } from './support/clock.js';

const [ADMIN, OFFICIAL, A, ADMIN_EN] = [7901, 7902, 7903, 7904];
const HELD_VI = 'Trong ba ngày đầu Tết (mùng 1 đến mùng 3) bot không gửi nhắc việc; tin sẽ được gửi từ 09/02/2027 07:00.\nMuốn gửi ngay, bấm /settings rồi chọn “Tắt tạm dừng dịp Tết”.';
const RELEASED_VI = 'Hết tạm dừng nhắc việc dịp Tết: các tin nhắc việc đã giữ lại đang được gửi đi.';

/** Tết Đinh Mùi: mùng 1 is 06/02/2027, so mùng 1–3 are 06/02–08/02 and mùng 4 is 09/02. */
describe.each(dbTargets())('Tết pause on %s', (target) => {
  const { database, h } = useApp(target, { adminIds: [ADMIN], localTime: '01/02/2027 09:00' });

  /** A task due 10/02 (its 3-days-before reminder falls on mùng 2), and one created on mùng 1. */
  async function seed() {
    const db = database.db;
    const unit = await buildUnit(db, { name: 'Khối 1' });
    await buildMember(db, { telegramId: A, unitId: unit.id, name: 'An' });
    await buildMember(db, { telegramId: OFFICIAL, role: 'official', name: 'Chủ tịch' });
    await buildMember(db, { telegramId: ADMIN, role: 'admin', name: 'Văn phòng' });
    const created = local('01/02/2027 09:00');
    const early = await buildTask(db, { title: 'Tổng vệ sinh sau Tết', unitIds: [unit.id], dueAt: local('10/02/2027 17:00'), createdAt: created });
    await db.updateTable('tasks').set({ updated_at: created }).where('id', '=', early.id).execute();
    return { unit };
  }

  async function addTaskOnMung1(unitId: number) {
    const created = local('06/02/2027 10:00');
    const task = await buildTask(database.db, { title: 'Trồng cây đầu xuân', unitIds: [unitId], dueAt: local('20/02/2027 17:00'), createdAt: created });
    await database.db.updateTable('tasks').set({ updated_at: created }).where('id', '=', task.id).execute();
  }

  async function at(time: string) {
    h.clock.setLocal(time);
    await h.app.scheduler.tick();
    await h.app.dispatcher.drain();
  }
  const sends = () => h.fake.callsOf('sendMessage').filter((c) => !c.error);

  it('when reminders and digests fall on mùng 1–3 Tết 2027, then nothing goes out until mùng 4 07:00, and then what waited goes once', async () => {
    const { unit } = await seed();
    await at('01/02/2027 09:00');
    await at('05/02/2027 17:00');
    expect(h.fake.user(OFFICIAL).messages().map((m) => m.text.split('\n')[0])).toEqual(['📊 Tổng hợp ngày 05/02/2027 — các nhiệm vụ đang mở:']);
    h.fake.resetCalls();

    await addTaskOnMung1(unit.id);
    for (const time of ['06/02/2027 10:00', '06/02/2027 17:00', '07/02/2027 08:00', '07/02/2027 17:00', '08/02/2027 17:00', '09/02/2027 06:59']) await at(time);
    // Only the admins' notice that reminders are held.
    expect(sends().map((c) => Number(c.params.chat_id))).toEqual([ADMIN]);
    // What fell due was recorded (a restart would not send it twice) and waits for mùng 4.
    const waiting = await database.db.selectFrom('deliveries').select(['status', 'next_attempt_at']).where('status', '=', 'queued').execute();
    expect(waiting.map((w) => localOf(w.next_attempt_at.getTime() / 1000))).toEqual(['09/02/2027 07:00', '09/02/2027 07:00']);

    await at('09/02/2027 07:00');
    const got = h.fake.user(A).messages().slice(-2);
    expect(got.map((m) => localOf(m.date))).toEqual(['09/02/2027 07:00', '09/02/2027 07:00']);
    expect(got.map((m) => m.text.split('\n')[0]).sort()).toEqual(['⏰ Còn 3 ngày đến hạn báo cáo “Tổng vệ sinh sau Tết”: Thứ Tư, 10/02/2027 17:00. Đơn vị chưa báo cáo: Khối 1.', '📢 Nhiệm vụ mới: Trồng cây đầu xuân']);
    // The digests of mùng 1–3 are not sent late (stale figures); the next one is that evening's.
    expect(sends().map((c) => Number(c.params.chat_id)).sort()).toEqual([ADMIN, ADMIN, A, A]);
    await at('09/02/2027 17:00');
    expect(h.fake.user(OFFICIAL).messages().map((m) => m.text.split('\n')[0]).at(-1)).toBe('📊 Tổng hợp ngày 09/02/2027 — các nhiệm vụ đang mở:');
  });

  it('when a task falls due on mùng 4 and its reminders were held over Tết, then at the release only the one still true goes out', async () => {
    const db = database.db;
    const unit = await buildUnit(db, { name: 'Khối 1' });
    await buildMember(db, { telegramId: A, unitId: unit.id, name: 'An' });
    const created = local('01/02/2027 09:00');
    const task = await buildTask(db, { title: 'Nộp danh sách hộ nghèo', unitIds: [unit.id], dueAt: local('09/02/2027 17:00'), createdAt: created });
    await db.updateTable('tasks').set({ updated_at: created }).where('id', '=', task.id).execute();
    await at('01/02/2027 09:00');
    const leader = h.fake.user(A);
    expect((await leader.nextMessage()).text).toContain('Nhiệm vụ mới: Nộp danh sách hộ nghèo');
    // "Còn 3 ngày" (mùng 1) and "Ngày mai" (mùng 3) fall due over Tết and wait; "Hôm nay" falls due at the release.
    for (const time of ['06/02/2027 08:00', '08/02/2027 08:00', '09/02/2027 07:00']) await at(time);
    const released = await leader.nextMessage();
    expect(released.text.split('\n')[0]).toBe('⏰ Hôm nay là hạn báo cáo “Nộp danh sách hộ nghèo”: Thứ Ba, 09/02/2027 17:00. Đơn vị chưa báo cáo: Khối 1.');
    expect(localOf(released.date)).toBe('09/02/2027 07:00');
    await h.expectNothingSentTo(A);
    const cancelled = await db.selectFrom('deliveries').select('status').where('task_id', '=', task.id).where('status', '=', 'cancelled').execute();
    expect(cancelled).toHaveLength(2);
  });

  it('when the admin turns the Tết pause off on mùng 2, then what it held goes out at once and the admins are told so, once', async () => {
    await seed();
    await at('01/02/2027 09:00');
    await at('07/02/2027 08:00');
    const leader = h.fake.user(A);
    leader.skipPending();
    const admin = h.fake.user(ADMIN);
    expect((await admin.nextMessage()).text).toBe(HELD_VI);
    h.fake.resetCalls();
    h.clock.setLocal('07/02/2027 10:00');
    admin.sendText('/settings');
    await admin.nextMessage();
    admin.pressButton('🎆 Tắt tạm dừng dịp Tết');
    await h.fake.waitFor(() => admin.lastMessage()?.text.includes('Tết: tắt') ?? false);
    await h.app.dispatcher.drain();
    const released = await leader.nextMessage();
    expect(released.text).toContain('⏰ Còn 3 ngày đến hạn báo cáo “Tổng vệ sinh sau Tết”');
    expect(localOf(released.date)).toBe('07/02/2027 10:00');
    const told = await admin.nextMessage();
    expect([told.text, localOf(told.date)]).toEqual([RELEASED_VI, '07/02/2027 10:00']);
    // Mùng 4 07:00 comes: nothing more to say, and nothing is sent twice.
    await at('09/02/2027 07:00');
    await at('09/02/2027 07:01');
    await h.expectNothingSentTo(ADMIN);
    const notices = await database.db.selectFrom('deliveries').select(['chat_id', 'status']).where('kind', '=', 'notice').execute();
    expect(notices).toEqual([
      { chat_id: ADMIN, status: 'sent' },
      { chat_id: ADMIN, status: 'sent' },
    ]);
  });

  it('when the first reminder is held over Tết, then every admin is told once in their language, and once more at mùng 4 07:00 when the held ones go out', async () => {
    const { unit } = await seed();
    await buildMember(database.db, { telegramId: ADMIN_EN, role: 'admin', name: 'Office', locale: 'en' });
    await at('01/02/2027 09:00');
    await at('05/02/2027 17:00');
    const [admin, adminEn] = [h.fake.user(ADMIN), h.fake.user(ADMIN_EN)];
    for (const u of [h.fake.user(OFFICIAL), h.fake.user(A), admin, adminEn]) u.skipPending();
    await addTaskOnMung1(unit.id);
    await at('06/02/2027 10:00');
    const held = await admin.nextMessage();
    expect([held.text, localOf(held.date)]).toEqual([HELD_VI, '06/02/2027 10:00']);
    expect((await adminEn.nextMessage()).text).toBe(
      'During the first three days of Tết (days 1–3) the bot sends no reminders; they will go out from 09/02/2027 07:00.\nTo send them now, open /settings and choose “Turn the Tết pause off”.',
    );
    // More is held the same minute, the next day, and after a restart: the admins are not told again.
    await at('06/02/2027 10:00');
    await at('07/02/2027 08:00');
    await h.restart();
    await at('08/02/2027 08:00');
    await h.expectNothingSentTo(ADMIN, ADMIN_EN, A);
    // Mùng 4 07:00: the held messages go, and the admins hear it once.
    await at('09/02/2027 07:00');
    await at('09/02/2027 07:00');
    await h.restart();
    await at('09/02/2027 08:00');
    const released = await admin.nextMessage();
    expect([released.text, localOf(released.date)]).toEqual([RELEASED_VI, '09/02/2027 07:00']);
    expect((await adminEn.nextMessage()).text).toBe('The Tết pause is over: the reminders it held are going out now.');
    expect((await h.fake.user(A).nextMessages(2)).map((m) => localOf(m.date))).toEqual(['09/02/2027 07:00', '09/02/2027 07:00']);
    await h.expectNothingSentTo(ADMIN, ADMIN_EN);
    const notices = await database.db.selectFrom('deliveries').select(['chat_id', 'status', 'next_attempt_at']).where('kind', '=', 'notice').orderBy('id').execute();
    expect(notices.map((n) => [n.chat_id, n.status, localOf(n.next_attempt_at.getTime() / 1000)])).toEqual([
      [ADMIN, 'sent', '06/02/2027 10:00'],
      [ADMIN_EN, 'sent', '06/02/2027 10:00'],
      [ADMIN, 'sent', '09/02/2027 07:00'],
      [ADMIN_EN, 'sent', '09/02/2027 07:00'],
    ]);
  });

  it('when nothing was held over Tết, then the admins get no Tết notice', async () => {
    const db = database.db;
    await buildMember(db, { telegramId: ADMIN, role: 'admin', name: 'Văn phòng' });
    for (const time of ['06/02/2027 08:00', '07/02/2027 08:00', '09/02/2027 07:00', '09/02/2027 08:00']) await at(time);
    await h.expectNothingSentTo(ADMIN);
    expect(await db.selectFrom('deliveries').select('id').execute()).toEqual([]);
  });

  it('when the admin turned the Tết pause off in /settings, then reminders and the digest go out on time over Tết', async () => {
    await seed();
    const admin = h.fake.user(ADMIN);
    admin.sendText('/settings');
    await admin.nextMessage();
    admin.pressButton('🎆 Tắt tạm dừng dịp Tết');
    await h.fake.waitFor(() => admin.lastMessage()?.text.includes('Tết: tắt') ?? false);
    await at('01/02/2027 09:00');
    h.fake.resetCalls();
    await at('06/02/2027 17:00');
    expect(h.fake.user(OFFICIAL).messages().at(-1)?.text.split('\n')[0]).toBe('📊 Tổng hợp ngày 06/02/2027 — các nhiệm vụ đang mở:');
    await at('07/02/2027 08:00');
    const reminder = h.fake.user(A).messages().at(-1);
    expect(reminder?.text).toContain('⏰ Còn 3 ngày đến hạn báo cáo');
    expect(localOf(reminder?.date ?? 0)).toBe('07/02/2027 08:00');
  });
});
