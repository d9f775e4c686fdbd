// `npm run bench -- pending [--units N] [--tasks N] [--runs N]`: "who has not reported" and the
// campaign status against the real PostgreSQL (TEST_DATABASE_URL), with the bot's own queries.
// Seeds 100,000 units × 50 tasks with 80% reported using generate_series, in a database it
// creates and drops itself.
import { type Kysely, sql } from 'kysely';
import type { Database } from '../../src/core/schema.js';
import { option, seedStep, time, withScratchDatabase } from './scratch-db.js';
import { campaignTaskStatsQuery, notDoneUnitsQuery, pendingUnitsQuery } from '../../src/status/status.queries.js';
import { campaignStatus, pendingForTask } from '../../src/status/status.service.js';

/** Untimed calls before each timing. */
const WARMUP = 5;
/** What /pending lists for one task (the bot's PENDING_ONE_TASK). */
const LIST_LIMIT = 200;

async function seed(db: Kysely<Database>, units: number, tasks: number): Promise<{ campaignId: number; taskId: number }> {
  const step = seedStep(db);
  await step('members (admin)', sql`insert into members (telegram_id, chat_id, display_name, role) values (1, 1, 'Văn phòng', 'admin')`);
  await step(`${units} units`, sql`insert into units (kind, name, households) select 'block', 'Khối phố ' || g, 40 + g % 160 from generate_series(1, ${units}) g`);
  // 90% of units have a leader; one leader in 50 blocked the bot.
  await step('leaders', sql`insert into members (telegram_id, chat_id, display_name, role, status)
    select 100000 + g, 100000 + g, 'Trưởng khối ' || g, 'leader', case when g % 50 = 0 then 'unreachable' else 'active' end
    from generate_series(1, ${units}) g where g % 10 <> 0`);
  await step('unit_members', sql`insert into unit_members (unit_id, member_id, position)
    select u.id, m.id, 'leader' from members m join units u on u.name = 'Khối phố ' || (m.telegram_id - 100000) where m.role = 'leader'`);
  await step('campaign', sql`insert into campaigns (name) values ('Kỷ niệm 90 năm')`);
  await step(`${tasks} tasks`, sql`insert into tasks (campaign_id, title, due_at, form)
    select 1, 'Nhiệm vụ ' || g, timestamptz '2026-06-14 10:00Z' + g * interval '1 day',
      '{"number": {"label": "Số hộ", "max": "households"}, "photos": "optional", "location": false, "note": true}'::jsonb
    from generate_series(1, ${tasks}) g`);
  await step('task_units', sql`insert into task_units (task_id, unit_id) select t.id, u.id from tasks t cross join units u`);
  // 80% reported; 1 in 8 of those "Chưa làm"; 1 in 97 returned for rework.
  await step('reports', sql`insert into reports (task_id, unit_id, status, number_value, flags, late, revision_count, reported_by, reported_at, returned_at, return_reason)
    select t.id, u.id,
      case when (u.id + t.id) % 8 = 0 then 'not_done' when (u.id + t.id) % 8 = 1 then 'partial' else 'done' end,
      case when (u.id + t.id) % 8 = 0 then null else u.households - (u.id % 5) end,
      '[]'::jsonb, false, 1, 1, timestamptz '2026-06-10 02:00Z',
      case when (u.id * 3 + t.id) % 97 = 0 then timestamptz '2026-06-11 02:00Z' end,
      case when (u.id * 3 + t.id) % 97 = 0 then 'Ảnh chưa rõ' end
    from tasks t cross join units u where (u.id * 7 + t.id) % 5 <> 0`);
  // Settle the fresh tables (statistics, visibility map) so autovacuum does not run during the timing.
  await step('vacuum analyze', sql`vacuum analyze`);
  return { campaignId: 1, taskId: Math.ceil(tasks / 2) };
}

const BIG_TABLES = /Seq Scan on (reports|task_units|task_pending|units|unit_members|members)\b/;

