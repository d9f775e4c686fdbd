import type { Db } from '../core/db.js';
import type { ReportFlag, ReportStatus } from '../core/schema.js';

/**
 * A unit's current report as the slices that show it read it (/report for officials, /export, the
 * results report): the columns of `reports as r`, selected with `...REPORT_COLUMNS`, and the one
 * mapping to what they show. The report's states change only in src/reports/; this is its read model.
 */
export const REPORT_COLUMNS = [
  'r.status',
  'r.number_value as numberValue',
  'r.note',
  'r.latitude',
  'r.longitude',
  'r.photo_count as photoCount',
  'r.flags',
  'r.late',
  'r.revision_count as revision',
  'r.reported_at as reportedAt',
  'r.returned_at as returnedAt',
  'r.return_reason as returnReason',
] as const;

/** What REPORT_COLUMNS read; through a left join a unit without a report reads nulls. */
export interface ReportColumns {
  status: ReportStatus | null;
  numberValue: number | null;
  note: string | null;
  latitude: number | null;
  longitude: number | null;
  photoCount: number | null;
  flags: ReportFlag[] | null;
  late: boolean | null;
  revision: number | null;
  reportedAt: Date | null;
  returnedAt: Date | null;
  returnReason: string | null;
}

/** Where a unit stands on a task: its report's status, or pending (never reported) or returned for rework. */
export type ReportStanding = ReportStatus | 'pending' | 'returned';

export interface ReportView {
  standing: ReportStanding;
  status: ReportStatus;
  numberValue: number | null;
  note: string | null;
  location: { latitude: number; longitude: number } | null;
  photoCount: number;
  flags: ReportFlag[];
  late: boolean;
  revision: number;
  reportedAt: Date;
  returned: { at: Date; reason: string | null } | null;
}

export function reportStanding(r: Pick<ReportColumns, 'status' | 'returnedAt'>): ReportStanding {
  if (r.status === null) return 'pending';
  return r.returnedAt ? 'returned' : r.status;
}

/** The report as the slices show it, or null when the unit has none. */
export function toReportView(r: ReportColumns): ReportView | null {
  if (r.status === null || r.reportedAt === null) return null;
  return {
    standing: reportStanding(r),
    status: r.status,
    numberValue: r.numberValue,
    note: r.note,
    location: r.latitude !== null && r.longitude !== null ? { latitude: r.latitude, longitude: r.longitude } : null,
    photoCount: r.photoCount ?? 0,
    flags: r.flags ?? [],
    late: r.late ?? false,
    revision: r.revision ?? 1,
    reportedAt: r.reportedAt,
    returned: r.returnedAt ? { at: r.returnedAt, reason: r.returnReason } : null,
  };
}

/**
 * Every (task, unit) pair of these tasks with the unit's current report (nulls without one), by
 * task, then by unit id (the results report) or by unit name (the dashboard's table).
 */
export function listTaskUnitReports(db: Db, taskIds: number[], order: 'unit-id' | 'unit-name') {
  const query = db
    .selectFrom('task_units as tu')
    .innerJoin('units as u', 'u.id', 'tu.unit_id')
    .leftJoin('reports as r', (j) => j.onRef('r.task_id', '=', 'tu.task_id').onRef('r.unit_id', '=', 'tu.unit_id'))
    .select(['tu.task_id as taskId', 'u.id as unitId', 'u.name as unitName', 'u.households', ...REPORT_COLUMNS])
    .where((eb) => eb('tu.task_id', '=', eb.fn.any(eb.val(taskIds))))
    .orderBy('tu.task_id');
  return (order === 'unit-name' ? query.orderBy('u.name').orderBy('u.id') : query.orderBy('tu.unit_id')).execute();
}
