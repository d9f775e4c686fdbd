import { sql } from 'kysely';
import { describe, expect, it } from 'vitest';
import { inOffice, OfficeScopePlugin } from '../src/core/office-scope.js';
import { refreshPlannerStats } from '../src/core/planner-stats.js';
import { listLeaderTasks } from '../src/reports/reports.queries.js';
import { dbTargets } from './support/db.js';
import { buildLeaders, flagForm } from './support/factories.js';
import { capturedStatement, explainRun, lookups, rowsTouched } from './support/plans.js';
import { useDatabase } from './support/suite.js';

const UNITS = 3000;
const REPORTS = 1000;

describe.each(dbTargets())('planner statistics on %s', (target) => {
  const { database } = useDatabase(target);

  /** A commune filled in bulk (an import, a restore): one task for every unit, a third of them reported. */
  async function fillInBulk() {
    const db = database.db;
    // Emptied between files by deletes, a table keeps its pages and the statistics an earlier file
    // gave it; truncate gives these tables new files with no statistics, as on a fresh install.
    await sql`truncate units, members, unit_members, campaigns, tasks, task_units, reports, task_stats_shards, task_pending restart identity cascade`.execute(db);
    await buildLeaders(db, UNITS);
    await sql`insert into campaigns (name) values ('Cờ')`.execute(db);
    await sql`insert into tasks (campaign_id, title, due_at, form) select id, 'Treo cờ', now() + interval '7 days', ${JSON.stringify(flagForm)}::jsonb from campaigns`.execute(db);
    await sql`insert into task_units (task_id, unit_id) select t.id, u.id from tasks t cross join units u`.execute(db);
    await sql`insert into reports (task_id, unit_id, status, reported_by, reported_at) select tu.task_id, tu.unit_id, 'done', tu.unit_id, now() from task_units tu order by tu.unit_id limit ${REPORTS}`.execute(db);
  }

  /**
   * The plan of a leader's /tasks list as the bot runs it (inside the office, so with its filters),
   * explained with the real run: the rows its nodes touched and how often it looked up reports.
   */
  async function tasksListPlan(memberId: number): Promise<{ touched: number; reportLookups: number }> {
    const officeId = (await database.db.selectFrom('members').select('office_id').where('id', '=', memberId).executeTakeFirstOrThrow()).office_id;
    const scoped = database.db.withPlugin(new OfficeScopePlugin());
    expect(await inOffice(officeId, () => listLeaderTasks(scoped, memberId, new Date()))).toHaveLength(1);
    const statement = await capturedStatement(scoped, (probe) => inOffice(officeId, () => listLeaderTasks(probe, memberId, new Date())));
    const plan = await explainRun(database.db, statement);
    return { touched: rowsTouched(plan), reportLookups: lookups(plan, 'reports') };
  }

  it('when a commune was filled in bulk (no statistics yet), then after the refresh a leader\'s /tasks reads the leader\'s rows, not every unit\'s of the task', async () => {
    await fillInBulk();
    const analyzed = await refreshPlannerStats(database.db);
    expect(analyzed).toEqual(expect.arrayContaining(['members', 'reports', 'task_units', 'unit_members', 'units']));
    const plan = await tasksListPlan(UNITS - 7);
    // One leader, one unit, one task: a handful of rows (before: every unit of the task, each with a reports lookup).
    expect(plan.reportLookups).toBeLessThanOrEqual(1);
    expect(plan.touched).toBeLessThan(50);
  });

  it('when nothing grew since the last refresh, then nothing is analyzed again; when reports grew, then that table is', async () => {
    await fillInBulk();
    await refreshPlannerStats(database.db);
    expect(await refreshPlannerStats(database.db)).toEqual([]);
    await sql`insert into reports (task_id, unit_id, status, reported_by, reported_at) select tu.task_id, tu.unit_id, 'done', tu.unit_id, now() from task_units tu where tu.unit_id > ${REPORTS}`.execute(database.db);
    expect(await refreshPlannerStats(database.db)).toEqual(['reports']);
  });
});
