import { type Kysely, sql } from 'kysely';

// Frozen in time: never import application code here.
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('units')
    .addColumn('id', 'serial', (c) => c.primaryKey())
    .addColumn('kind', 'text', (c) =>
      c.notNull().check(sql`kind in ('block', 'school', 'club', 'organisation', 'staff')`),
    )
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('households', 'integer', (c) => c.check(sql`households is null or households >= 0`))
    .addColumn('active', 'boolean', (c) => c.notNull().defaultTo(true))
    .addColumn('created_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .execute();
  await sql`create unique index units_name_active_key on units (lower(name)) where active`.execute(db);

  await db.schema
    .createTable('members')
    .addColumn('id', 'serial', (c) => c.primaryKey())
    .addColumn('telegram_id', 'bigint', (c) => c.notNull().unique())
    .addColumn('chat_id', 'bigint', (c) => c.notNull())
    .addColumn('display_name', 'text', (c) => c.notNull())
    .addColumn('username', 'text')
    .addColumn('locale', 'text')
    .addColumn('role', 'text', (c) => c.notNull().check(sql`role in ('admin', 'official', 'leader')`))
    .addColumn('status', 'text', (c) =>
      c.notNull().defaultTo('active').check(sql`status in ('active', 'unreachable', 'left')`),
    )
    .addColumn('created_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .addColumn('updated_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .execute();

  await db.schema
    .createTable('unit_members')
    .addColumn('unit_id', 'integer', (c) => c.notNull().references('units.id').onDelete('cascade'))
    .addColumn('member_id', 'integer', (c) => c.notNull().references('members.id').onDelete('cascade'))
    .addColumn('position', 'text', (c) => c.notNull().check(sql`position in ('leader', 'deputy')`))
    .addColumn('created_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .addPrimaryKeyConstraint('unit_members_pkey', ['unit_id', 'member_id'])
    .execute();
  await db.schema.createIndex('unit_members_member_idx').on('unit_members').column('member_id').execute();

  await db.schema
    .createTable('invites')
    .addColumn('id', 'serial', (c) => c.primaryKey())
    .addColumn('code_hash', 'text', (c) => c.notNull().unique())
    .addColumn('role', 'text', (c) => c.notNull().check(sql`role in ('admin', 'official', 'leader')`))
    .addColumn('unit_id', 'integer', (c) => c.references('units.id'))
    .addColumn('position', 'text', (c) => c.check(sql`position is null or position in ('leader', 'deputy')`))
    .addColumn('created_by', 'integer', (c) => c.references('members.id'))
    .addColumn('expires_at', 'timestamptz', (c) => c.notNull())
    .addColumn('used_by', 'integer', (c) => c.references('members.id'))
    .addColumn('used_at', 'timestamptz')
    .addColumn('created_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .execute();

  await db.schema
    .createTable('audit_log')
    .addColumn('id', 'bigserial', (c) => c.primaryKey())
    .addColumn('actor_id', 'integer', (c) => c.references('members.id'))
    .addColumn('action', 'text', (c) => c.notNull())
    .addColumn('subject', 'text', (c) => c.notNull())
    .addColumn('details', 'jsonb', (c) => c.notNull().defaultTo(sql`'{}'::jsonb`))
    .addColumn('at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .execute();
  await db.schema.createIndex('audit_log_at_idx').on('audit_log').column('at').execute();

  await db.schema
    .createTable('kv_store')
    .addColumn('key', 'text', (c) => c.primaryKey())
    .addColumn('value', 'jsonb', (c) => c.notNull())
    .addColumn('updated_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  for (const t of ['kv_store', 'audit_log', 'invites', 'unit_members', 'members', 'units']) {
    await db.schema.dropTable(t).ifExists().execute();
  }
}
