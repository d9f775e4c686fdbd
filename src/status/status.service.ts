import type { Db } from '../core/db.js';
import type { Position, TaskStatus } from '../core/schema.js';
import { campaignTaskStatsQuery, type ContactRow, findTaskCounts, listUnitContacts, notDoneUnitsQuery, pendingUnitsQuery, takeDownCountsQuery, takeDownsOfTaskQuery } from './status.queries.js';

/** One task's progress as officials read it. `pending` counts units returned for rework too. */
export interface TaskProgressLine {
  id: number;
  title: string;
  dueAt: Date;
  status: TaskStatus;
  /** The number question's label, when the task asks for a number. */
  numberLabel: string | null;
  /** The number is households (flags, cleanup): show it against the units' households. */
  againstHouseholds: boolean;
  assigned: number;
  reported: number;
  done: number;
  partial: number;
  notDone: number;
  pending: number;
  flagged: number;
  numberTotal: number;
  households: number;
  /** Open, past its deadline, and someone has still not reported. */
  overdue: boolean;
  /** Set for a task over a period (issue 11). */
  startsAt?: Date | null;
  endsAt?: Date | null;
  /** Units that confirmed "Đã hạ cờ" (a task over a period). */
  takenDown?: number;
}

export interface CampaignStatus {
  campaignId: number;
  tasks: TaskProgressLine[];
}

/** Per-task counts of a campaign (cancelled tasks left out), from the task_stats summary. */
export async function campaignStatus(db: Db, campaignId: number, now: Date): Promise<CampaignStatus> {
  const rows = await campaignTaskStatsQuery(db, campaignId).execute();
  const periodIds = rows.filter((r) => r.endsAt).map((r) => r.id);
  const takenDown = new Map((periodIds.length ? await takeDownCountsQuery(db, periodIds).execute() : []).map((r) => [r.taskId, r.count]));
  const tasks = rows.map((r) => {
    const pending = Math.max(0, r.assigned - r.reported);
    return {
      id: r.id,
      title: r.title,
      dueAt: r.dueAt,
      startsAt: r.startsAt,
      endsAt: r.endsAt,
      status: r.status,
      numberLabel: r.form.number?.label ?? null,
      againstHouseholds: r.form.number?.max === 'households',
      assigned: r.assigned,
      reported: r.reported,
      done: r.done,
      partial: r.partial,
      notDone: r.notDone,
      pending,
      flagged: r.flagged,
      numberTotal: Number(r.numberTotal),
      households: Number(r.households),
      overdue: r.status === 'open' && pending > 0 && r.dueAt.getTime() < now.getTime(),
      ...(r.endsAt ? { takenDown: takenDown.get(r.id) ?? 0 } : {}),
    };
  });
  return { campaignId, tasks };
}

export interface UnitContact {
  telegramId: number;
  name: string;
  position: Position;
  /** False when the member blocked the bot: messages to them fail. */
  reachable: boolean;
}

export interface ListedUnit {
  unitId: number;
  unitName: string;
  /** Returned for rework and not resubmitted yet. */
  returned: boolean;
  /** The reason it was returned, or the "Chưa làm" note. */
  note: string | null;
  /** Who reports for the unit; empty when nobody ever joined through an invite. */
  contacts: UnitContact[];
}

export interface PendingList {
  taskId: number;
  title: string;
  dueAt: Date;
  /** Set for a task over a period (issue 11). */
  startsAt?: Date | null;
  endsAt?: Date | null;
  status: TaskStatus;
  pendingCount: number;
  notDoneCount: number;
  /** At most `limit` of them, in unit order. */
  pending: ListedUnit[];
  notDone: ListedUnit[];
  /** For a task over a period: the units that confirmed "Đã hạ cờ", and when. */
  takenDown?: { unitName: string; at: Date }[];
}

function groupContacts(rows: ContactRow[]): Map<number, UnitContact[]> {
  const byUnit = new Map<number, UnitContact[]>();
  for (const c of rows) {
    const list = byUnit.get(c.unitId) ?? [];
    list.push({ telegramId: c.telegramId, name: c.name, position: c.position, reachable: c.status !== 'unreachable' });
    byUnit.set(c.unitId, list);
  }
  return byUnit;
}

/** Who has not reported a task (and who reported "Chưa làm"), with whom to contact. Null when no such task. */
export async function pendingForTask(db: Db, taskId: number, limit: number): Promise<PendingList | null> {
  // Independent reads, side by side (on a pool they run on separate connections).
  const [task, pendingRows, notDoneRows] = await Promise.all([
    findTaskCounts(db, taskId),
    pendingUnitsQuery(db, taskId, limit).execute(),
    notDoneUnitsQuery(db, taskId, limit).execute(),
  ]);
  if (!task) return null;
  const takenDown = task.endsAt ? await takeDownsOfTaskQuery(db, taskId).execute() : null;
  const contacts = groupContacts(await listUnitContacts(db, [...pendingRows, ...notDoneRows].map((r) => r.id)));
  return {
    taskId,
    title: task.title,
    dueAt: task.dueAt,
    startsAt: task.startsAt,
    endsAt: task.endsAt,
    status: task.status,
    pendingCount: task.pending,
    notDoneCount: task.notDone,
    pending: pendingRows.map((r) => ({ unitId: r.id, unitName: r.name, returned: r.returned, note: r.returnReason, contacts: contacts.get(r.id) ?? [] })),
    notDone: notDoneRows.map((r) => ({ unitId: r.id, unitName: r.name, returned: false, note: r.note, contacts: contacts.get(r.id) ?? [] })),
    ...(takenDown ? { takenDown } : {}),
  };
}
