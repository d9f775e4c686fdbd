import { type Kysely, sql } from 'kysely';

// Frozen in time: never import application code here.
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('campaigns')
    .addColumn('id', 'serial', (c) => c.primaryKey())
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('starts_on', 'date')
    .addColumn('ends_on', 'date')
    .addColumn('created_by', 'integer', (c) => c.references('members.id'))
    .addColumn('created_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .execute();

  await db.schema
    .createTable('tasks')
    .addColumn('id', 'serial', (c) => c.primaryKey())
    .addColumn('campaign_id', 'integer', (c) => c.notNull().references('campaigns.id'))
    .addColumn('title', 'text', (c) => c.notNull())
    .addColumn('description', 'text')
    .addColumn('template', 'text')
    .addColumn('due_at', 'timestamptz', (c) => c.notNull())
    .addColumn('event_at', 'timestamptz')
    .addColumn('form', 'jsonb', (c) => c.notNull())
    .addColumn('status', 'text', (c) =>
      c.notNull().defaultTo('open').check(sql`status in ('open', 'closed', 'cancelled')`),
    )
    .addColumn('created_by', 'integer', (c) => c.references('members.id'))
    .addColumn('creation_key', 'text', (c) => c.unique())
    .addColumn('created_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .addColumn('updated_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .execute();
  await db.schema.createIndex('tasks_campaign_idx').on('tasks').columns(['campaign_id', 'status']).execute();

  await db.schema
    .createTable('task_units')
    .addColumn('task_id', 'integer', (c) => c.notNull().references('tasks.id').onDelete('cascade'))
    .addColumn('unit_id', 'integer', (c) => c.notNull().references('units.id'))
    .addPrimaryKeyConstraint('task_units_pkey', ['task_id', 'unit_id'])
    .execute();
  await db.schema.createIndex('task_units_unit_idx').on('task_units').column('unit_id').execute();

  // The current report per (task, unit); every submission is also kept in report_revisions.
  await db.schema
    .createTable('reports')
    .addColumn('id', 'serial', (c) => c.primaryKey())
    .addColumn('task_id', 'integer', (c) => c.notNull().references('tasks.id'))
    .addColumn('unit_id', 'integer', (c) => c.notNull().references('units.id'))
    .addColumn('status', 'text', (c) => c.notNull().check(sql`status in ('done', 'partial', 'not_done')`))
    .addColumn('number_value', 'integer')
    .addColumn('note', 'text')
    .addColumn('latitude', 'double precision')
    .addColumn('longitude', 'double precision')
    .addColumn('photo_count', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('flags', 'jsonb', (c) => c.notNull().defaultTo(sql`'[]'::jsonb`))
    .addColumn('late', 'boolean', (c) => c.notNull().defaultTo(false))
    .addColumn('revision_count', 'integer', (c) => c.notNull().defaultTo(1))
    .addColumn('reported_by', 'integer', (c) => c.notNull().references('members.id'))
    .addColumn('reported_at', 'timestamptz', (c) => c.notNull())
    // Returned for rework: the report counts as pending again until resubmitted.
    .addColumn('returned_at', 'timestamptz')
    .addColumn('returned_by', 'integer', (c) => c.references('members.id'))
    .addColumn('return_reason', 'text')
    .addUniqueConstraint('reports_task_unit_key', ['task_id', 'unit_id'])
    .execute();

  await db.schema
    .createTable('report_revisions')
    .addColumn('id', 'serial', (c) => c.primaryKey())
    .addColumn('report_id', 'integer', (c) => c.notNull().references('reports.id').onDelete('cascade'))
    .addColumn('task_id', 'integer', (c) => c.notNull())
    .addColumn('unit_id', 'integer', (c) => c.notNull())
    .addColumn('revision', 'integer', (c) => c.notNull())
    .addColumn('member_id', 'integer', (c) => c.notNull().references('members.id'))
    .addColumn('submission_key', 'text', (c) => c.notNull().unique())
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('number_value', 'integer')
    .addColumn('note', 'text')
    .addColumn('latitude', 'double precision')
    .addColumn('longitude', 'double precision')
    .addColumn('flags', 'jsonb', (c) => c.notNull().defaultTo(sql`'[]'::jsonb`))
    .addColumn('late', 'boolean', (c) => c.notNull())
    .addColumn('submitted_at', 'timestamptz', (c) => c.notNull())
    .addUniqueConstraint('report_revisions_report_revision_key', ['report_id', 'revision'])
    .execute();

  await db.schema
    .createTable('report_photos')
    .addColumn('id', 'serial', (c) => c.primaryKey())
    .addColumn('revision_id', 'integer', (c) => c.notNull().references('report_revisions.id').onDelete('cascade'))
    .addColumn('task_id', 'integer', (c) => c.notNull())
    .addColumn('unit_id', 'integer', (c) => c.notNull())
    .addColumn('file_id', 'text', (c) => c.notNull())
    .addColumn('file_unique_id', 'text', (c) => c.notNull())
    .addColumn('sent_at', 'timestamptz', (c) => c.notNull())
    .addColumn('position', 'integer', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('report_photos_unique_idx').on('report_photos').column('file_unique_id').execute();
  await db.schema.createIndex('report_photos_revision_idx').on('report_photos').column('revision_id').execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  for (const t of ['report_photos', 'report_revisions', 'reports', 'task_units', 'tasks', 'campaigns']) {
    await db.schema.dropTable(t).ifExists().execute();
  }
}
