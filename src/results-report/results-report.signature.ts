import type { Paragraph, Table } from 'docx';
import { onBehalfOf } from './results-report.format.js';
import { CONTENT_WIDTH, para, type ReportContext, SIZE } from './results-report.kit.js';
import { sideBySide } from './results-report.header.js';

const LEFT = Math.round(CONTENT_WIDTH * 0.45);

/** A recipient line as Decree 30 prints it: "- Phòng VH-TT huyện;" (the dash added when missing). */
function recipientLine(text: string): string {
  const line = text.trim();
  return /^[-–•]/.test(line) ? line : `- ${line}`;
}

/** "Nơi nhận:" on the left; "KT. CHỦ TỊCH / PHÓ CHỦ TỊCH", room to sign, and the name on the right. */
export function signatureBlock(ctx: ReportContext): Table {
  const { t, settings } = ctx;
  const left = [
    para(t('rr-recipients'), { bold: true, italics: true, size: SIZE.recipientsHeading, before: 240 }),
    ...settings.recipients.filter((r) => r.trim()).map((r) => para(recipientLine(r), { size: SIZE.recipients })),
  ];
  const head = onBehalfOf(settings.signerTitle);
  const right: Paragraph[] = [
    ...(head ? [para(t('rr-sign-on-behalf', { title: head.toLocaleUpperCase('vi') }), { align: 'center', bold: true, before: 240 })] : []),
    para(settings.signerTitle.trim().toLocaleUpperCase('vi'), { align: 'center', bold: true, ...(head ? {} : { before: 240 }) }),
    // Room for the signature and the seal.
    para('', { after: 1700 }),
    para(settings.signerName.trim(), { align: 'center', bold: true }),
  ];
  return sideBySide(LEFT, left, right);
}
