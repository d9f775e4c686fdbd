import { type Kysely, sql } from 'kysely';

// Frozen in time: never import application code here.
//
// Where a delivery came from, in columns: its kind and what it is about (a task, a broadcast,
// a unit), so nothing has to parse `source` ("broadcast:12:2026-06-14"). `source` stays the
// idempotency key with chat_id. Rows already there are filled in from their source.
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .alterTable('deliveries')
    .addColumn('kind', 'text')
    .addColumn('task_id', 'integer', (c) => c.references('tasks.id').onDelete('set null'))
    .addColumn('broadcast_id', 'integer', (c) => c.references('broadcasts.id').onDelete('set null'))
    .addColumn('unit_id', 'integer', (c) => c.references('units.id').onDelete('set null'))
    .execute();

  await sql`
    update deliveries set kind = case
      when source like 'reminder:%' then 'reminder'
      when source like 'wrapup:%' then 'wrapup'
      when source like 'digest:%' then 'digest'
      when source like 'broadcast:%' then 'broadcast'
      when source like 'rework:%' then 'rework'
      else 'notice' end`.execute(db);
  // The CASE keeps the cast away from sources that do not have a number there.
  await sql`
    update deliveries d set task_id = t.id from tasks t
    where t.id = (case when d.source ~ '^(reminder|wrapup):[0-9]{1,9}:' then split_part(d.source, ':', 2)::int end)`.execute(db);
  await sql`
    update deliveries d set broadcast_id = b.id from broadcasts b
    where b.id = (case when d.source ~ '^broadcast:[0-9]{1,9}(:|$)' then split_part(d.source, ':', 2)::int end)`.execute(db);
  await sql`alter table deliveries alter column kind set not null`.execute(db);

  await sql`create index deliveries_broadcast_idx on deliveries (broadcast_id, status) where broadcast_id is not null`.execute(db);
  await sql`create index deliveries_task_queued_idx on deliveries (task_id) where status = 'queued'`.execute(db);

  // When the creator's progress message last showed a broadcast's final figures; until then any
  // instance's dispatcher keeps trying, so a crash never leaves it half-way.
  await db.schema.alterTable('broadcasts').addColumn('progress_final_at', 'timestamptz').execute();
  await sql`update broadcasts set progress_final_at = now() where status in ('done', 'cancelled')`.execute(db);
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable('broadcasts').dropColumn('progress_final_at').execute();
  await sql`drop index if exists deliveries_task_queued_idx`.execute(db);
  await sql`drop index if exists deliveries_broadcast_idx`.execute(db);
  await db.schema.alterTable('deliveries').dropColumn('unit_id').dropColumn('broadcast_id').dropColumn('task_id').dropColumn('kind').execute();
}
