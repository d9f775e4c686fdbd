import ExcelJS from 'exceljs';
import { describe, expect, it } from 'vitest';
import { csvField } from '../src/exports/exports.csv.js';
import { exportFileName, sheetNames } from '../src/exports/exports.names.js';
import { dbTargets } from './support/db.js';
import { buildMember, buildReport, buildTask, buildUnit } from './support/factories.js';
import { useApp } from './support/suite.js';

const OFFICIAL = 3001;
const ZONE = 'Asia/Ho_Chi_Minh';

describe('export file names', () => {
  it('when task titles break Excel sheet-name rules, then names are cleaned, at most 31 characters and unique', () => {
    const names = sheetNames(
      ['1. Treo cờ [đợt 1]: 14/6 *?', `2. ${'Tổng vệ sinh môi trường '.repeat(3)}`, "'Tổng hợp'", 'tổng HỢP', 'History', '', `3. ${'x'.repeat(40)}`, `3. ${'x'.repeat(40)}`],
      ['Tổng hợp'],
    );
    expect(names).toEqual([
      '1. Treo cờ đợt 1 14 6',
      '2. Tổng vệ sinh môi trường Tổng',
      'Tổng hợp (2)',
      'tổng HỢP (3)',
      'History (2)',
      'Sheet',
      `3. ${'x'.repeat(28)}`,
      `3. ${'x'.repeat(24)} (2)`,
    ]);
    for (const n of names) {
      expect(n.length).toBeLessThanOrEqual(31);
      expect(n).not.toMatch(/[[\]:*?/\\]|^'|'$/);
    }
    expect(new Set(names.map((n) => n.toLowerCase())).size).toBe(names.length);
  });

  it('when a CSV field has commas, quotes, line breaks or a formula, then it is quoted and defused', () => {
    expect(['Khối 1', 'a,b', 'nói "được"', 'dòng 1\ndòng 2', '=1+1', '-5 hộ', 42, null].map(csvField)).toEqual([
      'Khối 1',
      '"a,b"',
      '"nói ""được"""',
      '"dòng 1\ndòng 2"',
      "'=1+1",
      "'-5 hộ",
      '42',
      '',
    ]);
    expect(exportFileName('Kỷ niệm 90 năm: Đảng bộ tỉnh!', new Date('2026-06-14T10:05:00Z'), ZONE, 'xlsx')).toBe('ky-niem-90-nam-dang-bo-tinh-20260614-1705.xlsx');
  });
});

