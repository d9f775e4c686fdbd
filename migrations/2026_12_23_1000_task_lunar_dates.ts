import { type Kysely, sql } from 'kysely';

// Frozen in time: never import application code here.
//
// Issue 19's left-out: a task set by a lunar date ("mùng 10 tháng 3 âm lịch", "rằm tháng Giêng",
// a monthly mùng 1 / rằm series) tells its leaders that lunar date in the announcement and the
// reminders ("16/04/2027 (10/3 âm lịch)"). lunar_dates records that the clerk gave its dates in
// the lunar calendar; tasks made before this migration were not, as far as anyone can know.

export async function up(db: Kysely<any>): Promise<void> {
  await sql`alter table tasks add column lunar_dates boolean not null default false`.execute(db);
}

export async function down(db: Kysely<any>): Promise<void> {
  await sql`alter table tasks drop column lunar_dates`.execute(db);
}
