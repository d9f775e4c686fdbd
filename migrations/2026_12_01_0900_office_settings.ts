import { type Kysely, sql } from 'kysely';

// Frozen in time: never import application code here.
//
// The office's own settings, one row: what residential units are called here (khối, tổ dân phố,
// thôn, bản, ấp, khóm; null until the admin has chosen), whether reminders pause over Tết, and
// the details the results report prints (office, parent body, place, signer, recipients).
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('office_settings')
    .addColumn('id', 'integer', (c) => c.primaryKey().defaultTo(1).check(sql`id = 1`))
    .addColumn('residential_term', 'text')
    .addColumn('tet_pause', 'boolean', (c) => c.notNull().defaultTo(true))
    .addColumn('office_name', 'text')
    .addColumn('parent_body', 'text')
    .addColumn('place', 'text')
    .addColumn('signer_title', 'text')
    .addColumn('signer_name', 'text')
    .addColumn('signs_for_chair', 'boolean', (c) => c.notNull().defaultTo(true))
    .addColumn('recipients', 'jsonb', (c) => c.notNull().defaultTo(sql`'[]'::jsonb`))
    .addColumn('updated_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .execute();
  await sql`insert into office_settings (id) values (1)`.execute(db);
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('office_settings').execute();
}
