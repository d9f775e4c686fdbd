import JSZip from 'jszip';

const unescape = (s: string) => s.replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&quot;/g, '"').replace(/&apos;/g, "'").replace(/&amp;/g, '&');
const paragraphs = (xml: string) =>
  (xml.match(/<w:p[ >][\s\S]*?<\/w:p>/g) ?? []).map((p) => unescape((p.match(/<w:t[^>]*>[^<]*<\/w:t>|<w:br\/>/g) ?? []).map((r) => (r === '<w:br/>' ? '\n' : r.replace(/<[^>]+>/g, ''))).join('')));
const cellText = (tc: string) => paragraphs(tc).filter(Boolean).join('\n');
const tables = (xml: string) =>
  (xml.match(/<w:tbl>[\s\S]*?<\/w:tbl>/g) ?? []).map((tbl) => (tbl.match(/<w:tr[ >][\s\S]*?<\/w:tr>/g) ?? []).map((tr) => (tr.match(/<w:tc>[\s\S]*?<\/w:tc>/g) ?? []).map(cellText)));

/** A .docx as a test reads it: its XML, the paragraphs outside tables, the tables' cell texts, the images. */
export async function unzip(buf: Buffer) {
  const zip = await JSZip.loadAsync(buf);
  const read = (name: string) => zip.file(name)?.async('string') ?? Promise.reject(new Error(`${name} missing`));
  const xml = await read('word/document.xml');
  return {
    xml,
    styles: await read('word/styles.xml'),
    media: Object.keys(zip.files).filter((n) => n.startsWith('word/media/')),
    tables: tables(xml),
    body: paragraphs(xml.replace(/<w:tbl>[\s\S]*?<\/w:tbl>/g, '')).filter(Boolean),
  };
}
