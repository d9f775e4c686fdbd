import { readFileSync } from 'node:fs';
import { DateTime } from 'luxon';
import { buildDocx } from './fixtures/plans/documents.js';
import { describe, expect, it } from 'vitest';
import { dbTargets } from './support/db.js';
import { pdfPageTexts } from './support/pdf-text.js';
import { useApp } from './support/suite.js';
import { actionsOf, press, say } from './support/talk.js';

const ADMIN = 1001;
const SAMPLE = readFileSync(new URL('./fixtures/plans/sample-plan.vi.txt', import.meta.url), 'utf8');
const ZONE = 'Asia/Ho_Chi_Minh';

/** The town of the sample plan: 14 blocks pasted the sloppy way, then the other four kinds. */
const BLOCKS = ['Khối 1; 230', 'Khối 2; 230 hộ', 'Khối 3: 120', 'Khối 4 - 95 hộ', 'Khối 5, 1.200', 'Khối 6\t310', 'Khối 7; 230', 'Khối 8; 140', 'Khối 9 – 88', 'Khối 10; 76 hộ', 'Khối 11: 1.050 hộ', 'Khối 12', 'Khối 13, 64', 'Khối 14\t150 hộ'];
const OTHERS: [string, string[]][] = [
  ['Công chức', ['Công chức Địa chính – Xây dựng', 'Công chức Văn hoá - Xã hội', 'Văn phòng - Thống kê']],
  ['Trường học', ['Trường Mầm non Cao Lộc', 'Trường Tiểu học Cao Lộc', 'Trường THCS Cao Lộc']],
  ['Câu lạc bộ', ['CLB Văn nghệ Khối 5', 'Câu lạc bộ Thể dục dưỡng sinh']],
  ['Tổ chức, đoàn thể', ['UBMTTQ thị trấn', 'Đoàn Thanh niên', 'Hội Phụ nữ', 'Hội Cựu chiến binh']],
];

/** The plan's eight activities that become tasks, each typed as one sentence. */
const TASKS = [
  'Phong trào thi đua lập thành tích, từ tháng 3 đến hết tháng 5, Văn phòng - Thống kê',
  'Gắn biển công trình trọng điểm, hoàn thành trong tháng 5, Công chức Địa chính - Xây dựng',
  'Thăm hỏi, động viên gia đình chính sách, từ tháng 3 đến hết tháng 6, Công chức Văn hoá - Xã hội',
  'Cuộc thi trắc nghiệm tìm hiểu lịch sử Đảng bộ tỉnh trong tháng 4',
  'Hội diễn văn nghệ, thể thao tuần 1, 2 tháng 6, các câu lạc bộ',
  'Treo cờ Tổ quốc từ ngày 10/6 đến hết ngày 15/6, các khối',
  'Tổng vệ sinh môi trường trước ngày 12/6, các khối',
  'Rà soát pano, áp phích tuyên truyền trong tháng 5, các khối',
];

