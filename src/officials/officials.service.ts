import type { Db } from '../core/db.js';
import type { ReportFlag, ReportStatus } from '../core/schema.js';
import { type ReportStanding, reportStanding, toReportView } from '../reports/report-view.js';
import { findNames, findReportDetailRow, findUnitName, listCurrentPhotoRows, listTaskReportsPage, listUnitHistoryRows, listUnitsPage } from './officials.queries.js';

/** An evidence flag with the names it points at, ready to show. */
export type FlagNote =
  | { kind: 'photo-reused'; fileUniqueId: string; otherTask: string; otherUnit: string }
  | { kind: 'photo-before-task'; fileUniqueId: string; sentAt: Date };

/** Where a unit stands on a task (the reports slice's read model). */
export type ReportState = ReportStanding;

export const PAGE_SIZE = 8;
const HISTORY_LIMIT = 30;

/** Resolves the task and unit names of many reports' flags with two queries. */
export async function describeFlags(db: Db, lists: ReportFlag[][]): Promise<FlagNote[][]> {
  const reused = lists.flat().filter((f) => f.kind === 'photo-reused');
  const names = await findNames(db, [...new Set(reused.map((f) => f.otherTaskId))], [...new Set(reused.map((f) => f.otherUnitId))]);
  return lists.map((flags) =>
    flags.map((f) =>
      f.kind === 'photo-reused'
        ? { kind: f.kind, fileUniqueId: f.fileUniqueId, otherTask: names.tasks.get(f.otherTaskId) ?? `#${f.otherTaskId}`, otherUnit: names.units.get(f.otherUnitId) ?? `#${f.otherUnitId}` }
        : { kind: f.kind, fileUniqueId: f.fileUniqueId, sentAt: new Date(f.sentAt) },
    ),
  );
}

export interface ReportDetail {
  taskId: number;
  title: string;
  taskOpen: boolean;
  dueAt: Date;
  unitId: number;
  unitName: string;
  households: number | null;
  numberLabel: string | null;
  againstHouseholds: boolean;
  status: ReportStatus;
  numberValue: number | null;
  note: string | null;
  location: { latitude: number; longitude: number } | null;
  photoCount: number;
  flags: FlagNote[];
  late: boolean;
  revision: number;
  reportedAt: Date;
  reportedBy: string;
  returned: { at: Date; by: string | null; reason: string | null } | null;
}

export async function findReportDetail(db: Db, taskId: number, unitId: number): Promise<ReportDetail | null> {
  const r = await findReportDetailRow(db, taskId, unitId);
  const report = r && toReportView(r);
  if (!r || !report) return null;
  const [flags = []] = await describeFlags(db, [report.flags]);
  return {
    taskId: r.taskId,
    title: r.title,
    taskOpen: r.taskStatus === 'open',
    dueAt: r.dueAt,
    unitId: r.unitId,
    unitName: r.unitName,
    households: r.households,
    numberLabel: r.form.number?.label ?? null,
    againstHouseholds: r.form.number?.max === 'households',
    status: report.status,
    numberValue: report.numberValue,
    note: report.note,
    location: report.location,
    photoCount: report.photoCount,
    flags,
    late: report.late,
    revision: report.revision,
    reportedAt: report.reportedAt,
    reportedBy: r.reportedBy,
    returned: report.returned ? { ...report.returned, by: r.returnedBy } : null,
  };
}

export interface ReportListItem {
  unitId: number;
  unitName: string;
  state: ReportState;
  flagged: boolean;
}

/** One page of the reports a task received, for picking one to read. */
export async function taskReportsPage(db: Db, taskId: number, page: number): Promise<{ items: ReportListItem[]; hasMore: boolean }> {
  const rows = await listTaskReportsPage(db, taskId, page * PAGE_SIZE, PAGE_SIZE);
  const items = rows.slice(0, PAGE_SIZE).map((r) => ({ unitId: r.unitId, unitName: r.unitName, state: r.returned ? 'returned' : r.status, flagged: r.flagCount > 0 }) as const);
  return { items, hasMore: rows.length > PAGE_SIZE };
}

export async function unitsPage(db: Db, page: number): Promise<{ units: { id: number; name: string }[]; hasMore: boolean }> {
  const rows = await listUnitsPage(db, page * PAGE_SIZE, PAGE_SIZE);
  return { units: rows.slice(0, PAGE_SIZE), hasMore: rows.length > PAGE_SIZE };
}

export interface HistoryLine {
  taskId: number;
  title: string;
  dueAt: Date;
  numberLabel: string | null;
  state: ReportState;
  numberValue: number | null;
  flags: FlagNote[];
  late: boolean;
  reportedAt: Date | null;
}

/** A unit's tasks (the latest 30), each with where it stands and its evidence flags. */
export async function unitHistory(db: Db, unitId: number): Promise<{ unitId: number; unitName: string; lines: HistoryLine[] } | null> {
  const unit = await findUnitName(db, unitId);
  if (!unit) return null;
  const rows = await listUnitHistoryRows(db, unitId, HISTORY_LIMIT);
  const flags = await describeFlags(db, rows.map((r) => r.flags ?? []));
  const lines = rows.map((r, i): HistoryLine => ({
    taskId: r.taskId,
    title: r.title,
    dueAt: r.dueAt,
    numberLabel: r.form.number?.label ?? null,
    state: reportStanding(r),
    numberValue: r.numberValue,
    flags: flags[i] ?? [],
    late: r.late ?? false,
    reportedAt: r.reportedAt,
  }));
  return { unitId: unit.id, unitName: unit.name, lines };
}

export interface EvidencePhoto {
  fileId: string;
  flags: FlagNote[];
}

/** A report with the photos of its current revision, each photo with the flags raised on it. */
export async function reportEvidence(db: Db, taskId: number, unitId: number): Promise<{ detail: ReportDetail; photos: EvidencePhoto[] } | null> {
  const detail = await findReportDetail(db, taskId, unitId);
  if (!detail) return null;
  const rows = await listCurrentPhotoRows(db, taskId, unitId);
  return { detail, photos: rows.map((p) => ({ fileId: p.fileId, flags: detail.flags.filter((f) => f.fileUniqueId === p.fileUniqueId) })) };
}
