import { readFileSync } from 'node:fs';
import PDFDocument from 'pdfkit';
import { describe, expect, it } from 'vitest';
import { extractPlanText, joinPastedParts } from '../src/plans/extract-text.js';
import { parsePlan } from '../src/plans/plan-parser.js';
import { buildDocx, buildPdf, splitLikeTelegram } from './fixtures/plans/documents.js';
import { TOWN_UNITS } from './fixtures/plans/units.js';

const sample = readFileSync(new URL('./fixtures/plans/sample-plan.vi.txt', import.meta.url), 'utf8');
const utf8 = (s: string) => new TextEncoder().encode(s);
/** Lines as the parser sees them: no blank lines, no Markdown marks, single spaces. */
const lines = (s: string) => s.split('\n').map((l) => l.replace(/\*/g, '').replace(/\s+/g, ' ').trim()).filter(Boolean);

function blankPdf(): Promise<Uint8Array> {
  const doc = new PDFDocument({ size: 'A4' });
  const chunks: Buffer[] = [];
  doc.on('data', (c: Buffer) => chunks.push(c));
  const done = new Promise<Uint8Array>((resolve) => doc.on('end', () => resolve(new Uint8Array(Buffer.concat(chunks)))));
  doc.end();
  return done;
}

describe('extractPlanText', () => {
  it('when a .txt with a byte-order mark is sent, then its text comes without the mark', async () => {
    const bytes = new Uint8Array([0xef, 0xbb, 0xbf, ...utf8('KẾ HOẠCH\r\nTổ chức')]);
    expect(await extractPlanText({ bytes, fileName: 'kh.txt' })).toEqual({ ok: true, text: 'KẾ HOẠCH\nTổ chức' });
  });

  it('when a .txt saved as "Unicode" (UTF-16) by Notepad is sent, then it is read', async () => {
    const body = Buffer.from('Khối 1 treo cờ', 'utf16le');
    const bytes = new Uint8Array([0xff, 0xfe, ...body]);
    expect(await extractPlanText({ bytes, fileName: 'kh.txt', mimeType: 'text/plain' })).toEqual({ ok: true, text: 'Khối 1 treo cờ' });
  });

  it.each([
    ['an old Word .doc', 'unsupported', new Uint8Array([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1, 0, 0]), 'kh.doc'],
    ['a photo', 'unsupported', new Uint8Array([0xff, 0xd8, 0xff, 0xe0, 0, 0x10]), 'anh.jpg'],
    ['a broken PDF', 'unreadable', utf8('%PDF-1.7\nnot really a pdf'), 'kh.pdf'],
    ['a broken .docx', 'unreadable', new Uint8Array([0x50, 0x4b, 0x03, 0x04, 1, 2, 3, 4, 5]), 'kh.docx'],
    ['a .txt in another encoding', 'unreadable', new Uint8Array([0x4b, 0x68, 0xf4, 0x69]), 'kh.txt'],
    ['an empty .txt', 'empty', utf8('  \n \n'), 'kh.txt'],
  ])('when %s is sent, then it is refused as %s', async (_what, reason, bytes, fileName) => {
    expect(await extractPlanText({ bytes, fileName })).toEqual({ ok: false, reason });
  });

  it('when a PDF has pages but no text and no picture, then it is empty, not a scan', async () => {
    expect(await extractPlanText({ bytes: await blankPdf(), fileName: 'trang.pdf' })).toEqual({ ok: false, reason: 'empty' });
  });

  it('when a .docx or a PDF of the plan is read, then every paragraph comes back as one line, wrapped lines joined', async () => {
    const docx = await extractPlanText({ bytes: await buildDocx(sample), fileName: 'kh.docx' });
    const pdf = await extractPlanText({ bytes: await buildPdf(sample), fileName: 'kh' });
    expect(docx.ok && lines(docx.text)).toEqual(lines(sample));
    expect(pdf.ok && lines(pdf.text)).toEqual(lines(sample));
  });
});

describe('joinPastedParts', () => {
  it.each([
    ['mid-word', ['Tổ chức các hoạt động chà', 'o mừng kỷ niệm'], 'Tổ chức các hoạt động chào mừng kỷ niệm'],
    ['at a lost space', ['Tổ chức các hoạt động', 'chào mừng kỷ niệm'], 'Tổ chức các hoạt động chào mừng kỷ niệm'],
    ['before a bullet', ['Thời gian: Từ tháng 3 đến hết tháng 5 năm 2023.', '- Cơ quan tham mưu: Văn phòng'], 'Thời gian: Từ tháng 3 đến hết tháng 5 năm 2023.\n- Cơ quan tham mưu: Văn phòng'],
    ['after a heading', ['1. Mục đích', '- Thông qua các hoạt động'], '1. Mục đích\n- Thông qua các hoạt động'],
    ['before a numbered section', ['đoàn thể thị trấn.', '3. Gắn biển công trình'], 'đoàn thể thị trấn.\n3. Gắn biển công trình'],
    ['inside a date', ['Kế hoạch số 104/KH-UBND, ngày 3/3/20', '23 của UBND huyện'], 'Kế hoạch số 104/KH-UBND, ngày 3/3/2023 của UBND huyện'],
    ['inside a number heading', ['1.', '1. Nội dung tuyên truyền'], '1.1. Nội dung tuyên truyền'],
    ['after a title in capitals', ['KẾ HOẠCH', 'Tổ chức các hoạt động'], 'KẾ HOẠCH\nTổ chức các hoạt động'],
    ['inside a foreign word', ['Cuộc thi trắc nghiệm trên inte', 'rnet tìm hiểu'], 'Cuộc thi trắc nghiệm trên internet tìm hiểu'],
  ])('when a paste is cut %s, then the parts join back as written', (_where, parts, expected) => {
    expect(joinPastedParts(parts)).toBe(expected);
  });

  it('when the sample is cut at every fifth position, then at least 99% of the joins give back the text exactly (line for line)', () => {
    const want = lines(sample).join('\n');
    let exact = 0;
    let cuts = 0;
    for (let at = 20; at < sample.length - 20; at += 5) {
      cuts++;
      if (lines(joinPastedParts([sample.slice(0, at), sample.slice(at)])).join('\n') === want) exact++;
    }
    expect(exact / cuts).toBeGreaterThanOrEqual(0.99);
  });

  it('when the sample is pasted with Telegram cutting it at 60 different lengths, then the drafts are always those of the DOCX', async () => {
    const docx = await extractPlanText({ bytes: await buildDocx(sample), fileName: 'kh.docx' });
    const options = { zone: 'Asia/Ho_Chi_Minh', units: TOWN_UNITS };
    const expected = docx.ok ? parsePlan(docx.text, options) : null;
    for (let limit = 1000; limit <= 4096; limit += 51) {
      expect(parsePlan(joinPastedParts(splitLikeTelegram(sample, limit)), options), `cut every ${limit} characters`).toEqual(expected);
    }
  });
});
