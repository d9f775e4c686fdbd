import { CompiledQuery, type KyselyPlugin, type RootOperationNode, sql } from 'kysely';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Db } from '../src/core/db.js';
import { refreshPlannerStats } from '../src/core/planner-stats.js';
import { submitInOneStatement } from '../src/reports/report-submit.queries.js';
import { dbTargets, openTestDatabase, type TestDatabase } from './support/db.js';
import { flagForm } from './support/factories.js';
import { useDatabase } from './support/suite.js';

const UNITS = 2000;
const PHOTOS_PER_REPORT = 3;

interface PlanNode {
  'Relation Name'?: string;
  'Actual Loops'?: number;
  'Actual Rows'?: number;
  'Rows Removed by Filter'?: number;
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
  if (Array.isArray(value)) return quoted(`{${value.map((v) => (v === null ? 'NULL' : `"${String(v).replace(/[\\"]/g, (c) => `\\${c}`)}"`)).join(',')}}`);
  throw new Error(`no literal for ${typeof value}`);
}

/** Stops the query it sees before it runs, keeping it: the statement is explained instead. */
class Captured extends Error {
  constructor(readonly node: RootOperationNode) {
    super('captured');
  }
}

// A submission checks each of its photos against the office's stored ones ("photo reused"). The
// statement runs with one generic plan per connection (core/db.ts `prepared`), made while the
// table may still be small: the lookup must go by the photo's id whatever the table's size.
describe.each(dbTargets())('photo reuse lookup on %s', (target) => {
  // Holds the worker's shared database (on PGlite it keeps the statistics earlier files gave its
  // tables, even after a truncate), so each test opens a fresh one: a fresh install has none.
  useDatabase(target);
  let fresh: TestDatabase | undefined;
  const database = {
    get db(): Db {
      if (!fresh) throw new Error('no database yet');
      return fresh.db;
    },
  };
  beforeEach(async () => {
    fresh = await openTestDatabase(target);
  });
  afterEach(async () => {
    await fresh?.close();
    fresh = undefined;
  });

  /** A commune: two tasks, every unit assigned both. */
  async function commune(db: Db) {
    await sql`insert into units (kind, name, households) select 'block', 'Khối ' || g, 100 from generate_series(1, ${UNITS}) g`.execute(db);
    await sql`insert into members (telegram_id, chat_id, display_name, role) select 100000 + g, 100000 + g, 'Leader ' || g, 'leader' from generate_series(1, ${UNITS}) g`.execute(db);
    await sql`insert into unit_members (unit_id, member_id, position) select id, id, 'leader' from units`.execute(db);
    await sql`insert into campaigns (name) values ('Cờ')`.execute(db);
    await sql`insert into tasks (campaign_id, title, due_at, created_at, form) select id, t, now() + interval '7 days', now() - interval '2 days', ${JSON.stringify(flagForm)}::jsonb from campaigns, (values ('Treo cờ'), ('Dọn vệ sinh')) v(t) order by t desc`.execute(db);
    await sql`insert into task_units (task_id, unit_id) select t.id, u.id from tasks t cross join units u`.execute(db);
  }

  /** Units `from`..`to` report the first task, three photos each. */
  async function reported(db: Db, from: number, to: number) {
    await sql`insert into reports (task_id, unit_id, status, reported_by, reported_at) select t.id, u.id, 'done', u.id, now() from units u, (select min(id) as id from tasks) t where u.id between ${from} and ${to}`.execute(db);
    await sql`insert into report_revisions (report_id, task_id, unit_id, revision, member_id, submission_key, status, late, submitted_at)
      select r.id, r.task_id, r.unit_id, 1, r.unit_id, 'seed-' || r.id, 'done', false, now() from reports r where r.unit_id between ${from} and ${to}`.execute(db);
    await sql`insert into report_photos (revision_id, task_id, unit_id, file_id, file_unique_id, sent_at, position)
      select v.id, v.task_id, v.unit_id, 'file-' || v.id || '-' || g, 'unique-' || v.id || '-' || g, now(), g - 1
      from report_revisions v, generate_series(1, ${PHOTOS_PER_REPORT}) g where v.unit_id between ${from} and ${to}`.execute(db);
  }

  /** The submission statement as the bot sends it (its query, not run). */
  async function submission(unitId: number, taskId: number, fileUniqueId: string): Promise<CompiledQuery> {
    let captured: RootOperationNode | undefined;
    const recorder: KyselyPlugin = {
      transformQuery: (args) => {
        throw new Captured(args.node);
      },
      transformResult: (args) => Promise.resolve(args.result),
    };
    const answers = { status: 'done' as const, number: null, note: null, location: null, photos: [{ fileId: 'f-new', fileUniqueId, sentAt: new Date().toISOString() }] };
    await submitInOneStatement(database.db.withPlugin(recorder), { memberId: unitId, taskId, unitId, submissionKey: `probe-${unitId}`, answers, at: new Date() }, null).catch((error: unknown) => {
      if (!(error instanceof Captured)) throw error;
      captured = error.node;
    });
    if (!captured) throw new Error('the submission ran no query');
    return database.db.getExecutor().compileQuery(captured, { queryId: 'probe' });
  }

  /**
   * As a connection of the bot would: the statement is prepared, generically planned and run once
   * in the first minutes of a reminder (a few reports in, no statistics yet); the season's reports
   * later it runs again with that plan, explained.
   */
  async function planASeasonLater(probe: (taskId: number) => Promise<CompiledQuery>): Promise<PlanNode> {
    return database.db.connection().execute(async (conn) => {
      await commune(conn);
      // What the bot does at start-up (app.ts): the commune's tables get statistics; the reports' tables have none yet.
      await refreshPlannerStats(conn);
      const taskId = (await sql<{ id: number }>`select max(id) as id from tasks`.execute(conn)).rows[0]!.id;
      const statement = await probe(taskId);
      await sql`set plan_cache_mode = force_generic_plan`.execute(conn);
      await conn.executeQuery(CompiledQuery.raw(`prepare photo_probe as ${statement.sql}`));
      try {
        const run = (explain: string) => conn.executeQuery<{ 'QUERY PLAN': [{ Plan: PlanNode }] | string }>(CompiledQuery.raw(`${explain}execute photo_probe(${statement.parameters.map(literal).join(', ')})`));
        await reported(conn, 1, 100);
        await conn.executeQuery(CompiledQuery.raw('begin'));
        await run('');
        await conn.executeQuery(CompiledQuery.raw('rollback'));
        await reported(conn, 101, UNITS - 10);
        const json = (await run('explain (analyze, format json) ')).rows[0]?.['QUERY PLAN'];
        const plan = (typeof json === 'string' ? (JSON.parse(json) as [{ Plan: PlanNode }]) : json)?.[0]?.Plan;
        if (!plan) throw new Error('no plan');
        return plan;
      } finally {
        await sql`deallocate photo_probe`.execute(conn);
        await sql`reset plan_cache_mode`.execute(conn);
      }
    });
  }

  /** Rows the plan's nodes on report_photos read (returned or filtered out), over all their loops. */
  const photoRowsRead = (plan: PlanNode) =>
    [...nodes(plan)]
      .filter((n) => n['Relation Name'] === 'report_photos')
      .reduce((sum, n) => sum + (n['Actual Loops'] ?? 0) * ((n['Actual Rows'] ?? 0) + (n['Rows Removed by Filter'] ?? 0)), 0);

  it('when thousands of photos were stored after the statement was planned, then a submission reads only the stored photos with its photo\'s id', async () => {
    const plan = await planASeasonLater((taskId) => submission(UNITS - 7, taskId, 'never-seen'));
    expect(photoRowsRead(plan)).toBeLessThanOrEqual(1);
  });

  it('when a leader sends a photo another unit already reported with, then the submission flags it, naming that unit', async () => {
    const plan = await planASeasonLater((taskId) => submission(UNITS - 8, taskId, 'unique-12-2'));
    expect(photoRowsRead(plan)).toBeLessThanOrEqual(1);
    const stored = await sql<{ unit_id: number }>`select unit_id from report_photos where file_unique_id = 'unique-12-2'`.execute(database.db);
    const flags = await sql<{ flags: Array<{ kind: string; otherUnitId: number }> }>`select r.flags from reports r where r.unit_id = ${UNITS - 8} and r.task_id = (select max(id) from tasks)`.execute(database.db);
    expect(flags.rows[0]?.flags).toEqual([expect.objectContaining({ kind: 'photo-reused', otherUnitId: stored.rows[0]?.unit_id })]);
  });
});
