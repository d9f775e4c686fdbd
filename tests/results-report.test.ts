import { createCanvas } from '@napi-rs/canvas';
import { describe, expect, it } from 'vitest';
import type { ReportForm } from '../src/core/schema.js';
import { buildResultsReportDocx, type ReportSettings } from '../src/plans/results-report.docx.js';
import { loadResultsReportData } from '../src/plans/results-report.data.js';
import { submitReport } from '../src/reports/reports.service.js';
import { returnReport } from '../src/rework/rework.service.js';
import { createCampaign, createTask } from '../src/tasks/tasks.service.js';
import { createI18n, translator } from '../src/telegram/i18n.js';
import { ManualClock } from './support/clock.js';
import { dbTargets } from './support/db.js';
import { unzip } from './support/docx.js';
import { useDatabase } from './support/suite.js';
import { buildMember, buildUnit, flagForm } from './support/factories.js';

const ZONE = 'Asia/Ho_Chi_Minh';
const i18n = createI18n('vi');
const quizForm: ReportForm = { number: { label: 'Số người tham gia', max: null }, photos: 'optional', location: false, note: true };
const SETTINGS: ReportSettings = {
  officeName: 'UBND thị trấn Cao Lộc',
  parentBody: 'UBND huyện Cao Lộc',
  place: 'Cao Lộc',
  signerTitle: 'PHÓ CHỦ TỊCH',
  signerName: 'Lê Văn Mạnh',
  recipients: ['Phòng VH-TT huyện (B/C);', '- Lưu: VT, VH-TT.'],
  planCitation: 'Kế hoạch số 45/KH-UBND ngày 10/3/2026',
};

/** A small real JPEG, a different colour per photo, so each is its own media file. */
function jpeg(seed: number): Buffer {
  const canvas = createCanvas(80 + seed * 10, 60);
  const g = canvas.getContext('2d');
  g.fillStyle = `rgb(${(seed * 60) % 256}, 90, 40)`;
  g.fillRect(0, 0, canvas.width, canvas.height);
  return canvas.toBuffer('image/jpeg');
}

