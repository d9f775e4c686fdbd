import { createRequire } from 'node:module';
import PDFDocument from 'pdfkit';
import { formatLocal } from '../core/clock.js';
import { QR_QUIET_ZONE, qrRuns } from './invite-qr.js';

export interface InviteCard {
  unitName: string;
  /** Already worded for the unit's kind, e.g. "Người phụ trách đơn vị". */
  role: string;
  link: string;
  expiresAt: Date;
}

export interface InviteCardsOptions {
  t: (key: string, vars?: Record<string, string | number>) => string;
  /** Time zone the expiry is shown in (dd/MM/yyyy, 24-hour clock). */
  zone: string;
}

type Doc = PDFKit.PDFDocument;

export const CARDS_PER_PAGE = 6;
const COLUMNS = 2;
const ROWS = 3;
const A4 = { width: 595.28, height: 841.89 };
/** Most office printers cannot print the outer ~5 mm; the cut lines stay inside that. */
const PAGE_MARGIN = 18;
const CARD_W = (A4.width - 2 * PAGE_MARGIN) / COLUMNS;
const CARD_H = (A4.height - 2 * PAGE_MARGIN) / ROWS;
const PAD = 14;
const INNER_W = CARD_W - 2 * PAD;
const NAME_BOX_H = 58;
const NAME_MAX_PT = 24;
const NAME_MIN_PT = 9;
const NAME_ONE_LINE_MIN_PT = 18;
const NAME_TWO_LINES_MIN_PT = 13;
const QR_SIZE = 124;
const GREY = '#444444';

const fontFile = (name: string) => createRequire(import.meta.url).resolve(`dejavu-fonts-ttf/ttf/${name}`);

/** The largest size from `max` down to `min` at which `fits` holds (the smallest if none). */
function fitSize(doc: Doc, max: number, min: number, fits: () => boolean): number {
  for (let size = max; size > min; size -= 0.5) {
    doc.fontSize(size);
    if (fits()) return size;
  }
  doc.fontSize(min);
  return min;
}

/** Dashed cut lines, each card edge drawn once and in one direction, so shared edges stay clean. */
function drawCutLines(doc: Doc, count: number): void {
  doc.save().lineWidth(0.6).strokeColor('#888888').dash(4, { space: 3 });
  for (let i = 0; i < count; i++) {
    const x = PAGE_MARGIN + (i % COLUMNS) * CARD_W;
    const y = PAGE_MARGIN + Math.floor(i / COLUMNS) * CARD_H;
    doc.moveTo(x, y).lineTo(x + CARD_W, y);
    doc.moveTo(x, y).lineTo(x, y + CARD_H);
    if (i % COLUMNS === COLUMNS - 1 || i === count - 1) doc.moveTo(x + CARD_W, y).lineTo(x + CARD_W, y + CARD_H);
    if (i + COLUMNS >= count) doc.moveTo(x, y + CARD_H).lineTo(x + CARD_W, y + CARD_H);
  }
  doc.stroke().restore();
}

/** The QR code as vector squares: sharp on paper at any printer resolution. */
function drawQr(doc: Doc, link: string, x: number, y: number): void {
  const qr = qrRuns(link);
  const module = QR_SIZE / (qr.size + 2 * QR_QUIET_ZONE);
  const origin = { x: x + QR_QUIET_ZONE * module, y: y + QR_QUIET_ZONE * module };
  // A hair of overlap closes the seams some viewers show between neighbouring squares.
  for (const run of qr.runs) doc.rect(origin.x + run.col * module, origin.y + run.row * module, run.length * module + 0.05, module + 0.05);
  doc.fillColor('#000000').fill();
}

/** Splits words into two lines of the most even width, so no word is left alone on line two. */
function balancedTwoLines(doc: Doc, words: string[]): string[] {
  let best = [words.join(' ')];
  let bestWidth = Infinity;
  for (let k = 1; k < words.length; k++) {
    const lines = [words.slice(0, k).join(' '), words.slice(k).join(' ')];
    const width = Math.max(...lines.map((line) => doc.widthOfString(line)));
    if (width < bestWidth) [best, bestWidth] = [lines, width];
  }
  return best;
}

/**
 * Sets the name's size and returns its lines: one line if it stays large, else two even lines;
 * null means pdfkit wraps it at whatever size fits the box (80 characters fit at 9 pt).
 */
function layoutName(doc: Doc, name: string): string[] | null {
  doc.font('bold');
  if (fitSize(doc, NAME_MAX_PT, NAME_MIN_PT, () => doc.widthOfString(name) <= INNER_W) >= NAME_ONE_LINE_MIN_PT) return [name];
  // A number stays with the word before it: "số 1", "Khối 7" are never split across lines.
  const words = name.split(' ').reduce<string[]>((acc, word) => (/^\d/.test(word) && acc.length ? [...acc.slice(0, -1), `${acc.at(-1)} ${word}`] : [...acc, word]), []);
  doc.fontSize(NAME_MAX_PT);
  const two = words.length > 1 ? balancedTwoLines(doc, words) : [name];
  const twoFit = () => two.every((line) => doc.widthOfString(line) <= INNER_W) && two.length * doc.currentLineHeight(true) <= NAME_BOX_H;
  if (fitSize(doc, NAME_MAX_PT, NAME_MIN_PT, twoFit) >= NAME_TWO_LINES_MIN_PT) return two;
  fitSize(doc, NAME_MAX_PT, NAME_MIN_PT, () => doc.heightOfString(name, { width: INNER_W }) <= NAME_BOX_H);
  return null;
}

