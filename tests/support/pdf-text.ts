import { getDocument } from 'pdfjs-dist/legacy/build/pdf.mjs';
import type { TextItem, TextMarkedContent } from 'pdfjs-dist/types/src/display/api.js';

/** The text of each page of a PDF, as pdfjs extracts it (NFC, runs of spaces joined): what a reader's search would find. */
export async function pdfPageTexts(pdf: Buffer | Uint8Array): Promise<string[]> {
  const doc = await getDocument({ data: new Uint8Array(pdf), verbosity: 0, isEvalSupported: false, disableFontFace: true }).promise;
  const pages: string[] = [];
  for (let n = 1; n <= doc.numPages; n++) {
    const content = await (await doc.getPage(n)).getTextContent();
    const texts = content.items.filter((it: TextItem | TextMarkedContent): it is TextItem => 'str' in it);
    pages.push(texts.map((it) => it.str + (it.hasEOL ? ' ' : '')).join('').replace(/\s+/g, ' ').normalize('NFC'));
  }
  await doc.destroy();
  return pages;
}
