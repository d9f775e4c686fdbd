import { getDocument, OPS, type PDFDocumentProxy, type PDFPageProxy } from 'pdfjs-dist/legacy/build/pdf.mjs';
import type { TextItem, TextMarkedContent } from 'pdfjs-dist/types/src/display/api.js';

/** Why a file gave no text: a scan (ask for the Word file), not a .docx/.pdf/.txt, broken, or blank. */
export type ExtractRefusal = 'scanned-pdf' | 'unsupported' | 'unreadable' | 'empty';
export type ExtractResult = { ok: true; text: string } | { ok: false; reason: ExtractRefusal };

/** One printed line: the text items that share a baseline, left to right. */
interface Line {
  text: string;
  x: number;
  right: number;
  y: number;
  size: number;
  page: number;
}

/** Below this many characters per page, a PDF with pictures is taken for a scan. */
const SCAN_CHARS_PER_PAGE = 30;
const IMAGE_OPS = new Set<number>([OPS.paintImageXObject, OPS.paintInlineImageXObject, OPS.paintImageMaskXObject, OPS.paintImageXObjectRepeat]);
/** A line that starts a list entry or a heading never continues the line above. */
const STARTS_ENTRY = /^(?:[-–•+*]\s|\d{1,2}(?:\.\d{1,2})*\s*[.,/)]\s|[IVX]{1,4}\s*[.)]\s|[a-zđ]\)\s)/;

/** Text of a PDF's text layer, one paragraph per line; a PDF of pictures only is a scan. */
export async function extractPdfText(bytes: Uint8Array): Promise<ExtractResult> {
  let doc: PDFDocumentProxy;
  try {
    // pdf.js may transfer the buffer it is given; it gets a copy so the caller's bytes stay usable.
    doc = await getDocument({ data: bytes.slice(), verbosity: 0, isEvalSupported: false, disableFontFace: true, useSystemFonts: false }).promise;
  } catch {
    return { ok: false, reason: 'unreadable' };
  }
  try {
    const lines: Line[] = [];
    for (let n = 1; n <= doc.numPages; n++) lines.push(...(await pageLines(await doc.getPage(n), n)));
    const chars = lines.reduce((sum, l) => sum + l.text.replace(/\s/g, '').length, 0);
    if (chars < SCAN_CHARS_PER_PAGE * doc.numPages && (await hasImages(doc))) return { ok: false, reason: 'scanned-pdf' };
    if (chars === 0) return { ok: false, reason: 'empty' };
    return { ok: true, text: paragraphs(lines).join('\n').normalize('NFC') };
  } catch {
    return { ok: false, reason: 'unreadable' };
  } finally {
    await doc.destroy();
  }
}

async function hasImages(doc: PDFDocumentProxy): Promise<boolean> {
  for (let n = 1; n <= doc.numPages; n++) {
    const ops = await (await doc.getPage(n)).getOperatorList();
    if (ops.fnArray.some((fn) => IMAGE_OPS.has(fn))) return true;
  }
  return false;
}

function isText(item: TextItem | TextMarkedContent): item is TextItem {
  return 'str' in item && item.str.length > 0;
}

/** Groups a page's text items into lines by their baseline (y), so headings stay on their own line. */
async function pageLines(page: PDFPageProxy, pageNo: number): Promise<Line[]> {
  const items = (await page.getTextContent()).items.filter(isText).map((it) => ({
    str: it.str,
    x: it.transform[4] as number,
    y: it.transform[5] as number,
    width: it.width,
    size: Math.hypot(it.transform[2] as number, it.transform[3] as number) || it.height || 1,
  }));
  items.sort((a, b) => b.y - a.y || a.x - b.x);
  const rows: (typeof items)[] = [];
  for (const item of items) {
    const row = rows[rows.length - 1];
    const first = row?.[0];
    if (row && first && Math.abs(first.y - item.y) <= Math.min(first.size, item.size) * 0.5) row.push(item);
    else rows.push([item]);
  }
  return rows.map((row) => joinRow(row.sort((a, b) => a.x - b.x), pageNo)).filter((l) => l.text.trim().length > 0);
}

function joinRow(row: { str: string; x: number; y: number; width: number; size: number }[], page: number): Line {
  let text = '';
  let right = -Infinity;
  for (const item of row) {
    const gap = item.x - right;
    if (text && gap > item.size * 0.2 && !/\s$/.test(text) && !/^\s/.test(item.str)) text += ' ';
    text += item.str;
    right = Math.max(right, item.x + item.width);
  }
  const first = row[0];
  return { text: text.replace(/\s+/g, ' ').trim(), x: first?.x ?? 0, right, y: first?.y ?? 0, size: Math.max(...row.map((r) => r.size)), page };
}

/**
 * Puts back together the paragraphs the PDF wrapped: a line continues the one above when that
 * one ran to the right margin (or stopped short of it only because this line's first word would
 * not fit there), the spacing is an ordinary line's (not a paragraph's) and the line does not
 * start a list entry or heading.
 */
function paragraphs(lines: Line[]): string[] {
  const out: string[] = [];
  const pages = new Map<number, { right: number; left: number; gap: number }>();
  for (const p of new Set(lines.map((l) => l.page))) pages.set(p, pageShape(lines.filter((l) => l.page === p)));
  lines.forEach((line, i) => {
    const prev = lines[i - 1];
    if (prev && out.length && continues(prev, line, pages)) out[out.length - 1] += ` ${line.text}`;
    else out.push(line.text);
  });
  return out;
}

function continues(prev: Line, line: Line, pages: Map<number, { right: number; left: number; gap: number }>): boolean {
  const shape = pages.get(prev.page);
  if (!shape || STARTS_ENTRY.test(line.text)) return false;
  // A row also ran to the margin when it ended short only because the next word would not fit on it.
  const charWidth = (prev.right - prev.x) / Math.max(1, prev.text.length);
  const nextWord = /^\S+/.exec(line.text)?.[0].length ?? 0;
  const full = prev.right >= shape.right - 0.15 * (shape.right - shape.left) || prev.right + charWidth * (nextWord + 1) > shape.right;
  if (line.page !== prev.page) return full && line.page === prev.page + 1;
  return full && prev.y - line.y <= shape.gap * 1.2;
}

/** The page's text block edges and its line spacing: the smallest gap between consecutive lines. */
function pageShape(lines: Line[]): { right: number; left: number; gap: number } {
  const gaps = lines.slice(1).map((l, i) => (lines[i]?.y ?? 0) - l.y).filter((g, i) => g >= (lines[i]?.size ?? 0) * 0.8);
  return {
    right: Math.max(...lines.map((l) => l.right)),
    left: Math.min(...lines.map((l) => l.x)),
    gap: gaps.length ? Math.min(...gaps) : Infinity,
  };
}
