import { type Kysely, sql } from 'kysely';

// Frozen in time: never import application code here.
//
// One bot for many offices (a province and its communes). An office has a name, a kind and a
// parent; office_settings becomes one row per office (its id is the office's id). Every tenant
// table gets office_id, first in its indexes and unique keys, so every query can filter by it and
// a national deployment can distribute the tables by office (Citus) without a rewrite.
//
// An install that has data becomes office 1: its kind and name come from the report's office name
// ("UBND thị trấn Cao Lộc" → thị trấn, "Cao Lộc"); without one it is an unnamed xã. Columns
// default to home_office(): the one office while there is exactly one, an error once there are
// several, so a single-office install (and its tests) inserts as before and a multi-office one
// can never write a row to the wrong office by forgetting it.
//
// Guard triggers refuse a link between rows of two offices (a task for another office's unit,
// a leader of another office's unit, a report, a series unit, an invite for another office's unit).

const TENANT_TABLES = ['units', 'members', 'campaigns', 'tasks', 'task_series', 'broadcasts', 'invites', 'plan_documents', 'plan_aliases'] as const;

const INDEXES: [string, string][] = [
  ['units_office_kind_idx', 'units (office_id, kind, id)'],
  ['members_office_role_idx', 'members (office_id, role)'],
  ['campaigns_office_idx', 'campaigns (office_id, id)'],
  ['tasks_office_status_idx', 'tasks (office_id, status, due_at)'],
  ['task_series_office_idx', 'task_series (office_id, status)'],
  ['broadcasts_office_idx', 'broadcasts (office_id, created_at)'],
  ['invites_office_idx', 'invites (office_id, created_at)'],
  ['plan_documents_office_idx', 'plan_documents (office_id, id)'],
  ['reports_office_task_idx', 'reports (office_id, task_id)'],
  ['offices_parent_idx', 'offices (parent_id, kind)'],
];

/** [trigger, table, function, body]: each raises when the two rows it links belong to different offices. */
const GUARDS: [string, string, string, string][] = [
  [
    'task_units_same_office',
    'task_units',
    'task_units_same_office',
    `if (select office_id from tasks where id = new.task_id) is distinct from (select office_id from units where id = new.unit_id) then
       raise exception 'task % and unit % belong to different offices', new.task_id, new.unit_id using errcode = '23514';
     end if;`,
  ],
  [
    'task_series_units_same_office',
    'task_series_units',
    'task_series_units_same_office',
    `if (select office_id from task_series where id = new.series_id) is distinct from (select office_id from units where id = new.unit_id) then
       raise exception 'series % and unit % belong to different offices', new.series_id, new.unit_id using errcode = '23514';
     end if;`,
  ],
  [
    'unit_members_same_office',
    'unit_members',
    'unit_members_same_office',
    `if (select office_id from members where id = new.member_id) is distinct from (select office_id from units where id = new.unit_id) then
       raise exception 'member % and unit % belong to different offices', new.member_id, new.unit_id using errcode = '23514';
     end if;`,
  ],
  [
    'invites_same_office',
    'invites',
    'invites_same_office',
    `if new.unit_id is not null and (select office_id from units where id = new.unit_id) is distinct from new.office_id then
       raise exception 'invite for unit % of another office', new.unit_id using errcode = '23514';
     end if;`,
  ],
  [
    'reports_office',
    'reports',
    'reports_office',
    `if new.office_id is null then
       new.office_id := (select office_id from tasks where id = new.task_id);
     end if;
     if new.office_id is distinct from (select office_id from tasks where id = new.task_id)
        or new.office_id is distinct from (select office_id from units where id = new.unit_id) then
       raise exception 'report for task % and unit % of another office', new.task_id, new.unit_id using errcode = '23514';
     end if;`,
  ],
];

