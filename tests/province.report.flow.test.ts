import { describe, expect, it } from 'vitest';
import { dbTargets } from './support/db.js';
import { unzip } from './support/docx.js';
import { PROVINCE_PEOPLE, seedProvince } from './support/province.js';
import { useApp } from './support/suite.js';

describe.each(dbTargets())('province report on %s', (target) => {
  const { database, h } = useApp(target, { localTime: '20/07/2026 09:00' });

  it('when the province admin asks for its first /report, then the six questions of a commune\'s first report are asked, the answers are kept for the province only and printed in the header, and the second /report asks nothing', async () => {
    const db = database.db;
    const communes = await seedProvince(db);
    // The province has said nothing for its reports yet: its own name is what the first question offers.
    await db.updateTable('office_settings').set({ office_name: null }).where('id', '=', 1).execute();
    await h.app.telegram.env.office.load(db);

    const admin = h.fake.user(PROVINCE_PEOPLE.admin);
    admin.sendText('Treo cờ Tổ quốc từ 23/7 đến hết 27/7');
    await admin.nextMessage();
    admin.pressButton('📤 Tất cả (3)');
    expect((await admin.nextMessage()).text).toContain('✅ Đã gửi “Treo cờ Tổ quốc” xuống 3 xã, phường.');
    await h.app.dispatcher.drain();

    admin.sendText('/report');
    const [intro, first] = await admin.nextMessages(2);
    expect(intro?.text).toBe('Lần đầu lập báo cáo: bot cần 6 thông tin để in ở đầu và cuối báo cáo. Bot hỏi từng câu; câu trả lời được lưu cho các lần sau.');
    expect(first?.text.split('\n')[1]).toBe('Gợi ý: “UBND tỉnh Quảng Trị”. Bấm nút bên dưới để dùng, hoặc gõ câu trả lời khác. (Gõ /cancel để huỷ.)');
    expect(first?.buttons).toEqual([['Dùng: UBND tỉnh Quảng Trị']]);
    admin.pressButton('Dùng: UBND tỉnh Quảng Trị');
    const parent = await admin.nextMessage();
    expect(parent.text).toBe(
      'Câu 2/6. Cơ quan cấp trên trực tiếp của UBND tỉnh Quảng Trị (in ở góc trái, dòng trên cùng).\nCấp tỉnh thường không ghi cơ quan cấp trên ở dòng này: bấm “Bỏ qua” để bỏ trống.\nAnh/chị gõ câu trả lời. (Gõ /cancel để huỷ.)',
    );
    expect(parent.buttons).toEqual([['Bỏ qua']]);
    admin.pressButton('Bỏ qua');
    const place = await admin.nextMessage();
    expect(place.buttons).toEqual([['Dùng: Quảng Trị']]);
    admin.pressButton('Dùng: Quảng Trị');
    const prompts = [place.text];
    for (const answer of ['CHỦ TỊCH', 'Võ Văn Hưng']) {
      prompts.push((await admin.nextMessage()).text);
      admin.sendText(answer);
    }
    const last = await admin.nextMessage();
    prompts.push(last.text);
    expect(prompts.map((p) => p.split('\n')[0])).toEqual([
      'Câu 3/6. Địa danh ghi trước ngày tháng ở đầu báo cáo (“…, ngày … tháng … năm …”).',
      'Câu 4/6. Chức vụ của người ký báo cáo thay mặt UBND tỉnh Quảng Trị. Nếu cấp phó ký thay, ghi chức vụ của cấp phó: bot tự thêm dòng “KT.” phía trên.',
      'Câu 5/6. Họ và tên người ký (CHỦ TỊCH).',
      'Câu 6/6. Nơi nhận báo cáo, mỗi nơi một dòng: nơi nhận để báo cáo trước, nơi lưu sau cùng.',
    ]);
    // No body above: no "(b/c)" line to suggest.
    expect(last.buttons).toEqual([]);
    admin.sendText('Văn phòng Chính phủ (b/c);\nBộ Nội vụ (b/c);\nLưu: VT, VX.');
    const [saved, sent] = await admin.nextMessages(2);
    expect(saved?.text).toBe('Đã lưu thông tin cho báo cáo. ⏳ Đang lập báo cáo, anh/chị chờ một chút…');
    expect(sent?.kind).toBe('document');
    expect(sent?.file?.filename).toMatch(/^treo-co-to-quoc-\d{8}-\d{4}\.docx$/);
    const doc = await unzip(sent?.file?.bytes ?? Buffer.alloc(0));
    expect(doc.tables[0]).toEqual([['UBND TỈNH QUẢNG TRỊ\nSố:        /BC-UBND', 'CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\nĐộc lập - Tự do - Hạnh phúc\nQuảng Trị, ngày 20 tháng 7 năm 2026']]);
    expect(doc.tables.at(-1)).toEqual([['Nơi nhận:\n- Văn phòng Chính phủ (b/c);\n- Bộ Nội vụ (b/c);\n- Lưu: VT, VX.', 'CHỦ TỊCH\nVõ Văn Hưng']]);

    // Stored for the province only; no commune's details changed.
    const rows = await db.selectFrom('office_settings').select(['id', 'office_name', 'parent_body', 'place', 'signer_title', 'signer_name', 'recipients']).orderBy('id').execute();
    expect(rows[0]).toEqual({ id: 1, office_name: 'UBND tỉnh Quảng Trị', parent_body: '', place: 'Quảng Trị', signer_title: 'CHỦ TỊCH', signer_name: 'Võ Văn Hưng', recipients: ['Văn phòng Chính phủ (b/c);', 'Bộ Nội vụ (b/c);', 'Lưu: VT, VX.'] });
    expect(rows.slice(1).map((r) => [r.id, r.place, r.signer_title, r.signer_name, r.recipients])).toEqual(communes.map((c) => [c.id, null, null, null, []]));
    const audit = await db.selectFrom('audit_log').select(['office_id', 'subject']).where('action', '=', 'settings.report').execute();
    expect(audit).toEqual([{ office_id: 1, subject: 'office:1' }]);

    // The second time, no questions: the file comes at once, with the same header.
    admin.sendText('/report');
    const again = await admin.nextMessage();
    expect(again.kind).toBe('document');
    expect((await unzip(again.file?.bytes ?? Buffer.alloc(0))).tables[0]?.[0]?.[0]).toBe('UBND TỈNH QUẢNG TRỊ\nSố:        /BC-UBND');
    await h.expectNothingSentTo(admin);

    await h.quiet();
    console.info(`--- province admin\n${admin.transcriptText()}`);
  });
});
