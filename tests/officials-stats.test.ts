import { Migrator, sql } from 'kysely';
import pg from 'pg';
import { describe, expect, it } from 'vitest';
import { migrations } from '../migrations/index.js';
import { submitReport } from '../src/reports/reports.service.js';
import { ManualClock } from './support/clock.js';
import { dbTargets, type TestDatabase } from './support/db.js';
import { useDatabase } from './support/suite.js';
import { buildMember, buildTask, buildUnit } from './support/factories.js';
import type { ReportStatus } from '../src/core/schema.js';
import { returnReport } from '../src/rework/rework.service.js';
import { progressChartSpec, renderProgressChart } from '../src/status/status.chart.js';
import { campaignStatus, type TaskProgressLine } from '../src/status/status.service.js';

const LEGEND = { done: 'Đã xong', partial: 'Làm một phần', notDone: 'Chưa làm', pending: 'Chưa báo cáo' };

/** The counts task_stats should hold, computed from scratch. */
async function freshCounts(db: TestDatabase['db']) {
  const { rows } = await sql<Record<string, number>>`
    select t.id as task_id,
      (select count(*)::int from task_units tu where tu.task_id = t.id) as assigned,
      (select coalesce(sum(u.households), 0)::int from task_units tu join units u on u.id = tu.unit_id where tu.task_id = t.id) as households,
      count(r.id) filter (where r.returned_at is null)::int as reported,
      count(r.id) filter (where r.returned_at is null and r.status = 'done')::int as done,
      count(r.id) filter (where r.returned_at is null and r.status = 'partial')::int as partial,
      count(r.id) filter (where r.returned_at is null and r.status = 'not_done')::int as not_done,
      count(r.id) filter (where r.returned_at is null and jsonb_array_length(r.flags) > 0)::int as flagged,
      coalesce(sum(r.number_value) filter (where r.returned_at is null), 0)::int as number_total
    from tasks t left join reports r on r.task_id = t.id group by t.id order by t.id`.execute(db);
  return rows;
}

/** The (task, unit) pairs owing a report, computed from scratch and as stored. */
async function pendingPairs(db: TestDatabase['db']) {
  const fresh = await sql<{ task_id: number; unit_id: number }>`
    select tu.task_id, tu.unit_id from task_units tu
    where not exists (select 1 from reports r where r.task_id = tu.task_id and r.unit_id = tu.unit_id and r.returned_at is null)
    order by 1, 2`.execute(db);
  const stored = await db.selectFrom('task_pending').select(['task_id', 'unit_id']).orderBy('task_id').orderBy('unit_id').execute();
  return { fresh: fresh.rows, stored };
}

async function storedCounts(db: TestDatabase['db']) {
  const rows = await db.selectFrom('task_stats').selectAll().orderBy('task_id').execute();
  return rows.map((r) => Object.fromEntries(Object.entries(r).map(([k, v]) => [k, Number(v)])));
}

