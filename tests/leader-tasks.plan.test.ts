import { sql } from 'kysely';
import { describe, expect, it } from 'vitest';
import type { Db } from '../src/core/db.js';
import { inOffice, OfficeScopePlugin } from '../src/core/office-scope.js';
import { listLeaderTasks } from '../src/reports/reports.queries.js';
import { dbTargets } from './support/db.js';
import { buildLeaders, flagForm } from './support/factories.js';
import { capturedStatement, genericPlanLater, lookups, rowsTouched } from './support/plans.js';
import { useFreshDatabase } from './support/suite.js';

const UNITS = 3000;
const REPORTS = 1000;
/** The leader asked about: of unit UNITS - 7 (not reported) and deputy of unit 5 (reported). */
const LEADER = UNITS - 7;

// A leader's /tasks (and the list after each report) runs with one generic plan per connection
// (core/db.ts `prepared`), made whenever the connection first runs it: on a fresh install, or
// after an import filled the commune and before the planner statistics caught up. Whatever the
// moment, the list must be read from the leader's own rows.
describe.each(dbTargets())('a leader\'s /tasks plan on %s', (target) => {
  const { db } = useFreshDatabase(target);

  /** A commune filled in bulk (an import): one task for every unit, the first REPORTS units reported. */
  async function fillInBulk(db: Db) {
    await buildLeaders(db, UNITS);
    await sql`insert into unit_members (unit_id, member_id, position) values (5, ${LEADER}, 'deputy')`.execute(db);
    await sql`insert into campaigns (name) values ('Cờ')`.execute(db);
    await sql`insert into tasks (campaign_id, title, due_at, form) select id, 'Treo cờ', now() + interval '7 days', ${JSON.stringify(flagForm)}::jsonb from campaigns`.execute(db);
    await sql`insert into task_units (task_id, unit_id) select t.id, u.id from tasks t cross join units u`.execute(db);
    await sql`insert into reports (task_id, unit_id, status, reported_by, reported_at) select tu.task_id, tu.unit_id, 'done', tu.unit_id, now() from task_units tu order by tu.unit_id limit ${REPORTS}`.execute(db);
  }

  /** The statement a leader's /tasks sends inside the update (office scope on), compiled and not run. */
  const tasksStatement = (db: Db) => capturedStatement(db.withPlugin(new OfficeScopePlugin()), (probe) => inOffice(1, () => listLeaderTasks(probe, LEADER, new Date())));

  /**
   * As a connection of the bot would: the statement is prepared and planned generically when it
   * first runs (`early`: on empty tables, or right after the import), the commune is filled in
   * bulk if it was not, and the leader's list runs again with that plan, explained: the rows its
   * nodes touched and how often it looked up reports.
   */
  async function planMadeEarly(db: Db, early: 'empty' | 'filled'): Promise<{ touched: number; reportLookups: number }> {
    const plan = await genericPlanLater(db, {
      ...(early === 'filled' ? { early: fillInBulk } : { later: fillInBulk }),
      statement: () => tasksStatement(db),
    });
    return { touched: rowsTouched(plan), reportLookups: lookups(plan, 'reports') };
  }

  it('when the connection planned /tasks on a fresh install (empty tables, no statistics) and an import then filled the commune, then a leader\'s /tasks reads only the leader\'s rows', async () => {
    // The bot runs it as a prepared statement: one generic plan per connection.
    expect((await tasksStatement(db)).sql).toMatch(/^\/\* prepared \*\//);
    const plan = await planMadeEarly(db, 'empty');
    // Two lines (two units, one task): a handful of rows (as a join: every unit of the task, each with all 1,000 reports).
    expect(plan.reportLookups).toBeLessThanOrEqual(2);
    expect(plan.touched).toBeLessThan(50);
    const lines = await inOffice(1, () => listLeaderTasks(db.withPlugin(new OfficeScopePlugin()), LEADER, new Date()));
    expect(lines.map((l) => [l.unitName, l.state, l.reportedBy])).toEqual([
      [`Khối ${LEADER}`, 'pending', null],
      ['Khối 5', 'reported', 'Leader 5'],
    ]);
  });

  it('when the connection planned /tasks right after an import, before the planner statistics caught up, then a leader\'s /tasks reads only the leader\'s rows', async () => {
    const plan = await planMadeEarly(db, 'filled');
    expect(plan.reportLookups).toBeLessThanOrEqual(2);
    expect(plan.touched).toBeLessThan(50);
  });
});
