import { getDocument } from 'pdfjs-dist/legacy/build/pdf.mjs';
import type { TextItem, TextMarkedContent } from 'pdfjs-dist/types/src/display/api.js';
import { describe, expect, it } from 'vitest';
import { MAX_UNIT_NAME } from '../src/onboarding/units.rules.js';
import { buildInviteCardsPdf, type InviteCard } from '../src/onboarding/invite-cards.pdf.js';
import { renderInviteQr } from '../src/onboarding/invite-qr.js';
import { createI18n, translator } from '../src/telegram/i18n.js';

const t = translator(createI18n('vi'), 'vi');
const ZONE = 'Asia/Ho_Chi_Minh';
// 17:30 UTC is 00:30 the next day in Vietnam: the card must show the local date.
const EXPIRES = new Date('2026-12-12T17:30:00Z');
const NAMES = [
  'Khối 1', 'Khối 2', 'Khối 7', 'Trường Mầm non Hoa Sen', 'Công chức Địa chính – Xây dựng', 'Hội Cựu chiến binh',
  'Tổ dân phố số 3', 'Trường Tiểu học số 1 thị trấn Cao Lộc', 'Đoàn Thanh niên', 'Hội Liên hiệp Phụ nữ',
  'Ủy ban Mặt trận Tổ quốc', 'Câu lạc bộ Dưỡng sinh', 'Công chức Văn phòng – Thống kê', 'Khối 14',
];

const cardFor = (unitName: string, i: number): InviteCard => ({
  unitName,
  role: i % 2 ? 'Người phụ trách đơn vị' : 'Cấp phó',
  link: `https://t.me/KhoiPhoBot?start=Code${String(i).padStart(2, '0')}AbCdEfGhIjKlMnOpQr`,
  expiresAt: EXPIRES,
});

interface PlacedText {
  str: string;
  left: number;
  right: number;
  bottom: number;
  top: number;
}

async function readPdf(pdf: Buffer): Promise<{ pageTexts: string[]; items: PlacedText[][] }> {
  const doc = await getDocument({ data: new Uint8Array(pdf), verbosity: 0, isEvalSupported: false, disableFontFace: true }).promise;
  const pageTexts: string[] = [];
  const items: PlacedText[][] = [];
  for (let n = 1; n <= doc.numPages; n++) {
    const content = await (await doc.getPage(n)).getTextContent();
    const texts = content.items.filter((it: TextItem | TextMarkedContent): it is TextItem => 'str' in it);
    pageTexts.push(texts.map((it) => it.str + (it.hasEOL ? ' ' : '')).join('').replace(/\s+/g, ' ').normalize('NFC'));
    items.push(texts.filter((it) => it.str.trim()).map((it) => {
      const [, , , , x = 0, y = 0] = it.transform as number[];
      return { str: it.str, left: x, right: x + it.width, bottom: y, top: y + it.height };
    }));
  }
  await doc.destroy();
  return { pageTexts, items };
}

describe('buildInviteCardsPdf', () => {
  it('when 14 cards are printed, then there are 3 A4 pages of up to 6 cards, each with its name, role, link, expiry and steps', async () => {
    const cards = NAMES.map(cardFor);
    const pdf = await buildInviteCardsPdf(cards, { t, zone: ZONE });
    expect(pdf.subarray(0, 5).toString()).toBe('%PDF-');
    const { pageTexts } = await readPdf(pdf);
    expect(pageTexts).toHaveLength(3);
    cards.forEach((card, i) => {
      const page = pageTexts[Math.floor(i / 6)] ?? '';
      expect(page, `card ${i + 1}`).toContain(card.unitName);
      expect(page).toContain(card.link);
      expect(pageTexts.filter((text) => text.includes(card.link))).toHaveLength(1);
    });
    for (const page of pageTexts) {
      expect(page).toContain('13/12/2026');
      expect(page).not.toContain('12/12/2026');
      expect(page).toContain('Mở camera điện thoại → quét mã');
      expect(page).toContain('Bấm Bắt đầu (Start)');
      expect(page).toContain('Người phụ trách đơn vị');
    }
    expect(pageTexts[2]?.match(/Dùng trước 00:30 ngày 13\/12\/2026/g)).toHaveLength(2);
  });

  it('when names are very long, then every text stays inside its own card (no text crosses a cut line)', async () => {
    const longWords = `Câu lạc bộ ${'Thơ ca Đồng Đăng '.repeat(5)}`.slice(0, MAX_UNIT_NAME).trim();
    const oneWord = 'Đ'.repeat(MAX_UNIT_NAME);
    const cards = [longWords, oneWord, 'Khối 7', longWords, 'Công chức Địa chính – Xây dựng', oneWord, longWords].map(cardFor);
    const { items, pageTexts } = await readPdf(await buildInviteCardsPdf(cards, { t, zone: ZONE }));
    expect(pageTexts).toHaveLength(2);
    const margin = 18;
    const cardW = (595.28 - 2 * margin) / 2;
    const cardH = (841.89 - 2 * margin) / 3;
    const tol = 0.5;
    for (const item of items.flat()) {
      const column = Math.floor((item.left + tol - margin) / cardW);
      const row = Math.floor((841.89 - margin - item.top + tol) / cardH);
      expect(item.right, `"${item.str}" crosses the vertical cut`).toBeLessThanOrEqual(margin + (column + 1) * cardW + tol);
      expect(item.left, `"${item.str}"`).toBeGreaterThanOrEqual(margin);
      expect(item.bottom, `"${item.str}" crosses a horizontal cut`).toBeGreaterThanOrEqual(841.89 - margin - (row + 1) * cardH - tol);
    }
    expect(pageTexts[0]).toContain('Khối 7');
  });

  it('when there are no cards, then it still makes a valid one-page PDF', async () => {
    const { pageTexts } = await readPdf(await buildInviteCardsPdf([], { t, zone: ZONE }));
    expect(pageTexts).toEqual(['']);
  });
});

function pngSize(png: Buffer): { width: number; height: number } {
  expect(png.subarray(0, 8)).toEqual(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]));
  expect(png.subarray(12, 16).toString()).toBe('IHDR');
  return { width: png.readUInt32BE(16), height: png.readUInt32BE(20) };
}

describe('renderInviteQr', () => {
  const link = 'https://t.me/KhoiPhoBot?start=AbCdEfGhIjKlMnOpQrStUvWx';

  it('when a unit is named, then it is a PNG wide enough to scan and taller than the code alone, by the name', async () => {
    const named = pngSize(await renderInviteQr({ link, unitName: 'Khối 7', role: 'Người phụ trách đơn vị' }));
    const twoLines = pngSize(await renderInviteQr({ link, unitName: 'Công chức Địa chính – Xây dựng và Môi trường thị trấn Cao Lộc', role: 'Cấp phó' }));
    const roleOnly = pngSize(await renderInviteQr({ link, unitName: null, role: 'Lãnh đạo / theo dõi' }));
    expect(named.width).toBe(640);
    expect(named.height).toBeGreaterThan(roleOnly.height);
    expect(twoLines.height).toBeGreaterThan(named.height);
    expect(roleOnly.height).toBeGreaterThan(640);
    expect(twoLines.height).toBeLessThan(900);
  });
});
