import { type Kysely, sql } from 'kysely';

// Frozen in time: never import application code here.
//
// Issue 11: periods, take-downs and recurring tasks.
// - tasks.starts_at / ends_at: a task may run over a period ("treo cờ từ 23/7 đến hết 27/7");
//   due_at stays the report deadline, so everything that reads it keeps working.
// - task_take_downs: one light confirmation per (task, unit) after the period ("Đã hạ cờ").
// - task_series (+ task_series_units): a recurring task; each occurrence is an ordinary task row
//   with series_id and its local day, unique together, so a producer can insert it with
//   ON CONFLICT DO NOTHING however often it runs.
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('task_series')
    .addColumn('id', 'serial', (c) => c.primaryKey())
    .addColumn('campaign_id', 'integer', (c) => c.notNull().references('campaigns.id'))
    .addColumn('title', 'text', (c) => c.notNull())
    .addColumn('description', 'text')
    .addColumn('template', 'text')
    .addColumn('form', 'jsonb', (c) => c.notNull())
    .addColumn('recurrence', 'jsonb', (c) => c.notNull())
    .addColumn('lead_days', 'integer', (c) => c.notNull().defaultTo(2).check(sql`lead_days between 0 and 60`))
    .addColumn('status', 'text', (c) => c.notNull().defaultTo('active').check(sql`status in ('active', 'paused', 'ended')`))
    .addColumn('created_by', 'integer', (c) => c.references('members.id'))
    .addColumn('creation_key', 'text', (c) => c.unique())
    .addColumn('created_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .addColumn('updated_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .execute();

  await db.schema
    .createTable('task_series_units')
    .addColumn('series_id', 'integer', (c) => c.notNull().references('task_series.id').onDelete('cascade'))
    .addColumn('unit_id', 'integer', (c) => c.notNull().references('units.id'))
    .addPrimaryKeyConstraint('task_series_units_pkey', ['series_id', 'unit_id'])
    .execute();

  await db.schema
    .alterTable('tasks')
    .addColumn('starts_at', 'timestamptz')
    .addColumn('ends_at', 'timestamptz')
    .addColumn('series_id', 'integer', (c) => c.references('task_series.id'))
    .addColumn('occurrence_on', 'date')
    .execute();
  await sql`alter table tasks add constraint tasks_period_check check ((starts_at is null) = (ends_at is null) and (ends_at is null or ends_at > starts_at))`.execute(db);
  await sql`alter table tasks add constraint tasks_occurrence_check check ((series_id is null) = (occurrence_on is null))`.execute(db);
  // NULLs are distinct: tasks outside a series never collide.
  await sql`alter table tasks add constraint tasks_series_occurrence_key unique (series_id, occurrence_on)`.execute(db);

  await db.schema
    .createTable('task_take_downs')
    .addColumn('task_id', 'integer', (c) => c.notNull().references('tasks.id').onDelete('cascade'))
    .addColumn('unit_id', 'integer', (c) => c.notNull().references('units.id'))
    .addColumn('member_id', 'integer', (c) => c.notNull().references('members.id'))
    .addColumn('confirmed_at', 'timestamptz', (c) => c.notNull())
    .addPrimaryKeyConstraint('task_take_downs_pkey', ['task_id', 'unit_id'])
    .execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('task_take_downs').execute();
  await sql`alter table tasks drop constraint tasks_series_occurrence_key, drop constraint tasks_occurrence_check, drop constraint tasks_period_check`.execute(db);
  await db.schema.alterTable('tasks').dropColumn('occurrence_on').dropColumn('series_id').dropColumn('ends_at').dropColumn('starts_at').execute();
  await db.schema.dropTable('task_series_units').execute();
  await db.schema.dropTable('task_series').execute();
}
