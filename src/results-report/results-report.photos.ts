import { createCanvas, Image } from '@napi-rs/canvas';
import { ImageRun, type Paragraph, Table, TableBorders, TableCell, TableLayoutType, TableRow, VerticalAlign, WidthType } from 'docx';
import type { ResultsReportData, ResultsReportPhoto } from './results-report.data.js';
import { formatDate, xmlSafe } from './results-report.format.js';
import { bodyPara, CONTENT_WIDTH, para, type ReportContext, SIZE } from './results-report.kit.js';

export type PhotoSource = (fileId: string) => Promise<Buffer | null>;

interface Picture {
  data: Buffer;
  type: 'jpg' | 'png' | 'gif' | 'bmp';
  width: number;
  height: number;
}

// Two photos side by side; pixels at 96 per inch, as ImageRun takes them.
const CELL = Math.floor(CONTENT_WIDTH / 2);
const MAX_WIDTH = Math.floor(((CELL - 240) / 1440) * 96);
const MAX_HEIGHT = 230;
/** Photo downloads in flight at once (the lead backs the source by Telegram getFile). */
const PARALLEL = 4;
/** Longest side kept: printed 7–8 cm wide, 900 px is well above 250 dpi, and the file stays small enough to send. */
const MAX_SOURCE_SIDE = 900;

function imageType(data: Buffer): Picture['type'] | null {
  if (data.subarray(0, 8).equals(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]))) return 'png';
  if (data[0] === 0xff && data[1] === 0xd8) return 'jpg';
  if (data.subarray(0, 3).toString('latin1') === 'GIF') return 'gif';
  if (data.subarray(0, 2).toString('latin1') === 'BM') return 'bmp';
  return null;
}

/** The picture if the bytes are an image Word can show (its size read by decoding it), large ones scaled down as JPEG. */
function picture(data: Buffer | null): Picture | null {
  const type = data ? imageType(data) : null;
  if (!data || !type) return null;
  const image = new Image();
  image.src = data;
  const { width, height } = image;
  if (width <= 0 || height <= 0) return null;
  const scale = MAX_SOURCE_SIDE / Math.max(width, height);
  if (scale >= 1) return { data, type, width, height };
  const canvas = createCanvas(Math.max(1, Math.round(width * scale)), Math.max(1, Math.round(height * scale)));
  const g = canvas.getContext('2d');
  // JPEG has no transparency: a PNG's clear parts become white, as on paper.
  g.fillStyle = '#ffffff';
  g.fillRect(0, 0, canvas.width, canvas.height);
  g.drawImage(image, 0, 0, canvas.width, canvas.height);
  return { data: canvas.toBuffer('image/jpeg', 85), type: 'jpg', width: canvas.width, height: canvas.height };
}

/** Fetches every photo, a few at a time; one that fails or is not an image becomes null. */
async function loadAll(photos: ResultsReportPhoto[], source: PhotoSource): Promise<(Picture | null)[]> {
  const out: (Picture | null)[] = new Array<Picture | null>(photos.length).fill(null);
  let next = 0;
  const worker = async () => {
    while (next < photos.length) {
      const i = next++;
      const photo = photos[i];
      if (!photo) continue;
      const bytes = await source(photo.fileId).catch(() => null);
      try {
        out[i] = picture(bytes);
      } catch {
        // A damaged file is left out with a note, like a missing one; the report still gets made.
        out[i] = null;
      }
    }
  };
  await Promise.all(Array.from({ length: Math.min(PARALLEL, photos.length) }, worker));
  return out;
}

function figure(photo: ResultsReportPhoto, pic: Picture | null, index: number, ctx: ReportContext): Paragraph[] {
  const caption = para(ctx.t('rr-photo-caption', { index, unit: photo.unitName, task: photo.taskTitle, date: formatDate(photo.sentAt, ctx.zone) }), {
    align: 'center',
    italics: true,
    size: SIZE.caption,
    after: 120,
  });
  if (!pic) return [para(ctx.t('rr-photo-missing'), { align: 'center', size: SIZE.caption, before: 120 }), caption];
  const scale = Math.min(1, MAX_WIDTH / pic.width, MAX_HEIGHT / pic.height);
  const image = new ImageRun({
    type: pic.type,
    data: pic.data,
    transformation: { width: Math.max(1, Math.round(pic.width * scale)), height: Math.max(1, Math.round(pic.height * scale)) },
    altText: { name: `photo-${index}`, description: xmlSafe(`${photo.unitName} · ${photo.taskTitle}`), title: xmlSafe(photo.unitName) },
  });
  return [para([image], { align: 'center', before: 120 }), caption];
}

function gridCell(children: Paragraph[]): TableCell {
  // Bottom-aligned, so the captions of a row line up whatever the photos' heights.
  return new TableCell({
    width: { size: CELL, type: WidthType.DXA },
    borders: TableBorders.NONE,
    verticalAlign: VerticalAlign.BOTTOM,
    children: children.length ? children : [para('')],
  });
}

/** III. The photo appendix: two per row, each captioned unit · task · date. */
export async function photosSection(data: ResultsReportData, ctx: ReportContext, source: PhotoSource): Promise<(Paragraph | Table)[]> {
  const heading = bodyPara(ctx.t('rr-section-photos'), { bold: true, keepNext: true, before: 120 });
  if (data.photos.length === 0) return [heading, bodyPara(ctx.t('rr-photos-none'))];
  const pictures = await loadAll(data.photos, source);
  const figures = data.photos.map((photo, i) => figure(photo, pictures[i] ?? null, i + 1, ctx));
  const rows: TableRow[] = [];
  for (let i = 0; i < figures.length; i += 2) {
    rows.push(new TableRow({ cantSplit: true, children: [gridCell(figures[i] ?? []), gridCell(figures[i + 1] ?? [])] }));
  }
  const grid = new Table({ width: { size: CELL * 2, type: WidthType.DXA }, columnWidths: [CELL, CELL], layout: TableLayoutType.FIXED, borders: TableBorders.NONE, rows });
  return [heading, grid];
}