describe.each(dbTargets())('campaign results report on %s', (target) => {
  const { database } = useDatabase(target);

  /** Two tasks, four units: one late report, one returned, one unit that never reports; photos on three units. */
  async function seed() {
    const db = database.db;
    const clock = new ManualClock();
    clock.setLocal('01/06/2026 08:00');
    const admin = await buildMember(db, { role: 'admin', name: 'Văn phòng' });
    const [k1, k2, k3, school] = [
      await buildUnit(db, { name: 'Khối 1', households: 120 }),
      await buildUnit(db, { name: 'Khối 2', households: 80 }),
      await buildUnit(db, { name: 'Khối 3', households: 100 }),
      await buildUnit(db, { name: 'Trường TH Cao Lộc', kind: 'school' }),
    ];
    const leaders = new Map<number, number>();
    for (const u of [k1, k2, k3, school]) leaders.set(u.id, (await buildMember(db, { unitId: u.id })).id);
    const campaign = await createCampaign(db, clock, admin.id, { name: 'Kỷ niệm 90 năm Ngày truyền thống Đảng bộ tỉnh', startsOn: '2026-06-01', endsOn: '2026-06-30' });
    const base = { campaignId: campaign.id, description: null, template: null, eventAt: null };
    const flag = await createTask(db, clock, admin.id, { ...base, title: 'Treo cờ Tổ quốc', dueAt: new Date('2026-06-14T10:00:00Z'), form: flagForm, unitIds: [k1.id, k2.id, k3.id] }, 'k-flag');
    const quiz = await createTask(db, clock, admin.id, { ...base, title: 'Cuộc thi trắc nghiệm', dueAt: new Date('2026-06-20T10:00:00Z'), form: quizForm, unitIds: [k1.id, k2.id, k3.id, school.id] }, 'k-quiz');
    const report = async (at: string, unit: number, taskId: number, status: 'done' | 'partial', number: number, note: string | null, photos: string[]) => {
      clock.setLocal(at);
      const sentAt = clock.now().toISOString();
      const memberId = leaders.get(unit) ?? 0;
      const answers = { status, number, note, location: null, photos: photos.map((id) => ({ fileId: id, fileUniqueId: `u-${id}`, sentAt })) };
      const result = await submitReport(db, clock, { memberId, taskId, unitId: unit, submissionKey: `s-${taskId}-${unit}`, answers });
      expect(result.outcome).toBe('saved');
    };
    await report('13/06/2026 09:00', k1.id, flag.id, 'done', 115, 'Treo đủ & đẹp <ok>\u0007\nđã chụp ảnh', ['k1-flag-a', 'k1-flag-b']);
    await report('14/06/2026 19:15', k2.id, flag.id, 'partial', 40, null, ['k2-flag']);
    await report('15/06/2026 08:00', k1.id, quiz.id, 'done', 45, null, ['k1-quiz']);
    await report('15/06/2026 10:00', k2.id, quiz.id, 'done', 30, null, ['k2-quiz']);
    await report('16/06/2026 09:00', school.id, quiz.id, 'done', 1200, null, ['school-quiz']);
    await returnReport(db, clock, { actorId: admin.id, taskId: quiz.id, unitId: k2.id, revision: 1, reason: 'Thiếu danh sách' }, () => ({ text: 'Báo cáo bị trả lại' }));
    return { campaignId: campaign.id };
  }

  async function build(locale: string, failing: string[] = []) {
    const { campaignId } = await seed();
    const data = await loadResultsReportData(database.db, campaignId);
    if (!data) throw new Error('campaign not found');
    const fetched: string[] = [];
    const photos = async (fileId: string) => {
      fetched.push(fileId);
      return failing.includes(fileId) ? null : jpeg(fetched.length);
    };
    const buf = await buildResultsReportDocx(data, SETTINGS, { t: translator(i18n, locale), zone: ZONE, now: new Date('2026-06-25T02:00:00Z'), photos });
    return { data, fetched, doc: await unzip(buf) };
  }

  it('when the report is built, then the header, title and opening sentence follow Decree 30', async () => {
    const { doc } = await build('vi');
    expect(doc.tables[0]).toEqual([
      ['UBND HUYỆN CAO LỘC\nUBND THỊ TRẤN CAO LỘC\nSố:        /BC-UBND', 'CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\nĐộc lập - Tự do - Hạnh phúc\nCao Lộc, ngày 25 tháng 6 năm 2026'],
    ]);
    expect(doc.xml).toMatch(/<w:b\/>(?:(?!<\/w:r>).)*>UBND THỊ TRẤN CAO LỘC</);
    expect(doc.xml).toMatch(/<w:i\/>(?:(?!<\/w:r>).)*>Cao Lộc, ngày 25 tháng 6 năm 2026</);
    expect(doc.body.slice(0, 3)).toEqual([
      'BÁO CÁO',
      'Kết quả tổ chức các hoạt động kỷ niệm 90 năm Ngày truyền thống Đảng bộ tỉnh',
      'Thực hiện Kế hoạch số 45/KH-UBND ngày 10/3/2026 về tổ chức các hoạt động kỷ niệm 90 năm Ngày truyền thống Đảng bộ tỉnh, UBND thị trấn Cao Lộc báo cáo kết quả thực hiện từ ngày 01/06/2026 đến ngày 30/06/2026 như sau:',
    ]);
    expect(doc.tables.at(-1)).toEqual([['Nơi nhận:\n- Phòng VH-TT huyện (B/C);\n- Lưu: VT, VH-TT.', 'KT. CHỦ TỊCH\nPHÓ CHỦ TỊCH\nLê Văn Mạnh']]);
  });

  it('when units reported, late, were returned or never reported, then each task table and its figures say so', async () => {
    const { doc } = await build('vi');
    const head = ['STT', 'Đơn vị', 'Tình trạng', 'Số liệu', 'Ghi chú', 'Thời gian báo cáo'];
    expect(doc.tables[1]).toEqual([
      head.map((h) => (h === 'Số liệu' ? 'Số liệu\n(Số hộ treo cờ)' : h)),
      ['1', 'Khối 1', 'Đã xong', '115/120', 'Treo đủ & đẹp <ok>\nđã chụp ảnh', '13/06/2026 09:00'],
      ['2', 'Khối 2', 'Làm một phần', '40/80', '', '14/06/2026 19:15\n(muộn)'],
      ['3', 'Khối 3', 'Chưa báo cáo', '', '', ''],
    ]);
    expect(doc.tables[2]?.slice(1)).toEqual([
      ['1', 'Khối 1', 'Đã xong', '45', '', '15/06/2026 08:00'],
      ['2', 'Khối 2', 'Bị trả lại để bổ sung', '30', '', '15/06/2026 10:00'],
      ['3', 'Khối 3', 'Chưa báo cáo', '', '', ''],
      ['4', 'Trường TH Cao Lộc', 'Đã xong', '1.200', '', '16/06/2026 09:00'],
    ]);
    const section = (from: string, to: string) => doc.body.slice(doc.body.indexOf(from), doc.body.indexOf(to));
    expect(section('1. Treo cờ Tổ quốc', '2. Cuộc thi trắc nghiệm')).toEqual([
      '1. Treo cờ Tổ quốc',
      '- Thời hạn báo cáo: 14/06/2026; số đơn vị được giao: 3.',
      '- Số đơn vị đã báo cáo: 2/3 (66,7%), trong đó đúng hạn 1, muộn 1; đã xong 1, làm một phần 1, chưa làm 0.',
      '- Số hộ treo cờ: 155/300 hộ, đạt 51,7%.',
      '- Đơn vị chưa báo cáo: Khối 3.',
    ]);
    expect(section('2. Cuộc thi trắc nghiệm', 'II. ĐÁNH GIÁ CHUNG').slice(2)).toEqual([
      '- Số đơn vị đã báo cáo: 2/4 (50%), trong đó đúng hạn 2, muộn 0; đã xong 2, làm một phần 0, chưa làm 0.',
      '- Số người tham gia: 1.245.',
      '- Đơn vị chưa báo cáo: Khối 2 (báo cáo bị trả lại, chưa gửi lại), Khối 3.',
    ]);
    expect(section('II. ĐÁNH GIÁ CHUNG', 'III. PHỤ LỤC HÌNH ẢNH')).toEqual([
      'II. ĐÁNH GIÁ CHUNG',
      'Trong đợt, 2 hoạt động được giao cho 4 đơn vị (7 lượt giao); đã nhận 4/7 báo cáo (57,1%), trong đó đúng hạn 3, muộn 1.',
      'Tổng số hộ thực hiện ở các hoạt động tính theo hộ: 155/300 hộ, đạt 51,7%.',
      'Còn 2 đơn vị chưa báo cáo đầy đủ:',
      '- Khối 2: Cuộc thi trắc nghiệm.',
      '- Khối 3: Treo cờ Tổ quốc; Cuộc thi trắc nghiệm.',
    ]);
  });

  it('when units sent photos, then at most two per unit are embedded, a returned report’s left out, a missing one noted', async () => {
    const { data, fetched, doc } = await build('vi', ['k2-flag']);
    // Khối 1's second flag photo gives way to its quiz photo; Khối 2's quiz report was returned.
    expect(data.photos.map((p) => p.fileId)).toEqual(['k1-flag-a', 'k1-quiz', 'k2-flag', 'school-quiz']);
    expect(fetched.sort()).toEqual(['k1-flag-a', 'k1-quiz', 'k2-flag', 'school-quiz']);
    expect(doc.media).toHaveLength(3);
    expect(doc.xml.match(/<w:drawing>/g)).toHaveLength(3);
    expect(doc.tables[3]).toEqual([
      ['Ảnh 1: Khối 1 · Treo cờ Tổ quốc · 13/06/2026', 'Ảnh 2: Khối 1 · Cuộc thi trắc nghiệm · 15/06/2026'],
      ['(Không tải được ảnh)\nẢnh 3: Khối 2 · Treo cờ Tổ quốc · 14/06/2026', 'Ảnh 4: Trường TH Cao Lộc · Cuộc thi trắc nghiệm · 16/06/2026'],
    ]);
  });

  it('when the report is built, then the page is A4 with Decree 30 margins and Times New Roman 14 pt', async () => {
    const { doc } = await build('vi');
    expect(doc.xml).toContain('<w:pgSz w:w="11906" w:h="16838"');
    // 20 mm top and bottom, 15 mm right, 30 mm left, in twips (1 mm = 1440 / 25.4).
    expect(doc.xml).toMatch(/<w:pgMar w:top="1134" w:right="850" w:bottom="1134" w:left="1701"/);
    expect(doc.styles).toMatch(/<w:rPrDefault><w:rPr><w:rFonts w:ascii="Times New Roman" w:cs="Times New Roman" w:eastAsia="Times New Roman" w:hAnsi="Times New Roman"\/><w:sz w:val="28"\/>/);
    expect(doc.xml).not.toMatch(/[\u0000-\u0008\u000B\u000C\u000E-\u001F]/);
  });

  it('when the member reads English, then every text comes from the English locale', async () => {
    const { doc } = await build('en');
    expect(doc.body).toContain('I. RESULTS OF THE ACTIVITIES');
    expect(doc.tables[1]?.[0]?.[0]).toBe('No.');
    expect(`${doc.body.join('\n')}${JSON.stringify(doc.tables)}`).not.toMatch(/rr-[a-z]/);
  });
});
