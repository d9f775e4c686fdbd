import { recordAudit } from '../core/audit.js';
import type { Clock } from '../core/clock.js';
import type { Db, DbOrTrx, Trx } from '../core/db.js';
import type { ReportForm, TaskStatus, UnitKind } from '../core/schema.js';
import { cancelTaskReminders } from '../reminders/task-closed.js';
import {
  findTaskIdByCreationKey,
  findTaskRow,
  insertCampaign,
  insertOccurrenceTask,
  insertTask,
  insertTaskUnits,
  listActiveUnitsWhere,
  listRecentCampaignRows,
  listTaskProgressRows,
  updateOpenTask,
} from './tasks.queries.js';

/** Kept here too for the queries of other slices that select a Task. */
export { TASK_COLUMNS } from './tasks.queries.js';

export interface Campaign {
  id: number;
  name: string;
  startsOn: string | null;
  endsOn: string | null;
}

export interface Task {
  id: number;
  campaignId: number;
  campaignName: string;
  title: string;
  description: string | null;
  dueAt: Date;
  eventAt: Date | null;
  form: ReportForm;
  status: TaskStatus;
  createdAt: Date;
  /** Set for a task over a period ("từ 23/7 đến hết 27/7"); dueAt is then the report deadline. */
  startsAt: Date | null;
  endsAt: Date | null;
  /** The recurring series this task is an occurrence of. */
  seriesId: number | null;
}

export type UnitSelection = { mode: 'all-blocks' } | { mode: 'kind'; kind: UnitKind } | { mode: 'pick'; unitIds: number[] };

export interface TaskDraft {
  campaignId: number;
  title: string;
  description: string | null;
  template: string | null;
  dueAt: Date;
  eventAt: Date | null;
  /** A period instead of only a deadline (absent: none); dueAt stays the report deadline. */
  period?: { start: Date; end: Date } | null;
  form: ReportForm;
  unitIds: number[];
  /** The clerk gave the dates in the lunar calendar (absent: no). */
  lunarDates?: boolean;
}

function isoDate(d: Date | null): string | null {
  return d ? d.toISOString().slice(0, 10) : null;
}

/** The latest campaigns, newest first. */
export async function listCampaigns(db: Db, limit = 8): Promise<Campaign[]> {
  const rows = await listRecentCampaignRows(db, limit);
  return rows.map((r) => ({ id: r.id, name: r.name, startsOn: isoDate(r.starts_on), endsOn: isoDate(r.ends_on) }));
}

/** A new campaign (a named period that groups tasks); audit-logged. */
export async function createCampaign(db: Db, clock: Clock, actorId: number, input: { name: string; startsOn: string | null; endsOn: string | null }): Promise<Campaign> {
  return db.transaction().execute(async (trx) => {
    const id = await insertCampaign(trx, { ...input, createdBy: actorId, createdAt: clock.now() });
    await recordAudit(trx, { actorId, action: 'campaign.created', subject: `campaign:${id}`, details: input, at: clock.now() });
    return { id, ...input };
  });
}

/** The active units a selection means, in a stable order. */
export async function resolveUnits(db: Db, selection: UnitSelection): Promise<{ id: number; name: string }[]> {
  if (selection.mode === 'all-blocks') return listActiveUnitsWhere(db, { kind: 'block' });
  if (selection.mode === 'kind') return listActiveUnitsWhere(db, { kind: selection.kind });
  return listActiveUnitsWhere(db, { ids: selection.unitIds });
}

/**
 * Creates the task with its units. `creationKey` (the confirming button press) makes a
 * repeated confirmation return the same task instead of a second one. `link` runs in the same
 * transaction before the units are added (a province's send records the task it became, so its
 * counters see every unit).
 */
export async function createTask(
  db: Db,
  clock: Clock,
  actorId: number,
  draft: TaskDraft,
  creationKey: string,
  link?: (trx: Trx, taskId: number) => Promise<void>,
): Promise<Task> {
  const taskId = await db.transaction().execute(async (trx) => {
    const existing = await findTaskIdByCreationKey(trx, creationKey);
    if (existing !== null) return existing;
    const now = clock.now();
    const id = await insertTask(trx, { ...draft, period: draft.period ?? null, createdBy: actorId, creationKey, now });
    if (link) await link(trx, id);
    await insertTaskUnits(trx, id, draft.unitIds);
    const period = draft.period ? { startsAt: draft.period.start.toISOString(), endsAt: draft.period.end.toISOString() } : {};
    const details = { title: draft.title, dueAt: draft.dueAt.toISOString(), ...period, units: draft.unitIds };
    await recordAudit(trx, { actorId, action: 'task.created', subject: `task:${id}`, details, at: now });
    return id;
  });
  const task = await findTask(db, taskId);
  if (!task) throw new Error(`task ${taskId} vanished right after it was created`);
  return task;
}

/** One round of a series, with its units, inside the caller's transaction: null when that round already exists. */
export async function createOccurrenceTask(
  trx: Trx,
  round: Omit<TaskDraft, 'period' | 'eventAt'> & { createdBy: number | null; occurrence: { seriesId: number; on: string }; now: Date },
): Promise<number | null> {
  const { unitIds, ...task } = round;
  const taskId = await insertOccurrenceTask(trx, { ...task, eventAt: null, period: null, creationKey: null });
  if (taskId !== null) await insertTaskUnits(trx, taskId, unitIds);
  return taskId;
}

export async function findTask(db: DbOrTrx, taskId: number): Promise<Task | null> {
  return (await findTaskRow(db, taskId)) ?? null;
}

export interface TaskProgress extends Task {
  assigned: number;
  reported: number;
}

/** Tasks (open ones by default), earliest deadline first, with how many of their units have reported. */
export async function listTasksWithProgress(db: Db, statuses: TaskStatus[] = ['open']): Promise<TaskProgress[]> {
  const rows = await listTaskProgressRows(db, statuses);
  return rows.map((r) => ({ ...r, assigned: r.assigned ?? 0, reported: r.reported ?? 0 }));
}

export type TaskChange = { kind: 'deadline'; dueAt: Date } | { kind: 'status'; status: Exclude<TaskStatus, 'open'> };

/**
 * Changes an open task's deadline, or closes or cancels it (its queued reminders go with it,
 * in the same transaction); audit-logged. False when it is no longer open.
 */
export async function changeTask(db: Db, clock: Clock, actorId: number, taskId: number, change: TaskChange): Promise<boolean> {
  return db.transaction().execute(async (trx) => {
    const now = clock.now();
    const set = change.kind === 'deadline' ? { due_at: change.dueAt } : { status: change.status };
    if (!(await updateOpenTask(trx, taskId, set, now))) return false;
    if (change.kind === 'status') await cancelTaskReminders(trx, taskId);
    const details = change.kind === 'deadline' ? { dueAt: change.dueAt.toISOString() } : { status: change.status };
    const action = `task.${change.kind === 'deadline' ? 'deadline-changed' : change.status}`;
    await recordAudit(trx, { actorId, action, subject: `task:${taskId}`, details, at: now });
    return true;
  });
}
