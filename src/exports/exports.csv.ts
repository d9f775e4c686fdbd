import type { Translate } from '../telegram/context.js';
import { type Cell, unitColumns } from './exports.columns.js';
import type { ExportData } from './exports.service.js';

/** Excel reads a UTF-8 file as UTF-8 only when it starts with this byte order mark. */
const BOM = '\uFEFF';

/**
 * One CSV field (RFC 4180): quoted when it holds a comma, quote or line break. Text a
 * spreadsheet would run as a formula (= + - @ at the start) is prefixed with an apostrophe.
 */
export function csvField(value: Cell): string {
  if (value === null) return '';
  if (typeof value === 'number') return String(value);
  const safe = /^[=+\-@\t\r]/.test(value) ? `'${value}` : value;
  return /[",\r\n]/.test(safe) ? `"${safe.replace(/"/g, '""')}"` : safe;
}

/** All tasks in one table: a task column first, then the same columns as the task sheets. */
export function buildCsv(data: ExportData, t: Translate, zone: string): Buffer {
  // The take-down column as in the XLSX: when some task ran over a period (flags to take down).
  const columns = unitColumns(t, zone, data.tasks.length === 1 ? (data.tasks[0]?.progress.numberLabel ?? null) : null, data.tasks.some((x) => !!x.progress.endsAt));
  const lines = [[t('ex-col-task'), ...columns.map((c) => c.header)].map(csvField).join(',')];
  for (const task of data.tasks) {
    task.rows.forEach((row, i) => lines.push([task.progress.title, ...columns.map((c) => c.value(row, i))].map(csvField).join(',')));
  }
  return Buffer.from(BOM + lines.join('\r\n') + '\r\n', 'utf8');
}
