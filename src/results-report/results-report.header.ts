import { type Paragraph, Table, TableBorders, TableCell, TableLayoutType, TableRow, WidthType } from 'docx';
import type { ResultsReportData } from './results-report.data.js';
import { DateTime } from 'luxon';
import { documentDateParts, formatIsoDate, lowerFirst, titleIsActivities } from './results-report.format.js';
import { bodyPara, CONTENT_WIDTH, para, type ReportContext, rule, SIZE } from './results-report.kit.js';

// The left column holds the issuing body, the right the national title, which must fit on one line at 13 pt.
const LEFT = Math.round(CONTENT_WIDTH * 0.36);
const RIGHT = CONTENT_WIDTH - LEFT;

function upper(text: string): string {
  return text.trim().toLocaleUpperCase('vi');
}

function cell(width: number, children: Paragraph[]): TableCell {
  return new TableCell({ width: { size: width, type: WidthType.DXA }, borders: TableBorders.NONE, margins: { left: 0, right: 0 }, children });
}

/** A borderless two-column table, as Decree 30 places side-by-side blocks. */
export function sideBySide(leftWidth: number, left: Paragraph[], right: Paragraph[]): Table {
  return new Table({
    width: { size: CONTENT_WIDTH, type: WidthType.DXA },
    columnWidths: [leftWidth, CONTENT_WIDTH - leftWidth],
    layout: TableLayoutType.FIXED,
    borders: TableBorders.NONE,
    // Kept on one page: a signature block must not be torn from its title.
    rows: [new TableRow({ cantSplit: true, children: [cell(leftWidth, left), cell(CONTENT_WIDTH - leftWidth, right)] })],
  });
}

/** The header: issuing body and number on the left; national title, motto and place/date on the right. */
export function headerTable(ctx: ReportContext): Table {
  const { t, settings } = ctx;
  const date = documentDateParts(ctx.now, ctx.zone);
  const left = [
    para(upper(settings.parentBody), { align: 'center', size: SIZE.header }),
    para(upper(settings.officeName), { align: 'center', size: SIZE.header, bold: true }),
    rule(Math.round(LEFT / 3), LEFT),
    para(t('rr-number'), { align: 'center', size: SIZE.header, before: 120 }),
  ];
  const right = [
    para(t('rr-country'), { align: 'center', size: SIZE.header, bold: true }),
    para(t('rr-motto'), { align: 'center', size: SIZE.body, bold: true }),
    rule(3900, RIGHT),
    para(t('rr-place-date', { place: settings.place.trim(), ...date }), { align: 'center', size: SIZE.body, italics: true, before: 120 }),
  ];
  return sideBySide(LEFT, left, right);
}

/** "tổ chức các hoạt động …" from the campaign title, for the subject line and sentences. */
export function subjectOf(data: ResultsReportData, ctx: ReportContext): string {
  const title = lowerFirst(data.campaign.title);
  return titleIsActivities(data.campaign.title) ? title : ctx.t('rr-subject-activities', { campaign: title });
}

/** "BÁO CÁO", its subject line, and the opening sentence citing the plan. */
export function titleBlock(data: ResultsReportData, ctx: ReportContext): Paragraph[] {
  const { t, settings } = ctx;
  const subject = subjectOf(data, ctx);
  const { startsOn, endsOn } = data.campaign;
  const vars = { plan: settings.planCitation?.trim() || t('rr-plan-default'), subject, office: settings.officeName.trim() };
  const today = DateTime.fromJSDate(ctx.now, { zone: ctx.zone });
  // Before the campaign's last day is over, the figures are those of today, not of a finished campaign.
  const ongoing = endsOn !== null && (today.toISODate() ?? '') <= endsOn;
  const intro = ongoing
    ? t('rr-intro-so-far', { ...vars, date: today.toFormat('dd/MM/yyyy') })
    : startsOn && endsOn
      ? t('rr-intro-period', { ...vars, from: formatIsoDate(startsOn), to: formatIsoDate(endsOn) })
      : t('rr-intro', vars);
  return [
    para(t('rr-title'), { align: 'center', bold: true, size: SIZE.body, before: 360 }),
    para(t('rr-subject', { subject }), { align: 'center', bold: true, size: SIZE.body }),
    rule(1800, CONTENT_WIDTH),
    bodyPara(intro, { before: 240 }),
  ];
}
