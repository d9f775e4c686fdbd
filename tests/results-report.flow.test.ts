import { sql } from 'kysely';
import { beforeEach, describe, expect, it } from 'vitest';
import { dbTargets } from './support/db.js';
import { unzip } from './support/docx.js';
import { buildMember, buildUnit } from './support/factories.js';
import type { SimUser } from './support/fake-telegram-user.js';
import { leaderReportsFlag } from './support/reports.js';
import { useApp } from './support/suite.js';

const ADMIN = 1001;
const OFFICIAL = 3001;
const LEADERS = [2001, 2002, 2003];
const CAMPAIGN = 'Treo cờ Tổ quốc chào mừng Kỷ niệm 90 năm Ngày truyền thống Đảng bộ tỉnh';
const FLAG_TASK = 'Treo cờ Tổ quốc chào mừng Ngày truyền thống Đảng bộ tỉnh';
const NOTICE = `UBND HUYỆN CAO LỘC
UBND THỊ TRẤN CAO LỘC
Số: 45/TB-UBND
Cao Lộc, ngày 02 tháng 6 năm 2023
THÔNG BÁO
Về việc treo cờ Tổ quốc chào mừng Kỷ niệm 90 năm Ngày truyền thống Đảng bộ tỉnh
Thực hiện Công văn số 210/UBND-VHTT ngày 30/5/2023 của UBND huyện Cao Lộc, UBND thị trấn Cao Lộc thông báo:
Thời gian treo cờ Tổ quốc: Từ ngày 10/6/2023 đến hết ngày 15/6/2023.
Đề nghị các khối trưởng tuyên truyền, vận động các hộ gia đình treo cờ Tổ quốc; hạ cờ, tháo dỡ băng rôn khi hết thời gian.
KT. CHỦ TỊCH
PHÓ CHỦ TỊCH
Lê Văn Mạnh`;


