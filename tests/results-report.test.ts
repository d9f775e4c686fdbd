import { createCanvas } from '@napi-rs/canvas';
import { describe, expect, it } from 'vitest';
import type { ReportForm } from '../src/core/schema.js';
import { buildResultsReportDocx, type ReportSettings } from '../src/results-report/results-report.docx.js';
import { loadResultsReportData } from '../src/results-report/results-report.data.js';
import { createBroadcast } from '../src/broadcasts/broadcasts.service.js';
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

  /** Two tasks, four units: one late report, one returned, one unit that never reports; photos on three units, one of them sent twice. */
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
    // Khối 1 sends its flag photo again for the quiz.
    await report('15/06/2026 08:00', k1.id, quiz.id, 'done', 45, null, ['k1-flag-a']);
    await report('15/06/2026 10:00', k2.id, quiz.id, 'done', 30, null, ['k2-quiz']);
    await report('16/06/2026 09:00', school.id, quiz.id, 'done', 1200, null, ['school-quiz']);
    await returnReport(db, clock, { actorId: admin.id, taskId: quiz.id, unitId: k2.id, revision: 1, reason: 'Thiếu danh sách' }, () => ({ text: 'Báo cáo bị trả lại' }));
    return { campaignId: campaign.id, clock, admin, units: [k1, k2, k3, school] };
  }

  /** Propaganda of the campaign: one broadcast sent on two days (one copy failed), one still scheduled, one of another campaign. */
  async function seedPropaganda(s: Awaited<ReturnType<typeof seed>>) {
    const db = database.db;
    const settings = { window: { zone: ZONE, quiet: null }, graceHours: 6 };
    const draft = (text: string, campaignId?: number) => ({
      content: { kind: 'text' as const, text },
      target: { mode: 'all-units' as const },
      sendAt: new Date('2026-07-30T02:00:00Z'),
      repeat: null,
      locale: 'vi',
      progressChatId: 1,
      ...(campaignId ? { campaignId } : {}),
    });
    const sent = await createBroadcast(db, s.clock, settings, s.admin.id, draft('Tuyên truyền kỷ niệm 90 năm Ngày truyền thống Đảng bộ tỉnh', s.campaignId), 'b1');
    await createBroadcast(db, s.clock, settings, s.admin.id, draft('Chưa đến giờ gửi', s.campaignId), 'b2');
    const other = await createBroadcast(db, s.clock, settings, s.admin.id, draft('Tin của đợt khác'), 'b3');
    const delivery = (broadcastId: number, chatId: number, status: 'sent' | 'failed', sentAt: string | null) => ({
      source: `test:${broadcastId}:${chatId}:${sentAt}`,
      kind: 'broadcast' as const,
      broadcast_id: broadcastId,
      chat_id: chatId,
      payload: JSON.stringify({ text: 'x' }),
      status,
      next_attempt_at: new Date('2026-06-01T00:00:00Z'),
      sent_at: sentAt ? new Date(sentAt) : null,
    });
    await db
      .insertInto('deliveries')
      .values([
        delivery(sent.id, 501, 'sent', '2026-06-05T01:00:00Z'),
        delivery(sent.id, 502, 'sent', '2026-06-05T01:00:01Z'),
        delivery(sent.id, 503, 'failed', null),
        delivery(sent.id, 501, 'sent', '2026-06-12T01:00:00Z'),
        delivery(other.id, 504, 'sent', '2026-06-05T01:00:00Z'),
      ])
      .execute();
  }

  async function build(locale: string, failing: string[] = [], opts: { now?: Date; propaganda?: boolean } = {}) {
    const seeded = await seed();
    if (opts.propaganda) await seedPropaganda(seeded);
    const { campaignId } = seeded;
    const data = await loadResultsReportData(database.db, campaignId);
    if (!data) throw new Error('campaign not found');
    const fetched: string[] = [];
    const photos = async (fileId: string) => {
      fetched.push(fileId);
      return failing.includes(fileId) ? null : jpeg(fetched.length);
    };
    const buf = await buildResultsReportDocx(data, SETTINGS, { t: translator(i18n, locale), zone: ZONE, now: opts.now ?? new Date('2026-06-25T02:00:00Z'), photos });
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
      'Thực hiện Kế hoạch số 45/KH-UBND ngày 10/3/2026 về tổ chức các hoạt động kỷ niệm 90 năm Ngày truyền thống Đảng bộ tỉnh, UBND thị trấn Cao Lộc báo cáo kết quả thực hiện tính đến ngày 25/06/2026 như sau:',
    ]);
    expect(doc.body.join('\n')).not.toContain('30/06/2026');
    expect(doc.tables.at(-1)).toEqual([['Nơi nhận:\n- Phòng VH-TT huyện (B/C);\n- Lưu: VT, VH-TT.', 'KT. CHỦ TỊCH\nPHÓ CHỦ TỊCH\nLê Văn Mạnh']]);
  });

  it('when the report is made after the campaign ended, then the opening sentence gives the campaign’s whole period', async () => {
    const { doc } = await build('vi', [], { now: new Date('2026-07-01T02:00:00Z') });
    expect(doc.body[2]).toBe(
      'Thực hiện Kế hoạch số 45/KH-UBND ngày 10/3/2026 về tổ chức các hoạt động kỷ niệm 90 năm Ngày truyền thống Đảng bộ tỉnh, UBND thị trấn Cao Lộc báo cáo kết quả thực hiện từ ngày 01/06/2026 đến ngày 30/06/2026 như sau:',
    );
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
    expect(section('2. Cuộc thi trắc nghiệm', 'III. ĐÁNH GIÁ CHUNG').slice(2)).toEqual([
      '- Số đơn vị đã báo cáo: 2/4 (50%), trong đó đúng hạn 2, muộn 0; đã xong 2, làm một phần 0, chưa làm 0.',
      '- Số người tham gia: 1.245.',
      '- Đơn vị chưa báo cáo: Khối 2 (báo cáo bị trả lại, chưa gửi lại), Khối 3.',
    ]);
    // Units, not households, across activities: Khối 1 and the school reported everything, Khối 3 nothing.
    expect(section('III. ĐÁNH GIÁ CHUNG', 'IV. PHỤ LỤC HÌNH ẢNH')).toEqual([
      'III. ĐÁNH GIÁ CHUNG',
      'Trong đợt, 2 hoạt động được giao cho 4 đơn vị: 2 đơn vị đã báo cáo đầy đủ mọi hoạt động được giao, 1 đơn vị chưa gửi báo cáo nào.',
      'Còn 2 đơn vị chưa báo cáo đầy đủ:',
      '- Khối 2: Cuộc thi trắc nghiệm.',
      '- Khối 3: Treo cờ Tổ quốc; Cuộc thi trắc nghiệm.',
    ]);
  });

  it('when units sent photos, one of them twice, then each photo is embedded once, at most two per unit, a returned report’s left out, a missing one noted', async () => {
    const { data, fetched, doc } = await build('vi', ['k2-flag']);
    // Khối 1's quiz photo is its flag photo again: shown once, so its second flag photo takes the place; Khối 2's quiz report was returned.
    expect(data.photos.map((p) => p.fileId)).toEqual(['k1-flag-a', 'k1-flag-b', 'k2-flag', 'school-quiz']);
    expect(fetched.sort()).toEqual(['k1-flag-a', 'k1-flag-b', 'k2-flag', 'school-quiz']);
    expect(doc.media).toHaveLength(3);
    expect(doc.xml.match(/<w:drawing>/g)).toHaveLength(3);
    expect(doc.tables[3]).toEqual([
      ['Ảnh 1: Khối 1 · Treo cờ Tổ quốc · 13/06/2026', 'Ảnh 2: Khối 1 · Treo cờ Tổ quốc · 13/06/2026'],
      ['(Không tải được ảnh)\nẢnh 3: Khối 2 · Treo cờ Tổ quốc · 14/06/2026', 'Ảnh 4: Trường TH Cao Lộc · Cuộc thi trắc nghiệm · 16/06/2026'],
    ]);
  });

  it('when the campaign’s broadcasts went out, then the propaganda section counts the sendings, their days and recipients, and nothing else', async () => {
    const { doc } = await build('vi', [], { propaganda: true });
    const from = doc.body.indexOf('I. CÔNG TÁC TUYÊN TRUYỀN');
    expect(doc.body.slice(from, doc.body.indexOf('II. KẾT QUẢ THỰC HIỆN CÁC HOẠT ĐỘNG'))).toEqual([
      'I. CÔNG TÁC TUYÊN TRUYỀN',
      'Đã gửi 2 lượt tin tuyên truyền qua bot trong 2 ngày (05/06/2026, 12/06/2026), tới 2 người nhận.',
      '- “Tuyên truyền kỷ niệm 90 năm Ngày truyền thống Đảng bộ tỉnh”: gửi 2 lần (05/06/2026, 12/06/2026), tới 2 người nhận.',
    ]);
  });

  it('when nothing was broadcast, then the propaganda section says so rather than counting zero', async () => {
    const { doc } = await build('vi');
    expect(doc.body.slice(3, 5)).toEqual(['I. CÔNG TÁC TUYÊN TRUYỀN', 'Trong đợt chưa có tin tuyên truyền nào được gửi qua bot.']);
  });

  it('when a task is added later with an earlier deadline, then the activities keep the order they were created in (the plan’s)', async () => {
    const s = await seed();
    const base = { campaignId: s.campaignId, description: null, template: null, eventAt: null, form: flagForm, unitIds: [s.units[0]?.id ?? 0] };
    await createTask(database.db, s.clock, s.admin.id, { ...base, title: 'Tổng vệ sinh môi trường', dueAt: new Date('2026-06-02T10:00:00Z') }, 'k-clean');
    const data = await loadResultsReportData(database.db, s.campaignId);
    expect(data?.tasks.map((t) => t.title)).toEqual(['Treo cờ Tổ quốc', 'Cuộc thi trắc nghiệm', 'Tổng vệ sinh môi trường']);
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
    expect(doc.body).toContain('II. RESULTS OF THE ACTIVITIES');
    expect(doc.tables[1]?.[0]?.[0]).toBe('No.');
    expect(`${doc.body.join('\n')}${JSON.stringify(doc.tables)}`).not.toMatch(/rr-[a-z]/);
  });
});
