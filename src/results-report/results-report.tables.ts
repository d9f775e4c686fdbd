import { BorderStyle, type Paragraph, Table, TableCell, TableLayoutType, TableRow, VerticalAlign, WidthType } from 'docx';
import type { ResultsReportRow, ResultsReportTask } from './results-report.data.js';
import { formatCount, formatDateTime } from './results-report.format.js';
import { CONTENT_WIDTH, para, type ParaStyle, type ReportContext, runs, SIZE } from './results-report.kit.js';

// STT, unit, status, figure, note, reported at; the note takes what is left.
const FIXED = [750, 2000, 1500, 1500, 0, 1700];
const WIDTHS = FIXED.map((w) => (w === 0 ? CONTENT_WIDTH - FIXED.reduce((a, b) => a + b, 0) : w));

const LINE = { style: BorderStyle.SINGLE, size: 4, color: '000000' } as const;
const BORDERS = { top: LINE, bottom: LINE, left: LINE, right: LINE };

function cell(index: number, children: Paragraph[]): TableCell {
  return new TableCell({
    width: { size: WIDTHS[index] ?? 0, type: WidthType.DXA },
    borders: BORDERS,
    verticalAlign: VerticalAlign.CENTER,
    margins: { top: 40, bottom: 40, left: 70, right: 70 },
    children,
  });
}

function text(value: string, style: ParaStyle = {}): Paragraph {
  return para(value, { size: SIZE.table, ...style });
}

function headerRow(task: ResultsReportTask, ctx: ReportContext): TableRow {
  const { t } = ctx;
  const labels = ['rr-col-index', 'rr-col-unit', 'rr-col-status', 'rr-col-number', 'rr-col-note', 'rr-col-reported-at'].map((k) => t(k));
  const cells = labels.map((label, i) => {
    const children = [text(label, { bold: true, align: 'center' })];
    // The figure's column says what it counts ("Số hộ treo cờ").
    if (i === 3 && task.number) children.push(text(`(${task.number.label})`, { italics: true, align: 'center', size: SIZE.caption }));
    return cell(i, children);
  });
  return new TableRow({ tableHeader: true, cantSplit: true, children: cells });
}

/** "115/120" against the unit's households when the task counts households, else the number alone. */
function figure(task: ResultsReportTask, row: ResultsReportRow): string {
  if (row.numberValue === null) return '';
  const value = formatCount(row.numberValue);
  return task.number?.kind === 'households' && row.households ? `${value}/${formatCount(row.households)}` : value;
}

function reportedAt(row: ResultsReportRow, ctx: ReportContext): Paragraph[] {
  if (!row.reportedAt) return [text('')];
  const at = text(formatDateTime(row.reportedAt, ctx.zone), { align: 'center' });
  return row.late ? [at, text(ctx.t('rr-late-mark'), { italics: true, align: 'center' })] : [at];
}

function unitRow(task: ResultsReportTask, row: ResultsReportRow, index: number, ctx: ReportContext): TableRow {
  return new TableRow({
    cantSplit: true,
    children: [
      cell(0, [text(String(index + 1), { align: 'center' })]),
      cell(1, [text(row.unitName)]),
      cell(2, [text(ctx.t(`rr-status-${row.outcome.replace('_', '-')}`))]),
      cell(3, [text(figure(task, row), { align: 'center' })]),
      cell(4, [para(runs(row.note ?? '', { size: SIZE.table }))]),
      cell(5, reportedAt(row, ctx)),
    ],
  });
}

/** One task's table: every unit it was given, with its status, figure, note and when it reported. */
export function taskTable(task: ResultsReportTask, ctx: ReportContext): Table {
  return new Table({
    width: { size: CONTENT_WIDTH, type: WidthType.DXA },
    columnWidths: WIDTHS,
    layout: TableLayoutType.FIXED,
    rows: [headerRow(task, ctx), ...task.rows.map((row, i) => unitRow(task, row, i, ctx))],
  });
}
