import { type Kysely, sql } from 'kysely';

// Frozen in time: never import application code here.
//
// Updates taken from Telegram by long polling and not yet handled. Telegram forgets an update
// once the next getUpdates moves the offset past it, so each batch is written here first and a
// row is deleted once its update has been handled: after a crash, what is left is handled at
// start-up instead of being lost.
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('update_inbox')
    .addColumn('update_id', 'bigint', (c) => c.primaryKey())
    .addColumn('body', 'jsonb', (c) => c.notNull())
    .addColumn('taken_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('update_inbox').execute();
}
