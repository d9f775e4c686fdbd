import type { Db } from '../core/db.js';
import type { ReportStatus } from '../core/schema.js';
import { findCampaign, listCampaignsWithTasks } from '../status/status.queries.js';
import { campaignStatus, type TaskProgressLine } from '../status/status.service.js';
import { listTaskUnitReports } from '../reports/report-view.js';
import { findTask, listTaskPhotoRows } from './dashboard.queries.js';

const MAX_CAMPAIGNS = 50;
/** A task's photo wall: the newest this many. */
export const MAX_PHOTOS = 500;

export const UNIT_FILTERS = ['all', 'pending', 'returned', 'late'] as const;
export type UnitFilter = (typeof UNIT_FILTERS)[number];

/** Where a unit stands on a task, as the table shows it. */
export type UnitState = ReportStatus | 'pending' | 'returned';

export interface UnitLine {
  unitId: number;
  unitName: string;
  households: number | null;
  state: UnitState;
  numberValue: number | null;
  note: string | null;
  reportedAt: string | null;
  /** Reported after the deadline, or still not reported and the deadline passed. */
  late: boolean;
  photoCount: number;
  location: { latitude: number; longitude: number } | null;
}

export interface CampaignView {
  id: number;
  name: string;
  tasks: (Omit<TaskProgressLine, 'dueAt' | 'startsAt' | 'endsAt'> & { dueAt: string })[];
}

export function listCampaigns(db: Db) {
  return listCampaignsWithTasks(db, MAX_CAMPAIGNS);
}

/** A campaign's tasks with the same counts /status shows (the status slice computes them). */
export async function campaignView(db: Db, campaignId: number, now: Date): Promise<CampaignView | null> {
  const campaign = await findCampaign(db, campaignId);
  if (!campaign) return null;
  const { tasks } = await campaignStatus(db, campaignId, now);
  return { id: campaign.id, name: campaign.name, tasks: tasks.map(({ startsAt: _s, endsAt: _e, ...t }) => ({ ...t, dueAt: t.dueAt.toISOString() })) };
}

function matches(line: UnitLine, filter: UnitFilter): boolean {
  switch (filter) {
    case 'all':
      return true;
    case 'pending':
      return line.state === 'pending' || line.state === 'returned';
    case 'returned':
      return line.state === 'returned';
    case 'late':
      return line.late;
  }
}

/** A task's units with status, figures and time, filtered; null when no such task (or cancelled). */
export async function taskUnits(db: Db, taskId: number, filter: UnitFilter, now: Date): Promise<{ taskId: number; title: string; dueAt: string; units: UnitLine[] } | null> {
  const task = await findTask(db, taskId);
  if (!task || task.status === 'cancelled') return null;
  const overdue = task.dueAt.getTime() < now.getTime();
  const rows = await listTaskUnitReports(db, [taskId], 'unit-name');
  const units = rows.map((r): UnitLine => {
    const reported = r.status !== null && r.returnedAt === null;
    const state: UnitState = r.status === null ? 'pending' : r.returnedAt !== null ? 'returned' : r.status;
    return {
      unitId: r.unitId,
      unitName: r.unitName,
      households: r.households,
      state,
      numberValue: reported ? r.numberValue : null,
      note: r.returnedAt !== null ? r.returnReason : r.note,
      reportedAt: r.reportedAt ? r.reportedAt.toISOString() : null,
      late: reported ? r.late === true : overdue,
      photoCount: r.photoCount ?? 0,
      location: r.latitude !== null && r.longitude !== null ? { latitude: r.latitude, longitude: r.longitude } : null,
    };
  });
  return { taskId, title: task.title, dueAt: task.dueAt.toISOString(), units: units.filter((u) => matches(u, filter)) };
}

/** The photo wall: each photo of the task's current reports once, newest first (ids only; bytes via the photo endpoint). */
export async function taskPhotos(db: Db, taskId: number) {
  const task = await findTask(db, taskId);
  if (!task || task.status === 'cancelled') return null;
  const rows = await listTaskPhotoRows(db, taskId, MAX_PHOTOS);
  return { taskId, photos: rows.map((p) => ({ id: p.id, unitId: p.unitId, unitName: p.unitName, sentAt: p.sentAt.toISOString() })) };
}
