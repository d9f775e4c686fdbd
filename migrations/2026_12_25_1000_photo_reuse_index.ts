import { type Kysely, sql } from 'kysely';

// Frozen in time: never import application code here.
//
// A submission looks up each of its photos among the stored ones ("photo reused"): the first row
// with that file_unique_id, by id. The statement keeps one generic plan per connection, often made
// in the first minutes of a reminder, before report_photos has statistics; the planner then took
// the primary key in id order and filtered every row on the way (6,000 rows read per photo with
// 6,000 stored, and growing all season). An index on (file_unique_id, id) gives both the match and
// the order, so no plan can do better by walking the table. It replaces the one on file_unique_id.

export async function up(db: Kysely<any>): Promise<void> {
  await sql`create index report_photos_unique_id_idx on report_photos (file_unique_id, id)`.execute(db);
  await sql`drop index report_photos_unique_idx`.execute(db);
}

export async function down(db: Kysely<any>): Promise<void> {
  await sql`create index report_photos_unique_idx on report_photos (file_unique_id)`.execute(db);
  await sql`drop index report_photos_unique_id_idx`.execute(db);
}