describe.each(dbTargets())('task progress summary on %s', (target) => {
  const { database } = useDatabase(target);

  async function report(taskId: number, unitId: number, memberId: number, status: ReportStatus, number: number | null, flags: unknown[] = []) {
    await database.db
      .insertInto('reports')
      .values({ task_id: taskId, unit_id: unitId, status, number_value: number, note: null, latitude: null, longitude: null, photo_count: 0, flags: JSON.stringify(flags), late: false, revision_count: 1, reported_by: memberId, reported_at: new Date() })
      .onConflict((oc) => oc.columns(['task_id', 'unit_id']).doUpdateSet({ status, number_value: number, flags: JSON.stringify(flags), returned_at: null, revision_count: sql`reports.revision_count + 1` }))
      .execute();
  }

  it('when reports are submitted, resubmitted, returned or deleted and assignments or households change, then the summaries equal a fresh count', async () => {
    const db = database.db;
    const units = [await buildUnit(db, { households: 500 }), await buildUnit(db, { households: 530 }), await buildUnit(db, { households: 500 }), await buildUnit(db, { households: null })];
    const member = await buildMember(db, { unitId: units[0]?.id });
    const ids = units.map((u) => u.id);
    const flag = await buildTask(db, { unitIds: ids });
    const other = await buildTask(db, { unitIds: ids.slice(0, 2), campaignId: flag.campaign_id });
    await report(flag.id, ids[0] ?? 0, member.id, 'done', 480);
    await report(flag.id, ids[1] ?? 0, member.id, 'partial', 300, [{ kind: 'photo-reused' }]);
    await report(flag.id, ids[2] ?? 0, member.id, 'not_done', null);
    await report(other.id, ids[0] ?? 0, member.id, 'done', 7);
    await report(flag.id, ids[1] ?? 0, member.id, 'done', 460);
    const clock = new ManualClock();
    const returned = await returnReport(db, clock, { actorId: member.id, taskId: flag.id, unitId: ids[0] ?? 0, revision: 1, reason: 'Ảnh chưa rõ' }, () => ({ text: 'Báo cáo bị trả lại' }));
    expect(returned.outcome).toBe('returned');
    await db.updateTable('units').set({ households: 600 }).where('id', '=', ids[2] ?? 0).execute();
    await db.updateTable('units').set({ households: 40 }).where('id', '=', ids[3] ?? 0).execute();

    expect(await storedCounts(db)).toEqual(await freshCounts(db));
    const pairs = await pendingPairs(db);
    expect(pairs.stored).toEqual(pairs.fresh);
    expect(pairs.stored).toHaveLength(3);
    const status = await campaignStatus(db, flag.campaign_id, clock.now());
    expect(status.tasks.find((x) => x.id === flag.id)).toMatchObject({ assigned: 4, reported: 2, done: 1, partial: 0, notDone: 1, pending: 2, numberTotal: 460, households: 1670, flagged: 0 });

    await report(flag.id, ids[0] ?? 0, member.id, 'done', 490);
    await db.deleteFrom('task_units').where('task_id', '=', other.id).where('unit_id', '=', ids[1] ?? 0).execute();
    await db.insertInto('task_units').values({ task_id: other.id, unit_id: ids[3] ?? 0 }).execute();
    await db.deleteFrom('reports').where('task_id', '=', other.id).execute();
    expect(await storedCounts(db)).toEqual(await freshCounts(db));
    const after = await pendingPairs(db);
    expect(after.stored).toEqual(after.fresh);
    expect(after.stored).toHaveLength(3);
  });

  it('when one leader\'s submission is still committing, then a leader of a unit in another shard submits without waiting for it', async (ctx) => {
    if (!database.url) return ctx.skip(); // two connections: the real server only
    const db = database.db;
    const [k1, k2] = [await buildUnit(db, { households: 50 }), await buildUnit(db, { households: 60 })];
    const leader = await buildMember(db, { unitId: k1.id });
    await db.insertInto('unit_members').values({ unit_id: k2.id, member_id: leader.id, position: 'leader' }).execute();
    const task = await buildTask(db, { unitIds: [k1.id, k2.id] });
    const answers = { status: 'done' as const, number: 40, note: null, location: null, photos: [] };
    const other = new pg.Client({ connectionString: database.url });
    await other.connect();
    try {
      // The first submission's transaction has run its trigger (its counters are written) and not committed.
      await other.query('begin');
      await other.query(`insert into reports (task_id, unit_id, status, number_value, flags, late, photo_count, reported_by, reported_at, revision_count)
        values ($1, $2, 'done', 45, '[]', false, 0, $3, now(), 1)`, [task.id, k1.id, leader.id]);
      // Before the shards, this waited on the task's one counter row until `other` committed.
      const second = await db.connection().execute(async (one) => {
        await sql`set lock_timeout = '3s'`.execute(one);
        try {
          return await submitReport(one, new ManualClock(), { memberId: leader.id, taskId: task.id, unitId: k2.id, submissionKey: 'cb:k2', answers });
        } finally {
          await sql`reset lock_timeout`.execute(one);
        }
      });
      expect(second.outcome).toBe('saved');
      await other.query('commit');
    } finally {
      await other.end();
    }
    expect(await storedCounts(db)).toEqual(await freshCounts(db));
    expect(await storedCounts(db)).toMatchObject([{ assigned: 2, reported: 2, done: 2, number_total: 85, households: 110 }]);
  });

  it('when the counter shards are migrated down and up again, then the counts survive both ways and the triggers of each schema keep them', async () => {
    const db = database.db;
    const units = [await buildUnit(db, { households: 10 }), await buildUnit(db, { households: 20 }), await buildUnit(db, { households: 30 })];
    const member = await buildMember(db, { unitId: units[0]?.id });
    const ids = units.map((u) => u.id);
    const task = await buildTask(db, { unitIds: ids });
    await report(task.id, ids[0] ?? 0, member.id, 'done', 8);
    const migrator = new Migrator({ db, provider: { getMigrations: async () => migrations } });
    /** 'r' a table, 'v' a view. */
    const statsKind = () => sql<{ kind: string }>`select relkind as kind from pg_class where relname = 'task_stats'`.execute(db).then((r) => r.rows);
    try {
      const down = await migrator.migrateTo('2026_12_05_1000_task_periods_series');
      expect(down.error).toBeUndefined();
      expect(await statsKind()).toEqual([{ kind: 'r' }]);
      expect(await storedCounts(db)).toEqual(await freshCounts(db));
      await report(task.id, ids[1] ?? 0, member.id, 'partial', 5);
      expect(await storedCounts(db)).toEqual(await freshCounts(db));
    } finally {
      const up = await migrator.migrateToLatest();
      expect(up.error).toBeUndefined();
    }
    expect(await statsKind()).toEqual([{ kind: 'v' }]);
    await report(task.id, ids[2] ?? 0, member.id, 'not_done', null);
    await db.deleteFrom('task_units').where('unit_id', '=', ids[0] ?? 0).execute();
    expect(await storedCounts(db)).toEqual(await freshCounts(db));
    expect(await storedCounts(db)).toMatchObject([{ assigned: 2, reported: 3, partial: 1, not_done: 1, households: 50 }]);
  });

  it('when the chart is drawn, then it is a PNG whose labels and bars come from the data', () => {
    const task = (title: string, done: number, pending: number): TaskProgressLine => ({
      id: 1, title, dueAt: new Date(), status: 'open', numberLabel: null, againstHouseholds: false, assigned: done + pending, reported: done,
      done, partial: 0, notDone: 0, pending, flagged: 0, numberTotal: 0, households: 0, overdue: false,
    });
    const spec = progressChartSpec('Kỷ niệm 90 năm', [task('Treo cờ Tổ quốc', 3, 2), task('Tổng vệ sinh môi trường', 1, 4)], LEGEND);
    expect(spec.labels).toEqual(['Treo cờ Tổ quốc', 'Tổng vệ sinh môi trường']);
    expect(spec.series.map((s) => [s.label, s.values])).toEqual([['Đã xong', [3, 1]], ['Làm một phần', [0, 0]], ['Chưa làm', [0, 0]], ['Chưa báo cáo', [2, 4]]]);

    const png = renderProgressChart(spec);
    expect(png.subarray(0, 8)).toEqual(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]));
    expect([png.readUInt32BE(16), png.readUInt32BE(20)]).toEqual([900, 130 + 2 * 46]);
    const other = renderProgressChart(progressChartSpec('Kỷ niệm 90 năm', [task('Treo cờ Tổ quốc', 5, 0), task('Tổng vệ sinh môi trường', 1, 4)], LEGEND));
    expect(other.equals(png)).toBe(false);
    expect(renderProgressChart(spec).equals(png)).toBe(true);
  });
});
