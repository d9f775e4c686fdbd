import { readFileSync } from 'node:fs';
import { sql } from 'kysely';
import { beforeEach, describe, expect, it } from 'vitest';
import { joinPastedParts } from '../src/plans/paste-join.js';
import { buildDocx, buildScannedPdf, splitLikeTelegram } from './fixtures/plans/documents.js';
import { dbTargets } from './support/db.js';
import { buildMember, buildUnit } from './support/factories.js';
import type { SimUser } from './support/fake-telegram-user.js';
import { useApp } from './support/suite.js';

const ADMIN = 1001;
const LEADER = 2001;
const sample = readFileSync(new URL('./fixtures/plans/sample-plan.vi.txt', import.meta.url), 'utf8');
const TITLE = 'Tổ chức các hoạt động chào mừng Kỷ niệm 90 năm Ngày truyền thống Đảng bộ tỉnh Lạng Sơn (15/6/1933 -15/6/2023)';
const UNMATCHED = 'Văn phòng- Thống kê thị trấn';
const ITEM_BUTTONS = [['Giữ', 'Bỏ'], ['Sửa ngày', 'Sửa đơn vị', 'Sửa loại'], ['Đổi tên', 'Sửa câu hỏi báo cáo']];

describe.each(dbTargets())('plan import on %s', (target) => {
  // Early May 2023: the plan's quiz (April) is already past, everything else still ahead.
  const { database, h } = useApp(target, { adminIds: [ADMIN], localTime: '05/05/2023 09:00' });
  let admin: SimUser;
  beforeEach(async () => {
    for (let i = 1; i <= 14; i++) await buildUnit(database.db, { name: `Khối ${i}`, households: 100 + i });
    await buildUnit(database.db, { name: 'Công chức Địa chính - Xây dựng', kind: 'staff' });
    await buildUnit(database.db, { name: 'Công chức Văn hoá - Xã hội', kind: 'staff' });
    // Not the plan's "Văn phòng - Thống kê": the admin is asked once which unit that is.
    await buildUnit(database.db, { name: 'Văn phòng UBND', kind: 'staff' });
    await buildUnit(database.db, { name: 'CLB Văn nghệ', kind: 'club' });
    await buildUnit(database.db, { name: 'Đoàn Thanh niên', kind: 'organisation' });
    await buildMember(database.db, { telegramId: LEADER, name: 'Hoàng Văn Một', unitId: 1 });
    admin = h.fake.user(ADMIN, { firstName: 'Văn phòng' });
    admin.sendText('/start');
    await admin.nextMessage();
  });

  const texts = async (n: number) => (await admin.nextMessages(n)).map((m) => m.text);
  const count = async (table: 'tasks' | 'broadcasts' | 'campaigns') => Number((await database.db.selectFrom(table).select((eb) => eb.fn.countAll().as('n')).executeTakeFirstOrThrow()).n);
  const planRows = () => sql<{ file_name: string | null; source_text: string; campaign_id: number | null; completed: boolean; number: string | null }>`
    select file_name, source_text, campaign_id, completed_at is not null as completed, number from plan_documents`.execute(database.db);

  /** After the plan is received and names are answered: intro, one message per item, the summary. */
  async function review() {
    const [intro, ...rest] = await admin.nextMessages(12);
    const items = rest.slice(0, 10);
    const summary = rest[10];
    if (!intro || !summary) throw new Error('review incomplete');
    return { intro, items, summary, item: (i: number) => items[i - 1]?.message_id ?? 0 };
  }

  it('when a plan is pasted in several messages and reviewed, then one tap creates the campaign, tasks and broadcasts once', async () => {
    const parts = splitLikeTelegram(sample);
    expect(parts).toHaveLength(3);
    for (const [i, part] of parts.entries()) {
      admin.sendText(part);
      expect((await admin.nextMessage()).text).toMatch(new RegExp(`^Đã nhận ${i + 1} phần \\([\\d.]+ ký tự\\)\\. .*\\(Gõ /cancel để huỷ\\.\\)$`));
    }
    admin.pressButton('✅ Xong');
    const ask = await admin.nextMessage();
    expect(ask.text).toBe(
      `Tên 1/1 trong kế hoạch chưa khớp với đơn vị nào: “${UNMATCHED}”. Đây là đơn vị nào? Bấm tên đơn vị, hoặc “Bỏ qua tên này” nếu không giao việc cho nơi này. Bot nhớ câu trả lời cho các lần nhập sau. (Gõ /cancel để huỷ.)`,
    );
    expect(ask.buttons[0]).toEqual(['Văn phòng UBND']);
    expect(ask.buttons.at(-1)).toEqual(['⏭ Bỏ qua tên này']);
    admin.pressButton('Văn phòng UBND');
    expect((await admin.nextMessage()).text).toBe(`→ “${UNMATCHED}” là Văn phòng UBND.`);

    const r = await review();
    expect(r.intro.text).toContain(`Đã đọc kế hoạch “${TITLE}”: 10 mục. Chưa có gì được tạo.`);
    expect(r.items.map((m) => m.text.split('\n')[0])).toEqual([
      '✅ Mục 1/10 · II.1 · Tuyên truyền',
      '✅ Mục 2/10 · II.2 · Phong trào thi đua',
      '✅ Mục 3/10 · II.3 · Gắn biển công trình',
      '✅ Mục 4/10 · II.4 · Thăm hỏi, động viên',
      '✅ Mục 5/10 · II.5 · Cuộc thi',
      '✅ Mục 6/10 · II.6 · Văn hoá, văn nghệ, thể thao',
      '✅ Mục 7/10 · III.1 · Rà soát pano, biển',
      '✅ Mục 8/10 · III.1 · Tổng hợp báo cáo kết quả',
      '✅ Mục 9/10 · III.6 · Treo cờ',
      '✅ Mục 10/10 · III.6 · Vệ sinh môi trường',
    ]);
    expect(r.items[1]?.text).toBe(
      [
        '✅ Mục 2/10 · II.2 · Phong trào thi đua',
        'Tổ chức phát động phong trào thi đua lập thành tích',
        '🗓 Thứ Tư, 01/03/2023 – Thứ Tư, 31/05/2023',
        '👥 Văn phòng UBND',
        '📋 Báo cáo gồm: tình hình, ảnh (không bắt buộc), ghi chú',
        '📝 Hạn báo cáo: Thứ Tư, 31/05/2023 23:59',
      ].join('\n'),
    );
    expect(r.items[1]?.buttons).toEqual(ITEM_BUTTONS);
    expect(r.items[2]?.text).toContain('🗓 Thứ Hai, 01/05/2023 – Thứ Tư, 31/05/2023 (hạn hoàn thành Thứ Tư, 31/05/2023)\n👥 Công chức Địa chính - Xây dựng\n📋 Báo cáo gồm: tình hình, ảnh (bắt buộc), ghi chú');
    expect(r.items[3]?.text).toContain('📋 Báo cáo gồm: tình hình, số lượt thăm hỏi, ảnh (không bắt buộc), ghi chú');
    expect(r.items[4]?.text).toContain('⚠️ Thời gian đã qua: bấm “Dùng năm 2024 cho tất cả” ở cuối, hoặc “Sửa ngày”');
    expect(r.items[4]?.buttons).toEqual([...ITEM_BUTTONS, ['🔗 Thêm đường dẫn']]);
    expect(r.items[0]?.buttons).toEqual([...ITEM_BUTTONS.slice(0, 2), ['Đổi tên']]);
    // An event's results are due two hours after it starts, not at the end of its fortnight. Held by the khối, schools,
    // clubs and đoàn thể (II.6, III.1, III.6).
    expect(r.items[5]?.text).toContain(
      '👥 Khối 1, Khối 2, Khối 3, Khối 4, Khối 5, Khối 6, Khối 7, Khối 8 và 8 đơn vị khác\n📋 Báo cáo gồm: tình hình, số người tham gia, ảnh (không bắt buộc), ghi chú\n🎉 Sự kiện bắt đầu: Thứ Năm, 01/06/2023 08:00\n📝 Hạn báo cáo: Thứ Năm, 01/06/2023 10:00',
    );
    expect(r.items[7]?.text).toContain('📊 Không tạo nhiệm vụ: khi kết thúc đợt, dùng /report');
    expect(r.items[8]?.text).toBe(
      [
        '✅ Mục 9/10 · III.6 · Treo cờ',
        'Tuyên truyền vận động các hộ gia đình treo cờ tổ quốc',
        '🗓 Thứ Tư, 01/03/2023 – Thứ Sáu, 30/06/2023 (theo thời gian chung của kế hoạch)',
        '👥 Tất cả khối phố (14)',
        '📋 Báo cáo gồm: tình hình, số hộ treo cờ, ảnh (bắt buộc), ghi chú',
        '📝 Hạn báo cáo: Thứ Sáu, 30/06/2023 17:00',
        '⬇️ Hết thời gian: nhắc hạ cờ, tháo băng rôn lúc Thứ Bảy, 01/07/2023 07:00',
      ].join('\n'),
    );
    expect(r.summary.text).toContain('Sẽ tạo 8 mục: 7 nhiệm vụ và 1 tin nhắn hẹn giờ.\nKhông tạo: mục 5 (thời gian đã qua); mục 8 (báo cáo kết quả: dùng /report).');
    expect(r.summary.buttons).toEqual([['Dùng năm 2024 cho tất cả'], ['Tạo tất cả (8)', 'Huỷ']]);

    // The quiz moves to next year (one tap for every past item); the billboard review is dropped; the flags get their real days.
    admin.pressButton('Dùng năm 2024 cho tất cả', { messageId: r.summary.message_id });
    await h.quiet();
    expect(admin.callbackAnswers().at(-1)?.text).toBe('Đã dùng năm 2024 cho 1 mục');
    expect(admin.messages().find((m) => m.message_id === r.summary.message_id)?.buttons).toEqual([['Tạo tất cả (9)', 'Huỷ']]);
    expect(admin.messages().find((m) => m.message_id === r.item(5))?.text).toContain('🗓 Thứ Hai, 01/04/2024 – Thứ Ba, 30/04/2024');
    admin.pressButton('Bỏ', { messageId: r.item(7) });
    await h.quiet();
    expect(admin.callbackAnswers().at(-1)?.text).toBe('Đã bỏ mục 7');
    expect(admin.messages().find((m) => m.message_id === r.item(7))?.text).toMatch(/^🗑 Mục 7\/10 .*\(đã bỏ\)[\s\S]*Mục này sẽ không được tạo/);
    expect(admin.messages().find((m) => m.message_id === r.summary.message_id)?.text).toContain('Sẽ tạo 8 mục: 7 nhiệm vụ và 2 tin nhắn hẹn giờ.');

    admin.pressButton('Sửa ngày', { messageId: r.item(9) });
    expect((await admin.nextMessage()).text).toBe(
      'Nhập thời gian mới cho “Tuyên truyền vận động các hộ gia đình treo cờ tổ quốc”, ví dụ: từ 01/03/2023 đến 30/06/2023. Có thể ghi một khoảng (từ … đến …), một tháng, một hạn chót (trước ngày …) hoặc một ngày. (Gõ /cancel để huỷ.)',
    );
    admin.sendText('giữa tháng sáu');
    expect((await admin.nextMessage()).text).toMatch(/^Chưa đọc được “giữa tháng sáu”\. .*\(Gõ \/cancel để huỷ\.\)$/);
    admin.sendText('từ 1/4/2023 đến 30/4/2023');
    expect((await admin.nextMessage()).text).toBe('Thời gian “từ 1/4/2023 đến 30/4/2023” đã qua. Anh/chị nhập thời gian sắp tới. (Gõ /cancel để huỷ.)');
    admin.sendText('từ 10/6 đến hết 15/6');
    const [shown, updated] = await texts(2);
    expect(shown).toBe('→ Từ Thứ Bảy, 10/06/2023 (23/4 âm lịch) đến hết Thứ Năm, 15/06/2023 (28/4 âm lịch)');
    expect(updated).toContain('✏️ Đã sửa mục 9 (Tuyên truyền vận động các hộ gia đình treo cờ tổ quốc) ở trên.');
    expect(admin.messages().find((m) => m.message_id === r.item(9))?.text).toContain(
      '🗓 Thứ Bảy, 10/06/2023 – Thứ Năm, 15/06/2023\n👥 Tất cả khối phố (14)\n📋 Báo cáo gồm: tình hình, số hộ treo cờ, ảnh (bắt buộc), ghi chú\n📝 Hạn báo cáo: Thứ Bảy, 10/06/2023 17:00\n⬇️ Hết thời gian: nhắc hạ cờ, tháo băng rôn lúc Thứ Sáu, 16/06/2023 07:00',
    );

    admin.pressButton('🔗 Thêm đường dẫn', { messageId: r.item(5) });
    expect((await admin.nextMessage()).text).toContain('Gửi đường dẫn (link) của cuộc thi');
    admin.sendText('thi.langson.gov.vn');
    expect((await admin.nextMessage()).text).toContain('Đường dẫn cần bắt đầu bằng http:// hoặc https://');
    admin.sendText('https://thi.langson.gov.vn/90nam');
    await admin.nextMessage();
    // Each step above replayed the whole review; a replayed send must not take a slot of the send budget.
    await h.quiet();
    const sends = ['sendMessage', 'sendDocument', 'sendPhoto', 'sendMediaGroup'].flatMap((m) => h.fake.callsOf(m));
    expect(h.app.telegram.sendBudget.taken).toBe(sends.length);

    const summary = admin.lastMessage();
    expect(summary?.buttons).toEqual([['Tạo tất cả (8)', 'Huỷ']]);
    const createData = summary?.callbackData[0]?.[0] ?? '';
    admin.pressButton('Tạo tất cả (8)');
    expect((await admin.nextMessage()).text).toBe(
      `✅ Đã tạo đợt “${TITLE}”: 7 nhiệm vụ và 2 tin nhắn hẹn giờ. Văn bản gốc được lưu cùng đợt. Xem /tasks và /broadcasts; khi kết thúc đợt, dùng /report để lập báo cáo kết quả.`,
    );

    // What was stored.
    const campaign = await database.db.selectFrom('campaigns').select(['id', 'name', sql<string>`to_char(starts_on, 'DD/MM/YYYY')`.as('from'), sql<string>`to_char(ends_on, 'DD/MM/YYYY')`.as('to')]).executeTakeFirstOrThrow();
    expect(campaign).toMatchObject({ name: TITLE, from: '01/03/2023', to: '30/04/2024' });
    const localTime = (column: 'due_at' | 'event_at' | 'starts_at' | 'ends_at') => sql<string | null>`to_char(${sql.ref(column)} at time zone 'Asia/Ho_Chi_Minh', 'DD/MM/YYYY HH24:MI')`;
    const tasks = await database.db
      .selectFrom('tasks')
      .select(['id', 'title', 'template', 'form', 'campaign_id', localTime('due_at').as('due'), localTime('event_at').as('event'), localTime('starts_at').as('from'), localTime('ends_at').as('to')])
      .orderBy('id')
      .execute();
    // Each task keeps what its review message showed: its period (eve, start and take-down reminders), its report deadline, its event.
    expect(tasks.map((t) => [t.title, t.template, t.from, t.to, t.due, t.event])).toEqual([
      ['Tổ chức phát động phong trào thi đua lập thành tích', 'custom', '01/03/2023 00:00', '31/05/2023 23:59', '31/05/2023 23:59', null],
      ['Gắn biển công trình', 'custom', null, null, '31/05/2023 23:59', null],
      ['Tổ chức các hoạt động thăm hỏi, động viên', 'custom', '01/03/2023 00:00', '30/06/2023 23:59', '30/06/2023 23:59', null],
      ['Tham gia Cuộc thi trắc nghiệm trên internet tìm hiểu', 'participants', '01/04/2024 00:00', '30/04/2024 23:59', '30/04/2024 23:59', null],
      ['Tổ chức các hoạt động văn hóa, văn nghệ', 'event', null, null, '01/06/2023 10:00', '01/06/2023 08:00'],
      ['Tuyên truyền vận động các hộ gia đình treo cờ tổ quốc', 'flag', '10/06/2023 00:00', '15/06/2023 23:59', '10/06/2023 17:00', null],
      ['Công tác vệ sinh môi trường tại khu vực địa bàn khối', 'cleanup', '01/03/2023 00:00', '30/06/2023 23:59', '30/06/2023 17:00', null],
    ]);
    expect(tasks.every((t) => t.campaign_id === campaign.id)).toBe(true);
    expect(tasks[2]?.form).toEqual({ number: { label: 'Số lượt thăm hỏi', max: null }, photos: 'optional', location: false, note: true });
    expect(tasks[5]?.form).toEqual({ number: { label: 'Số hộ treo cờ', max: 'households' }, photos: 'required', location: false, note: true });
    const unitsOf = async (taskId: number | undefined) =>
      (await database.db.selectFrom('task_units').select('unit_id').where('task_id', '=', taskId ?? 0).orderBy('unit_id').execute()).map((u) => u.unit_id);
    expect(await unitsOf(tasks[0]?.id)).toEqual([17]);
    expect(await unitsOf(tasks[4]?.id)).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 18, 19]);
    expect(await unitsOf(tasks[5]?.id)).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14]);
    const broadcasts = await database.db.selectFrom('broadcasts').select(['content', 'target', 'send_at', 'repeat', 'status']).orderBy('id').execute();
    expect(broadcasts.map((b) => [b.target, b.repeat, b.status, b.send_at.toISOString()])).toEqual([
      [{ mode: 'all-units' }, 'weekly', 'scheduled', '2023-05-05T02:00:00.000Z'],
      [{ mode: 'all-units' }, null, 'scheduled', '2024-04-01T01:00:00.000Z'],
    ]);
    expect(broadcasts[1]?.content.text).toBe(
      [`📣 ${TITLE}`, 'Tham gia Cuộc thi trắc nghiệm trên internet tìm hiểu', 'Thời gian: 01/04/2024 – 30/04/2024.', '🔗 https://thi.langson.gov.vn/90nam', 'Sau khi thực hiện, đơn vị bấm “Báo cáo” ở nhiệm vụ này để gửi kết quả.'].join('\n'),
    );
    const [doc] = (await planRows()).rows;
    expect(doc).toMatchObject({ file_name: null, campaign_id: campaign.id, completed: true, number: '/KH-UBND' });
    expect(doc?.source_text).toBe(joinPastedParts(parts));
    expect(doc?.source_text).toContain('4. Công chức Tài chính - Kế toán\n');
    const audit = await database.db.selectFrom('audit_log').select(['action', 'subject']).where('action', 'not like', 'member.%').orderBy('id').execute();
    expect(audit.map((a) => a.action)).toEqual(['plan.aliases', 'campaign.created', 'plan.imported', ...Array(7).fill('task.created'), 'broadcast.created', 'broadcast.created']);
    expect(audit[2]?.subject).toBe(`campaign:${campaign.id}`);

    // A second tap on the same "Tạo tất cả" (a double tap, or a late redelivery) creates nothing.
    admin.pressCallbackData(createData, summary?.message_id);
    await h.quiet();
    expect(admin.callbackAnswers().at(-1)?.text).toBe('Kế hoạch này đã được tạo rồi, bot không tạo thêm lần nữa. Xem trong /tasks và /broadcasts.');
    expect([await count('campaigns'), await count('tasks'), await count('broadcasts')]).toEqual([1, 7, 2]);
    await h.expectNothingSentTo(admin);

    // What was sent: the block leader gets the propaganda message and the new flag, cleanup, quiz and event tasks.
    await h.app.scheduler.tick();
    await h.app.dispatcher.drain();
    const leaderSaw = h.fake.user(LEADER).messages().map((m) => m.text);
    expect(leaderSaw.map((t) => t.split('\n')[0]).sort()).toEqual(
      [
        '📢 Nhiệm vụ mới: Tuyên truyền vận động các hộ gia đình treo cờ tổ quốc',
        '📢 Nhiệm vụ mới: Công tác vệ sinh môi trường tại khu vực địa bàn khối',
        '📢 Nhiệm vụ mới: Tham gia Cuộc thi trắc nghiệm trên internet tìm hiểu',
        '📢 Nhiệm vụ mới: Tổ chức các hoạt động văn hóa, văn nghệ',
        `📣 ${TITLE}`,
      ].sort(),
    );
    // The propaganda message goes out now; the quiz's, with its link, waits for April 2024.
    expect(leaderSaw).toContain(`📣 ${TITLE}\nCông tác tuyên truyền\nThời gian: 01/03/2023 – 30/06/2023.`);
    expect(leaderSaw.some((t) => t.includes('https://thi.langson.gov.vn/90nam'))).toBe(false);
  });

  it('when a plan is sent as a Word file, then a skipped name leaves its item without units until the admin picks them', async () => {
    admin.sendDocument({ filename: 'Kế hoạch 90 năm.docx', bytes: Buffer.from(await buildDocx(sample)) });
    expect((await admin.nextMessage()).text).toContain(`“${UNMATCHED}”. Đây là đơn vị nào?`);
    admin.pressButton('⏭ Bỏ qua tên này');
    expect((await admin.nextMessage()).text).toBe(`→ Bỏ qua “${UNMATCHED}”.`);
    const r = await review();
    expect(r.items[1]?.text).toContain('👥 Chưa giao cho đơn vị nào\n📋 Báo cáo gồm: tình hình, ảnh (không bắt buộc), ghi chú\n📝 Hạn báo cáo: Thứ Tư, 31/05/2023 23:59\n⚠️ Chưa có đơn vị thực hiện: bấm “Sửa đơn vị”');
    expect(r.summary.text).toContain('Sẽ tạo 7 mục: 6 nhiệm vụ và 1 tin nhắn hẹn giờ.\nKhông tạo: mục 2 (chưa có đơn vị); mục 5 (thời gian đã qua); mục 8 (báo cáo kết quả: dùng /report).');

    admin.pressButton('Sửa đơn vị', { messageId: r.item(2) });
    expect((await admin.nextMessage()).text).toBe('Giao “Tổ chức phát động phong trào thi đua lập thành tích” cho đơn vị nào? (Gõ /cancel để huỷ.)');
    admin.pressButton('Chọn từng đơn vị / tìm theo tên');
    await admin.nextMessage();
    admin.sendText('van phong');
    await admin.nextMessage();
    admin.pressButton('⬜ Văn phòng UBND');
    await h.quiet();
    admin.pressButton('Xong (1)');
    expect((await admin.nextMessage()).text).toContain('✏️ Đã sửa mục 2');
    expect(admin.messages().find((m) => m.message_id === r.item(2))?.text).toContain('👥 Văn phòng UBND\n📋');

    // The plaque is really about a billboard: its report then asks for a photo and the location.
    admin.pressButton('Sửa loại', { messageId: r.item(3) });
    expect((await admin.nextMessage()).text).toBe('“Gắn biển công trình” đang là loại “Gắn biển công trình”. Chọn loại việc đúng (mẫu báo cáo đổi theo loại): (Gõ /cancel để huỷ.)');
    admin.pressButton('Rà soát pano, biển');
    expect((await admin.nextMessage()).text).toContain('✏️ Đã sửa mục 3 (Gắn biển công trình) ở trên.');
    expect(admin.messages().find((m) => m.message_id === r.item(3))?.text).toContain('· Rà soát pano, biển\nGắn biển công trình\n🗓 Thứ Hai, 01/05/2023 – Thứ Tư, 31/05/2023 (hạn hoàn thành Thứ Tư, 31/05/2023)\n👥 Công chức Địa chính - Xây dựng\n📋 Báo cáo gồm: tình hình, ảnh (bắt buộc), vị trí, ghi chú');

    // Đổi tên and Sửa câu hỏi báo cáo on an item: the cleanup gets a clearer name, the visits count families.
    admin.pressButton('Đổi tên', { messageId: r.item(10) });
    expect((await admin.nextMessage()).text).toBe(
      'Tên mới cho việc “Công tác vệ sinh môi trường tại khu vực địa bàn khối” (các đơn vị thấy tên này trong danh sách việc; nên ngắn, nói rõ việc gì, không quá 60 ký tự): (Gõ /cancel để huỷ.)',
    );
    admin.sendText('Tổng vệ sinh môi trường khu dân cư');
    expect((await admin.nextMessage()).text).toContain('✏️ Đã sửa mục 10 (Tổng vệ sinh môi trường khu dân cư) ở trên.');
    admin.pressButton('Sửa câu hỏi báo cáo', { messageId: r.item(4) });
    const formAsk = await admin.nextMessage();
    expect(formAsk.text).toBe(
      'Báo cáo của “Tổ chức các hoạt động thăm hỏi, động viên” đang hỏi: tình hình, số lượt thăm hỏi, ảnh (không bắt buộc), ghi chú. Gõ câu hỏi số liệu mới (ví dụ: Số hộ treo cờ), hoặc bấm nút để đổi yêu cầu ảnh hay bỏ câu hỏi số liệu. (Gõ /cancel để huỷ.)',
    );
    expect(formAsk.buttons).toEqual([['📷 Ảnh bắt buộc', '📷 Ảnh không bắt buộc'], ['Không cần ảnh', 'Không hỏi số liệu']]);
    admin.sendText('Số gia đình được thăm');
    expect((await admin.nextMessage()).text).toContain('✏️ Đã sửa mục 4');
    expect(admin.messages().find((m) => m.message_id === r.item(4))?.text).toContain('📋 Báo cáo gồm: tình hình, số gia đình được thăm, ảnh (không bắt buộc), ghi chú');

    admin.pressButton('Tạo tất cả (8)');
    expect((await admin.nextMessage()).text).toContain('7 nhiệm vụ và 1 tin nhắn hẹn giờ');
    const edited = await database.db.selectFrom('tasks').select(['title', 'form']).where('template', 'in', ['cleanup', 'custom']).orderBy('id').execute();
    expect(edited.map((t) => t.title)).toContain('Tổng vệ sinh môi trường khu dân cư');
    expect(edited.find((t) => t.title === 'Tổ chức các hoạt động thăm hỏi, động viên')?.form).toEqual({ number: { label: 'Số gia đình được thăm', max: null }, photos: 'optional', location: false, note: true });
    expect((await planRows()).rows.map((d) => [d.file_name, d.completed])).toEqual([['Kế hoạch 90 năm.docx', true]]);
    const plaque = await database.db.selectFrom('tasks').select(['template', 'form']).where('title', '=', 'Gắn biển công trình').executeTakeFirstOrThrow();
    expect(plaque).toEqual({ template: 'photo', form: { number: null, photos: 'required', location: true, note: true } });
    const aliases = await sql<{ name: string; unit_id: number | null }>`select name, unit_id from plan_aliases`.execute(database.db);
    expect(aliases.rows).toEqual([{ name: UNMATCHED, unit_id: null }]);
  });

  it('when the admin says or presses "Xong" before pasting anything, then it is not taken as the plan and the bot asks for the content', async () => {
    admin.sendText('/import');
    expect((await admin.nextMessage()).text).toContain('Gửi kế hoạch hoặc thông báo cần nhập');
    admin.sendText('Xong');
    const empty = await admin.nextMessage();
    expect(empty.text).toBe('Anh/chị chưa dán nội dung nào. Hãy dán nội dung kế hoạch vào tin nhắn. (Gõ /cancel để huỷ.)');
    admin.pressButton('✅ Xong');
    expect((await admin.nextMessage()).text).toBe('Anh/chị chưa dán nội dung nào. Hãy dán nội dung kế hoạch vào tin nhắn. (Gõ /cancel để huỷ.)');
    await h.expectNothingSentTo(admin);
    expect((await planRows()).rows).toEqual([]);
  });

  it('when a scanned PDF is sent, then the admin is asked for the Word file and nothing is stored', async () => {
    admin.sendDocument({ filename: 'ke-hoach-scan.pdf', bytes: Buffer.from(await buildScannedPdf()) });
    expect((await admin.nextMessage()).text).toBe(
      'Tệp PDF này là ảnh quét, không có chữ để đọc. Vui lòng gửi tệp Word (.docx) của kế hoạch, hoặc dán nội dung vào tin nhắn.',
    );
    await h.expectNothingSentTo(admin);
    expect([await count('campaigns'), await count('tasks'), await count('broadcasts')]).toEqual([0, 0, 0]);
    expect((await planRows()).rows).toEqual([]);
    const audit = await database.db.selectFrom('audit_log').select('action').where('action', 'like', 'plan.%').execute();
    expect(audit).toEqual([]);
    expect(h.logs.join('')).not.toContain(h.config.botToken);
  });
});
