import { describe, expect, it } from 'vitest';
import { dbTargets } from './support/db.js';
import { buildTask, seedTown } from './support/factories.js';
import type { SimUser } from './support/fake-telegram-user.js';
import { openReportToHouseholds } from './support/reports.js';
import { useApp } from './support/suite.js';

/** What a block leader reads on the way to a report: the task list, the report's intro, its summary. */
describe.each(dbTargets())("the leader's texts on %s", (target) => {
  const { db, h } = useApp(target, { localTime: '02/06/2026 08:00' });

  async function next(user: SimUser, n = 1): Promise<string[]> {
    return (await user.nextMessages(n)).map((m) => m.text);
  }

  it('when a task was set by lunar dates, then /tasks and the report intro show its deadline with the lunar date, and a solar task shows none', async () => {
    // The solar task: seedTown's flag task, due Chủ nhật 14/06/2026 17:00. Giỗ Tổ 2027 is 10/3 âm lịch = Thứ Sáu 16/04/2027.
    const { k1 } = await seedTown(db);
    await buildTask(db, { unitIds: [k1.id], title: 'Treo cờ Giỗ Tổ Hùng Vương', dueAt: new Date('2027-04-16T10:00:00Z'), lunarDates: true });
    const leader = h.fake.user(2001);

    leader.sendText('/tasks');
    expect(await next(leader)).toEqual([
      [
        'Nhiệm vụ của đơn vị:',
        '⏳ Treo cờ Tổ quốc — Khối 1 · hạn Chủ nhật, 14/06/2026 17:00',
        '⏳ Treo cờ Giỗ Tổ Hùng Vương — Khối 1 · hạn Thứ Sáu, 16/04/2027 17:00 (10/3 âm lịch)',
      ].join('\n'),
    ]);

    leader.pressButton('📝 Báo cáo: Treo cờ Giỗ Tổ Hùng Vương — Khối 1');
    const [lunarIntro] = await next(leader);
    expect(lunarIntro).toBe('Báo cáo: Treo cờ Giỗ Tổ Hùng Vương\nĐơn vị: Khối 1 · Hạn: Thứ Sáu, 16/04/2027 17:00 (10/3 âm lịch)\n\nTình hình thực hiện thế nào? Bấm một nút bên dưới. (Gõ /cancel để huỷ.)');

    leader.sendText('/cancel');
    await next(leader);
    leader.pressButton('📝 Báo cáo: Treo cờ Tổ quốc — Khối 1');
    const [solarIntro] = await next(leader);
    expect(solarIntro).toMatch(/^Báo cáo: Treo cờ Tổ quốc\nĐơn vị: Khối 1 · Hạn: Chủ nhật, 14\/06\/2026 17:00\n\nTình hình/);
  });

  it('when a leader skips the photo, then the summary has no photo line, and the stored report has no photo', async () => {
    const { k1 } = await seedTown(db, { task: { title: 'Tổng vệ sinh', form: { number: null, photos: 'optional', location: false, note: false } } });
    const leader = h.fake.user(2001);
    leader.sendText('/tasks');
    await next(leader);
    expect(await openReportToHouseholds(leader, '📝 Báo cáo: Tổng vệ sinh — Khối 1')).toContain('không có ảnh thì bấm “Bỏ qua”');

    leader.pressButton('Bỏ qua');
    const summary = await leader.nextMessage();
    expect(summary.text).toBe(
      [
        'Kiểm tra lại báo cáo:',
        'Nhiệm vụ: Tổng vệ sinh — Khối 1',
        'Tình hình: ✅ Đã xong',
        'Bấm “Gửi” để gửi, “Sửa” để làm lại từ đầu, “Huỷ” để bỏ. (Gõ /cancel để huỷ.)',
      ].join('\n'),
    );
    expect(summary.buttons).toEqual([['📤 Gửi', '✏️ Sửa'], ['Huỷ']]);

    leader.pressButton('📤 Gửi');
    expect((await next(leader))[0]).toContain('✅ Đã nhận báo cáo “Tổng vệ sinh” của Khối 1');
    expect(await db.selectFrom('reports').select(['unit_id', 'status', 'photo_count']).execute()).toEqual([{ unit_id: k1.id, status: 'done', photo_count: 0 }]);
    expect(await db.selectFrom('report_photos').select('id').execute()).toEqual([]);
  });

  it('when a leader sends photos, then the summary still counts them', async () => {
    await seedTown(db, { task: { title: 'Tổng vệ sinh', form: { number: null, photos: 'optional', location: false, note: false } } });
    const leader = h.fake.user(2001);
    leader.sendText('/tasks');
    await next(leader);
    await openReportToHouseholds(leader, '📝 Báo cáo: Tổng vệ sinh — Khối 1');
    leader.sendPhoto({ fileUniqueId: 'VS-1' });
    leader.sendPhoto({ fileUniqueId: 'VS-2' });
    await next(leader, 2);
    leader.pressButton('Xong');
    expect((await next(leader))[0]).toContain('\nẢnh: 2\n');
  });
});