describe.each(dbTargets())('export on %s', (target) => {
  const { database, h } = useApp(target, { localTime: '15/06/2026 08:30' });

  async function seed() {
    const db = database.db;
    const official = await buildMember(db, { telegramId: OFFICIAL, name: 'Văn phòng', role: 'official' });
    const [k1, k2, k3] = [await buildUnit(db, { name: 'Khối 1', households: 120 }), await buildUnit(db, { name: 'Khối 2', households: 80 }), await buildUnit(db, { name: 'Khối 3', households: 100 })];
    const one = await buildMember(db, { telegramId: 2001, name: 'Hoàng Văn Một', unitId: k1.id });
    await buildMember(db, { telegramId: 2011, name: 'Phó Một', unitId: k1.id, position: 'deputy' });
    const two = await buildMember(db, { telegramId: 2002, name: 'Lý Thị Hai', unitId: k2.id });
    await buildTask(db, { title: 'Một đợt cũ', unitIds: [k1.id] });
    const flag = await buildTask(db, { title: 'Treo cờ Tổ quốc', unitIds: [k1.id, k2.id, k3.id], dueAt: new Date('2026-06-14T10:00:00Z') });
    const cleanup = await buildTask(db, { title: 'Tổng vệ sinh: đường/ngõ', unitIds: [k1.id], campaignId: flag.campaign_id, dueAt: new Date('2026-06-20T10:00:00Z') });
    await db.updateTable('campaigns').set({ name: 'Kỷ niệm 90 năm Đảng bộ tỉnh' }).where('id', '=', flag.campaign_id).execute();
    await buildReport(db, {
      taskId: flag.id, unitId: k1.id, memberId: one.id, status: 'done', number: 115, note: 'Treo đủ, có ảnh', photoCount: 2, late: true,
      at: new Date('2026-06-14T12:15:00Z'), flags: [{ kind: 'photo-reused', fileUniqueId: 'A', otherTaskId: cleanup.id, otherUnitId: k2.id }],
    });
    await db.updateTable('reports').set({ latitude: 21.8537, longitude: 106.7615 }).where('unit_id', '=', k1.id).execute();
    await buildReport(db, { taskId: flag.id, unitId: k2.id, memberId: two.id, status: 'partial', number: 40, at: new Date('2026-06-13T01:00:00Z') });
    await db.updateTable('reports').set({ returned_at: h.clock.now(), returned_by: official.id, return_reason: 'Thiếu ảnh' }).where('unit_id', '=', k2.id).execute();
    await buildReport(db, { taskId: cleanup.id, unitId: k1.id, memberId: one.id, status: 'not_done', note: '=HYPERLINK("x")' });
    return { official, flag, cleanup };
  }

  it('when an official exports a campaign as XLSX, then the file reads back with a summary, one sheet per task and Vietnamese headers', async () => {
    const { official: officialMember, flag } = await seed();
    const official = h.fake.user(OFFICIAL);
    official.sendText('/export');
    const campaigns = await official.nextMessage();
    expect(campaigns.text).toBe('Xuất báo cáo của đợt nào?');
    official.pressButton('Kỷ niệm 90 năm Đảng bộ tỉnh');
    await h.fake.waitFor(() => official.lastMessage()?.text.startsWith('Đợt “Kỷ niệm'));
    expect(official.lastMessage()?.buttons.flat()).toEqual(['📚 Cả đợt (2 nhiệm vụ)', 'Treo cờ Tổ quốc', 'Tổng vệ sinh: đường/ngõ']);
    official.pressButton('📚 Cả đợt (2 nhiệm vụ)');
    await h.fake.waitFor(() => official.lastMessage()?.text === 'Chọn loại tệp:');
    official.pressButton('📊 Excel (.xlsx)');
    const doc = await official.nextMessage();
    expect(doc.kind).toBe('document');
    expect(doc.file?.filename).toBe('ky-niem-90-nam-dang-bo-tinh-20260615-0830.xlsx');
    expect(doc.text).toBe('📎 Kết quả: Kỷ niệm 90 năm Đảng bộ tỉnh (2 nhiệm vụ)');

    const wb = new ExcelJS.Workbook();
    // exceljs types its input as an ArrayBuffer.
    await wb.xlsx.load(new Uint8Array(doc.file?.bytes ?? []).buffer);
    expect(wb.worksheets.map((s) => s.name)).toEqual(['Tổng hợp', '1. Treo cờ Tổ quốc', '2. Tổng vệ sinh đường ngõ']);
    const values = (s: ExcelJS.Worksheet, row: number) => (s.getRow(row).values as unknown[]).slice(1);
    const [summary, flagSheet, cleanupSheet] = wb.worksheets;
    if (!summary || !flagSheet || !cleanupSheet) throw new Error('missing sheets');
    expect(values(summary, 1)).toEqual([
      'STT', 'Nhiệm vụ', 'Hạn báo cáo', 'Trạng thái', 'Số đơn vị được giao', 'Đã báo cáo', 'Tỉ lệ báo cáo (%)', 'Đã xong', 'Làm một phần', 'Chưa làm',
      'Chưa báo cáo', 'Số liệu', 'Tổng số liệu', 'Số hộ', 'Tỉ lệ hộ (%)', 'Báo cáo có cảnh báo',
    ]);
    expect(values(summary, 2)).toEqual([1, 'Treo cờ Tổ quốc', '14/06/2026 17:00', 'Quá hạn', 3, 1, 33, 1, 0, 0, 2, 'Số hộ treo cờ', 115, 300, 38, 1]);
    expect(values(summary, 3)).toEqual([2, 'Tổng vệ sinh: đường/ngõ', '20/06/2026 17:00', 'Đang mở', 1, 1, 100, 0, 0, 1, 0, 'Số hộ treo cờ', 0, 120, 0, 0]);
    expect(values(summary, 6)).toEqual(['Lập lúc: 15/06/2026 08:30']);

    expect(values(flagSheet, 1)).toEqual(['STT', 'Đơn vị', 'Người phụ trách', 'Tình trạng', 'Số hộ treo cờ', 'Ghi chú', 'Số ảnh', 'Cảnh báo', 'Thời gian báo cáo', 'Nộp muộn', 'Số lần gửi', 'Vĩ độ', 'Kinh độ', 'Bản đồ']);
    expect(values(flagSheet, 2)).toEqual([
      1, 'Khối 1', 'Hoàng Văn Một, Phó Một', 'Đã xong', 115, 'Treo đủ, có ảnh', 2, '⚠️ Ảnh trùng với ảnh trong báo cáo “Tổng vệ sinh: đường/ngõ” của Khối 2', '14/06/2026 19:15', 'Có', 1,
      21.8537, 106.7615, 'https://maps.google.com/?q=21.853700,106.761500',
    ]);
    expect(values(flagSheet, 3)).toEqual([2, 'Khối 2', 'Lý Thị Hai', 'Bị trả lại: Thiếu ảnh', 40, undefined, 0, undefined, '13/06/2026 08:00', 'Không', 1]);
    expect(values(flagSheet, 4)).toEqual([3, 'Khối 3', undefined, 'Chưa báo cáo']);
    expect(flagSheet.rowCount).toBe(4);
    expect(values(cleanupSheet, 2).slice(0, 6)).toEqual([1, 'Khối 1', 'Hoàng Văn Một, Phó Một', 'Chưa làm', undefined, '=HYPERLINK("x")']);
    expect(cleanupSheet.getCell('F2').type).toBe(ExcelJS.ValueType.String);
    for (const sheet of wb.worksheets) {
      expect(sheet.views[0]).toMatchObject({ state: 'frozen', ySplit: 1 });
      expect(sheet.getColumn(2).width).toBeGreaterThanOrEqual(28);
    }
    const audit = await database.db.selectFrom('audit_log').select(['actor_id', 'action', 'subject']).execute();
    expect(audit).toEqual([{ actor_id: officialMember.id, action: 'export.created', subject: `campaign:${flag.campaign_id}` }]);
    expect(h.fake.callsOf('sendDocument').map((c) => Number(c.params.chat_id))).toEqual([OFFICIAL]);
  });

  it('when an official exports one task as CSV, then it is UTF-8 with a BOM and one row per unit', async () => {
    const { flag } = await seed();
    const official = h.fake.user(OFFICIAL);
    official.sendText('/export');
    await official.nextMessage();
    official.pressButton('Kỷ niệm 90 năm Đảng bộ tỉnh');
    await h.fake.waitFor(() => official.lastMessage()?.text.startsWith('Đợt “Kỷ niệm'));
    official.pressButton('Treo cờ Tổ quốc');
    await h.fake.waitFor(() => official.lastMessage()?.text === 'Chọn loại tệp:');
    official.pressButton('📄 CSV');
    const doc = await official.nextMessage();
    expect(doc.file?.filename).toBe('treo-co-to-quoc-20260615-0830.csv');
    const bytes = doc.file?.bytes ?? Buffer.alloc(0);
    expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    expect(bytes.subarray(3).toString('utf8').split('\r\n')).toEqual([
      'Nhiệm vụ,STT,Đơn vị,Người phụ trách,Tình trạng,Số hộ treo cờ,Ghi chú,Số ảnh,Cảnh báo,Thời gian báo cáo,Nộp muộn,Số lần gửi,Vĩ độ,Kinh độ,Bản đồ',
      'Treo cờ Tổ quốc,1,Khối 1,"Hoàng Văn Một, Phó Một",Đã xong,115,"Treo đủ, có ảnh",2,⚠️ Ảnh trùng với ảnh trong báo cáo “Tổng vệ sinh: đường/ngõ” của Khối 2,14/06/2026 19:15,Có,1,21.8537,106.7615,"https://maps.google.com/?q=21.853700,106.761500"',
      'Treo cờ Tổ quốc,2,Khối 2,Lý Thị Hai,Bị trả lại: Thiếu ảnh,40,,0,,13/06/2026 08:00,Không,1,,,',
      'Treo cờ Tổ quốc,3,Khối 3,,Chưa báo cáo,,,,,,,,,,',
      '',
    ]);
    const audit = await database.db.selectFrom('audit_log').select(['action', 'subject']).execute();
    expect(audit).toEqual([{ action: 'export.created', subject: `task:${flag.id}` }]);
  });
});