/**
 * One line centred in the card, placed by hand: given a width, pdfkit wraps even with
 * `lineBreak: false`, and it measures a line piece by piece (kerning across a "-" is lost), so a
 * line that fits whole could still break after a hyphen of an invite code. False when it does not fit.
 */
function centredLine(doc: Doc, line: string, left: number, y: number, opts: { link?: string } = {}): boolean {
  const width = doc.widthOfString(line);
  if (width > INNER_W) return false;
  doc.text(line, left + (INNER_W - width) / 2, y, { lineBreak: false, ...(opts.link ? { link: opts.link } : {}) });
  return true;
}

/** The name centred in its box; lines are placed one by one because pdfkit shifts a line ending in "\n". */
function drawName(doc: Doc, rawName: string, left: number, top: number): void {
  const name = rawName.trim().replace(/\s+/g, ' ');
  const lines = layoutName(doc, name);
  doc.fillColor('#000000');
  if (!lines) {
    const height = Math.min(doc.heightOfString(name, { width: INNER_W }), NAME_BOX_H);
    doc.text(name, left, top + (NAME_BOX_H - height) / 2, { width: INNER_W, height: NAME_BOX_H, align: 'center', ellipsis: true });
    return;
  }
  const lineHeight = doc.currentLineHeight(true);
  const first = top + (NAME_BOX_H - lines.length * lineHeight) / 2;
  lines.forEach((line, i) => centredLine(doc, line, left, first + i * lineHeight));
}

function drawCard(doc: Doc, card: InviteCard, slot: number, opts: InviteCardsOptions): void {
  const left = PAGE_MARGIN + (slot % COLUMNS) * CARD_W + PAD;
  let y = PAGE_MARGIN + Math.floor(slot / COLUMNS) * CARD_H + PAD;
  drawName(doc, card.unitName, left, y);
  y += NAME_BOX_H + 4;

  doc.font('body').fillColor(GREY);
  fitSize(doc, 11, 7, () => doc.widthOfString(card.role) <= INNER_W);
  if (!centredLine(doc, card.role, left, y)) doc.text(card.role, left, y, { width: INNER_W, height: doc.currentLineHeight(true), align: 'center', ellipsis: true });
  y += 20;

  drawQr(doc, card.link, left, y);
  const column = { x: left + QR_SIZE + 8, width: INNER_W - QR_SIZE - 8 };
  doc.font('body').fontSize(9.5).fillColor('#000000');
  const steps = ['ic-step-1', 'ic-step-2', 'ic-step-3'].map((key) => opts.t(key)).join('\n');
  doc.text(steps, column.x, y + 8, { width: column.width, paragraphGap: 5 });
  const expires = opts.t('ic-expires', { date: formatLocal(card.expiresAt, opts.zone, 'dd/MM/yyyy'), time: formatLocal(card.expiresAt, opts.zone, 'HH:mm') });
  doc.font('bold').fontSize(9).text(expires, column.x, doc.y + 8, { width: column.width });
  doc.font('body').fontSize(8).fillColor(GREY).text(opts.t('ic-once'), column.x, doc.y + 3, { width: column.width });
  y += QR_SIZE + 4;

  doc.font('body').fillColor(GREY);
  fitSize(doc, 8, 5, () => doc.widthOfString(card.link) <= INNER_W);
  // Tappable when the PDF is opened on a phone instead of printed.
  if (!centredLine(doc, card.link, left, y, { link: card.link })) doc.text(card.link, left, y, { width: INNER_W, height: doc.currentLineHeight(true), ellipsis: true, link: card.link });
}

/**
 * A printable A4 PDF of invite cards, six per page (2 × 3) with dashed cut lines. Each card
 * shows the unit's name (large, shrunk to fit), the role, the QR code of the link, the link,
 * when it expires and three steps for an older leader. Texts come from `ic-*` locale keys;
 * DejaVu fonts are embedded so Vietnamese prints and extracts correctly.
 */
export async function buildInviteCardsPdf(cards: InviteCard[], opts: InviteCardsOptions): Promise<Buffer> {
  const doc = new PDFDocument({ size: 'A4', margin: 0, autoFirstPage: false, info: { Title: opts.t('ic-doc-title') } });
  const chunks: Buffer[] = [];
  const done = new Promise<Buffer>((resolve, reject) => {
    doc.on('data', (chunk: Buffer) => chunks.push(chunk));
    doc.on('end', () => resolve(Buffer.concat(chunks)));
    doc.on('error', reject);
  });
  doc.registerFont('body', fontFile('DejaVuSans.ttf'));
  doc.registerFont('bold', fontFile('DejaVuSans-Bold.ttf'));
  for (let first = 0; first < cards.length; first += CARDS_PER_PAGE) {
    const page = cards.slice(first, first + CARDS_PER_PAGE);
    doc.addPage({ size: 'A4', margin: 0 });
    drawCutLines(doc, page.length);
    page.forEach((card, slot) => drawCard(doc, card, slot, opts));
  }
  if (cards.length === 0) doc.addPage({ size: 'A4', margin: 0 });
  doc.end();
  return done;
}
