import { AlignmentType, Document, Header, Packer, PageNumber, Paragraph, TextRun } from 'docx';
import { overallSection, propagandaSection, resultsSection } from './results-report.body.js';
import type { ResultsReportData } from './results-report.data.js';
import { headerTable, subjectOf, titleBlock } from './results-report.header.js';
import { bodyPara, FONT, mmToTwips, PAGE, type ReportContext, type ReportSettings, SIZE, type Translate } from './results-report.kit.js';
import { type PhotoSource, photosSection } from './results-report.photos.js';
import { signatureBlock } from './results-report.signature.js';

export type { ReportSettings, Translate } from './results-report.kit.js';
export type { PhotoSource } from './results-report.photos.js';

export interface ResultsReportOptions {
  /** Texts in the member's language (Vietnamese by default); keys are `rr-…`. */
  t: Translate;
  /** Dates and times are printed in this zone (dd/MM/yyyy). */
  zone: string;
  /** The report's date, printed in the header. */
  now: Date;
  /** The bytes of a report photo by its Telegram file_id, or null when it cannot be had (left out, with a note). */
  photos: PhotoSource;
}

/** Decree 30 numbers pages at the top centre, from the second page on. */
function pageNumberHeader(): Header {
  return new Header({ children: [new Paragraph({ alignment: AlignmentType.CENTER, children: [new TextRun({ children: [PageNumber.CURRENT], size: SIZE.header })] })] });
}

/**
 * The campaign results report as a DOCX in the layout of Decree 30/2020/NĐ-CP: header, "BÁO CÁO"
 * and its subject, I. propaganda actually sent, II. results per activity (figures and a table per
 * task), III. overall assessment, IV. photo appendix, then "Nơi nhận" and the signature block. A4, Times New Roman 14 pt.
 * The clerk edits and signs it; nothing here is sent anywhere.
 */
export async function buildResultsReportDocx(data: ResultsReportData, settings: ReportSettings, opts: ResultsReportOptions): Promise<Buffer> {
  const ctx: ReportContext = { t: opts.t, zone: opts.zone, now: opts.now, settings };
  const photos = await photosSection(data, ctx, opts.photos);
  const closing = opts.t('rr-closing', { subject: subjectOf(data, ctx), office: settings.officeName.trim() });
  const margins = PAGE.marginsMm;
  const doc = new Document({
    creator: opts.t('rr-creator'),
    title: opts.t('rr-subject', { subject: subjectOf(data, ctx) }),
    styles: { default: { document: { run: { font: FONT, size: SIZE.body } } } },
    sections: [
      {
        properties: {
          titlePage: true,
          page: {
            size: { width: PAGE.width, height: PAGE.height },
            margin: { top: mmToTwips(margins.top), bottom: mmToTwips(margins.bottom), left: mmToTwips(margins.left), right: mmToTwips(margins.right) },
          },
        },
        headers: { default: pageNumberHeader(), first: new Header({ children: [] }) },
        children: [
          headerTable(ctx),
          ...titleBlock(data, ctx),
          ...propagandaSection(data.propaganda, ctx),
          ...resultsSection(data, ctx),
          ...overallSection(data, ctx),
          ...photos,
          bodyPara(closing, { before: 120, keepNext: true }),
          signatureBlock(ctx),
        ],
      },
    ],
  });
  return Packer.toBuffer(doc);
}