export async function up(db: Kysely<any>): Promise<void> {
  await sql`create table offices (
    id serial primary key,
    name text,
    kind text not null check (kind in ('tinh', 'thanh-pho', 'xa', 'phuong', 'dac-khu', 'thi-tran')),
    parent_id integer references offices (id),
    created_at timestamptz not null default now()
  )`.execute(db);
  // Office 1 from what the install's settings say; office_settings always has its row 1.
  await sql`insert into offices (id, name, kind)
    select 1,
      nullif(btrim(regexp_replace(coalesce(s.office_name, ''), '^[[:space:]]*(ủy ban nhân dân|uỷ ban nhân dân|ubnd)?[[:space:]]*(thị trấn|phường|đặc khu|xã|thành phố|tỉnh)?[[:space:]]*', '', 'i')), ''),
      case
        when s.office_name ~* 'thị trấn' then 'thi-tran'
        when s.office_name ~* 'phường' then 'phuong'
        when s.office_name ~* 'đặc khu' then 'dac-khu'
        when s.office_name ~* '(^|[[:space:]])xã([[:space:]]|$)' then 'xa'
        when s.office_name ~* 'thành phố' then 'thanh-pho'
        when s.office_name ~* 'tỉnh' then 'tinh'
        else 'xa'
      end
    from (select (select office_name from office_settings where id = 1) as office_name) as s`.execute(db);
  await sql`select setval(pg_get_serial_sequence('offices', 'id'), (select max(id) from offices))`.execute(db);
  await sql`alter table office_settings drop constraint if exists office_settings_id_check`.execute(db);
  await sql`alter table office_settings alter column id drop default`.execute(db);
  await sql`alter table office_settings add constraint office_settings_office_fk foreign key (id) references offices (id) on delete cascade`.execute(db);

  await sql.raw(`create function home_office() returns integer language plpgsql stable as $$
    declare found integer;
    begin
      select min(id) into found from offices having count(*) = 1;
      if found is null then
        raise exception 'office_id is required: this install has several offices' using errcode = '23502';
      end if;
      return found;
    end $$`).execute(db);

  for (const table of TENANT_TABLES) {
    await sql.raw(`alter table ${table} add column office_id integer not null default home_office() references offices (id)`).execute(db);
  }
  await sql`alter table reports add column office_id integer references offices (id)`.execute(db);
  await sql`update reports r set office_id = t.office_id from tasks t where t.id = r.task_id`.execute(db);
  await sql`alter table reports alter column office_id set not null`.execute(db);

  await sql`drop index units_name_active_key`.execute(db);
  await sql`create unique index units_name_active_key on units (office_id, lower(name)) where active`.execute(db);
  await sql`alter table plan_aliases drop constraint plan_aliases_pkey`.execute(db);
  await sql`alter table plan_aliases add primary key (office_id, folded)`.execute(db);
  for (const [name, on] of INDEXES) await sql.raw(`create index ${name} on ${on}`).execute(db);

  for (const [trigger, table, fn, body] of GUARDS) {
    await sql.raw(`create function ${fn}() returns trigger language plpgsql as $$ begin ${body} return new; end $$`).execute(db);
    await sql.raw(`create trigger ${trigger} before insert or update on ${table} for each row execute function ${fn}()`).execute(db);
  }
}

export async function down(db: Kysely<any>): Promise<void> {
  for (const [trigger, table, fn] of GUARDS) {
    await sql.raw(`drop trigger if exists ${trigger} on ${table}`).execute(db);
    await sql.raw(`drop function if exists ${fn}()`).execute(db);
  }
  for (const [name] of INDEXES) await sql.raw(`drop index if exists ${name}`).execute(db);
  await sql`alter table plan_aliases drop constraint plan_aliases_pkey`.execute(db);
  await sql`alter table plan_aliases add primary key (folded)`.execute(db);
  await sql`drop index units_name_active_key`.execute(db);
  await sql`create unique index units_name_active_key on units (lower(name)) where active`.execute(db);
  await sql`alter table reports drop column office_id`.execute(db);
  for (const table of TENANT_TABLES) await sql.raw(`alter table ${table} drop column office_id`).execute(db);
  await sql`drop function home_office()`.execute(db);
  await sql`alter table office_settings drop constraint office_settings_office_fk`.execute(db);
  await sql`alter table office_settings alter column id set default 1`.execute(db);
  await sql`alter table office_settings add constraint office_settings_id_check check (id = 1)`.execute(db);
  await sql`drop table offices`.execute(db);
}
