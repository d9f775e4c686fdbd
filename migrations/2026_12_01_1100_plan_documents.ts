import { type Kysely, sql } from 'kysely';

// Frozen in time: never import application code here.
//
// An imported plan (Kế hoạch / Thông báo) kept with the campaign it became: its text and file
// name, and what the results report cites (type, number, date as written). `creation_key` is
// the review's key: a second "Tạo tất cả" finds the row and creates nothing twice;
// `campaign_id` is set once the campaign exists, `completed_at` once everything is created.
//
// plan_aliases: what the admin answered once for a name in a plan that matched no unit
// ("Công an thị trấn" → a unit, or skip it: unit_id null), keyed by the folded name.
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('plan_documents')
    .addColumn('id', 'serial', (c) => c.primaryKey())
    .addColumn('creation_key', 'text', (c) => c.notNull().unique())
    .addColumn('campaign_id', 'integer', (c) => c.unique().references('campaigns.id').onDelete('cascade'))
    .addColumn('file_name', 'text')
    .addColumn('source_text', 'text', (c) => c.notNull())
    .addColumn('doc_type', 'text')
    .addColumn('number', 'text')
    .addColumn('issued_text', 'text')
    .addColumn('issued_on', 'date')
    .addColumn('place', 'text')
    .addColumn('created_by', 'integer', (c) => c.references('members.id'))
    .addColumn('created_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .addColumn('completed_at', 'timestamptz')
    .execute();

  await db.schema
    .createTable('plan_aliases')
    .addColumn('folded', 'text', (c) => c.primaryKey())
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('unit_id', 'integer', (c) => c.references('units.id').onDelete('cascade'))
    .addColumn('created_by', 'integer', (c) => c.references('members.id'))
    .addColumn('updated_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('plan_aliases').execute();
  await db.schema.dropTable('plan_documents').execute();
}
