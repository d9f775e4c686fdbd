import { DateTime } from 'luxon';
import { beforeEach, describe, expect, it } from 'vitest';
import { dbTargets, type TestDatabase } from './support/db.js';
import { buildMember, buildUnit } from './support/factories.js';
import type { Harness } from './support/harness.js';
import { useApp } from './support/suite.js';
import { press, say } from './support/talk.js';

const ADMIN = 1001;
const ZONE = 'Asia/Ho_Chi_Minh';
const local = (d: Date) => DateTime.fromJSDate(d, { zone: ZONE }).toFormat('dd/MM/yyyy HH:mm');

describe.each(dbTargets())('a task typed as one sentence, read by the one date reader, on %s', (target) => {
  const app = useApp(target, { adminIds: [ADMIN], localTime: '05/12/2026 09:00' });
  let database: TestDatabase;
  let h: Harness;
  beforeEach(async () => {
    ({ database, h } = app);
    const k1 = await buildUnit(database.db, { name: 'Khối 1', households: 120 });
    await buildUnit(database.db, { name: 'Khối 2', households: 80 });
    await buildMember(database.db, { telegramId: 2001, name: 'Hoàng Văn Một', unitId: k1.id });
  });

  it('when the clerk types the Giỗ Tổ sentence in December 2026, then the preview and the task say 16/04/2027, shown with its weekday and lunar date', async () => {
    const clerk = h.fake.user(ADMIN, { firstName: 'Chị Hoa' });
    await say(clerk, '/start');
    const preview = await say(clerk, 'Treo cờ Giỗ Tổ Hùng Vương mùng 10 tháng 3 âm lịch, các khối');
    expect(preview).toContain('Nhiệm vụ đọc được từ câu anh/chị gõ');
    expect(preview).toContain('Treo cờ Giỗ Tổ Hùng Vương');
    expect(preview).toContain('Thứ Sáu, 16/04/2027');
    expect(preview).toContain('(10/3 âm lịch)');
    expect(preview).not.toContain('/03/2027');
    // The deadline is shown once, with its weekday and lunar date (not a bare line and then an echo of it).
    expect(preview.split('\n').slice(0, 4)).toEqual([
      'Nhiệm vụ đọc được từ câu anh/chị gõ — kiểm tra lại:',
      'Nhiệm vụ: Treo cờ Giỗ Tổ Hùng Vương',
      'Hạn báo cáo: Thứ Sáu, 16/04/2027 23:59 (10/3 âm lịch)',
      'Báo cáo gồm: tình hình, số hộ treo cờ, ảnh (bắt buộc), ghi chú',
    ]);
    const created = await press(clerk, '✅ Tạo nhiệm vụ');
    expect(created).toContain('Đã tạo nhiệm vụ');
    expect(created).toContain('16/04/2027');

    const tasks = await database.db.selectFrom('tasks').select(['title', 'due_at']).execute();
    expect(tasks.map((t) => [t.title, local(t.due_at).slice(0, 10)])).toEqual([['Treo cờ Giỗ Tổ Hùng Vương', '16/04/2027']]);
    await h.app.scheduler.tick();
    await h.app.dispatcher.drain();
    const leader = h.fake.user(2001);
    const announced = await leader.nextMessage();
    expect(announced.text).toContain('Treo cờ Giỗ Tổ Hùng Vương');
    // Set by a lunar date, it tells the leaders that date too, in the announcement and the reminders.
    expect(announced.text).toContain('Hạn báo cáo: Thứ Sáu, 16/04/2027 23:59 (10/3 âm lịch)');
    expect((await database.db.selectFrom('tasks').select('lunar_dates').executeTakeFirstOrThrow()).lunar_dates).toBe(true);
    h.clock.setLocal('13/04/2027 08:00');
    await h.app.scheduler.tick();
    await h.app.dispatcher.drain();
    expect((await leader.nextMessage()).text).toBe(
      '⏰ Còn 3 ngày đến hạn báo cáo “Treo cờ Giỗ Tổ Hùng Vương”: Thứ Sáu, 16/04/2027 23:59 (10/3 âm lịch). Đơn vị chưa báo cáo: Khối 1.\nBấm nút “Báo cáo” bên dưới để gửi kết quả.',
    );
  });

  it('when the clerk types a task with a solar date, then its announcement shows no lunar date', async () => {
    const clerk = h.fake.user(ADMIN);
    await say(clerk, '/start');
    await say(clerk, 'Tổng vệ sinh môi trường trước 17h ngày 14/12/2026, các khối');
    expect(await press(clerk, '✅ Tạo nhiệm vụ')).toContain('Đã tạo nhiệm vụ');
    expect((await database.db.selectFrom('tasks').select('lunar_dates').executeTakeFirstOrThrow()).lunar_dates).toBe(false);
    await h.app.scheduler.tick();
    await h.app.dispatcher.drain();
    const announced = await h.fake.user(2001).nextMessage();
    expect(announced.text).toContain('14/12/2026 17:00');
    expect(announced.text).not.toContain('âm lịch');
  });

  it('when the clerk presses "Sửa hạn" and retypes the deadline as "10/3 âm lịch", then the task is stored as lunar and the leader is told the lunar date', async () => {
    const clerk = h.fake.user(ADMIN, { firstName: 'Chị Hoa' });
    await say(clerk, '/start');
    expect(await say(clerk, 'Tổng vệ sinh môi trường trước 17h ngày 14/12/2026, các khối')).not.toContain('âm lịch)\n📋');
    expect(await press(clerk, '📅 Sửa hạn')).toContain('Hạn báo cáo “Tổng vệ sinh môi trường” là khi nào?');
    // Giỗ Tổ 2027 is Thứ Sáu 16/04/2027 (published calendars).
    expect(await say(clerk, '10/3 âm lịch')).toBe('→ Thứ Sáu, 16/04/2027 17:00 (10/3 âm lịch)');
    const preview = (await clerk.nextMessage()).text;
    expect(preview).toContain('\nHạn báo cáo: Thứ Sáu, 16/04/2027 17:00 (10/3 âm lịch)\n');
    expect(preview).not.toContain('→');
    expect(await press(clerk, '✅ Tạo nhiệm vụ')).toBe('Đã tạo nhiệm vụ “Tổng vệ sinh môi trường” (đợt “Công việc thường xuyên”), giao cho 2 đơn vị. Hạn báo cáo: Thứ Sáu, 16/04/2027 17:00 (10/3 âm lịch).');

    const tasks = await database.db.selectFrom('tasks').select(['lunar_dates', 'due_at', 'starts_at']).execute();
    expect(tasks.map((t) => [t.lunar_dates, local(t.due_at), t.starts_at])).toEqual([[true, '16/04/2027 17:00', null]]);
    await h.app.scheduler.tick();
    await h.app.dispatcher.drain();
    const announced = await h.fake.user(2001).nextMessage();
    expect(announced.text).toContain('Tổng vệ sinh môi trường');
    expect(announced.text).toContain('Hạn báo cáo: Thứ Sáu, 16/04/2027 17:00 (10/3 âm lịch)');
  });

  it('when the clerk presses "Sửa hạn" on a lunar sentence and retypes a solar date, then the task is stored as solar and the leader sees no lunar date', async () => {
    const clerk = h.fake.user(ADMIN, { firstName: 'Chị Hoa' });
    await say(clerk, '/start');
    expect(await say(clerk, 'Treo cờ Giỗ Tổ Hùng Vương mùng 10 tháng 3 âm lịch, các khối')).toContain('(10/3 âm lịch)');
    await press(clerk, '📅 Sửa hạn');
    expect(await say(clerk, '20/4/2027 17:00')).toBe('→ Thứ Ba, 20/04/2027 17:00 (14/3 âm lịch)');
    await clerk.nextMessage();
    expect(await press(clerk, '✅ Tạo nhiệm vụ')).toBe('Đã tạo nhiệm vụ “Treo cờ Giỗ Tổ Hùng Vương” (đợt “Công việc thường xuyên”), giao cho 2 đơn vị. Hạn báo cáo: Thứ Ba, 20/04/2027 17:00.');
    const tasks = await database.db.selectFrom('tasks').select(['lunar_dates', 'due_at']).execute();
    expect(tasks.map((t) => [t.lunar_dates, local(t.due_at)])).toEqual([[false, '20/04/2027 17:00']]);
    await h.app.scheduler.tick();
    await h.app.dispatcher.drain();
    const announced = await h.fake.user(2001).nextMessage();
    expect(announced.text).toContain('20/04/2027 17:00');
    expect(announced.text).not.toContain('âm lịch');
  });

  it('when a sentence has a date the reader cannot read, then /newtask opens with the title filled in and nothing is created', async () => {
    const clerk = h.fake.user(ADMIN, { firstName: 'Chị Hoa' });
    await say(clerk, '/start');
    clerk.sendText('Tổng vệ sinh môi trường ngày 31/2, các khối');
    const [explained, campaign] = await clerk.nextMessages(2);
    expect(explained?.text).toContain('Chưa đọc được thời gian “ngày 31/2”');
    expect(explained?.text).not.toContain('đã qua');
    expect(explained?.text).toContain('/newtask');
    expect(campaign?.text).toContain('Nhiệm vụ thuộc đợt / kế hoạch nào?');
    expect(await press(clerk, '➕ Đợt mới')).toContain('Nhập tên đợt');
    expect(await say(clerk, 'Việc thường xuyên')).toContain('Thời gian của đợt');
    // The kind and title were understood: no template question, the title is offered.
    expect(await press(clerk, 'Bỏ qua')).toContain('Tên nhiệm vụ: “Tổng vệ sinh môi trường”');
    await h.expectNothingSentTo(2001);
    expect(await database.db.selectFrom('tasks').select('id').execute()).toHaveLength(0);
  });

  it('when a sentence names a date already past, then it is not accepted silently: /newtask opens and nothing is created', async () => {
    const clerk = h.fake.user(ADMIN, { firstName: 'Chị Hoa' });
    await say(clerk, '/start');
    clerk.sendText('Tổng vệ sinh môi trường trước ngày 12/6/2026, các khối');
    const [explained] = await clerk.nextMessages(2);
    // The date was read: the clerk is told it has passed, not that it may be unread.
    expect(explained?.text).toBe('Thời gian “trước ngày 12/6/2026” trong câu đã qua, nên chưa tạo gì. Mời anh/chị tạo nhiệm vụ “Tổng vệ sinh môi trường” qua /newtask, tên và loại việc đã điền sẵn.');
    await h.expectNothingSentTo(2001);
    expect(await database.db.selectFrom('tasks').select('id').execute()).toHaveLength(0);
  });
  it('when a sentence of an unknown kind of work names a deadline and units, then /newtask opens with them offered as buttons, and keeping them creates exactly that', async () => {
    const clerk = h.fake.user(ADMIN, { firstName: 'Chị Hoa' });
    await say(clerk, '/start');
    clerk.sendText('Nộp danh sách hộ nghèo trước 17h00 ngày 14/6/2027, Khối 1, Khối 2');
    const [explained, campaign] = await clerk.nextMessages(2);
    expect(explained?.text).toContain('những gì đọc được trong câu (tên, thời gian, đơn vị) đã điền sẵn');
    expect(campaign?.text).toContain('Nhiệm vụ thuộc đợt / kế hoạch nào?');
    await press(clerk, '➕ Đợt mới');
    await say(clerk, 'Việc thường xuyên');
    expect(await press(clerk, 'Bỏ qua')).toContain('Tên nhiệm vụ: “Nộp danh sách hộ nghèo”');
    expect(await press(clerk, 'Dùng tên này')).toContain('Mô tả thêm');
    expect(await press(clerk, 'Bỏ qua')).toContain('Hạn báo cáo?');
    const whenButtons = clerk.lastMessage()?.reply_markup;
    expect(JSON.stringify(whenButtons)).toContain('✅ Như câu đã gõ: Thứ Hai, 14/06/2027 17:00 (10/5 âm lịch)');
    await press(clerk, /^✅ Như câu đã gõ/);
    expect(await press(clerk, 'Tiếp tục ▶')).toBe('Câu anh/chị gõ giao cho: Khối 1, Khối 2. Giữ các đơn vị này, hay chọn lại?');
    const preview = await press(clerk, '✅ Giữ các đơn vị này');
    expect(preview).toContain('14/06/2027 17:00');
    expect(await press(clerk, '✅ Tạo nhiệm vụ')).toBe('Đã tạo nhiệm vụ “Nộp danh sách hộ nghèo”, giao cho 2 đơn vị. Hạn báo cáo: Thứ Hai, 14/06/2027 17:00.');
    const tasks = await database.db.selectFrom('tasks').select(['id', 'title', 'due_at', 'starts_at']).execute();
    expect(tasks.map((t) => [t.title, local(t.due_at), t.starts_at])).toEqual([['Nộp danh sách hộ nghèo', '14/06/2027 17:00', null]]);
    const units = await database.db.selectFrom('task_units').innerJoin('units', 'units.id', 'task_units.unit_id').select('units.name').orderBy('units.name').execute();
    expect(units.map((u) => u.name)).toEqual(['Khối 1', 'Khối 2']);
  });

  it('when a sentence of an unknown kind names a period, then /newtask offers it as read, and choosing the units again still works', async () => {
    const clerk = h.fake.user(ADMIN, { firstName: 'Chị Hoa' });
    await say(clerk, '/start');
    clerk.sendText('Kiểm tra nhà văn hoá từ 23/7/2027 đến hết 27/7/2027, Khối 2');
    await clerk.nextMessages(2);
    await press(clerk, '➕ Đợt mới');
    await say(clerk, 'Việc thường xuyên');
    await press(clerk, 'Bỏ qua');
    await press(clerk, 'Dùng tên này');
    await press(clerk, 'Bỏ qua');
    expect(await press(clerk, /^✅ Như câu đã gõ: từ ngày 23\/07\/2027 đến hết ngày 27\/07\/2027$/)).toBe(
      '→ Thời gian: từ Thứ Sáu, 23/07/2027 (20/6 âm lịch) đến hết Thứ Ba, 27/07/2027 (24/6 âm lịch)',
    );
    expect((await clerk.nextMessage()).text).toContain('Hạn báo cáo: Thứ Sáu, 23/07/2027 17:00');
    await press(clerk, '✅ Giữ hạn này');
    expect(await press(clerk, 'Tiếp tục ▶')).toBe('Câu anh/chị gõ giao cho: Khối 2. Giữ các đơn vị này, hay chọn lại?');
    expect(await press(clerk, 'Chọn lại')).toBe('Giao cho đơn vị nào?');
    await h.expectNothingSentTo(2001);
    const tasks = await database.db.selectFrom('tasks').select('id').execute();
    expect(tasks).toHaveLength(0);
  });
});
