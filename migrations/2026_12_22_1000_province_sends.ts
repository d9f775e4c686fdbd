import { type Kysely, sql } from 'kysely';

// Frozen in time: never import application code here.
//
// Issue 22, items 3 and 4: a province sends a task down to its communes, and the results roll up.
//
// province_sends: what a province's admin sent down (one task: title, form, period, deadline,
// the province's document), owned by the province (office_id). sent_at is null while it is a
// draft the admin has not yet sent.
//
// send_offices: one row per commune it went to, owned by the commune (office_id first in its
// key): when the commune's admins opened it, when they kept it and the commune task it became,
// and that task's counters (units, units reported, households, the number reported). The
// counters are the province's roll-up read model: a trigger on task_stats_shards (which the
// report triggers of migrations 1200/2026_12_07 already keep) adds each change to the commune's
// row, so the province's /status reads one row per commune instead of summing every commune's
// shards (3,300 communes × 16 shards). A task that came from no province has no row: the trigger
// finds nothing by its index and returns.

export async function up(db: Kysely<any>): Promise<void> {
  await sql`create table province_sends (
    id serial primary key,
    office_id integer not null references offices (id),
    title text not null,
    template text,
    form jsonb not null,
    due_at timestamptz not null,
    starts_at timestamptz,
    ends_at timestamptz,
    document_file_id text,
    document_name text,
    source_text text,
    target jsonb,
    created_by integer references members (id),
    created_at timestamptz not null default now(),
    sent_at timestamptz
  )`.execute(db);
  await sql`create index province_sends_office_idx on province_sends (office_id, id)`.execute(db);

  await sql`create table send_offices (
    office_id integer not null references offices (id),
    send_id integer not null references province_sends (id) on delete cascade,
    opened_at timestamptz,
    kept_at timestamptz,
    task_id integer references tasks (id) on delete set null,
    assigned integer not null default 0,
    reported integer not null default 0,
    households bigint not null default 0,
    number_total bigint not null default 0,
    primary key (office_id, send_id)
  )`.execute(db);
  await sql`create index send_offices_send_idx on send_offices (send_id, office_id)`.execute(db);
  await sql`create unique index send_offices_task_key on send_offices (task_id) where task_id is not null`.execute(db);

  await sql`create function send_offices_count() returns trigger language plpgsql as $$
    begin
      update send_offices so set
        assigned = so.assigned + new.assigned - coalesce(old.assigned, 0),
        reported = so.reported + new.reported - coalesce(old.reported, 0),
        households = so.households + new.households - coalesce(old.households, 0),
        number_total = so.number_total + new.number_total - coalesce(old.number_total, 0)
      where so.task_id = new.task_id;
      return null;
    end $$`.execute(db);
  await sql`create function send_offices_count_insert() returns trigger language plpgsql as $$
    begin
      update send_offices so set
        assigned = so.assigned + new.assigned,
        reported = so.reported + new.reported,
        households = so.households + new.households,
        number_total = so.number_total + new.number_total
      where so.task_id = new.task_id;
      return null;
    end $$`.execute(db);
  await sql`create trigger send_offices_count after update on task_stats_shards for each row execute function send_offices_count()`.execute(db);
  await sql`create trigger send_offices_count_insert after insert on task_stats_shards for each row execute function send_offices_count_insert()`.execute(db);
}

export async function down(db: Kysely<any>): Promise<void> {
  await sql`drop trigger send_offices_count_insert on task_stats_shards`.execute(db);
  await sql`drop trigger send_offices_count on task_stats_shards`.execute(db);
  await sql`drop function send_offices_count_insert()`.execute(db);
  await sql`drop function send_offices_count()`.execute(db);
  await sql`drop table send_offices`.execute(db);
  await sql`drop table province_sends`.execute(db);
}
