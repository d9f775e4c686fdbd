
export { joinPastedParts } from './paste-join.js';

import type { ExtractResult } from './extract-pdf.js';
export type { ExtractRefusal, ExtractResult } from './extract-pdf.js';

/** A document as Telegram hands it over: its bytes, `file_name` and `mime_type`. */
export interface PlanFile {
  bytes: Uint8Array;
  fileName: string;
  mimeType?: string;
}

type Format = 'docx' | 'pdf' | 'txt';

/**
 * Extracts the text of a plan sent as a file: .docx (mammoth), .pdf (pdf.js text layer, lines
 * rebuilt from positions) or .txt (UTF-8, or UTF-16 with a byte-order mark). Paragraphs come
 * out one per line. The old binary .doc is 'unsupported' (mammoth reads only .docx).
 */
export async function extractPlanText(file: PlanFile): Promise<ExtractResult> {
  const format = detectFormat(file);
  if (!format) return { ok: false, reason: 'unsupported' };
  const result = format === 'pdf' ? await (await import('./extract-pdf.js')).extractPdfText(file.bytes) : format === 'docx' ? await extractDocx(file.bytes) : decodeText(file.bytes);
  if (!result.ok) return result;
  const text = result.text.normalize('NFC').replace(/\r\n?/g, '\n').trim();
  return text ? { ok: true, text } : { ok: false, reason: 'empty' };
}

/** By content first (a PDF or zip signature), then by name and MIME type. */
function detectFormat(file: PlanFile): Format | null {
  const head = new TextDecoder('latin1').decode(file.bytes.subarray(0, 1024));
  const ext = /\.([a-z0-9]+)$/i.exec(file.fileName)?.[1]?.toLowerCase() ?? '';
  const mime = file.mimeType?.toLowerCase() ?? '';
  if (head.includes('%PDF-')) return 'pdf';
  if (head.startsWith('PK\u0003\u0004')) return ext === 'docx' || mime.includes('wordprocessingml') || !ext ? 'docx' : null;
  if (ext === 'pdf' || mime === 'application/pdf') return 'pdf';
  if (ext === 'docx') return 'docx';
  if (ext === 'txt' || mime.startsWith('text/plain')) return 'txt';
  return null;
}

async function extractDocx(bytes: Uint8Array): Promise<ExtractResult> {
  try {
    const { default: mammoth } = await import('mammoth');
    const { value } = await mammoth.extractRawText({ buffer: Buffer.from(bytes) });
    return { ok: true, text: value };
  } catch {
    return { ok: false, reason: 'unreadable' };
  }
}

function decodeText(bytes: Uint8Array): ExtractResult {
  const utf16 = bytes[0] === 0xff && bytes[1] === 0xfe ? 'utf-16le' : bytes[0] === 0xfe && bytes[1] === 0xff ? 'utf-16be' : null;
  try {
    // TextDecoder drops the byte-order mark itself; a fatal decoder refuses bytes that are not the encoding.
    return { ok: true, text: new TextDecoder(utf16 ?? 'utf-8', { fatal: true }).decode(bytes) };
  } catch {
    return { ok: false, reason: 'unreadable' };
  }
}
