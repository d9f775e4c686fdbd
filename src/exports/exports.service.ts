import { recordAudit } from '../core/audit.js';
import type { Clock } from '../core/clock.js';
import type { Db } from '../core/db.js';
import { describeFlags, type FlagNote, type ReportState } from '../officials/officials.service.js';
import { findCampaign } from '../status/status.queries.js';
import { campaignStatus, type TaskProgressLine } from '../status/status.service.js';
import { findTask } from '../tasks/tasks.service.js';
import { reportStanding, toReportView } from '../reports/report-view.js';
import { listExportRows } from './exports.queries.js';

/** Beyond this many unit rows a file gets too big to build in memory and send through Telegram. */
export const MAX_EXPORT_ROWS = 100_000;

export type ExportScope = { kind: 'campaign' | 'task'; id: number };

export interface ExportRow {
  unitName: string;
  leaders: string | null;
  state: ReportState;
  numberValue: number | null;
  note: string | null;
  photoCount: number | null;
  flags: FlagNote[];
  reportedAt: Date | null;
  late: boolean | null;
  revisions: number | null;
  returnReason: string | null;
  location: { latitude: number; longitude: number } | null;
  /** When the unit confirmed the take-down after a period (issue 11). */
  takenDownAt?: Date | null;
}

export interface ExportTask {
  progress: TaskProgressLine;
  rows: ExportRow[];
}

/** What the XLSX and CSV files show: the campaign, then each task's progress and its units. */
export interface ExportData {
  campaignName: string;
  /** The campaign's name, or the one task's title. */
  title: string;
  generatedAt: Date;
  tasks: ExportTask[];
}

export type ExportResult = { ok: true; data: ExportData } | { ok: false; reason: 'not-found' | 'too-big' };

async function taskRows(db: Db, taskId: number): Promise<ExportRow[]> {
  const rows = await listExportRows(db, taskId);
  const flags = await describeFlags(db, rows.map((r) => r.flags ?? []));
  return rows.map((r, i) => {
    const report = toReportView(r);
    return {
      unitName: r.unitName,
      leaders: r.leaders,
      state: reportStanding(r),
      numberValue: report?.numberValue ?? null,
      note: report?.note ?? null,
      location: report?.location ?? null,
      photoCount: report?.photoCount ?? null,
      flags: flags[i] ?? [],
      reportedAt: report?.reportedAt ?? null,
      late: report?.late ?? null,
      revisions: report?.revision ?? null,
      returnReason: report?.returned?.reason ?? null,
      takenDownAt: r.takenDownAt,
    };
  });
}

/** Gathers a campaign's (or one task's) results for a file; audit-logged, since the file leaves the bot. */
export async function loadExport(db: Db, clock: Clock, actorId: number, scope: ExportScope): Promise<ExportResult> {
  const task = scope.kind === 'task' ? await findTask(db, scope.id) : null;
  const campaign = await findCampaign(db, task ? task.campaignId : scope.id);
  if (!campaign || (scope.kind === 'task' && !task)) return { ok: false, reason: 'not-found' };
  const now = clock.now();
  const status = await campaignStatus(db, campaign.id, now);
  const chosen = task ? status.tasks.filter((x) => x.id === task.id) : status.tasks;
  if (chosen.length === 0) return { ok: false, reason: 'not-found' };
  if (chosen.reduce((sum, x) => sum + x.assigned, 0) > MAX_EXPORT_ROWS) return { ok: false, reason: 'too-big' };
  const tasks: ExportTask[] = [];
  for (const progress of chosen) tasks.push({ progress, rows: await taskRows(db, progress.id) });
  await recordAudit(db, { actorId, action: 'export.created', subject: `${scope.kind}:${scope.id}`, details: { tasks: chosen.length }, at: now });
  return { ok: true, data: { campaignName: campaign.name, title: task ? task.title : campaign.name, generatedAt: now, tasks } };
}