/** The plan's scan nodes: whether one is an index scan, and any full scan of a table that grows with the units. */
async function plan(query: { explain(): Promise<Record<string, unknown>[]> }): Promise<{ usesIndex: boolean; fullScans: string[]; scans: string[] }> {
  const lines = (await query.explain()).map((r) => String(Object.values(r)[0]).trim().replace(/^->\s*/, '').replace(/\s+\(cost=.*$/, ''));
  const scans = lines.filter((l) => /Scan/.test(l) && !/^(Index Cond|Filter|Recheck)/.test(l));
  return { usesIndex: scans.some((l) => /Index (Only )?Scan/.test(l)), fullScans: scans.filter((l) => BIG_TABLES.test(l)), scans };
}

const ms = (v: number) => v.toFixed(2);

export async function run(args: string[]): Promise<void> {
  const adminUrl = process.env.TEST_DATABASE_URL;
  if (!adminUrl) {
    console.log('pending: skipped — set TEST_DATABASE_URL to a PostgreSQL server (e.g. postgres://postgres@127.0.0.1:5432/khoipho_ci); this benchmark does not run on PGlite.');
    return;
  }
  const units = option(args, 'units', 100_000);
  const tasks = option(args, 'tasks', 50);
  const runs = option(args, 'runs', 50);
  await withScratchDatabase(adminUrl, async (db, name) => {
    console.log(`pending: seeding ${units} units × ${tasks} tasks, 80% reported, into ${name}`);
    const { campaignId, taskId } = await seed(db, units, tasks);
    const now = new Date('2026-06-20T02:00:00Z');
    const sample = await pendingForTask(db, taskId, LIST_LIMIT);
    const status = await campaignStatus(db, campaignId, now);
    console.log(`  task ${taskId}: ${sample?.pendingCount} pending, ${sample?.notDoneCount} "Chưa làm", listed ${sample?.pending.length} + ${sample?.notDone.length}; campaign: ${status.tasks.length} tasks`);

    const pending = await time(runs, () => pendingForTask(db, taskId, LIST_LIMIT), WARMUP);
    const overview = await time(runs, () => campaignStatus(db, campaignId, now), WARMUP);
    const plans = {
      pending: await plan(pendingUnitsQuery(db, taskId, LIST_LIMIT)),
      notDone: await plan(notDoneUnitsQuery(db, taskId, LIST_LIMIT)),
      status: await plan(campaignTaskStatsQuery(db, campaignId)),
    };
    for (const [label, p] of Object.entries(plans)) {
      const big = p.fullScans.length ? `FULL SCAN of a big table: ${p.fullScans.join(', ')}` : 'no full scan of a big table';
      console.log(`  plan ${label}: ${p.usesIndex ? 'uses an index' : 'no index'}, ${big} [${p.scans.join('; ')}]`);
    }
    // What the summary table saves: the same counts straight from the reports.
    const raw = await time(3, () =>
      sql`select r.task_id, count(*) filter (where r.returned_at is null) from reports r join tasks t on t.id = r.task_id where t.campaign_id = ${campaignId} group by r.task_id`.execute(db),
      WARMUP,
    );
    console.log(`  who has not reported (1 task, ${LIST_LIMIT} listed): p50 ${ms(pending.p50)} ms, p95 ${ms(pending.p95)} ms over ${runs} runs`);
    console.log(`  campaign status (${status.tasks.length} tasks): p50 ${ms(overview.p50)} ms, p95 ${ms(overview.p95)} ms over ${runs} runs`);
    console.log(`  the same counts aggregated from reports without task_stats: p50 ${ms(raw.p50)} ms (${(raw.p50 / overview.p50).toFixed(0)}× slower)`);
    const goal = pending.p95 < 50 && overview.p95 < 50 ? 'both under the 50 ms goal' : 'GOAL MISSED (50 ms)';
    console.log(`  ${goal}`);
    console.log(`pending: p95 ${ms(pending.p95)} ms, status p95 ${ms(overview.p95)} ms`);
  });
}
