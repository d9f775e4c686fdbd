import { sql } from 'kysely';
import { type DbOrTrx, prepared } from '../core/db.js';

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

/** A line as the database gives it: `state` and `returned` are worked out from it. */
type LeaderTaskRow = Omit<LeaderTaskLine, 'state' | 'returned'> & { returnedAt: Date | null };

/**
 * The open tasks of the member's units, each marked reported / pending / overdue.
 *
 * A leader's /tasks, and the list after each report: one generic plan per connection (`prepared`),
 * so it is not planned on every call (as a 6-table join it was: 1.9 ms of planning against 0.1 ms
 * of execution). Its shape fixes the plan's order whatever the statistics were when the plan was
 * made: each step is a lateral subquery (`offset 0` keeps Postgres from flattening it into one join
 * it could reorder), run for the rows before it, from the member's unit_members rows to their units,
 * the open tasks of each unit (`t.office_id = u.office_id` lets the tasks' (office, status) index
 * serve) and the one report of each line. As a join, a plan made before the tables had statistics
 * started from the open tasks and read every unit's report of each (3,000 × 1,000 rows, 0.7 s).
 * Raw SQL, so the office scope does not rewrite it: the member's own units name the office, as in
 * the report press (tasks/task_units/reports keep to one office by their guards).
 */
export async function listLeaderTasks(db: DbOrTrx, memberId: number, now: Date): Promise<LeaderTaskLine[]> {
  const { rows } = await sql<LeaderTaskRow>`${prepared}
    select t.id as "taskId", t.title, t.due_at as "dueAt", t.lunar_dates as "lunarDates", u.id as "unitId", u.name as "unitName",
      r.reported_at as "reportedAt", r.returned_at as "returnedAt", r.reported_by as "reportedBy"
    from unit_members um
    cross join lateral (select u.id, u.name, u.office_id from units u where u.id = um.unit_id and u.active offset 0) u
    cross join lateral (
      select t.id, t.title, t.due_at, t.lunar_dates from tasks t join task_units tu on tu.task_id = t.id and tu.unit_id = u.id
      where t.office_id = u.office_id and t.status = 'open' offset 0
    ) t
    left join lateral (
      select r.reported_at, r.returned_at, rm.display_name as reported_by from reports r left join members rm on rm.id = r.reported_by
      where r.task_id = t.id and r.unit_id = u.id offset 0
    ) r on true
    where um.member_id = ${memberId}::int
    order by t.due_at, u.name`.execute(db);
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
