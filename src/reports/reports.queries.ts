import type { DbOrTrx } from '../core/db.js';

export interface LeaderTaskLine {
  taskId: number;
  title: string;
  dueAt: Date;
  /** The task was set by lunar dates: its deadline is shown with its lunar date, as in the reminders. */
  lunarDates: boolean;
  unitId: number;
  unitName: string;
  state: 'reported' | 'pending' | 'overdue';
  /** An official sent the unit's report back to be done again (it is pending or overdue once more). */
  returned: boolean;
  reportedBy: string | null;
  reportedAt: Date | null;
}

/** The open tasks of the member's units, each marked reported / pending / overdue. */
export async function listLeaderTasks(db: DbOrTrx, memberId: number, now: Date): Promise<LeaderTaskLine[]> {
  const rows = await db
    .selectFrom('unit_members as um')
    .innerJoin('units as u', 'u.id', 'um.unit_id')
    .innerJoin('task_units as tu', 'tu.unit_id', 'um.unit_id')
    .innerJoin('tasks as t', 't.id', 'tu.task_id')
    .leftJoin('reports as r', (j) => j.onRef('r.task_id', '=', 't.id').onRef('r.unit_id', '=', 'u.id'))
    .leftJoin('members as rm', 'rm.id', 'r.reported_by')
    .select(['t.id as taskId', 't.title', 't.due_at as dueAt', 't.lunar_dates as lunarDates', 'u.id as unitId', 'u.name as unitName', 'r.reported_at as reportedAt', 'r.returned_at as returnedAt', 'rm.display_name as reportedBy'])
    .where('um.member_id', '=', memberId)
    .where('u.active', '=', true)
    .where('t.status', '=', 'open')
    .orderBy('t.due_at')
    .orderBy('u.name')
    .execute();
  return rows.map(({ returnedAt, ...r }) => ({
    ...r,
    returned: Boolean(r.reportedAt && returnedAt),
    state: r.reportedAt && !returnedAt ? 'reported' : r.dueAt.getTime() < now.getTime() ? 'overdue' : 'pending',
  }));
}

/** Whether a report revision was stored under this submission key. */
export async function isSubmissionStored(db: DbOrTrx, submissionKey: string): Promise<boolean> {
  const row = await db.selectFrom('report_revisions').select('id').where('submission_key', '=', submissionKey).limit(1).executeTakeFirst();
  return row !== undefined;
}
