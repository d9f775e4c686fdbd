import { type CreateTableBuilder, type Kysely, sql } from 'kysely';

// Frozen in time: never import application code here.
//
// Issue 12: concurrent submissions no longer queue on one row.
// Every submission for a task updated that task's single task_stats row (trigger), and a row
// lock is held until the commit is on disk: a thousand leaders pressing Gửi at once were served
// one fsync at a time (seen as Lock:transactionid waits under `npm run bench -- ingest`).
// The counters now live in up to SHARDS rows per task (task_stats_shards, shard = unit_id % SHARDS),
// and task_stats becomes a view that sums them, so every reader keeps its query. Two
// submissions wait for each other only when their units share a shard. Every change is an
// upsert of a delta: only the sums mean anything (the counts from before sit in shard 0).

const SHARDS = 16;

/** Where the counters live: the shards (after this migration, `shardOf` a unit id) or the one row per task (before). */
interface Target {
  table: string;
  shardOf?: (unitId: string) => string;
}

const SHARDED: Target = { table: 'task_stats_shards', shardOf: (u) => `(${u} % ${SHARDS})::smallint` };
const SINGLE: Target = { table: 'task_stats' };

/** The key columns of an upsert (its conflict target), and their values from rows of `alias` (task_id, and the shard of `unit`). */
function keyOf(t: Target, alias: string, unit = `${alias}.unit_id`): { names: string; values: string } {
  return t.shardOf ? { names: 'task_id, shard', values: `${alias}.task_id, ${t.shardOf(unit)}` } : { names: 'task_id', values: `${alias}.task_id` };
}

/** Adds (or, with '-', takes away) the counts of the report rows in `rows` (an upsert per task and shard). */
function reportDeltas(t: Target, rows: string, sign: '+' | '-'): string {
  const counted = (extra = '') => `${sign}count(*) filter (where returned_at is null${extra})::int`;
  const k = keyOf(t, rows);
  return `
    insert into ${t.table} as s (${k.names}, reported, done, partial, not_done, flagged, number_total)
    select ${k.values}, ${counted()}, ${counted(` and status = 'done'`)}, ${counted(` and status = 'partial'`)},
      ${counted(` and status = 'not_done'`)}, ${counted(' and jsonb_array_length(flags) > 0')},
      ${sign}coalesce(sum(number_value) filter (where returned_at is null), 0)::bigint
    from ${rows} group by ${k.values}
    on conflict (${k.names}) do update set
      reported = s.reported + excluded.reported, done = s.done + excluded.done, partial = s.partial + excluded.partial,
      not_done = s.not_done + excluded.not_done, flagged = s.flagged + excluded.flagged, number_total = s.number_total + excluded.number_total;`;
}

/** Adds (or takes away) the units of `rows` (aliased `alias`) to their tasks' assigned count and households. */
function unitDeltas(t: Target, rows: string, alias: string, sign: '+' | '-'): string {
  const k = keyOf(t, alias);
  return `
      insert into ${t.table} as s (${k.names}, assigned, households)
        select ${k.values}, ${sign}count(*)::int, ${sign}coalesce(sum(u.households), 0)::bigint from ${rows} ${alias} join units u on u.id = ${alias}.unit_id
        group by ${k.values}
      on conflict (${k.names}) do update set assigned = s.assigned + excluded.assigned, households = s.households + excluded.households;`;
}

/** The trigger functions of migration 2026_11_26_1200 (same names, same triggers), writing to `t`. */
function functions(t: Target): Record<string, string> {
  const changed = keyOf(t, 'tu', 'new.id');
  return {
    task_progress_units_added: `${unitDeltas(t, 'added', 'a', '+')}
      insert into task_pending (task_id, unit_id)
        select a.task_id, a.unit_id from added a
        where not exists (select 1 from reports r where r.task_id = a.task_id and r.unit_id = a.unit_id and r.returned_at is null)
      on conflict do nothing;`,
    task_progress_units_removed: `${unitDeltas(t, 'removed', 'r', '-')}
      delete from task_pending p using removed r where p.task_id = r.task_id and p.unit_id = r.unit_id;`,
    task_progress_reports_changed: `
      if tg_op in ('UPDATE', 'DELETE') then ${reportDeltas(t, 'old_rows', '-')} end if;
      if tg_op = 'DELETE' then
        insert into task_pending (task_id, unit_id)
          select o.task_id, o.unit_id from old_rows o join task_units tu on tu.task_id = o.task_id and tu.unit_id = o.unit_id
        on conflict do nothing;
      else
        ${reportDeltas(t, 'new_rows', '+')}
        delete from task_pending p using new_rows n where p.task_id = n.task_id and p.unit_id = n.unit_id and n.returned_at is null;
        insert into task_pending (task_id, unit_id)
          select n.task_id, n.unit_id from new_rows n join task_units tu on tu.task_id = n.task_id and tu.unit_id = n.unit_id
          where n.returned_at is not null
        on conflict do nothing;
      end if;`,
    task_progress_households_changed: `
      insert into ${t.table} as s (${changed.names}, households)
        select ${changed.values}, coalesce(new.households, 0) - coalesce(old.households, 0) from task_units tu where tu.unit_id = new.id
      on conflict (${changed.names}) do update set households = s.households + excluded.households;`,
  };
}

async function install(db: Kysely<any>, t: Target): Promise<void> {
  for (const [name, body] of Object.entries(functions(t))) {
    await sql.raw(`create or replace function ${name}() returns trigger language plpgsql as $$ begin ${body} return null; end $$`).execute(db);
  }
}

const COUNTERS = ['assigned', 'households', 'reported', 'done', 'partial', 'not_done', 'flagged', 'number_total'] as const;
const BIG = new Set(['households', 'number_total']);

function counterColumns(table: CreateTableBuilder<string, string>): CreateTableBuilder<string, string> {
  let t = table;
  for (const c of COUNTERS) t = t.addColumn(c, BIG.has(c) ? 'bigint' : 'integer', (col) => col.notNull().defaultTo(0));
  return t;
}

const sums = COUNTERS.map((c) => `sum(${c})::${BIG.has(c) ? 'bigint' : 'int'} as ${c}`).join(', ');

export async function up(db: Kysely<any>): Promise<void> {
  await counterColumns(
    db.schema
      .createTable('task_stats_shards')
      .addColumn('task_id', 'integer', (c) => c.notNull().references('tasks.id').onDelete('cascade'))
      .addColumn('shard', 'smallint', (c) => c.notNull()),
  )
    .addPrimaryKeyConstraint('task_stats_shards_pkey', ['task_id', 'shard'])
    .execute();
  await sql.raw(`insert into task_stats_shards (task_id, shard, ${COUNTERS.join(', ')}) select task_id, 0, ${COUNTERS.join(', ')} from task_stats`).execute(db);
  await db.schema.dropTable('task_stats').execute();
  await sql.raw(`create view task_stats as select task_id, ${sums} from task_stats_shards group by task_id`).execute(db);
  await install(db, SHARDED);
}

export async function down(db: Kysely<any>): Promise<void> {
  await sql.raw(`create table task_stats_before as select * from task_stats`).execute(db);
  await sql.raw('drop view task_stats').execute(db);
  await counterColumns(db.schema.createTable('task_stats').addColumn('task_id', 'integer', (c) => c.primaryKey().references('tasks.id').onDelete('cascade'))).execute();
  await sql.raw(`insert into task_stats select * from task_stats_before`).execute(db);
  await db.schema.dropTable('task_stats_before').execute();
  await db.schema.dropTable('task_stats_shards').execute();
  await install(db, SINGLE);
}