describe.each(dbTargets())('the town clerk sets up the sample plan on %s', (target) => {
  const { database, h } = useApp(target, { adminIds: [ADMIN], localTime: '01/03/2027 08:00' });

  const actions = actionsOf;
  const local = (d: Date) => DateTime.fromJSDate(d, { zone: ZONE }).toFormat('dd/MM/yyyy HH:mm');

  /** /start, the local term, the 26 units, and one tap to invite them all. */
  async function unitsAndInvites() {
    const clerk = h.fake.user(ADMIN, { firstName: 'Chị Hoa' });
    await say(clerk, '/start');
    await press(clerk, 'Khối phố');
    await say(clerk, '/units');
    await press(clerk, '➕ Khối phố');
    await say(clerk, BLOCKS.join('\n'));
    for (const [label, names] of OTHERS) {
      await press(clerk, `➕ ${label}`);
      await say(clerk, names.join('\n'));
    }
    await say(clerk, '/invite');
    clerk.pressButton('📨 Mời tất cả đơn vị chưa có người (26)');
    await clerk.nextMessages(2);
    return clerk;
  }

  it('when the clerk sends the plan file instead of typing each task, then the units, invitations, tasks and broadcasts take at most 40 messages and taps', { timeout: 120_000 }, async () => {
    const clerk = await unitsAndInvites();
    const beforeImport = actions(clerk);
    clerk.sendDocument({ filename: 'Kế hoạch 90 năm.docx', bytes: Buffer.from(await buildDocx(SAMPLE)) });
    const [intro, ...rest] = await clerk.nextMessages(12);
    expect(intro?.text).toContain('Đã đọc kế hoạch “Tổ chức các hoạt động chào mừng Kỷ niệm 90 năm');
    const summary = rest.at(-1);
    // The plan is from 2023: one tap moves every activity to this year.
    expect(summary?.buttons[0]).toEqual(['Dùng năm 2027 cho tất cả']);
    clerk.pressButton('Dùng năm 2027 cho tất cả');
    await h.quiet();
    expect(clerk.callbackAnswers().at(-1)?.text).toBe('Đã dùng năm 2027 cho 9 mục');
    clerk.pressButton('🔗 Thêm đường dẫn');
    await clerk.nextMessage();
    await say(clerk, 'https://thi.langson.gov.vn/90nam');
    const created = await press(clerk, /^Tạo tất cả/);
    expect(created).toMatch(/^✅ Đã tạo đợt “Tổ chức các hoạt động chào mừng Kỷ niệm 90 năm.*”: 8 nhiệm vụ và 2 tin nhắn hẹn giờ\./);
    const total = actions(clerk);
    console.log(`clerk actions with the import: units and invites ${beforeImport}, import ${total - beforeImport}, total ${total}`);
    expect(total).toBeLessThanOrEqual(40);

    const tasks = await database.db.selectFrom('tasks').select(['title', 'template', 'due_at', 'starts_at']).orderBy('id').execute();
    expect(tasks.map((t) => t.template)).toEqual(['custom', 'custom', 'custom', 'participants', 'event', 'photo', 'flag', 'cleanup']);
    expect(tasks.every((t) => t.due_at > h.clock.now())).toBe(true);
    const flag = tasks.find((t) => t.template === 'flag');
    expect(flag && local(flag.starts_at ?? new Date(0))).toBe('01/03/2027 00:00');
    expect(await database.db.selectFrom('broadcasts').select('id').where('campaign_id', 'is not', null).execute()).toHaveLength(2);
  });

  it('when the clerk adds 26 units, invites them all, makes the 8 tasks and 3 broadcasts, then it takes at most 60 messages and taps', { timeout: 120_000 }, async () => {
    const clerk = h.fake.user(ADMIN, { firstName: 'Chị Hoa' });
    await say(clerk, '/start');
    expect(await press(clerk, 'Khối phố')).toContain('khối phố');

    await say(clerk, '/units');
    await press(clerk, '➕ Khối phố');
    const blocks = await say(clerk, BLOCKS.join('\n'));
    expect(blocks).toContain('• Khối 5 (1.200 hộ)');
    for (const [label, names] of OTHERS) {
      await press(clerk, `➕ ${label}`);
      expect(await say(clerk, names.join('\n'))).toContain(`Đã thêm ${names.length} đơn vị`);
    }
    const afterUnits = actions(clerk);

    await say(clerk, '/invite');
    clerk.pressButton('📨 Mời tất cả đơn vị chưa có người (26)');
    const [list, pdf] = await clerk.nextMessages(2);
    expect(list?.text).toContain('Khối 14');
    const pages = await pdfPageTexts(pdf?.file?.bytes ?? Buffer.alloc(0));
    expect(pages).toHaveLength(5);
    const pdfText = pages.join(' ');
    for (const name of [...BLOCKS.map((b) => b.split(/[;:,\t–-]|\s\d/)[0]?.trim() ?? ''), ...OTHERS.flatMap(([, n]) => n)]) expect(pdfText, name).toContain(name);
    const afterInvites = actions(clerk);
    // The leaders open their links (their taps are not the clerk's).
    const codes = [...(list?.text ?? '').matchAll(/\?start=([A-Za-z0-9_-]+)/g)].map((m) => m[1] ?? '');
    expect(codes).toHaveLength(26);
    for (const [i, code] of codes.entries()) {
      const leader = h.fake.user(5000 + i);
      leader.sendText(`/start ${code}`);
      await leader.nextMessage();
    }

    for (const sentence of TASKS) {
      let preview = await say(clerk, sentence);
      // An event needs its starting time, which a plan's sentence rarely gives.
      if (preview.startsWith('Sự kiện bắt đầu lúc nào?')) {
        clerk.sendText('05/06 19:30');
        const [shown, next] = await clerk.nextMessages(2);
        expect(shown?.text).toContain('05/06/2027 19:30');
        preview = next?.text ?? '';
      }
      expect(preview, sentence).toContain('Nhiệm vụ đọc được từ câu anh/chị gõ');
      expect(await press(clerk, '✅ Tạo nhiệm vụ'), sentence).toContain('Đã tạo nhiệm vụ');
    }
    const afterTasks = actions(clerk);

    for (const [text, target] of [
      ['Kỷ niệm 90 năm Ngày thành lập Đảng bộ tỉnh: các đơn vị treo băng rôn, khẩu hiệu.', 'Tất cả đơn vị (26)'],
      ['Mời tham gia Cuộc thi trắc nghiệm trực tuyến: https://thi.langson.gov.vn', 'Tất cả đơn vị (26)'],
      ['Các khối nhắc hộ dân treo cờ Tổ quốc từ 10/6.', 'Tất cả khối phố (14)'],
    ] as const) {
      await say(clerk, '/broadcast');
      await say(clerk, text);
      await press(clerk, target);
      await press(clerk, 'Gửi ngay');
      expect(await press(clerk, '✅ Gửi')).toContain('');
    }
    const total = actions(clerk);
    console.log(`clerk actions: units ${afterUnits}, invites ${afterInvites - afterUnits}, tasks ${afterTasks - afterInvites}, broadcasts ${total - afterTasks}, total ${total}`);
    expect(total).toBeLessThanOrEqual(60);

    const units = await database.db.selectFrom('units').select(['kind']).execute();
    expect(units).toHaveLength(26);
    expect(await database.db.selectFrom('invites').select('id').where('role', '=', 'leader').execute()).toHaveLength(26);
    const tasks = await database.db.selectFrom('tasks').select(['id', 'title', 'template', 'due_at']).orderBy('id').execute();
    const assigned = async (taskId: number) =>
      (await database.db.selectFrom('task_units as tu').innerJoin('units as u', 'u.id', 'tu.unit_id').select('u.name').where('tu.task_id', '=', taskId).orderBy('u.id').execute()).map((r) => r.name);
    expect(tasks.map((t) => [t.title, t.template, local(t.due_at)])).toEqual([
      ['Phong trào thi đua lập thành tích', 'custom', '31/05/2027 23:59'],
      ['Gắn biển công trình trọng điểm', 'custom', '31/05/2027 23:59'],
      ['Thăm hỏi, động viên gia đình chính sách', 'custom', '30/06/2027 23:59'],
      ['Cuộc thi trắc nghiệm tìm hiểu lịch sử Đảng bộ tỉnh', 'participants', '30/04/2027 23:59'],
      ['Hội diễn văn nghệ, thể thao', 'event', '14/06/2027 23:59'],
      ['Treo cờ Tổ quốc', 'flag', '10/06/2027 17:00'],
      ['Tổng vệ sinh môi trường', 'cleanup', '11/06/2027 23:59'],
      ['Rà soát pano, áp phích tuyên truyền', 'photo', '31/05/2027 23:59'],
    ]);
    const [movement, plaque, visits, quiz, events, flags] = tasks;
    expect(await assigned(movement?.id ?? 0)).toEqual(['Văn phòng - Thống kê']);
    expect(await assigned(plaque?.id ?? 0)).toEqual(['Công chức Địa chính – Xây dựng']);
    expect(await assigned(visits?.id ?? 0)).toEqual(['Công chức Văn hoá - Xã hội']);
    expect(await assigned(quiz?.id ?? 0)).toHaveLength(26);
    expect(await assigned(events?.id ?? 0)).toEqual(['CLB Văn nghệ Khối 5', 'Câu lạc bộ Thể dục dưỡng sinh']);
    expect(await assigned(flags?.id ?? 0)).toHaveLength(14);
    expect(await database.db.selectFrom('broadcasts').select('id').execute()).toHaveLength(3);
  });
});
