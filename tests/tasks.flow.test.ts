import { describe, expect, it } from 'vitest';
import { dbTargets } from './support/db.js';
import { buildMember, buildTask, buildUnit } from './support/factories.js';
import { useApp } from './support/suite.js';
import { say, press } from './support/talk.js';
import type { SimUser } from './support/fake-telegram-user.js';

const ADMIN = 1001;

describe.each(dbTargets())('tasks and confirmations on %s', (target) => {
  const { database, h } = useApp(target, { adminIds: [ADMIN], localTime: '01/06/2026 09:00' });

  async function seedBlocks() {
    const k1 = await buildUnit(database.db, { name: 'Khối 1', households: 120 });
    const k2 = await buildUnit(database.db, { name: 'Khối 2', households: 80 });
    const k3 = await buildUnit(database.db, { name: 'Khối 3' });
    await buildMember(database.db, { telegramId: 2001, name: 'Hoàng Văn Một', unitId: k1.id });
    await buildMember(database.db, { telegramId: 2002, name: 'Lý Thị Hai', unitId: k2.id });
    return { k1, k2, k3 };
  }

  /** Sends, then returns the bot's next message text. */

  async function adminCreatesFlagTask(): Promise<void> {
    const admin = h.fake.user(ADMIN, { firstName: 'Văn phòng' });
    await say(admin, '/start');
    expect(await say(admin, '/newtask')).toContain('Nhiệm vụ thuộc đợt / kế hoạch nào?');
    expect(await press(admin, '➕ Đợt mới')).toContain('Nhập tên đợt');
    expect(await say(admin, 'Kỷ niệm 90 năm Ngày truyền thống Đảng bộ tỉnh')).toContain('Thời gian của đợt');
    expect(await say(admin, 'tháng 3')).toContain('Chưa đọc được thời gian');
    expect(await say(admin, '03/2026 - 06/2026')).toContain('Chọn mẫu nhiệm vụ');
    expect(await press(admin, '🇻🇳 Treo cờ')).toContain('Tên nhiệm vụ: “Treo cờ Tổ quốc”');
    expect(await press(admin, 'Dùng tên này')).toContain('Mô tả thêm');
    expect(await press(admin, 'Bỏ qua')).toContain('Hạn báo cáo?');
    expect(await say(admin, 'sau Tết một chút')).toContain('Chưa đọc được “sau Tết một chút”');
    expect(await say(admin, '31/6')).toContain('không phải ngày có thật');
    expect(await say(admin, '14/5/2026')).toContain('đã qua rồi. Nếu ngày này chép từ kế hoạch năm trước, bấm “Dùng ngày này năm 2027”');
    expect(admin.lastMessage()?.buttons.flat()).toEqual(['📅 Dùng ngày này năm 2027']);
    expect(await say(admin, '14/6 17:00')).toBe('→ Chủ nhật, 14/06/2026 17:00 (29/4 âm lịch)');
    const fields = (await admin.nextMessage()).text;
    expect(fields).toContain('Các câu hỏi khi báo cáo');
    expect(admin.lastMessage()?.buttons.flat()).toEqual([
      '🔢 Hỏi số: Số hộ treo cờ (không quá số hộ)',
      '📷 Ảnh: bắt buộc',
      '📍 Vị trí: không',
      '📝 Ghi chú: có',
      '✏️ Đổi tên câu hỏi số',
      'Tiếp tục ▶',
    ]);
    expect(await press(admin, 'Tiếp tục ▶')).toBe('Giao cho đơn vị nào?');
    const preview = await press(admin, 'Tất cả khối phố (3)');
    expect(preview).toBe(
      [
        'Xem lại nhiệm vụ:',
        'Đợt: Kỷ niệm 90 năm Ngày truyền thống Đảng bộ tỉnh',
        'Nhiệm vụ: Treo cờ Tổ quốc',
        'Hạn báo cáo: Chủ nhật, 14/06/2026 17:00',
        'Báo cáo gồm: tình hình, số hộ treo cờ, ảnh (bắt buộc), ghi chú',
        'Giao cho 3 đơn vị: Khối 1, Khối 2, Khối 3',
      ].join('\n'),
    );
    expect(await press(admin, '✅ Tạo nhiệm vụ')).toBe('Đã tạo nhiệm vụ “Treo cờ Tổ quốc”, giao cho 3 đơn vị. Hạn báo cáo: Chủ nhật, 14/06/2026 17:00.');
  }

  it('when an admin creates a flag task from the template and two leaders confirm, then reports, revisions and evidence flags are stored', async () => {
    const { k1, k2 } = await seedBlocks();
    await adminCreatesFlagTask();
    const task = await database.db.selectFrom('tasks').selectAll().executeTakeFirstOrThrow();
    expect(task).toMatchObject({ title: 'Treo cờ Tổ quốc', template: 'flag', status: 'open' });
    expect(task.due_at.toISOString()).toBe('2026-06-14T10:00:00.000Z');
    expect(task.form).toEqual({ number: { label: 'Số hộ treo cờ', max: 'households' }, photos: 'required', location: false, note: true });
    const campaign = await database.db.selectFrom('campaigns').selectAll().executeTakeFirstOrThrow();
    expect(campaign.starts_on?.toISOString().slice(0, 10)).toBe('2026-03-01');
    expect(await database.db.selectFrom('task_units').select('unit_id').orderBy('unit_id').execute()).toHaveLength(3);

    // Leader 1 makes every kind of mistake first.
    const one = h.fake.user(2001);
    one.sendText('/tasks');
    const list = await one.nextMessage();
    expect(list.text).toBe('Nhiệm vụ của đơn vị:\n⏳ Treo cờ Tổ quốc — Khối 1 · hạn Chủ nhật, 14/06/2026 17:00');
    expect(list.callbackData).toEqual([[`rp:${task.id}:${k1.id}`]]);
    one.pressButton('📝 Báo cáo: Treo cờ Tổ quốc — Khối 1');
    // The intro and the first question come as one message, with the status buttons under it.
    const intro = await one.nextMessage();
    expect(intro.text).toBe('Báo cáo: Treo cờ Tổ quốc\nĐơn vị: Khối 1 · Hạn: Chủ nhật, 14/06/2026 17:00\n\nTình hình thực hiện thế nào? Bấm một nút bên dưới. (Gõ /cancel để huỷ.)');
    expect(intro.buttons).toEqual([['✅ Đã xong'], ['🟡 Làm một phần'], ['❌ Chưa làm']]);
    expect(await say(one, 'xong rồi')).toContain('Anh/chị hãy bấm một trong ba nút');
    one.pressButton('✅ Đã xong');
    // The choice is shown above the next question, in the same message.
    expect((await one.nextMessage()).text).toBe('→ ✅ Đã xong\n\nSố hộ treo cờ? Nhập một số từ 0 đến 120. (Gõ /cancel để huỷ.)');
    one.sendPhoto({ fileUniqueId: 'WRONG-STEP' });
    expect((await one.nextMessage()).text).toContain('hãy nhập con số bằng chữ số');
    expect(await say(one, '12abc')).toContain('“12abc” không phải là số nguyên');
    expect(await say(one, '1,5')).toContain('“1,5” không phải là số nguyên');
    expect(await say(one, 'một trăm')).toContain('không phải là số nguyên');
    expect(await say(one, '-5')).toContain('không phải là số nguyên');
    expect(await say(one, '1.200')).toBe('1.200 lớn hơn số hộ của đơn vị (120 hộ). Anh/chị kiểm tra lại và nhập lại. (Gõ /cancel để huỷ.)');
    expect(await say(one, '100')).toContain('Gửi ảnh chụp kết quả');
    expect(await say(one, 'ảnh đây')).toContain('Bước này cần ảnh, không phải chữ');
    expect(await press(one, 'Xong')).toContain('cần ít nhất một ảnh');
    one.sendPhoto({ fileUniqueId: 'K1-A' });
    expect((await one.nextMessage()).text).toBe('Đã nhận 1 ảnh. Gửi thêm ảnh, hoặc bấm “Xong”.');
    one.sendPhoto({ fileUniqueId: 'K1-B' });
    expect((await one.nextMessage()).text).toBe('Đã nhận 2 ảnh. Gửi thêm ảnh, hoặc bấm “Xong”.');
    expect(await press(one, 'Xong')).toContain('Ghi chú thêm');
    one.sendPhoto({ fileUniqueId: 'K1-C' });
    expect((await one.nextMessage()).text).toContain('Hãy gõ ghi chú bằng chữ');
    const summary = await say(one, 'Đã treo đủ ở các trục đường chính');
    expect(summary).toBe(
      [
        'Kiểm tra lại báo cáo:',
        'Nhiệm vụ: Treo cờ Tổ quốc — Khối 1',
        'Tình hình: ✅ Đã xong',
        'Số hộ treo cờ: 100',
        'Ảnh: 2',
        'Ghi chú: Đã treo đủ ở các trục đường chính',
        'Bấm “Gửi” để gửi, “Sửa” để làm lại từ đầu, “Huỷ” để bỏ. (Gõ /cancel để huỷ.)',
      ].join('\n'),
    );
    expect(await press(one, '✏️ Sửa')).toContain('Tình hình thực hiện thế nào?');
    one.pressButton('🟡 Làm một phần');
    await one.nextMessage();
    expect(await say(one, '90')).toContain('Gửi ảnh');
    one.sendPhoto({ fileUniqueId: 'K1-A' });
    await one.nextMessage();
    await press(one, 'Xong');
    expect(await press(one, 'Bỏ qua')).toContain('Tình hình: 🟡 Làm một phần');
    const receipt = await press(one, '📤 Gửi');
    expect(receipt).toBe('✅ Đã nhận báo cáo “Treo cờ Tổ quốc” của Khối 1 lúc 01/06/2026 09:00 (lần gửi thứ 1). Cảm ơn anh/chị!');

    // Leader 2 reuses leader 1's photo and one taken before the task existed.
    const two = h.fake.user(2002);
    await say(two, '/tasks');
    two.pressButton(/Báo cáo: Treo cờ/);
    await two.nextMessage();
    two.pressButton('✅ Đã xong');
    await two.nextMessage();
    expect(await say(two, '80')).toContain('Gửi ảnh');
    two.sendPhoto({ fileUniqueId: 'K1-A' });
    await two.nextMessage();
    two.sendPhoto({ fileUniqueId: 'OLD', date: new Date('2026-05-20T03:00:00Z') });
    await two.nextMessage();
    await press(two, 'Xong');
    await press(two, 'Bỏ qua');
    const receipt2 = await press(two, '📤 Gửi');
    expect(receipt2).toContain('Đã nhận báo cáo “Treo cờ Tổ quốc” của Khối 2');
    expect(receipt2).toContain('có ảnh trùng với ảnh đã gửi cho một báo cáo khác');
    expect(receipt2).toContain('có ảnh được gửi từ trước khi giao nhiệm vụ');

    // Leader 1 corrects the report later: a second revision, and no flag for re-using its own photo.
    h.clock.setLocal('15/06/2026 08:00');
    one.sendText('/tasks');
    const again = await one.nextMessage();
    expect(again.text).toContain('✅ Treo cờ Tổ quốc — Khối 1');
    expect(again.text).toContain('Đã báo cáo: Hoàng Văn Một, lúc 01/06/2026 09:00');
    one.pressButton(/Sửa báo cáo/);
    const intro2 = await one.nextMessage();
    expect(intro2.text).toContain('Đơn vị đã báo cáo rồi (Hoàng Văn Một, lúc 01/06/2026 09:00)');
    expect(intro2.text).toContain('Tình hình thực hiện thế nào?');
    one.pressButton('✅ Đã xong');
    await one.nextMessage();
    await say(one, '120');
    one.sendPhoto({ fileUniqueId: 'K1-B' });
    await one.nextMessage();
    await press(one, 'Xong');
    await press(one, 'Bỏ qua');
    const late = await press(one, '📤 Gửi');
    expect(late).toContain('(lần gửi thứ 2)');
    expect(late).toContain('gửi sau hạn nên được ghi là nộp muộn');

    const reports = await database.db.selectFrom('reports').selectAll().orderBy('unit_id').execute();
    expect(reports.map((r) => [r.unit_id, r.status, r.number_value, r.photo_count, r.revision_count, r.late])).toEqual([
      [k1.id, 'done', 120, 1, 2, true],
      [k2.id, 'done', 80, 2, 1, false],
    ]);
    expect(reports[0]?.flags).toEqual([]);
    expect(reports[1]?.flags).toEqual([
      { kind: 'photo-reused', fileUniqueId: 'K1-A', otherTaskId: task.id, otherUnitId: k1.id },
      { kind: 'photo-before-task', fileUniqueId: 'OLD', sentAt: '2026-05-20T03:00:00.000Z' },
    ]);
    const revisions = await database.db.selectFrom('report_revisions').select(['unit_id', 'revision', 'status', 'number_value', 'note', 'late']).orderBy('id').execute();
    expect(revisions).toEqual([
      { unit_id: k1.id, revision: 1, status: 'partial', number_value: 90, note: null, late: false },
      { unit_id: k2.id, revision: 1, status: 'done', number_value: 80, note: null, late: false },
      { unit_id: k1.id, revision: 2, status: 'done', number_value: 120, note: null, late: true },
    ]);
    const photos = await database.db.selectFrom('report_photos').select(['unit_id', 'file_unique_id']).orderBy('id').execute();
    expect(photos.map((p) => p.file_unique_id)).toEqual(['K1-A', 'K1-A', 'OLD', 'K1-B']);
    // Outside: every button press was answered, nothing was left spinning.
    await h.quiet();
    const pressed = [...one.transcript(), ...two.transcript()].filter((e) => e.from === 'user' && e.text.startsWith('[button]')).length;
    expect(one.callbackAnswers().length + two.callbackAnswers().length).toBe(pressed);
  });
});

