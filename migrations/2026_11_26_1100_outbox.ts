import { type Kysely, sql } from 'kysely';

// Frozen in time: never import application code here.
export async function up(db: Kysely<any>): Promise<void> {
  // One row per (source, recipient): the unique key makes every producer idempotent.
  await db.schema
    .createTable('deliveries')
    .addColumn('id', 'bigserial', (c) => c.primaryKey())
    .addColumn('source', 'text', (c) => c.notNull())
    .addColumn('chat_id', 'bigint', (c) => c.notNull())
    .addColumn('member_id', 'integer', (c) => c.references('members.id').onDelete('set null'))
    .addColumn('payload', 'jsonb', (c) => c.notNull())
    .addColumn('status', 'text', (c) =>
      c
        .notNull()
        .defaultTo('queued')
        .check(sql`status in ('queued', 'sending', 'sent', 'failed', 'unreachable', 'skipped', 'cancelled')`),
    )
    .addColumn('attempts', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('next_attempt_at', 'timestamptz', (c) => c.notNull())
    .addColumn('expires_at', 'timestamptz')
    .addColumn('lease_until', 'timestamptz')
    .addColumn('leased_by', 'text')
    .addColumn('message_id', 'bigint')
    .addColumn('sent_at', 'timestamptz')
    .addColumn('last_error', 'text')
    .addColumn('created_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .addUniqueConstraint('deliveries_source_chat_key', ['source', 'chat_id'])
    .execute();
  await sql`create index deliveries_due_idx on deliveries (next_attempt_at, id) where status = 'queued'`.execute(db);
  await sql`create index deliveries_sending_idx on deliveries (lease_until) where status = 'sending'`.execute(db);

  // What the scheduler has already turned into deliveries (or skipped), one row per due item.
  await db.schema
    .createTable('outbox_runs')
    .addColumn('key', 'text', (c) => c.primaryKey())
    .addColumn('status', 'text', (c) => c.notNull().check(sql`status in ('queued', 'skipped')`))
    .addColumn('due_at', 'timestamptz', (c) => c.notNull())
    .addColumn('processed_at', 'timestamptz', (c) => c.notNull())
    .addColumn('recipients', 'integer', (c) => c.notNull().defaultTo(0))
    .execute();

  await db.schema
    .createTable('broadcasts')
    .addColumn('id', 'serial', (c) => c.primaryKey())
    .addColumn('created_by', 'integer', (c) => c.references('members.id'))
    .addColumn('content', 'jsonb', (c) => c.notNull())
    .addColumn('target', 'jsonb', (c) => c.notNull())
    .addColumn('send_at', 'timestamptz', (c) => c.notNull())
    .addColumn('repeat', 'text', (c) => c.check(sql`repeat is null or repeat in ('daily', 'weekly')`))
    .addColumn('status', 'text', (c) =>
      c.notNull().defaultTo('scheduled').check(sql`status in ('scheduled', 'sending', 'done', 'cancelled')`),
    )
    .addColumn('progress_chat_id', 'bigint')
    .addColumn('progress_message_id', 'bigint')
    .addColumn('locale', 'text', (c) => c.notNull())
    .addColumn('creation_key', 'text', (c) => c.unique())
    .addColumn('created_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .addColumn('cancelled_at', 'timestamptz')
    .addColumn('cancelled_by', 'integer', (c) => c.references('members.id'))
    .execute();
  await db.schema.createIndex('broadcasts_status_idx').on('broadcasts').columns(['status', 'send_at']).execute();

  // Only the admin's changes to a task's default reminders are stored.
  await db.schema
    .createTable('task_reminder_overrides')
    .addColumn('task_id', 'integer', (c) => c.notNull().references('tasks.id').onDelete('cascade'))
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('enabled', 'boolean', (c) => c.notNull())
    .addColumn('updated_by', 'integer', (c) => c.references('members.id'))
    .addColumn('updated_at', 'timestamptz', (c) => c.notNull())
    .addPrimaryKeyConstraint('task_reminder_overrides_pkey', ['task_id', 'kind'])
    .execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  for (const t of ['task_reminder_overrides', 'broadcasts', 'outbox_runs', 'deliveries']) {
    await db.schema.dropTable(t).ifExists().execute();
  }
}