describe.each(dbTargets())('campaign results report on %s', (target) => {
  const { database, h } = useApp(target, { adminIds: [ADMIN], localTime: '02/06/2023 09:00' });
  beforeEach(async () => {
    const households = [120, 80, 100];
    for (const [i, id] of LEADERS.entries()) {
      const unit = await buildUnit(database.db, { name: `Khối ${i + 1}`, households: households[i] ?? null });
      await buildMember(database.db, { telegramId: id, name: `Trưởng khối ${i + 1}`, unitId: unit.id });
    }
    await buildMember(database.db, { telegramId: OFFICIAL, name: 'Phó Chủ tịch', role: 'official' });
  });

  /** The admin imports the flag notice (pasted) and creates its one task (the take-down is its last step). */
  async function importNotice(admin: SimUser) {
    admin.sendText('/start');
    await admin.nextMessage();
    admin.sendText(NOTICE);
    await admin.nextMessage();
    admin.pressButton('✅ Xong');
    await admin.nextMessages(3);
    admin.pressButton('Tạo tất cả (1)');
    expect((await admin.nextMessage()).text).toContain(`✅ Đã tạo đợt “${CAMPAIGN}”: 1 nhiệm vụ`);
  }

  async function leaderReports(id: number, at: string, answers: Parameters<typeof leaderReportsFlag>[2]) {
    h.clock.setLocal(at);
    const leader = h.fake.user(id);
    leader.sendText('/tasks');
    await leader.nextMessage();
    expect(await leaderReportsFlag(leader, /Báo cáo: Treo cờ Tổ quốc/, answers)).toContain('Đã nhận báo cáo');
  }

  it('when an official asks for the report after a run with reports, photos and a unit that did not report, then the first time the details are asked and a Decree 30 DOCX is sent', async () => {
    await importNotice(h.fake.user(ADMIN));
    // The report is due at 17:00 on the first day of the period: Khối 1 is on time, Khối 2 late.
    await leaderReports(2001, '10/06/2023 09:00', { status: '✅ Đã xong', households: 115, photos: [{ id: 'K1-A' }, { id: 'K1-B' }] });
    await leaderReports(2002, '16/06/2023 08:00', { status: '🟡 Làm một phần', households: 40, photos: [{ id: 'K2-A' }] });
    // Khối 3 never reports.

    h.clock.setLocal('20/06/2023 10:00');
    const official = h.fake.user(OFFICIAL);
    official.sendText('/report');
    const list = await official.nextMessage();
    expect(list.text).toBe('Lập báo cáo kết quả cho đợt nào? (Đợt mới nhất ở trên.)');
    expect(list.buttons).toEqual([['Treo cờ Tổ quốc chào mừng Kỷ niệm 90 năm Ngày truyền thống…']]);
    official.pressButton(/^Treo cờ Tổ quốc/);
    const [intro, first] = await official.nextMessages(2);
    expect(intro?.text).toBe('Lần đầu lập báo cáo: bot cần 6 thông tin để in ở đầu và cuối báo cáo. Bot hỏi từng câu; câu trả lời được lưu cho các lần sau.');
    expect(first?.text).toBe(
      'Câu 1/6. Tên cơ quan đứng tên báo cáo, viết như trên con dấu (in ở góc trái, dòng thứ hai).\nGợi ý: “UBND thị trấn Cao Lộc”. Bấm nút bên dưới để dùng, hoặc gõ câu trả lời khác. (Gõ /cancel để huỷ.)',
    );
    expect(first?.buttons).toEqual([['Dùng: UBND thị trấn Cao Lộc']]);
    official.sendPhoto();
    expect((await official.nextMessage()).text).toBe('Câu trả lời cần là chữ, không quá 150 ký tự. Anh/chị gõ lại. (Gõ /cancel để huỷ.)');
    const prompts: string[] = [];
    for (const answer of ['Dùng: UBND thị trấn Cao Lộc', 'Dùng: UBND huyện Cao Lộc', 'Dùng: Cao Lộc', 'Dùng: PHÓ CHỦ TỊCH']) {
      official.pressButton(answer);
      prompts.push((await official.nextMessage()).text);
    }
    official.sendText('Lê Văn Mạnh');
    prompts.push((await official.nextMessage()).text);
    expect(prompts.map((p) => p.split('\n')[0])).toEqual([
      'Câu 2/6. Cơ quan cấp trên trực tiếp của UBND thị trấn Cao Lộc (in ở góc trái, dòng trên cùng).',
      'Câu 3/6. Địa danh ghi trước ngày tháng ở đầu báo cáo (“…, ngày … tháng … năm …”).',
      'Câu 4/6. Chức vụ của người ký báo cáo thay mặt UBND thị trấn Cao Lộc. Nếu cấp phó ký thay, ghi chức vụ của cấp phó: bot tự thêm dòng “KT.” phía trên.',
      'Câu 5/6. Họ và tên người ký (PHÓ CHỦ TỊCH).',
      'Câu 6/6. Nơi nhận báo cáo, mỗi nơi một dòng: nơi nhận để báo cáo trước, nơi lưu sau cùng.',
    ]);
    expect(prompts.every((p) => p.endsWith('(Gõ /cancel để huỷ.)'))).toBe(true);
    expect(prompts[4]).toContain('Gợi ý:\n- UBND huyện Cao Lộc (b/c);\n- Lưu: VT.\n');
    // One photo cannot be fetched from Telegram: it is left out, the report is still made.
    h.fake.failNext(1, { method: 'getFile', code: 400, description: 'Bad Request: file is too big' });
    official.sendText('Phòng VH-TT huyện (b/c);\nTT. Đảng uỷ thị trấn;\nLưu: VT, VH-TT.');
    const [saved, sent] = await official.nextMessages(2);
    expect(saved?.text).toBe('Đã lưu thông tin cho báo cáo. ⏳ Đang lập báo cáo, anh/chị chờ một chút…');
    expect(sent?.kind).toBe('document');
    expect(sent?.file?.filename).toBe('Bao-cao-ket-qua-treo-co-to-quoc-chao-mung-ky-niem-2023-06-20.docx');
    expect(sent?.caption).toBe(
      `📄 Báo cáo kết quả: ${CAMPAIGN}\n1 hoạt động · 2/3 lượt báo cáo · 2 ảnh.\nMở bằng Word để chỉnh sửa, ghi số văn bản và trình ký.`,
    );

    const doc = await unzip(sent?.file?.bytes ?? Buffer.alloc(0));
    expect(doc.tables[0]).toEqual([
      ['UBND HUYỆN CAO LỘC\nUBND THỊ TRẤN CAO LỘC\nSố:        /BC-UBND', 'CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\nĐộc lập - Tự do - Hạnh phúc\nCao Lộc, ngày 20 tháng 6 năm 2023'],
    ]);
    expect(doc.body.slice(0, 5)).toEqual([
      'BÁO CÁO',
      'Kết quả tổ chức các hoạt động treo cờ Tổ quốc chào mừng Kỷ niệm 90 năm Ngày truyền thống Đảng bộ tỉnh',
      'Thực hiện Thông báo số 45/TB-UBND ngày 02 tháng 6 năm 2023 về tổ chức các hoạt động treo cờ Tổ quốc chào mừng Kỷ niệm 90 năm Ngày truyền thống Đảng bộ tỉnh, UBND thị trấn Cao Lộc báo cáo kết quả thực hiện từ ngày 10/06/2023 đến ngày 15/06/2023 như sau:',
      'I. CÔNG TÁC TUYÊN TRUYỀN',
      'Trong đợt chưa có tin tuyên truyền nào được gửi qua bot.',
    ]);
    const head = ['STT', 'Đơn vị', 'Tình trạng', 'Số liệu\n(Số hộ treo cờ)', 'Ghi chú', 'Thời gian báo cáo'];
    expect(doc.tables[1]).toEqual([
      head,
      ['1', 'Khối 1', 'Đã xong', '115/120', '', '10/06/2023 09:00'],
      ['2', 'Khối 2', 'Làm một phần', '40/80', '', '16/06/2023 08:00\n(muộn)'],
      ['3', 'Khối 3', 'Chưa báo cáo', '', '', ''],
    ]);
    expect(doc.body).toEqual(
      expect.arrayContaining([
        `1. ${FLAG_TASK}`,
        '- Số đơn vị đã báo cáo: 2/3 (66,7%), trong đó đúng hạn 1, muộn 1; đã xong 1, làm một phần 1, chưa làm 0.',
        '- Số hộ treo cờ: 155/300 hộ, đạt 51,7%.',
        '- Đơn vị chưa báo cáo: Khối 3.',
        'Trong đợt, 1 hoạt động được giao cho 3 đơn vị: 2 đơn vị đã báo cáo đầy đủ mọi hoạt động được giao, 1 đơn vị chưa gửi báo cáo nào.',
        `- Khối 3: ${FLAG_TASK}.`,
        'IV. PHỤ LỤC HÌNH ẢNH',
      ]),
    );
    // Three photos in the run, at most two per unit; the one Telegram refused is a note, not a picture.
    expect(doc.media).toHaveLength(2);
    expect(doc.tables[2]?.flat().filter((c) => c.startsWith('(Không tải được ảnh)'))).toHaveLength(1);
    expect(doc.tables.at(-1)).toEqual([['Nơi nhận:\n- Phòng VH-TT huyện (b/c);\n- TT. Đảng uỷ thị trấn;\n- Lưu: VT, VH-TT.', 'KT. CHỦ TỊCH\nPHÓ CHỦ TỊCH\nLê Văn Mạnh']]);
    // Page: A4, margins 20/20/30/15 mm, Times New Roman 14 pt.
    expect(doc.xml).toMatch(/<w:pgSz w:w="11906" w:h="16838"/);
    expect(doc.xml).toMatch(/<w:pgMar[^>]*w:top="1134"[^>]*w:right="850"[^>]*w:bottom="1134"[^>]*w:left="1701"/);
    expect(doc.styles).toContain('w:ascii="Times New Roman"');
    expect(doc.styles).toMatch(/<w:docDefaults>[\s\S]*<w:sz w:val="28"\/>/);
    expect(h.logs.join('')).not.toContain(h.config.botToken);

    // Stored: the details (for every later report) and the audit lines.
    const settings = await sql<{ office_name: string; parent_body: string; place: string; signer_title: string; signer_name: string; signs_for_chair: boolean; recipients: string[] }>`
      select office_name, parent_body, place, signer_title, signer_name, signs_for_chair, recipients from office_settings`.execute(database.db);
    expect(settings.rows).toEqual([
      { office_name: 'UBND thị trấn Cao Lộc', parent_body: 'UBND huyện Cao Lộc', place: 'Cao Lộc', signer_title: 'PHÓ CHỦ TỊCH', signer_name: 'Lê Văn Mạnh', signs_for_chair: true, recipients: ['Phòng VH-TT huyện (b/c);', 'TT. Đảng uỷ thị trấn;', 'Lưu: VT, VH-TT.'] },
    ]);
    const audit = await database.db.selectFrom('audit_log').select(['action', 'details']).where('action', 'in', ['settings.report', 'report.generated']).orderBy('id').execute();
    expect(audit.map((a) => a.action)).toEqual(['settings.report', 'report.generated']);
    expect(audit[1]?.details).toEqual({ tasks: 1, photos: 2, photosLeftOut: 1 });

    // The second time, no questions: the file comes at once.
    official.sendText('/report');
    await official.nextMessage();
    official.pressButton(/^Treo cờ Tổ quốc/);
    const [working, again] = await official.nextMessages(2);
    expect(working?.text).toBe('⏳ Đang lập báo cáo, anh/chị chờ một chút…');
    expect(again?.kind).toBe('document');
    expect((await unzip(again?.file?.bytes ?? Buffer.alloc(0))).media).toHaveLength(3);
    await h.expectNothingSentTo(official);
  });
});
