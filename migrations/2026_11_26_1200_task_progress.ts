import { type Kysely, sql } from 'kysely';

// Frozen in time: never import application code here.
//
// What officials ask most ("how far along", "who has not reported") must stay fast for a
// province of 100,000 units, so two summaries are kept beside the facts:
//   task_stats    one row per task with its counts (assigned, reported, done…, number total);
//   task_pending  one row per (task, unit) that owes a report: never reported, or returned.
// Statement-level triggers with transition tables keep both in step with task_units, reports
// and units.households, whoever writes them; a bulk insert updates each task's row once.
// A report returned for rework (returned_at set) counts as not reported.

function reportDeltas(rows: string, sign: '+' | '-'): string {
  const counted = (extra = '') => `count(*) filter (where returned_at is null${extra})::int`;
  return `
    update task_stats s set
      reported = s.reported ${sign} d.reported, done = s.done ${sign} d.done, partial = s.partial ${sign} d.partial,
      not_done = s.not_done ${sign} d.not_done, flagged = s.flagged ${sign} d.flagged, number_total = s.number_total ${sign} d.number_total
    from (
      select task_id, ${counted()} as reported, ${counted(` and status = 'done'`)} as done, ${counted(` and status = 'partial'`)} as partial,
        ${counted(` and status = 'not_done'`)} as not_done, ${counted(' and jsonb_array_length(flags) > 0')} as flagged,
        coalesce(sum(number_value) filter (where returned_at is null), 0)::bigint as number_total
      from ${rows} group by task_id
    ) d
    where s.task_id = d.task_id;`;
}

const FUNCTIONS = {
  task_progress_units_added: `
    insert into task_stats (task_id, assigned, households)
      select a.task_id, count(*)::int, coalesce(sum(u.households), 0)::bigint from added a join units u on u.id = a.unit_id group by a.task_id
    on conflict (task_id) do update set assigned = task_stats.assigned + excluded.assigned, households = task_stats.households + excluded.households;
    insert into task_pending (task_id, unit_id)
      select a.task_id, a.unit_id from added a
      where not exists (select 1 from reports r where r.task_id = a.task_id and r.unit_id = a.unit_id and r.returned_at is null)
    on conflict do nothing;`,
  task_progress_units_removed: `
    update task_stats s set assigned = s.assigned - d.n, households = s.households - d.h
    from (select r.task_id, count(*)::int as n, coalesce(sum(u.households), 0)::bigint as h from removed r join units u on u.id = r.unit_id group by r.task_id) d
    where s.task_id = d.task_id;
    delete from task_pending p using removed r where p.task_id = r.task_id and p.unit_id = r.unit_id;`,
  task_progress_reports_changed: `
    if tg_op in ('UPDATE', 'DELETE') then ${reportDeltas('old_rows', '-')} end if;
    if tg_op = 'DELETE' then
      insert into task_pending (task_id, unit_id)
        select o.task_id, o.unit_id from old_rows o join task_units tu on tu.task_id = o.task_id and tu.unit_id = o.unit_id
      on conflict do nothing;
    else
      insert into task_stats (task_id) select distinct task_id from new_rows on conflict do nothing;
      ${reportDeltas('new_rows', '+')}
      delete from task_pending p using new_rows n where p.task_id = n.task_id and p.unit_id = n.unit_id and n.returned_at is null;
      insert into task_pending (task_id, unit_id)
        select n.task_id, n.unit_id from new_rows n join task_units tu on tu.task_id = n.task_id and tu.unit_id = n.unit_id
        where n.returned_at is not null
      on conflict do nothing;
    end if;`,
  task_progress_households_changed: `
    update task_stats s set households = s.households + coalesce(new.households, 0) - coalesce(old.households, 0)
    from task_units tu where tu.unit_id = new.id and s.task_id = tu.task_id;`,
};

const TRIGGERS: [name: string, table: string, definition: string][] = [
  ['task_progress_units_ins', 'task_units', 'after insert on task_units referencing new table as added for each statement execute function task_progress_units_added()'],
  ['task_progress_units_del', 'task_units', 'after delete on task_units referencing old table as removed for each statement execute function task_progress_units_removed()'],
  ['task_progress_reports_ins', 'reports', 'after insert on reports referencing new table as new_rows for each statement execute function task_progress_reports_changed()'],
  ['task_progress_reports_upd', 'reports', 'after update on reports referencing old table as old_rows new table as new_rows for each statement execute function task_progress_reports_changed()'],
  ['task_progress_reports_del', 'reports', 'after delete on reports referencing old table as old_rows for each statement execute function task_progress_reports_changed()'],
  ['task_progress_households', 'units', 'after update of households on units for each row when (old.households is distinct from new.households) execute function task_progress_households_changed()'],
];

export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('task_stats')
    .addColumn('task_id', 'integer', (c) => c.primaryKey().references('tasks.id').onDelete('cascade'))
    .addColumn('assigned', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('households', 'bigint', (c) => c.notNull().defaultTo(0))
    .addColumn('reported', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('done', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('partial', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('not_done', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('flagged', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('number_total', 'bigint', (c) => c.notNull().defaultTo(0))
    .execute();
  // Its primary key is the /pending list in unit order: reading the first 200 costs 200 index entries.
  await db.schema
    .createTable('task_pending')
    .addColumn('task_id', 'integer', (c) => c.notNull())
    .addColumn('unit_id', 'integer', (c) => c.notNull())
    .addPrimaryKeyConstraint('task_pending_pkey', ['task_id', 'unit_id'])
    .execute();

  for (const [name, body] of Object.entries(FUNCTIONS)) {
    await sql.raw(`create function ${name}() returns trigger language plpgsql as $$ begin ${body} return null; end $$`).execute(db);
  }
  for (const [name, , definition] of TRIGGERS) await sql.raw(`create trigger ${name} ${definition}`).execute(db);

  // Tasks that existed before this migration.
  await sql
    .raw(
      `insert into task_stats (task_id, assigned, households)
       select tu.task_id, count(*)::int, coalesce(sum(u.households), 0)::bigint from task_units tu join units u on u.id = tu.unit_id group by tu.task_id`,
    )
    .execute(db);
  await sql.raw(`insert into task_stats (task_id) select id from tasks on conflict do nothing`).execute(db);
  await sql.raw(reportDeltas('reports', '+')).execute(db);
  await sql
    .raw(
      `insert into task_pending (task_id, unit_id) select tu.task_id, tu.unit_id from task_units tu
       where not exists (select 1 from reports r where r.task_id = tu.task_id and r.unit_id = tu.unit_id and r.returned_at is null)`,
    )
    .execute(db);

  // "Chưa làm" listed apart in /pending, in unit order, without reading the task's other reports.
  await sql.raw(`create index reports_not_done_idx on reports (task_id, unit_id) where status = 'not_done' and returned_at is null`).execute(db);
}

export async function down(db: Kysely<any>): Promise<void> {
  await sql.raw('drop index if exists reports_not_done_idx').execute(db);
  for (const [name, table] of TRIGGERS) await sql.raw(`drop trigger if exists ${name} on ${table}`).execute(db);
  for (const name of Object.keys(FUNCTIONS)) await sql.raw(`drop function if exists ${name}()`).execute(db);
  await db.schema.dropTable('task_pending').ifExists().execute();
  await db.schema.dropTable('task_stats').ifExists().execute();
}
