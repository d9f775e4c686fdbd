import { AlignmentType, BorderStyle, type IRunPropertiesOptions, Paragraph, type ParagraphChild, TextRun } from 'docx';
import { xmlSafe } from './results-report.format.js';

/** Who issues the report and who signs it; from /settings. */
export interface ReportSettings {
  /** "UBND thị trấn Cao Lộc": printed in capitals in the header, as written in sentences. */
  officeName: string;
  /** "UBND huyện Cao Lộc": above the office in the header. */
  parentBody: string;
  /** "Cao Lộc", before the date. */
  place: string;
  /** "PHÓ CHỦ TỊCH" (then "KT. CHỦ TỊCH" is printed above it) or "CHỦ TỊCH". */
  signerTitle: string;
  signerName: string;
  /** "Nơi nhận:" lines, e.g. "Phòng VH-TT huyện (B/C);", "Lưu: VT, VH-TT." */
  recipients: string[];
  /** "Kế hoạch số 45/KH-UBND ngày 10/3/2023", cited in the opening sentence. */
  planCitation?: string | undefined;
}

import type { Translate } from '../core/translate.js';
export type { Translate };

export interface ReportContext {
  t: Translate;
  zone: string;
  now: Date;
  settings: ReportSettings;
}

export const FONT = 'Times New Roman';

/** Font sizes in half-points (Decree 30: body 13–14 pt; "Nơi nhận" 12 pt heading, 11 pt list). */
export const SIZE = { body: 28, header: 26, table: 26, caption: 24, recipientsHeading: 24, recipients: 22 } as const;

/** A4 in twips and Decree 30 margins in millimetres (top/bottom 20–25, left 30–35, right 15–20). */
export const PAGE = { width: 11906, height: 16838, marginsMm: { top: 20, bottom: 20, left: 30, right: 15 } } as const;

export function mmToTwips(mm: number): number {
  return Math.round((mm * 1440) / 25.4);
}

/** The writing width between the margins, in twips. */
export const CONTENT_WIDTH = PAGE.width - mmToTwips(PAGE.marginsMm.left) - mmToTwips(PAGE.marginsMm.right);

type RunStyle = Pick<IRunPropertiesOptions, 'bold' | 'italics' | 'size' | 'underline'>;

/** Text as runs: characters XML forbids dropped, line breaks in user text kept as breaks. */
export function runs(text: string, style: RunStyle = {}): TextRun[] {
  return xmlSafe(text)
    .split(/\r\n|\r|\n/)
    .map((line, i) => new TextRun({ text: line, ...style, ...(i > 0 ? { break: 1 } : {}) }));
}

export interface ParaStyle extends RunStyle {
  align?: 'left' | 'center' | 'right' | 'justify';
  /** First-line indent, the usual 1 cm of body paragraphs. */
  indent?: boolean;
  after?: number;
  before?: number;
  keepNext?: boolean;
}

const ALIGN = { left: AlignmentType.LEFT, center: AlignmentType.CENTER, right: AlignmentType.RIGHT, justify: AlignmentType.JUSTIFIED } as const;

/** One paragraph; a string is styled with the run options, ready-made children are used as they are. */
export function para(content: string | ParagraphChild[], style: ParaStyle = {}): Paragraph {
  const { align, indent, after, before, keepNext, ...run } = style;
  return new Paragraph({
    children: typeof content === 'string' ? runs(content, run) : content,
    alignment: ALIGN[align ?? 'left'],
    spacing: { before: before ?? 0, after: after ?? 0 },
    ...(indent ? { indent: { firstLine: mmToTwips(10) } } : {}),
    ...(keepNext ? { keepNext: true } : {}),
    ...(run.size ? { run: { size: run.size } } : {}),
  });
}

/** A body paragraph: justified, first line indented, 6 pt after (Decree 30). */
export function bodyPara(content: string | ParagraphChild[], style: ParaStyle = {}): Paragraph {
  return para(content, { align: 'justify', indent: true, after: 120, ...style });
}

/**
 * A short horizontal rule under a header line, `width` twips long, centred in a cell `cellWidth` wide:
 * an empty, tiny paragraph with a bottom border, since Word draws paragraph borders between the indents.
 */
export function rule(width: number, cellWidth: number): Paragraph {
  const side = Math.max(0, Math.round((cellWidth - width) / 2));
  return new Paragraph({
    children: [],
    indent: { left: side, right: side },
    spacing: { before: 0, after: 0, line: 60, lineRule: 'exact' },
    border: { bottom: { style: BorderStyle.SINGLE, size: 6, color: '000000', space: 1 } },
    run: { size: 2 },
  });
}
