import { sql } from 'kysely';
import type { Db } from '../core/db.js';
import type { ReportForm } from '../core/schema.js';
import { listTaskUnitReports, reportStanding } from '../reports/report-view.js';
import { campaignTaskStatsQuery } from '../status/status.queries.js';
import { loadPropaganda, type PropagandaSent } from './results-report.propaganda.js';

/** A unit's standing on one task: its current report's status, returned for rework, or nothing yet. */
export type UnitOutcome = 'done' | 'partial' | 'not_done' | 'returned' | 'pending';

export interface ResultsReportRow {
  unitId: number;
  unitName: string;
  households: number | null;
  outcome: UnitOutcome;
  numberValue: number | null;
  note: string | null;
  reportedAt: Date | null;
  /** Sent after the deadline (false when nothing was sent). */
  late: boolean;
}

/** What a task's number question counts: households (flags, cleanup) or anything else (participants, visits…). */
export interface TaskNumber {
  kind: 'households' | 'count';
  label: string;
  /** Sum over the current reports (returned ones left out, as in /status). */
  total: number;
}

export interface ResultsReportTask {
  id: number;
  title: string;
  dueAt: Date;
  form: ReportForm;
  number: TaskNumber | null;
  assigned: number;
  /** Current reports, returned ones not counted. */
  reported: number;
  onTime: number;
  late: number;
  done: number;
  partial: number;
  notDone: number;
  /** Households of all the units given the task. */
  households: number;
  /** Every unit given the task, in unit order. */
  rows: ResultsReportRow[];
  /** Units without a current report (never sent, or returned for rework). */
  missing: { unitId: number; unitName: string; returned: boolean }[];
}

export interface ResultsReportPhoto {
  fileId: string;
  unitId: number;
  unitName: string;
  taskId: number;
  taskTitle: string;
  sentAt: Date;
}

/** Everything the campaign results report prints; plain data, no rows. */
export interface ResultsReportData {
  campaign: { id: number; title: string; startsOn: string | null; endsOn: string | null };
  tasks: ResultsReportTask[];
  /** At most `photosPerUnit` per unit, first photos of each task before second ones; unit order. */
  photos: ResultsReportPhoto[];
  /** The campaign's broadcasts as they were actually sent. */
  propaganda: PropagandaSent;
}

/** The campaign with its period as yyyy-MM-dd text: a `date` column read as a JS Date would shift with the process zone. */
export function findCampaignWithPeriod(db: Db, campaignId: number) {
  return db
    .selectFrom('campaigns')
    .select(['id', 'name', sql<string | null>`to_char(starts_on, 'YYYY-MM-DD')`.as('startsOn'), sql<string | null>`to_char(ends_on, 'YYYY-MM-DD')`.as('endsOn')])
    .where('id', '=', campaignId)
    .executeTakeFirst();
}

/**
 * Photos of the current revision of reports that stand (not returned), at most `perUnit` per unit:
 * each task's first photo ranks before any second photo, so a unit shows as many tasks as it can.
 * A photo sent again (for another task, or by another unit) is shown once, where it was first sent.
 */
export function listCampaignPhotos(db: Db, taskIds: number[], perUnit: number) {
  return db
    .selectFrom((outer) =>
      outer
        .selectFrom((eb) =>
          eb
            .selectFrom('reports as r')
            .innerJoin('report_revisions as rv', (j) => j.onRef('rv.report_id', '=', 'r.id').onRef('rv.revision', '=', 'r.revision_count'))
            .innerJoin('report_photos as p', 'p.revision_id', 'rv.id')
            .innerJoin('units as u', 'u.id', 'r.unit_id')
            .innerJoin('tasks as t', 't.id', 'r.task_id')
            .select([
              'p.file_id as fileId',
              'u.id as unitId',
              'u.name as unitName',
              't.id as taskId',
              't.title as taskTitle',
              'p.sent_at as sentAt',
              'p.position',
              't.due_at as dueAt',
              sql<number>`row_number() over (partition by p.file_unique_id order by p.sent_at, p.id)`.as('copy'),
            ])
            .where((w) => w('r.task_id', '=', w.fn.any(w.val(taskIds))))
            .where('r.returned_at', 'is', null)
            .as('y'),
        )
        .select(['y.fileId', 'y.unitId', 'y.unitName', 'y.taskId', 'y.taskTitle', 'y.sentAt'])
        .select(sql<number>`row_number() over (partition by y."unitId" order by y.position, y."dueAt", y."taskId")`.as('rank'))
        .where('y.copy', '=', 1)
        .as('x'),
    )
    .selectAll()
    .where('x.rank', '<=', perUnit)
    .orderBy('x.unitId')
    .orderBy('x.rank')
    .execute();
}

type UnitRow = Awaited<ReturnType<typeof listTaskUnitReports>>[number];

function toRow(r: UnitRow): ResultsReportRow {
  const outcome: UnitOutcome = reportStanding(r);
  return {
    unitId: r.unitId,
    unitName: r.unitName,
    households: r.households,
    outcome,
    numberValue: r.numberValue,
    note: r.note,
    reportedAt: r.reportedAt,
    late: r.late ?? false,
  };
}

/**
 * Gathers what the campaign results report prints (read-only): the campaign and its period, each
 * task that is not cancelled with its counts and every unit's current report, and a few photos per
 * unit. Counts come from task_stats, like /status and /export, so the three agree.
 */
export async function loadResultsReportData(db: Db, campaignId: number, opts: { photosPerUnit?: number } = {}): Promise<ResultsReportData | null> {
  const campaign = await findCampaignWithPeriod(db, campaignId);
  if (!campaign) return null;
  // The plan's order: an import creates the tasks in the order the plan lists them.
  const stats = (await campaignTaskStatsQuery(db, campaignId).execute()).sort((a, b) => a.id - b.id);
  const taskIds = stats.map((s) => s.id);
  const unitRows = taskIds.length ? await listTaskUnitReports(db, taskIds, 'unit-id') : [];
  const photos = taskIds.length ? await listCampaignPhotos(db, taskIds, opts.photosPerUnit ?? 2) : [];
  const byTask = new Map<number, ResultsReportRow[]>();
  for (const r of unitRows) {
    const list = byTask.get(r.taskId);
    if (list) list.push(toRow(r));
    else byTask.set(r.taskId, [toRow(r)]);
  }
  const tasks = stats.map((s): ResultsReportTask => {
    const rows = byTask.get(s.id) ?? [];
    const standing = rows.filter((r) => r.outcome !== 'pending' && r.outcome !== 'returned');
    const number = s.form.number;
    return {
      id: s.id,
      title: s.title,
      dueAt: s.dueAt,
      form: s.form,
      number: number ? { kind: number.max === 'households' ? 'households' : 'count', label: number.label, total: Number(s.numberTotal) } : null,
      assigned: s.assigned,
      reported: s.reported,
      onTime: standing.filter((r) => !r.late).length,
      late: standing.filter((r) => r.late).length,
      done: s.done,
      partial: s.partial,
      notDone: s.notDone,
      households: Number(s.households),
      rows,
      missing: rows.filter((r) => r.outcome === 'pending' || r.outcome === 'returned').map((r) => ({ unitId: r.unitId, unitName: r.unitName, returned: r.outcome === 'returned' })),
    };
  });
  return {
    campaign: { id: campaign.id, title: campaign.name, startsOn: campaign.startsOn, endsOn: campaign.endsOn },
    tasks,
    photos: photos.map(({ rank: _rank, ...p }) => p),
    propaganda: await loadPropaganda(db, campaignId),
  };
}
