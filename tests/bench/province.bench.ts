// `npm run bench -- province [--communes N] [--units N] [--tasks N] [--runs N]`: one province's
// database against the real PostgreSQL (TEST_DATABASE_URL): 3,300 communes × 30 units × 20 tasks
// (about 2 million task–unit pairs, 70% reported), in a database it creates and drops itself.
// Times the province's /status of one send as the bot reads it (src/province: the send, the totals
// over every commune's row of send_offices, whose counters the task_stats_shards trigger keeps, and
// the 120 communes furthest behind; all 3,300 communes kept it) and one commune's /pending with the bot's own query, each scoped to its
// office the way an update is (core/office-scope).
import { type Kysely, sql } from 'kysely';
import { inOffice, OfficeScopePlugin } from '../../src/core/office-scope.js';
import type { Database } from '../../src/core/schema.js';
import { option, seedStep, time, withScratchDatabase } from './scratch-db.js';
import { rollupRowsQuery, rollupTotalsQuery } from '../../src/province/province.queries.js';
import { findSend, provinceStatus } from '../../src/province/province.service.js';
import { pendingForTask } from '../../src/status/status.service.js';

const LIST_LIMIT = 200;
/** Untimed calls before each timing. */
const WARMUP = 3;

/** Office 1 becomes the province; communes 2…n+1 under it, each with its units, leaders, one campaign and its tasks. */
async function seed(db: Kysely<Database>, communes: number, units: number, tasks: number): Promise<void> {
  const step = seedStep(db);
  const form = '{"number": {"label": "Số hộ", "max": "households"}, "photos": "optional", "location": false, "note": true}';
  await step('province', sql`update offices set kind = 'tinh', name = 'Quảng Trị' where id = 1`);
  await step(`${communes} communes`, sql`insert into offices (name, kind, parent_id) select 'Xã ' || g, case when g % 7 = 0 then 'phuong' else 'xa' end, 1 from generate_series(1, ${communes}) g`);
  await step('their settings', sql`insert into office_settings (id, residential_term) select id, 'thon' from offices where parent_id = 1`);
  // The guards check each row against its task and unit; the seed is consistent by construction.
  await step('guards off for the seed', sql`alter table task_units disable trigger task_units_same_office; alter table unit_members disable trigger unit_members_same_office; alter table reports disable trigger reports_office`);
  await step(`${communes * units} units`, sql`insert into units (office_id, kind, name, households)
    select o.id, 'block', 'Thôn ' || g, 40 + (o.id + g) % 160 from offices o cross join generate_series(1, ${units}) g where o.parent_id = 1`);
  await step('leaders', sql`insert into members (office_id, telegram_id, chat_id, display_name, role)
    select u.office_id, 1000000 + u.id, 1000000 + u.id, 'Trưởng ' || u.name, 'leader' from units u`);
  await step('unit_members', sql`insert into unit_members (office_id, unit_id, member_id, position) select u.office_id, u.id, m.id, 'leader' from units u join members m on m.telegram_id = 1000000 + u.id`);
  await step('campaigns', sql`insert into campaigns (office_id, name) select id, 'Kỷ niệm 90 năm' from offices where parent_id = 1`);
  await step(`${communes * tasks} tasks`, sql`insert into tasks (office_id, campaign_id, title, due_at, form)
    select c.office_id, c.id, 'Nhiệm vụ ' || g, timestamptz '2026-06-14 10:00Z' + g * interval '1 day', ${form}::jsonb
    from campaigns c cross join generate_series(1, ${tasks}) g`);
  await step('task_units', sql`insert into task_units (office_id, task_id, unit_id) select t.office_id, t.id, u.id from tasks t join units u on u.office_id = t.office_id`);
  await step('reports (70%)', sql`insert into reports (office_id, task_id, unit_id, status, number_value, flags, late, revision_count, reported_by, reported_at)
    select t.office_id, t.id, u.id, case when (u.id + t.id) % 8 = 0 then 'not_done' else 'done' end, u.households - (u.id % 5), '[]'::jsonb, false, 1,
      m.id, timestamptz '2026-06-10 02:00Z'
    from tasks t join units u on u.office_id = t.office_id join members m on m.telegram_id = 1000000 + u.id
    where (u.id * 7 + t.id) % 10 < 7`);
  await step(`${tasks} sends from the province`, sql`insert into province_sends (office_id, title, form, due_at, sent_at)
    select 1, 'Nhiệm vụ ' || g, ${form}::jsonb, timestamptz '2026-06-14 10:00Z' + g * interval '1 day', timestamptz '2026-06-01 01:00Z' from generate_series(1, ${tasks}) g`);
  // Every commune kept every send (its task g), except one in ten that never opened the last one; counters as the trigger keeps them.
  await step('send_offices', sql`insert into send_offices (office_id, send_id, opened_at, kept_at, task_id, assigned, reported, households, number_total)
    select t.office_id, s.id, timestamptz '2026-06-02 01:00Z', timestamptz '2026-06-02 01:00Z', t.id, st.assigned, st.reported, st.households, st.number_total
    from tasks t join province_sends s on s.title = t.title and s.office_id = 1 join task_stats st on st.task_id = t.id`);
  await step('guards on', sql`alter table task_units enable trigger task_units_same_office; alter table unit_members enable trigger unit_members_same_office; alter table reports enable trigger reports_office`);
  await step('vacuum analyze', sql`vacuum analyze`);
}

