import { CompiledQuery, type KyselyPlugin, type RootOperationNode, sql } from 'kysely';
import { afterEach, describe, expect, it } from 'vitest';
import type { Db } from '../src/core/db.js';
import { inOffice, OfficeScopePlugin } from '../src/core/office-scope.js';
import { listLeaderTasks } from '../src/reports/reports.queries.js';
import { dbTargets, openTestDatabase, type TestDatabase } from './support/db.js';
import { flagForm } from './support/factories.js';
import { useDatabase } from './support/suite.js';

const UNITS = 3000;
const REPORTS = 1000;
/** The leader asked about: of unit UNITS - 7 (not reported) and deputy of unit 5 (reported). */
const LEADER = UNITS - 7;

interface PlanNode {
  'Relation Name'?: string;
  'Actual Loops'?: number;
  'Actual Rows'?: number;
  'Rows Removed by Filter'?: number;
  'Rows Removed by Join Filter'?: number;
  Plans?: PlanNode[];
}

function* nodes(node: PlanNode): Generator<PlanNode> {
  yield node;
  for (const child of node.Plans ?? []) yield* nodes(child);
}

/** A parameter written as an SQL literal: EXECUTE's arguments cannot be bound. */
function literal(value: unknown): string {
  const quoted = (text: string) => `'${text.replace(/'/g, "''")}'`;
  if (value === null || value === undefined) return 'null';
  if (typeof value === 'number' || typeof value === 'boolean') return String(value);
  if (value instanceof Date) return quoted(value.toISOString());
  if (typeof value === 'string') return quoted(value);
  throw new Error(`no literal for ${typeof value}`);
}

/** Stops the query it sees before it runs, keeping it: the statement is explained instead. */
class Captured extends Error {
  constructor(readonly node: RootOperationNode) {
    super('captured');
  }
}

