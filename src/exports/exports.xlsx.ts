import ExcelJS from 'exceljs';
import { formatLocal } from '../core/clock.js';
import type { Translate } from '../telegram/context.js';
import { type Column, summaryColumns, unitColumns } from './exports.columns.js';
import { sheetNames } from './exports.names.js';
import type { ExportData } from './exports.service.js';

/** One sheet: a bold, frozen header row with a filter, then the rows. */
export function addTable<R>(wb: ExcelJS.Workbook, name: string, columns: Column<R>[], rows: R[]): ExcelJS.Worksheet {
  const sheet = wb.addWorksheet(name, { views: [{ state: 'frozen', ySplit: 1 }] });
  sheet.columns = columns.map((c) => ({ header: c.header, width: c.width }));
  rows.forEach((row, i) => sheet.addRow(columns.map((c) => c.value(row, i))));
  const header = sheet.getRow(1);
  header.font = { bold: true };
  header.alignment = { vertical: 'middle', wrapText: true };
  header.fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: 'FFE8EEF7' } };
  sheet.autoFilter = { from: { row: 1, column: 1 }, to: { row: 1, column: columns.length } };
  return sheet;
}

/**
 * The workbook: a summary sheet (one row per task, then who made it and when), then one sheet
 * per task with every unit it was given. Vietnamese headers, header row frozen.
 */
export async function buildXlsx(data: ExportData, t: Translate, zone: string): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  wb.creator = t('ex-creator');
  wb.created = data.generatedAt;
  const summaryName = t('ex-sheet-summary');
  const summary = addTable(
    wb,
    summaryName,
    summaryColumns(t, zone, data.tasks.some((x) => x.progress.endsAt)),
    data.tasks.map((x) => x.progress),
  );
  summary.addRow([]);
  summary.addRow([t('ex-summary-campaign', { campaign: data.campaignName })]);
  summary.addRow([t('ex-summary-generated', { at: formatLocal(data.generatedAt, zone) })]);
  const names = sheetNames(
    data.tasks.map((x, i) => `${i + 1}. ${x.progress.title}`),
    [summaryName],
  );
  data.tasks.forEach((task, i) => addTable(wb, names[i] ?? `${i + 1}`, unitColumns(t, zone, task.progress.numberLabel, !!task.progress.endsAt), task.rows));
  return Buffer.from(await wb.xlsx.writeBuffer());
}