/** Communes the province's /status lists (src/province/province.feature.ts). */
const STATUS_LISTED = 120;

/** The province's /status of one send, as the bot reads it: the send, the totals over every commune, and the communes furthest behind. */
async function rollup(db: Kysely<Database>, provinceId: number, sendId: number) {
  const [send, status] = await Promise.all([findSend(db, provinceId, sendId), provinceStatus(db, provinceId, sendId, { limit: STATUS_LISTED })]);
  if (!send) throw new Error(`send ${sendId} not found`);
  return status;
}

const ms = (v: number) => v.toFixed(1);

export async function run(args: string[]): Promise<void> {
  const adminUrl = process.env.TEST_DATABASE_URL;
  if (!adminUrl) {
    console.log('province: skipped — set TEST_DATABASE_URL to a PostgreSQL server; this benchmark does not run on PGlite.');
    return;
  }
  const communes = option(args, 'communes', 3_300);
  const units = option(args, 'units', 30);
  const tasks = option(args, 'tasks', 20);
  const runs = option(args, 'runs', 30);
  await withScratchDatabase(adminUrl, async (db, name) => {
    console.log(`province: seeding ${communes} communes × ${units} units × ${tasks} tasks (70% reported) into ${name}`);
    await seed(db, communes, units, tasks);
    const scoped = db.withPlugin(new OfficeScopePlugin());
    // One commune in the middle, and one of its tasks.
    const commune = Math.floor(communes / 2) + 1;
    const task = await db.selectFrom('tasks').select('id').where('office_id', '=', commune).orderBy('id').limit(1).executeTakeFirstOrThrow();
    const send = await db.selectFrom('province_sends').select('id').where('office_id', '=', 1).orderBy('id').offset(Math.floor(tasks / 2)).limit(1).executeTakeFirstOrThrow();
    const rows = await inOffice(1, () => rollup(scoped, 1, send.id));
    const sample = await inOffice(commune, () => pendingForTask(scoped, task.id, LIST_LIMIT));
    console.log(`  roll-up of send ${send.id}: ${rows.totals.communes} communes (${rows.communes.length} listed), ${rows.totals.reported} of ${rows.totals.assigned} units reported`);
    console.log(`  commune ${commune}, task ${task.id}: ${sample?.pendingCount} pending, listed ${sample?.pending.length}`);
    if (args.includes('--explain')) {
      // The plans of the two roll-up reads, as the scoped handle compiles them.
      for (const q of [rollupTotalsQuery(scoped, 1, send.id), rollupRowsQuery(scoped, 1, send.id, { limit: STATUS_LISTED })]) {
        const c = inOffice(1, () => q.compile());
        const plan = await sql.raw<{ 'QUERY PLAN': string }>(`explain (analyze, buffers) ${c.sql.replace(/\$(\d+)/g, (_, i: string) => String(c.parameters[Number(i) - 1]))}`).execute(db);
        console.log(plan.rows.map((r) => r['QUERY PLAN']).join('\n'));
      }
    }
    const up = await time(runs, () => inOffice(1, () => rollup(scoped, 1, send.id)), WARMUP);
    const pending = await time(runs, () => inOffice(commune, () => pendingForTask(scoped, task.id, LIST_LIMIT)), WARMUP);
    console.log(`  province roll-up: p50 ${ms(up.p50)} ms, p95 ${ms(up.p95)} ms (goal < 100 ms); commune /pending: p50 ${ms(pending.p50)} ms, p95 ${ms(pending.p95)} ms (goal < 50 ms), over ${runs} runs`);
    console.log(`province: rollup p95 ${ms(up.p95)} ms, commune pending p95 ${ms(pending.p95)} ms`);
  });
}