// A leader's /tasks (and the list after each report) runs with one generic plan per connection
// (core/db.ts `prepared`), made whenever the connection first runs it: on a fresh install, or
// after an import filled the commune and before the planner statistics caught up. Whatever the
// moment, the list must be read from the leader's own rows.
describe.each(dbTargets())('a leader\'s /tasks plan on %s', (target) => {
  // Holds the worker's shared database (on PGlite it carries earlier files' statistics), so each test opens a fresh one.
  useDatabase(target);
  let fresh: TestDatabase | undefined;
  afterEach(async () => {
    await fresh?.close();
    fresh = undefined;
  });

  /** A commune filled in bulk (an import): one task for every unit, the first REPORTS units reported. */
  async function fillInBulk(db: Db) {
    await sql`insert into units (kind, name, households) select 'block', 'Khối ' || g, 100 from generate_series(1, ${UNITS}) g`.execute(db);
    await sql`insert into members (telegram_id, chat_id, display_name, role) select 100000 + g, 100000 + g, 'Leader ' || g, 'leader' from generate_series(1, ${UNITS}) g`.execute(db);
    await sql`insert into unit_members (unit_id, member_id, position) select id, id, 'leader' from units`.execute(db);
    await sql`insert into unit_members (unit_id, member_id, position) values (5, ${LEADER}, 'deputy')`.execute(db);
    await sql`insert into campaigns (name) values ('Cờ')`.execute(db);
    await sql`insert into tasks (campaign_id, title, due_at, form) select id, 'Treo cờ', now() + interval '7 days', ${JSON.stringify(flagForm)}::jsonb from campaigns`.execute(db);
    await sql`insert into task_units (task_id, unit_id) select t.id, u.id from tasks t cross join units u`.execute(db);
    await sql`insert into reports (task_id, unit_id, status, reported_by, reported_at) select tu.task_id, tu.unit_id, 'done', tu.unit_id, now() from task_units tu order by tu.unit_id limit ${REPORTS}`.execute(db);
  }

  /** The statement a leader's /tasks sends inside the update (office scope on), not run. */
  async function tasksStatement(db: Db): Promise<CompiledQuery> {
    let captured: RootOperationNode | undefined;
    const recorder: KyselyPlugin = {
      transformQuery: (args) => {
        throw new Captured(args.node);
      },
      transformResult: (args) => Promise.resolve(args.result),
    };
    const scoped = db.withPlugin(new OfficeScopePlugin()).withPlugin(recorder);
    await inOffice(1, () => listLeaderTasks(scoped, LEADER, new Date())).catch((error: unknown) => {
      if (!(error instanceof Captured)) throw error;
      captured = error.node;
    });
    if (!captured) throw new Error('listLeaderTasks ran no query');
    return db.getExecutor().compileQuery(captured, { queryId: 'probe' });
  }

  /**
   * As a connection of the bot would: the statement is prepared and planned generically when it
   * first runs (`early`), the commune is filled in bulk, and the leader's list runs again with
   * that plan, explained: the rows its nodes touched and how often it looked up reports.
   */
  async function planMadeEarly(db: Db, early: 'empty' | 'filled'): Promise<{ touched: number; reportLookups: number }> {
    const statement = await tasksStatement(db);
    return db.connection().execute(async (conn) => {
      await sql`set plan_cache_mode = force_generic_plan`.execute(conn);
      await conn.executeQuery(CompiledQuery.raw(`prepare tasks_probe as ${statement.sql}`));
      try {
        const run = (explain: string) => conn.executeQuery<{ 'QUERY PLAN': [{ Plan: PlanNode }] | string }>(CompiledQuery.raw(`${explain}execute tasks_probe(${statement.parameters.map(literal).join(', ')})`));
        if (early === 'filled') await fillInBulk(conn);
        await run('');
        if (early === 'empty') await fillInBulk(conn);
        const json = (await run('explain (analyze, format json) ')).rows[0]?.['QUERY PLAN'];
        const plan = (typeof json === 'string' ? (JSON.parse(json) as [{ Plan: PlanNode }]) : json)?.[0]?.Plan;
        if (!plan) throw new Error('no plan');
        let touched = 0;
        let reportLookups = 0;
        for (const n of nodes(plan)) {
          touched += (n['Actual Loops'] ?? 0) * ((n['Actual Rows'] ?? 0) + (n['Rows Removed by Filter'] ?? 0) + (n['Rows Removed by Join Filter'] ?? 0));
          if (n['Relation Name'] === 'reports') reportLookups += n['Actual Loops'] ?? 0;
        }
        return { touched, reportLookups };
      } finally {
        await sql`deallocate tasks_probe`.execute(conn);
        await sql`reset plan_cache_mode`.execute(conn);
      }
    });
  }

  it('when the connection planned /tasks on a fresh install (empty tables, no statistics) and an import then filled the commune, then a leader\'s /tasks reads only the leader\'s rows', async () => {
    fresh = await openTestDatabase(target);
    // The bot runs it as a prepared statement: one generic plan per connection.
    expect((await tasksStatement(fresh.db)).sql).toMatch(/^\/\* prepared \*\//);
    const plan = await planMadeEarly(fresh.db, 'empty');
    // Two lines (two units, one task): a handful of rows (as a join: every unit of the task, each with all 1,000 reports).
    expect(plan.reportLookups).toBeLessThanOrEqual(2);
    expect(plan.touched).toBeLessThan(50);
    const lines = await inOffice(1, () => listLeaderTasks(fresh!.db.withPlugin(new OfficeScopePlugin()), LEADER, new Date()));
    expect(lines.map((l) => [l.unitName, l.state, l.reportedBy])).toEqual([
      [`Khối ${LEADER}`, 'pending', null],
      ['Khối 5', 'reported', 'Leader 5'],
    ]);
  });

  it('when the connection planned /tasks right after an import, before the planner statistics caught up, then a leader\'s /tasks reads only the leader\'s rows', async () => {
    fresh = await openTestDatabase(target);
    const plan = await planMadeEarly(fresh.db, 'filled');
    expect(plan.reportLookups).toBeLessThanOrEqual(2);
    expect(plan.touched).toBeLessThan(50);
  });
});
