import { createCanvas, Image } from '@napi-rs/canvas';
import JSZip from 'jszip';
import { describe, expect, it } from 'vitest';
import { buildResultsReportDocx } from '../src/results-report/results-report.docx.js';
import { documentDateParts, formatCount, formatPercent, lowerFirst, onBehalfOf, titleIsActivities, xmlSafe } from '../src/results-report/results-report.format.js';
import { createI18n, translator } from '../src/telegram/i18n.js';

const ZONE = 'Asia/Ho_Chi_Minh';

describe('results report formatting', () => {
  it.each([
    ['2026-02-05T03:00:00Z', { day: '05', month: '02', year: '2026' }],
    ['2026-03-15T03:00:00Z', { day: '15', month: '3', year: '2026' }],
    ['2026-12-09T03:00:00Z', { day: '09', month: '12', year: '2026' }],
    // 18:00 UTC on 31/01 is already 01/02 in Việt Nam.
    ['2026-01-31T18:00:00Z', { day: '01', month: '02', year: '2026' }],
  ])('when the report is dated %s, then the date line reads %o (Decree 30 zero-padding)', (at, parts) => {
    expect(documentDateParts(new Date(at), ZONE)).toEqual(parts);
  });

  it.each([
    [1200, 1000, '1.200', '120%'],
    [7, 8, '7', '87,5%'],
    [2, 3, '2', '66,7%'],
    [1_234_567, 0, '1.234.567', null],
  ])('when %d of %d is printed, then it reads %s and %s', (part, whole, count, percent) => {
    expect(formatCount(part)).toBe(count);
    expect(formatPercent(part, whole)).toBe(percent);
  });

  it.each([
    ['Kỷ niệm 90 năm Đảng bộ tỉnh', 'kỷ niệm 90 năm Đảng bộ tỉnh', false],
    ['Tổ chức các hoạt động chào mừng 2/9', 'tổ chức các hoạt động chào mừng 2/9', true],
    ['TỔ CHỨC các hoạt động', 'TỔ CHỨC các hoạt động', true],
    ['UBND phát động Tết trồng cây', 'UBND phát động Tết trồng cây', false],
    ['  Đại hội thể thao ', 'đại hội thể thao', false],
  ])('when the campaign is titled %j, then mid-sentence it reads %j (already an activity: %s)', (title, lowered, activity) => {
    expect(lowerFirst(title)).toBe(lowered);
    expect(titleIsActivities(title)).toBe(activity);
  });

  it.each([
    ['PHÓ CHỦ TỊCH', 'CHỦ TỊCH'],
    ['Phó Chủ tịch', 'Chủ tịch'],
    ['CHỦ TỊCH', null],
    ['PHÓ TRƯỞNG PHÒNG', 'TRƯỞNG PHÒNG'],
  ])('when the signer is %j, then the line above names %j', (title, head) => {
    expect(onBehalfOf(title)).toBe(head);
  });

  it('when user text holds control characters or a lone surrogate, then only those are dropped', () => {
    expect(xmlSafe('a\u0000b\u0007c\td\ne😀f\uD800g<&>')).toBe('abc\td\ne😀fg<&>');
  });
});

describe('results report without tasks, period or plan', () => {
  it('when a campaign has nothing yet and the chairman signs, then the report still opens with its fallbacks', async () => {
    const t = translator(createI18n('vi'), 'vi');
    const buf = await buildResultsReportDocx(
      { campaign: { id: 1, title: 'Tháng hành động vì môi trường', startsOn: null, endsOn: null }, tasks: [], photos: [], propaganda: { broadcasts: [], recipients: 0 } },
      { officeName: 'UBND xã Hợp Thành', parentBody: 'UBND tỉnh Lạng Sơn', place: 'Hợp Thành', signerTitle: 'CHỦ TỊCH', signerName: 'Nguyễn Văn A', recipients: [] },
      { t, zone: ZONE, now: new Date('2026-07-01T02:00:00Z'), photos: async () => null },
    );
    const xml = (await JSZip.loadAsync(buf).then((z) => z.file('word/document.xml')?.async('string'))) ?? '';
    const text = (xml.match(/<w:t[^>]*>[^<]*<\/w:t>/g) ?? []).map((r) => r.replace(/<[^>]+>/g, '')).filter(Boolean);
    expect(text).toContain('Thực hiện Kế hoạch về tổ chức các hoạt động tháng hành động vì môi trường, UBND xã Hợp Thành báo cáo kết quả thực hiện như sau:');
    expect(text.filter((x) => x === 'Đợt này chưa có hoạt động nào được giao.')).toHaveLength(2);
    expect(text).toContain('Không có ảnh kèm theo báo cáo.');
    expect(text).not.toContain('Tất cả các đơn vị đã báo cáo đầy đủ.');
    expect(text).toContain('Hợp Thành, ngày 01 tháng 7 năm 2026');
    expect(text).not.toContain('KT. CHỦ TỊCH');
    expect(text.slice(-3)).toEqual(['Nơi nhận:', 'CHỦ TỊCH', 'Nguyễn Văn A']);
  });
});

describe('results report photos', () => {
  it('when a photo is large or not an image, then it is scaled to 900 px as JPEG, or left out with a note', async () => {
    const big = createCanvas(2000, 1500);
    big.getContext('2d').fillRect(0, 0, 2000, 1500);
    const bytes: Record<string, Buffer> = { big: big.toBuffer('image/png'), text: Buffer.from('<html>not found</html>') };
    const photo = (fileId: string) => ({ fileId, unitId: 1, unitName: 'Khối 1', taskId: 1, taskTitle: 'Treo cờ', sentAt: new Date('2026-06-13T02:00:00Z') });
    const buf = await buildResultsReportDocx(
      { campaign: { id: 1, title: 'Treo cờ', startsOn: null, endsOn: null }, tasks: [], photos: [photo('big'), photo('text')], propaganda: { broadcasts: [], recipients: 0 } },
      { officeName: 'UBND phường A', parentBody: 'UBND tỉnh B', place: 'A', signerTitle: 'CHỦ TỊCH', signerName: 'C', recipients: [] },
      { t: translator(createI18n('vi'), 'vi'), zone: ZONE, now: new Date('2026-07-01T02:00:00Z'), photos: async (id) => bytes[id] ?? null },
    );
    const zip = await JSZip.loadAsync(buf);
    const media = Object.keys(zip.files).filter((n) => n.startsWith('word/media/'));
    expect(media).toHaveLength(1);
    const image = new Image();
    image.src = await (zip.file(media[0] ?? '')?.async('nodebuffer') ?? Promise.reject(new Error('no media')));
    expect([image.width, image.height]).toEqual([900, 675]);
    const xml = (await zip.file('word/document.xml')?.async('string')) ?? '';
    // Printed as wide as half the page allows (295 px at 96 dpi), keeping the 4:3 shape: 295 × 221 px, in EMU (9525 per px).
    expect(xml).toContain('<wp:extent cx="2809875" cy="2105025"/>');
    expect(xml).toContain('(Không tải được ảnh)');
  });
});
