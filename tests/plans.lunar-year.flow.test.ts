import { sql } from 'kysely';
import { beforeEach, describe, expect, it } from 'vitest';
import { buildDocx } from './fixtures/plans/documents.js';
import { dbTargets } from './support/db.js';
import { buildMember, buildUnit } from './support/factories.js';
import { useApp } from './support/suite.js';

const ADMIN = 8301;
const LEADER = 8401;
/** Giỗ Tổ 2026 is 10/3 âm lịch = Chủ nhật 26/04/2026; Giỗ Tổ 2027 is Thứ Sáu 16/04/2027 (published calendars). */
const NOTICE = ['THÔNG BÁO', 'Về việc treo cờ Tổ quốc nhân dịp Giỗ Tổ Hùng Vương', 'Đề nghị các khối phố treo cờ Tổ quốc ngày 10 tháng 3 âm lịch năm 2026.'].join('\n');

describe.each(dbTargets())('a lunar-dated notice moved to next year in the review, on %s', (target) => {
  // Giỗ Tổ 2026 is past: the review offers "Dùng năm 2027".
  const { database, h } = useApp(target, { adminIds: [ADMIN], localTime: '05/05/2026 09:00' });
  beforeEach(async () => {
    const unit = await buildUnit(database.db, { name: 'Khối 1', households: 120 });
    await buildMember(database.db, { telegramId: LEADER, name: 'Hoàng Văn Một', unitId: unit.id });
  });

  it('when the admin presses "Dùng năm 2027" on Giỗ Tổ 10/3 âm lịch 2026, then the item shows 16/04/2027 (10/3 âm lịch) and the task is stored on that day, marked lunar', async () => {
    const admin = h.fake.user(ADMIN, { firstName: 'Văn phòng' });
    admin.sendText('/start');
    await admin.nextMessage();
    admin.sendDocument({ filename: 'TB Gio To.docx', bytes: Buffer.from(await buildDocx(NOTICE)) });
    const [, item, summary] = await admin.nextMessages(3);
    expect(item?.text).toContain('🗓 Ngày Chủ nhật, 26/04/2026 (10/3 âm lịch)');
    expect(summary?.buttons).toEqual([['Dùng năm 2027 cho tất cả'], ['Huỷ']]);

    admin.pressButton('Dùng năm 2027 cho tất cả', { messageId: summary?.message_id });
    await h.quiet();
    expect(admin.callbackAnswers().at(-1)?.text).toBe('Đã dùng năm 2027 cho 1 mục');
    // Giỗ Tổ 2027, not 26/04/2027 (which is 20/3 âm lịch): every date of the item with its lunar date.
    expect(admin.messages().find((m) => m.message_id === item?.message_id)?.text).toBe(
      [
        '✅ Mục 1/1 · Treo cờ',
        'Treo cờ Tổ quốc nhân dịp Giỗ Tổ Hùng Vương',
        '🗓 Ngày Thứ Sáu, 16/04/2027 (10/3 âm lịch)',
        '👥 Tất cả đơn vị (1)',
        '📋 Báo cáo gồm: tình hình, số hộ treo cờ, ảnh (bắt buộc), ghi chú',
        '📝 Hạn báo cáo: Thứ Sáu, 16/04/2027 17:00 (10/3 âm lịch)',
        '⬇️ Hết thời gian: nhắc hạ cờ, tháo băng rôn lúc Thứ Bảy, 17/04/2027 07:00 (11/3 âm lịch)',
      ].join('\n'),
    );
    expect(admin.messages().find((m) => m.message_id === summary?.message_id)?.buttons).toEqual([['Tạo tất cả (1)', 'Huỷ']]);

    admin.pressButton('Tạo tất cả (1)');
    expect((await admin.nextMessage()).text).toContain('”: 1 nhiệm vụ. Văn bản gốc được lưu cùng đợt.');
    const localTime = (column: 'due_at' | 'starts_at' | 'ends_at') => sql<string | null>`to_char(${sql.ref(column)} at time zone 'Asia/Ho_Chi_Minh', 'DD/MM/YYYY HH24:MI')`;
    const tasks = await database.db.selectFrom('tasks').select(['template', 'lunar_dates', localTime('due_at').as('due'), localTime('starts_at').as('from'), localTime('ends_at').as('to')]).execute();
    expect(tasks).toEqual([{ template: 'flag', lunar_dates: true, due: '16/04/2027 17:00', from: '16/04/2027 00:00', to: '16/04/2027 23:59' }]);

    await h.app.scheduler.tick();
    await h.app.dispatcher.drain();
    const announced = h.fake.user(LEADER).messages().map((m) => m.text);
    expect(announced).toHaveLength(1);
    expect(announced[0]).toContain('Hạn báo cáo: Thứ Sáu, 16/04/2027 17:00 (10/3 âm lịch)');
    // One whole day is said as that day, not "từ ngày 16/04/2027 … đến hết ngày 16/04/2027 …".
    expect(announced[0]).toContain('\nThời gian: Thứ Sáu, 16/04/2027 (10/3 âm lịch)\n');
  });
});
