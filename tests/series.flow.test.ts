import { describe, expect, it } from 'vitest';
import { materializeOccurrences } from '../src/series/series-occurrences.js';
import { dbTargets } from './support/db.js';
import { buildMember, buildUnit } from './support/factories.js';
import type { SimUser } from './support/fake-telegram-user.js';
import { useApp } from './support/suite.js';
import { say, press } from './support/talk.js';

const ADMIN = 1301;
const ZONE = 'Asia/Ho_Chi_Minh';

describe.each(dbTargets())('recurring tasks on %s', (target) => {
  const { database, h } = useApp(target, { adminIds: [ADMIN], localTime: '01/06/2026 09:00' });

  const occurrences = () => database.db.selectFrom('tasks').select(['id', 'title', 'due_at', 'series_id', 'created_at']).orderBy('due_at').execute();

  async function adminMakesWeeklyCleanup(admin: SimUser): Promise<void> {
    await say(admin, '/start');
    await say(admin, '/newtask');
    await press(admin, '➕ Đợt mới');
    await say(admin, 'Ngày Chủ nhật xanh');
    await press(admin, 'Bỏ qua');
    await press(admin, '🧹 Tổng vệ sinh');
    await press(admin, 'Dùng tên này');
    expect(await press(admin, 'Bỏ qua')).toContain('Hạn báo cáo?');
    expect(await press(admin, '🔁 Lặp lại')).toContain('Việc lặp lại thế nào?');
    expect(await say(admin, 'thỉnh thoảng')).toContain('Chưa hiểu cách lặp này');
    admin.sendText('Chủ nhật hằng tuần');
    const [resolved, fields] = await admin.nextMessages(2);
    expect(resolved?.text).toBe('→ Hiểu là: Chủ nhật hằng tuần, hạn 17:00. Lần đầu: Chủ nhật, 07/06/2026 17:00.');
    expect(fields?.text).toContain('Các câu hỏi khi báo cáo');
    await press(admin, 'Tiếp tục ▶');
    const preview = await press(admin, 'Tất cả khối phố (2)');
    expect(preview).toContain('Lặp lại: Chủ nhật hằng tuần, hạn 17:00\nLần đầu: Chủ nhật, 07/06/2026 17:00 (mỗi lần được giao trước 2 ngày)');
    expect(await press(admin, '✅ Tạo nhiệm vụ')).toBe('Đã tạo việc định kỳ “Tổng vệ sinh môi trường” (Chủ nhật hằng tuần, hạn 17:00), giao cho 2 đơn vị. Lần đầu: Chủ nhật, 07/06/2026 17:00.');
  }

  it('when an admin makes a weekly cleanup with "Lặp lại", then the series is stored and each round is made once, two days ahead, as a task of its own', async () => {
    const k1 = await buildUnit(database.db, { name: 'Khối 1' });
    const k2 = await buildUnit(database.db, { name: 'Khối 2' });
    const admin = h.fake.user(ADMIN);
    await adminMakesWeeklyCleanup(admin);
    const series = await database.db.selectFrom('task_series').selectAll().executeTakeFirstOrThrow();
    expect(series).toMatchObject({ title: 'Tổng vệ sinh môi trường', template: 'cleanup', status: 'active', lead_days: 2 });
    expect(series.recurrence).toEqual({ kind: 'weekly', weekday: 7, time: { hour: 17, minute: 0 } });
    expect(await occurrences()).toEqual([]);

    h.clock.setLocal('05/06/2026 07:59');
    expect(await materializeOccurrences(database.db, h.clock, ZONE)).toEqual([]);
    h.clock.setLocal('05/06/2026 08:00');
    const made = await materializeOccurrences(database.db, h.clock, ZONE);
    expect(made.map((m) => m.date)).toEqual(['2026-06-07']);
    // A second run (another tick, another instance) makes nothing more.
    expect(await materializeOccurrences(database.db, h.clock, ZONE)).toEqual([]);
    h.clock.setLocal('12/06/2026 08:00');
    expect((await materializeOccurrences(database.db, h.clock, ZONE)).map((m) => m.date)).toEqual(['2026-06-14']);
    const rows = await occurrences();
    expect(rows.map((r) => [r.title, r.due_at.toISOString(), r.series_id])).toEqual([
      ['Tổng vệ sinh môi trường', '2026-06-07T10:00:00.000Z', series.id],
      ['Tổng vệ sinh môi trường', '2026-06-14T10:00:00.000Z', series.id],
    ]);
    const units = await database.db.selectFrom('task_units').select(['task_id', 'unit_id']).orderBy('task_id').orderBy('unit_id').execute();
    expect(units).toEqual(rows.flatMap((r) => [{ task_id: r.id, unit_id: k1.id }, { task_id: r.id, unit_id: k2.id }]));
    const audit = await database.db.selectFrom('audit_log').select(['action', 'actor_id']).where('action', 'like', 'series.%').orderBy('id').execute();
    expect(audit.map((a) => a.action)).toEqual(['series.created', 'series.occurrence', 'series.occurrence']);
  });

  it('when the admin pauses, changes and ends a series under /tasks, then each step is stored and audit-logged and rounds follow the change', async () => {
    const k1 = await buildUnit(database.db, { name: 'Khối 1' });
    await buildUnit(database.db, { name: 'Khối 2' });
    await buildMember(database.db, { telegramId: 1401, unitId: k1.id });
    const admin = h.fake.user(ADMIN);
    await adminMakesWeeklyCleanup(admin);
    h.clock.setLocal('05/06/2026 08:00');
    await materializeOccurrences(database.db, h.clock, ZONE);

    expect(await say(admin, '/tasks')).toContain('1. Tổng vệ sinh môi trường — 0/2 đơn vị đã báo cáo · hạn Chủ nhật, 07/06/2026 17:00');
    expect(await press(admin, '🔁 Việc định kỳ (1)')).toBe(
      ['Việc định kỳ:', '1. Tổng vệ sinh môi trường — Chủ nhật hằng tuần, hạn 17:00 · đã giao 1 lần', 'Lần tới: hạn Chủ nhật, 14/06/2026 17:00 (giao cho các đơn vị lúc 12/06/2026 08:00)'].join('\n'),
    );
    const detail = await press(admin, '⚙️ 1. Tổng vệ sinh môi trường');
    expect(detail).toContain('Lặp lại: Chủ nhật hằng tuần, hạn 17:00 (giao trước 2 ngày)');
    expect(detail).toContain('• hạn Chủ nhật, 07/06/2026 17:00: 0/2 đơn vị đã báo cáo');
    admin.pressButton('⏸ Tạm dừng');
    await h.fake.waitFor(() => admin.lastMessage()?.text.includes('⏸ Đang tạm dừng: không giao lần mới.'));
    h.clock.setLocal('12/06/2026 08:00');
    expect(await materializeOccurrences(database.db, h.clock, ZONE)).toEqual([]);
    admin.pressButton('▶️ Tiếp tục');
    await h.fake.waitFor(() => admin.lastMessage()?.text.includes('Trạng thái: đang chạy'));

    expect(await press(admin, '🗓 Đổi lịch lặp')).toContain('Việc lặp lại thế nào?');
    admin.sendText('thứ Bảy hằng tuần 16:00');
    const [resolved, changed] = await admin.nextMessages(2);
    expect(resolved?.text).toBe('→ Hiểu là: Thứ Bảy hằng tuần, hạn 16:00. Lần đầu: Thứ Bảy, 13/06/2026 16:00.');
    expect(changed?.text).toBe('Đã cập nhật “Tổng vệ sinh môi trường” (Thứ Bảy hằng tuần, hạn 16:00). Áp dụng từ lần giao sau; lần tới: Thứ Bảy, 13/06/2026 16:00.');
    expect((await materializeOccurrences(database.db, h.clock, ZONE)).map((m) => m.date)).toEqual(['2026-06-13']);

    await say(admin, '/tasks');
    await press(admin, '🔁 Việc định kỳ (1)');
    await press(admin, '⚙️ 1. Tổng vệ sinh môi trường');
    admin.pressButton('🛑 Kết thúc');
    await h.fake.waitFor(() => admin.lastMessage()?.text.startsWith('Kết thúc việc định kỳ “Tổng vệ sinh môi trường”?'));
    admin.pressButton('Đồng ý');
    await h.fake.waitFor(() => admin.lastMessage()?.text === 'Đã kết thúc việc định kỳ “Tổng vệ sinh môi trường”.');
    h.clock.setLocal('18/06/2026 08:00');
    expect(await materializeOccurrences(database.db, h.clock, ZONE)).toEqual([]);

    const stored = await database.db.selectFrom('task_series').select(['status', 'recurrence']).executeTakeFirstOrThrow();
    expect(stored).toEqual({ status: 'ended', recurrence: { kind: 'weekly', weekday: 6, time: { hour: 16, minute: 0 } } });
    const audit = await database.db.selectFrom('audit_log').select('action').where('action', 'like', 'series.%').orderBy('id').execute();
    expect(audit.map((a) => a.action)).toEqual([
      'series.created', 'series.occurrence', 'series.paused', 'series.resumed', 'series.changed-rule', 'series.occurrence', 'series.ended',
    ]);
  });
});
