import ExcelJS from 'exceljs';
import type { Clock } from '../core/clock.js';
import { formatLocal } from '../core/clock.js';
import type { Db } from '../core/db.js';
import { inOffice } from '../core/office-scope.js';
import type { Translate } from '../core/translate.js';
import type { Column } from '../exports/exports.columns.js';
import { unitColumns } from '../exports/exports.columns.js';
import { sheetNames } from '../exports/exports.names.js';
import { type ExportRow, loadExport } from '../exports/exports.service.js';
import { addTable } from '../exports/exports.xlsx.js';
import type { CommuneProgress, ProvinceSend } from './province.service.js';
import { communeName } from './province.text.js';

export interface CommuneSheet {
  commune: CommuneProgress;
  numberLabel: string | null;
  rows: ExportRow[];
}

/**
 * Each commune's units for the send, read as the commune's own /export reads them (inside the
 * commune's scope); the communes come from this province's own roll-up, never from a button.
 */
export async function loadCommuneSheets(db: Db, clock: Clock, actorId: number, communes: CommuneProgress[]): Promise<CommuneSheet[]> {
  const sheets: CommuneSheet[] = [];
  for (const commune of communes) {
    const taskId = commune.taskId;
    const result = taskId ? await inOffice(commune.officeId, () => loadExport(db, clock, actorId, { kind: 'task', id: taskId })) : null;
    const task = result?.ok ? result.data.tasks[0] : undefined;
    sheets.push({ commune, numberLabel: task?.progress.numberLabel ?? null, rows: task?.rows ?? [] });
  }
  return sheets;
}

function summaryColumns(t: Translate): Column<CommuneProgress>[] {
  return [
    { header: t('ex-col-index'), width: 6, value: (_r, i) => i + 1 },
    { header: t('pv-col-commune'), width: 28, value: (r) => communeName(t, r) },
    { header: t('pv-col-state'), width: 24, value: (r) => t(`pv-state-${r.state}`) },
    { header: t('pv-col-units'), width: 12, value: (r) => (r.state === 'kept' ? r.assigned : null) },
    { header: t('pv-col-reported'), width: 12, value: (r) => (r.state === 'kept' ? r.reported : null) },
    { header: t('pv-col-percent'), width: 10, value: (r) => (r.state === 'kept' && r.assigned > 0 ? Math.round((100 * r.reported) / r.assigned) : null) },
    { header: t('pv-col-number'), width: 14, value: (r) => (r.state === 'kept' ? r.numberTotal : null) },
    { header: t('pv-col-households'), width: 14, value: (r) => (r.state === 'kept' ? r.households : null) },
  ];
}

/** The province's workbook: a summary (one row per commune), then one sheet per commune with its units. */
export async function buildProvinceXlsx(t: Translate, send: ProvinceSend, sheets: CommuneSheet[], at: Date, zone: string): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  wb.creator = t('ex-creator');
  wb.created = at;
  const summaryName = t('ex-sheet-summary');
  const summary = addTable(wb, summaryName, summaryColumns(t), sheets.map((s) => s.commune));
  summary.addRow([]);
  summary.addRow([t('pv-export-send', { title: send.title, due: formatLocal(send.dueAt, zone) })]);
  summary.addRow([t('ex-summary-generated', { at: formatLocal(at, zone) })]);
  const names = sheetNames(sheets.map((s) => communeName(t, s.commune)), [summaryName]);
  sheets.forEach((s, i) => addTable(wb, names[i] ?? `${i + 1}`, unitColumns(t, zone, s.numberLabel), s.rows));
  return Buffer.from(await wb.xlsx.writeBuffer());
}
