import { type Kysely, sql } from 'kysely';

// Frozen in time: never import application code here.
//
// The dashboard's download links (one download each, for five minutes) were remembered as spent
// only in the process's memory: after a restart within those minutes, or on a second process
// serving the dashboard against the same database, a spent link worked again. spent_links
// remembers them here: keyed by a SHA-256 of the link's signature (never the link itself), the
// office it was signed for, and when it expires. A link is spent by inserting its row (the
// primary key lets one insert win); rows past their expiry are deleted on each spend, found by
// the index on expires_at. Not a tenant table: the key alone finds the row, whatever the office.

export async function up(db: Kysely<any>): Promise<void> {
  await sql`create table spent_links (
    signature_hash bytea primary key,
    office_id integer not null references offices (id) on delete cascade,
    expires_at timestamptz not null
  )`.execute(db);
  await sql`create index spent_links_expires_idx on spent_links (expires_at)`.execute(db);
}

export async function down(db: Kysely<any>): Promise<void> {
  await sql`drop table spent_links`.execute(db);
}
