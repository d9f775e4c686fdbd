import ExcelJS from 'exceljs';
import { describe, expect, it } from 'vitest';
import { buildCsv } from '../src/exports/exports.csv.js';
import { buildXlsx } from '../src/exports/exports.xlsx.js';
import { loadExport } from '../src/exports/exports.service.js';
import { translator } from '../src/telegram/i18n.js';
import { dbTargets } from './support/db.js';
import { buildMember, buildTask, buildUnit } from './support/factories.js';
import type { SimUser } from './support/fake-telegram-user.js';
import { useApp } from './support/suite.js';
import { say, press } from './support/talk.js';

const ADMIN = 1101;
const [ONE, TWO] = [1201, 1202];
const ZONE = 'Asia/Ho_Chi_Minh';

describe.each(dbTargets())('tasks over a period on %s', (target) => {
  const { database, h } = useApp(target, { adminIds: [ADMIN], localTime: '20/07/2026 09:00' });


  async function seed() {
    const k1 = await buildUnit(database.db, { name: 'Khối 1', households: 120 });
    const k2 = await buildUnit(database.db, { name: 'Khối 2', households: 80 });
    await buildMember(database.db, { telegramId: ONE, name: 'Một', unitId: k1.id });
    await buildMember(database.db, { telegramId: TWO, name: 'Hai', unitId: k2.id });
    const admin = h.fake.user(ADMIN, { firstName: 'Văn phòng' });
    await say(admin, '/start');
    return { k1, k2, admin };
  }

  /** /newtask up to the deadline question, for the flag template with `title`. */
  async function upToWhen(admin: SimUser, title: string): Promise<string> {
    await say(admin, '/newtask');
    await press(admin, '➕ Đợt mới');
    await say(admin, 'Ngày Thương binh – Liệt sĩ');
    await press(admin, 'Bỏ qua');
    await press(admin, '🇻🇳 Treo cờ');
    expect(await say(admin, title)).toContain('Mô tả thêm');
    return press(admin, 'Bỏ qua');
  }

  it('when an admin types "từ 23/7 đến hết 27/7", then the preview shows the period, the report is due at the start and both are stored', async () => {
    await seed();
    const admin = h.fake.user(ADMIN);
    const prompt = await upToWhen(admin, 'Treo cờ Tổ quốc');
    expect(prompt).toContain('Hạn báo cáo?');
    expect(prompt).toContain('từ 23/7 đến hết 27/7');
    expect(admin.lastMessage()?.buttons.flat()).toEqual(['📅 Khoảng thời gian', '🔁 Lặp lại']);
    expect(await say(admin, 'từ 27/7 đến 23/7')).toContain('Khoảng thời gian này dài quá: từ ngày 27/07/2025 đến hết ngày 23/07/2026.');
    expect(await say(admin, 'từ chiều 23/7 đến 23/7 12:00')).toContain('Ngày kết thúc phải sau ngày bắt đầu.');
    admin.sendText('từ 23/7 đến hết 27/7');
    const [resolved, due] = await admin.nextMessages(2);
    expect(resolved?.text).toBe('→ Thời gian: từ Thứ Năm, 23/07/2026 (10/6 âm lịch) đến hết Thứ Hai, 27/07/2026 (14/6 âm lịch)');
    expect(due?.text).toContain('Hạn báo cáo: Thứ Năm, 23/07/2026 17:00. Bấm “Giữ hạn này”');
    admin.sendText('28/7');
    const [read, refused] = await admin.nextMessages(2);
    expect(read?.text).toBe('→ Thứ Ba, 28/07/2026 17:00 (15/6 âm lịch)');
    expect(refused?.text).toContain('Hạn báo cáo phải trước khi hết thời gian (27/07/2026 23:59)');
    expect(await say(admin, '22/7 17:00')).toBe('→ Thứ Tư, 22/07/2026 17:00 (9/6 âm lịch)');
    expect((await admin.nextMessage()).text).toContain('Các câu hỏi khi báo cáo');
    await press(admin, 'Tiếp tục ▶');
    const preview = await press(admin, 'Tất cả khối phố (2)');
    expect(preview).toBe(
      [
        'Xem lại nhiệm vụ:',
        'Đợt: Ngày Thương binh – Liệt sĩ',
        'Nhiệm vụ: Treo cờ Tổ quốc',
        'Thời gian: từ ngày 23/07/2026 đến hết ngày 27/07/2026',
        'Hạn báo cáo: Thứ Tư, 22/07/2026 17:00',
        'Báo cáo gồm: tình hình, số hộ treo cờ, ảnh (bắt buộc), ghi chú',
        'Giao cho 2 đơn vị: Khối 1, Khối 2',
      ].join('\n'),
    );
    expect(await press(admin, '✅ Tạo nhiệm vụ')).toBe(
      'Đã tạo nhiệm vụ “Treo cờ Tổ quốc”, giao cho 2 đơn vị. Thời gian: từ ngày 23/07/2026 đến hết ngày 27/07/2026. Hạn báo cáo: Thứ Tư, 22/07/2026 17:00.',
    );
    const task = await database.db.selectFrom('tasks').selectAll().executeTakeFirstOrThrow();
    expect([task.starts_at?.toISOString(), task.ends_at?.toISOString(), task.due_at.toISOString()]).toEqual([
      '2026-07-22T17:00:00.000Z',
      '2026-07-27T16:59:59.000Z',
      '2026-07-22T10:00:00.000Z',
    ]);
    const audit = await database.db.selectFrom('audit_log').select(['action', 'details']).where('action', '=', 'task.created').executeTakeFirstOrThrow();
    expect(audit.details).toMatchObject({ startsAt: '2026-07-22T17:00:00.000Z', endsAt: '2026-07-27T16:59:59.000Z' });
  });

  it('when the title names Quốc khánh, then the official flag window is one tap and the report is due by its start', async () => {
    await seed();
    h.clock.setLocal('20/08/2026 09:00');
    const admin = h.fake.user(ADMIN);
    await upToWhen(admin, 'Treo cờ dịp Quốc khánh 2/9');
    // 2/9/2026 is a Wednesday: the second day off is 1/9, and flags go up the day before.
    expect(admin.lastMessage()?.buttons.flat()).toEqual(['🇻🇳 Dịp Quốc khánh: 31/08 – 02/09', '📅 Khoảng thời gian', '🔁 Lặp lại']);
    admin.pressButton('🇻🇳 Dịp Quốc khánh: 31/08 – 02/09');
    const [resolved, due] = await admin.nextMessages(2);
    expect(resolved?.text).toBe('→ Thời gian: từ Thứ Hai, 31/08/2026 (19/7 âm lịch) đến hết Thứ Tư, 02/09/2026 (21/7 âm lịch)');
    expect(due?.text).toContain('Hạn báo cáo: Thứ Hai, 31/08/2026 17:00.');
    await press(admin, '✅ Giữ hạn này');
    await press(admin, 'Tiếp tục ▶');
    expect(await press(admin, 'Tất cả khối phố (2)')).toContain('Thời gian: từ ngày 31/08/2026 đến hết ngày 02/09/2026\nHạn báo cáo: Thứ Hai, 31/08/2026 17:00');
    await press(admin, '✅ Tạo nhiệm vụ');
    const task = await database.db.selectFrom('tasks').select(['starts_at', 'ends_at', 'due_at']).executeTakeFirstOrThrow();
    expect(task.starts_at?.toISOString()).toBe('2026-08-30T17:00:00.000Z');
    expect(task.due_at.toISOString()).toBe('2026-08-31T10:00:00.000Z');
  });

  it('when a task has a period, then /tasks, /pending and the export show it, and a leader\'s take-down press is stored once with who and when', async () => {
    const { k1, k2, admin } = await seed();
    const start = new Date('2026-07-22T17:00:00Z');
    const task = await buildTask(database.db, { title: 'Treo cờ 27/7', unitIds: [k1.id, k2.id], dueAt: new Date('2026-07-23T10:00:00Z') });
    await database.db.updateTable('tasks').set({ starts_at: start, ends_at: new Date('2026-07-27T16:59:59Z') }).where('id', '=', task.id).execute();

    expect(await say(admin, '/tasks')).toBe(
      ['Nhiệm vụ đang mở:', '1. Treo cờ 27/7 — 0/2 đơn vị đã báo cáo · hạn Thứ Năm, 23/07/2026 17:00', '🗓 Thời gian: từ ngày 23/07/2026 đến hết ngày 27/07/2026'].join('\n'),
    );
    expect(await press(admin, '⚙️ 1. Treo cờ 27/7')).toContain('🗓 Thời gian: từ ngày 23/07/2026 đến hết ngày 27/07/2026');
    await say(admin, '/pending');
    const pending = await press(admin, 'Treo cờ 27/7');
    expect(pending.split('\n').slice(0, 2)).toEqual(['⏳ Treo cờ 27/7 (hạn Thứ Năm, 23/07/2026 17:00): 2 đơn vị chưa báo cáo', '🗓 Thời gian: từ ngày 23/07/2026 đến hết ngày 27/07/2026']);

    // The leader of Khối 1 presses "Đã hạ cờ"; Khối 2's leader tries Khối 1's button.
    h.clock.setLocal('28/07/2026 07:10');
    const one = h.fake.user(ONE);
    await say(one, '/start');
    one.pressCallbackData(`tdn:${task.id}:${k1.id}`);
    expect((await one.nextMessage()).text).toBe('✅ Đã ghi nhận: Khối 1 đã hạ cờ, tháo băng rôn (“Treo cờ 27/7”) lúc 28/07/2026 07:10. Cảm ơn anh/chị!');
    h.clock.setLocal('28/07/2026 08:00');
    one.pressCallbackData(`tdn:${task.id}:${k1.id}`);
    expect((await one.nextMessage()).text).toBe('Khối 1 đã xác nhận hạ cờ, tháo băng rôn (“Treo cờ 27/7”) lúc 28/07/2026 07:10.');
    const two = h.fake.user(TWO);
    await say(two, '/start');
    two.pressCallbackData(`tdn:${task.id}:${k1.id}`);
    await h.fake.waitFor(() => two.callbackAnswers().length === 1);
    expect(two.callbackAnswers()[0]?.text).toBe('Anh/chị không phụ trách đơn vị này nên không xác nhận được.');
    await h.expectNothingSentTo(two);
    const stored = await database.db.selectFrom('task_take_downs as d').innerJoin('members as m', 'm.id', 'd.member_id').select(['d.unit_id', 'm.telegram_id', 'd.confirmed_at']).execute();
    expect(stored).toEqual([{ unit_id: k1.id, telegram_id: ONE, confirmed_at: new Date('2026-07-28T00:10:00Z') }]);
    expect(await database.db.selectFrom('audit_log').select('action').where('action', '=', 'task.taken-down').execute()).toHaveLength(1);

    const adminRow = await database.db.selectFrom('members').select('id').where('telegram_id', '=', ADMIN).executeTakeFirstOrThrow();
    const loaded = await loadExport(database.db, h.clock, adminRow.id, { kind: 'task', id: task.id });
    if (!loaded.ok) throw new Error('export refused');
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(new Uint8Array(await buildXlsx(loaded.data, translator(h.app.telegram.env.i18n, 'vi'), ZONE)).buffer);
    const [summary, sheet] = wb.worksheets;
    expect((summary?.getRow(1).values as unknown[]).slice(1, 5)).toEqual(['STT', 'Nhiệm vụ', 'Hạn báo cáo', 'Thời gian thực hiện']);
    expect(summary?.getRow(2).getCell(4).value).toBe('từ ngày 23/07/2026 đến hết ngày 27/07/2026');
    expect(sheet?.getRow(1).getCell(15).value).toBe('Đã hạ cờ lúc');
    expect([sheet?.getRow(2).getCell(15).value, sheet?.getRow(3).getCell(15).value ?? null]).toEqual(['28/07/2026 07:10', null]);

    // Issue 19: the take-down shows in the CSV, /pending and /status too.
    const csv = buildCsv(loaded.data, translator(h.app.telegram.env.i18n, 'vi'), ZONE).toString('utf8').replace(/^\uFEFF/, '').split('\r\n');
    expect(csv[0]?.split(',').at(-1)).toBe('Đã hạ cờ lúc');
    expect(csv.slice(1, 3).map((line) => line.split(',').at(-1))).toEqual(['28/07/2026 07:10', '']);
    await say(admin, '/pending');
    const after = await press(admin, 'Treo cờ 27/7');
    expect(after).toContain('🏳️ Đã hạ cờ, tháo băng rôn: 1 đơn vị\n• Khối 1 — đã hạ cờ lúc 28/07/2026 07:10');
    admin.sendText('/status');
    const status = (await admin.nextMessages(2)).map((m) => m.text).join('\n');
    expect(status).toContain('🏳️ Đã hạ cờ, tháo băng rôn: 1/2 đơn vị');
  });
});