describe.each(dbTargets())('task management on %s', (target) => {
  const { database, h } = useApp(target, { adminIds: [ADMIN], localTime: '01/06/2026 09:00' });

  const next = async (user: SimUser, act: () => unknown) => {
    act();
    return (await user.nextMessage()).text;
  };

  it('when an admin builds an event task for picked units with a changed form, then the task stores exactly that', async () => {
    await buildUnit(database.db, { name: 'Khối 1' });
    const school = await buildUnit(database.db, { name: 'Trường THCS Cao Lộc', kind: 'school' });
    const club = await buildUnit(database.db, { name: 'CLB Dân vũ', kind: 'club' });
    await database.db.insertInto('campaigns').values({ name: 'Kỷ niệm 90 năm', starts_on: null, ends_on: null, created_by: null }).execute();
    const admin = h.fake.user(ADMIN);
    await next(admin, () => admin.sendText('/start'));
    await next(admin, () => admin.sendText('/newtask'));
    expect(await next(admin, () => admin.pressButton('Kỷ niệm 90 năm'))).toContain('Chọn mẫu nhiệm vụ');
    expect(await next(admin, () => admin.pressButton('🎉 Sự kiện'))).toContain('“Tham dự sự kiện”');
    expect(await next(admin, () => admin.sendText('Hội diễn văn nghệ chào mừng 15/6'))).toContain('Mô tả thêm');
    expect(await next(admin, () => admin.sendText('Mỗi đơn vị cử ít nhất 10 người.'))).toContain('Hạn báo cáo?');
    expect(await next(admin, () => admin.sendText('12/6'))).toBe('→ Thứ Sáu, 12/06/2026 17:00 (27/4 âm lịch)');
    expect((await admin.nextMessage()).text).toContain('Sự kiện bắt đầu lúc nào?');
    expect(await next(admin, () => admin.sendText('19:30 10/06/2026'))).toContain('→ Thứ Tư, 10/06/2026 19:30');
    expect((await admin.nextMessage()).text).toContain('Các câu hỏi khi báo cáo');
    admin.pressButton('📷 Ảnh: không bắt buộc');
    await h.fake.waitFor(() => admin.lastMessage()?.buttons.flat().includes('📷 Ảnh: không hỏi'));
    admin.pressButton('📍 Vị trí: không');
    await h.fake.waitFor(() => admin.lastMessage()?.buttons.flat().includes('📍 Vị trí: có'));
    expect(await next(admin, () => admin.pressButton('✏️ Đổi tên câu hỏi số'))).toContain('Nhập tên cho câu hỏi số');
    expect(await next(admin, () => admin.sendText('Số diễn viên'))).toContain('Các câu hỏi khi báo cáo');
    expect(admin.lastMessage()?.buttons.flat()[0]).toBe('🔢 Hỏi số: Số diễn viên');
    expect(await next(admin, () => admin.pressButton('Tiếp tục ▶'))).toBe('Giao cho đơn vị nào?');
    expect(await next(admin, () => admin.pressButton(/Chọn từng đơn vị/))).toContain('đã chọn 0');
    admin.pressButton('⬜ Trường THCS Cao Lộc');
    await h.fake.waitFor(() => admin.lastMessage()?.buttons.flat().includes('☑️ Trường THCS Cao Lộc'));
    admin.pressButton('⬜ CLB Dân vũ');
    await h.fake.waitFor(() => admin.lastMessage()?.buttons.flat().includes('Xong (2)'));
    const preview = await next(admin, () => admin.pressButton('Xong (2)'));
    expect(preview).toContain('Mô tả: Mỗi đơn vị cử ít nhất 10 người.');
    expect(preview).toContain('Sự kiện bắt đầu: 10/06/2026 19:30');
    expect(preview).toContain('Báo cáo gồm: tình hình, số diễn viên, vị trí, ghi chú');
    expect(preview).toContain('Giao cho 2 đơn vị: Trường THCS Cao Lộc, CLB Dân vũ');
    await next(admin, () => admin.pressButton('✅ Tạo nhiệm vụ'));

    const task = await database.db.selectFrom('tasks').selectAll().executeTakeFirstOrThrow();
    expect(task.form).toEqual({ number: { label: 'Số diễn viên', max: null }, photos: 'none', location: true, note: true });
    expect(task.event_at?.toISOString()).toBe('2026-06-10T12:30:00.000Z');
    expect(task.description).toBe('Mỗi đơn vị cử ít nhất 10 người.');
    const units = await database.db.selectFrom('task_units').select('unit_id').orderBy('unit_id').execute();
    expect(units.map((u) => u.unit_id)).toEqual([school.id, club.id]);
  });

  it('when an admin changes a deadline, closes one task and cancels another, then each change is stored and audit-logged', async () => {
    const unit = await buildUnit(database.db, { name: 'Khối 1' });
    await buildTask(database.db, { title: 'Treo cờ', unitIds: [unit.id], dueAt: new Date('2026-06-14T10:00:00Z') });
    await buildTask(database.db, { title: 'Tổng vệ sinh', unitIds: [unit.id], dueAt: new Date('2026-05-30T10:00:00Z') });
    const admin = h.fake.user(ADMIN);
    await next(admin, () => admin.sendText('/start'));
    const list = await next(admin, () => admin.sendText('/tasks'));
    expect(list).toBe(
      ['Nhiệm vụ đang mở:', '1. Tổng vệ sinh — 0/1 đơn vị đã báo cáo · hạn Thứ Bảy, 30/05/2026 17:00 ⚠️ quá hạn', '2. Treo cờ — 0/1 đơn vị đã báo cáo · hạn Chủ nhật, 14/06/2026 17:00'].join('\n'),
    );
    expect(await next(admin, () => admin.pressButton('⚙️ 2. Treo cờ'))).toContain('Hạn: Chủ nhật, 14/06/2026 17:00 · Đã báo cáo: 0/1');
    expect(await next(admin, () => admin.pressButton('🕒 Đổi hạn'))).toContain('Hạn mới cho “Treo cờ”');
    expect(await next(admin, () => admin.sendText('20/6 11:00'))).toContain('→ Thứ Bảy, 20/06/2026 11:00');
    expect((await admin.nextMessage()).text).toBe('Đã đổi hạn “Treo cờ” thành Thứ Bảy, 20/06/2026 11:00.');

    await next(admin, () => admin.sendText('/tasks'));
    await next(admin, () => admin.pressButton('⚙️ 1. Tổng vệ sinh'));
    admin.pressButton('🏁 Kết thúc');
    await h.fake.waitFor(() => admin.lastMessage()?.text.startsWith('Kết thúc “Tổng vệ sinh”?'));
    admin.pressButton('Đồng ý');
    await h.fake.waitFor(() => admin.lastMessage()?.text === 'Đã kết thúc “Tổng vệ sinh”.');

    await next(admin, () => admin.sendText('/tasks'));
    await next(admin, () => admin.pressButton('⚙️ 1. Treo cờ'));
    admin.pressButton('🗑 Huỷ nhiệm vụ');
    await h.fake.waitFor(() => admin.lastMessage()?.text.startsWith('Huỷ nhiệm vụ “Treo cờ”?'));
    admin.pressButton('Đồng ý');
    await h.fake.waitFor(() => admin.lastMessage()?.text === 'Đã huỷ “Treo cờ”.');
    expect(await next(admin, () => admin.sendText('/tasks'))).toBe('Chưa có nhiệm vụ nào đang mở. Dùng /newtask để tạo.');

    const tasks = await database.db.selectFrom('tasks').select(['title', 'status', 'due_at']).orderBy('id').execute();
    expect(tasks.map((t) => [t.title, t.status, t.due_at.toISOString()])).toEqual([
      ['Treo cờ', 'cancelled', '2026-06-20T04:00:00.000Z'],
      ['Tổng vệ sinh', 'closed', '2026-05-30T10:00:00.000Z'],
    ]);
    const audit = await database.db.selectFrom('audit_log').select(['action', 'subject']).where('action', 'like', 'task.%').orderBy('id').execute();
    expect(audit.map((a) => a.action)).toEqual(['task.deadline-changed', 'task.closed', 'task.cancelled']);
  });
});
