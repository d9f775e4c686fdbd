import { type Kysely, sql } from 'kysely';

// Frozen in time: never import application code here.
//
// Issue 22, items 6 and 7: every tenant table carries its office. Migration 2026_12_20 gave
// office_id to the tables a person names (units, members, tasks…); this one gives it to the rows
// that hang off them: links (unit_members, task_units, task_series_units), report revisions and
// photos, the summaries (task_pending, task_stats_shards), per-task settings, the outbox
// (deliveries, outbox_runs) and the audit log. So every query can filter by office, the outbox can
// serve offices in turn, and a national deployment can distribute every table by office_id.
//
// Existing rows take their parent's office. New rows do too, whoever writes them: the office scope
// (core/office-scope) names it in the insert, and where nobody does, a BEFORE INSERT trigger reads
// it from the parent row. Those triggers fire only `when (new.office_id is null)`, so the hot
// path (a report submission, written inside its office's scope) pays nothing for them. The link
// tables already had a guard trigger (migration 2026_12_20): the guard now fills the column too,
// still with the same two lookups. The summaries are written by statement-level triggers
// (migrations 1200, 2026_12_07), which now copy office_id from the rows they summarise.
//
// Keys: where a table's queries filter by office, its key leads with office_id: the outbox's due
// index (the dispatcher claims per office) and its unique keys, the scheduler's runs, the per-task
// settings and take-downs, series units. The link and summary tables on the report hot path keep
// their keys (task_id, unit_id…): the one-statement submission looks them up by those, and a
// parent id already names one office (README "One Postgres per province, Citus for the nation").

/** [table, the parent it takes its office from (an expression over `new`)], for the fill triggers. */
const FILLED: [string, string][] = [
  ['task_take_downs', '(select office_id from tasks where id = new.task_id)'],
  ['task_reminder_overrides', '(select office_id from tasks where id = new.task_id)'],
  ['report_revisions', '(select office_id from reports where id = new.report_id)'],
  ['report_photos', '(select office_id from report_revisions where id = new.revision_id)'],
  [
    'deliveries',
    `coalesce((select office_id from members where id = new.member_id), (select office_id from tasks where id = new.task_id),
       (select office_id from broadcasts where id = new.broadcast_id), home_office())`,
  ],
  ['outbox_runs', 'home_office()'],
  // An event without an actor (the setup link) belongs to the one office; with several, to none.
  ['audit_log', 'coalesce((select office_id from members where id = new.actor_id), (select min(id) from offices having count(*) = 1))'],
];

/** [table, how its existing rows find their office (an UPDATE … FROM/SET)]: parents before children. */
const BACKFILL: [string, string][] = [
  ['unit_members', 'update unit_members x set office_id = p.office_id from units p where p.id = x.unit_id'],
  ['task_units', 'update task_units x set office_id = p.office_id from tasks p where p.id = x.task_id'],
  ['task_series_units', 'update task_series_units x set office_id = p.office_id from task_series p where p.id = x.series_id'],
  ['task_take_downs', 'update task_take_downs x set office_id = p.office_id from tasks p where p.id = x.task_id'],
  ['task_reminder_overrides', 'update task_reminder_overrides x set office_id = p.office_id from tasks p where p.id = x.task_id'],
  ['task_pending', 'update task_pending x set office_id = p.office_id from tasks p where p.id = x.task_id'],
  ['task_stats_shards', 'update task_stats_shards x set office_id = p.office_id from tasks p where p.id = x.task_id'],
  ['report_revisions', 'update report_revisions x set office_id = p.office_id from reports p where p.id = x.report_id'],
  ['report_photos', 'update report_photos x set office_id = p.office_id from report_revisions p where p.id = x.revision_id'],
  [
    'deliveries',
    `update deliveries x set office_id = coalesce(
       (select office_id from members where id = x.member_id), (select office_id from tasks where id = x.task_id),
       (select office_id from broadcasts where id = x.broadcast_id), (select office_id from members where chat_id = x.chat_id order by id limit 1),
       (select min(id) from offices))`,
  ],
  // A run's deliveries carry its key as their source; a run that queued nobody was named by the scheduler (…@office:N, office 1 bare).
  [
    'outbox_runs',
    `update outbox_runs x set office_id = coalesce(
       (select office_id from deliveries where source = x.key limit 1), substring(x.key from '@office:([0-9]+)$')::int, (select min(id) from offices))`,
  ],
  ['audit_log', 'update audit_log x set office_id = coalesce((select office_id from members where id = x.actor_id), (select min(id) from offices having count(*) = 1))'],
];

/** [table, old key, new key] for the tables whose queries filter by office. */
const KEYS: [string, string, string][] = [
  ['outbox_runs', 'primary key (key)', 'primary key (office_id, key)'],
  ['task_reminder_overrides', 'primary key (task_id, kind)', 'primary key (office_id, task_id, kind)'],
  ['task_take_downs', 'primary key (task_id, unit_id)', 'primary key (office_id, task_id, unit_id)'],
  ['task_series_units', 'primary key (series_id, unit_id)', 'primary key (office_id, series_id, unit_id)'],
];

// The guards of migration 2026_12_20 (restored by down), now filling the column from the first parent and checking the second.
const GUARDS: [fn: string, body: string][] = [
  [
    'task_units_same_office',
    `new.office_id := coalesce(new.office_id, (select office_id from tasks where id = new.task_id));
     if new.office_id is distinct from (select office_id from tasks where id = new.task_id)
        or new.office_id is distinct from (select office_id from units where id = new.unit_id) then
       raise exception 'task % and unit % belong to different offices', new.task_id, new.unit_id using errcode = '23514';
     end if;`,
  ],
  [
    'task_series_units_same_office',
    `new.office_id := coalesce(new.office_id, (select office_id from task_series where id = new.series_id));
     if new.office_id is distinct from (select office_id from task_series where id = new.series_id)
        or new.office_id is distinct from (select office_id from units where id = new.unit_id) then
       raise exception 'series % and unit % belong to different offices', new.series_id, new.unit_id using errcode = '23514';
     end if;`,
  ],
  [
    'unit_members_same_office',
    `new.office_id := coalesce(new.office_id, (select office_id from units where id = new.unit_id));
     if new.office_id is distinct from (select office_id from units where id = new.unit_id)
        or new.office_id is distinct from (select office_id from members where id = new.member_id) then
       raise exception 'member % and unit % belong to different offices', new.member_id, new.unit_id using errcode = '23514';
     end if;`,
  ],
];

/**
 * The summaries' trigger functions (migration 2026_12_07, same names and triggers), writing office_id
 * when `office` (up), as they were without it (down). `o(alias)` is the office column of a row, or nothing.
 */
function summaries(office: boolean): [fn: string, body: string][] {
  const o = (alias: string) => (office ? `${alias}.office_id, ` : '');
  const cols = office ? 'office_id, ' : '';
  const reportDeltas = (rows: string, alias: string, sign: '' | '-') => `
       insert into task_stats_shards as s (${cols}task_id, shard, reported, done, partial, not_done, flagged, number_total)
         select ${o(alias)}${alias}.task_id, (${alias}.unit_id % 16)::smallint,
           ${sign}count(*) filter (where returned_at is null)::int, ${sign}count(*) filter (where returned_at is null and status = 'done')::int,
           ${sign}count(*) filter (where returned_at is null and status = 'partial')::int, ${sign}count(*) filter (where returned_at is null and status = 'not_done')::int,
           ${sign}count(*) filter (where returned_at is null and jsonb_array_length(flags) > 0)::int,
           ${sign}coalesce(sum(number_value) filter (where returned_at is null), 0)::bigint
         from ${rows} ${alias} group by ${o(alias)}${alias}.task_id, (${alias}.unit_id % 16)::smallint
       on conflict (task_id, shard) do update set
         reported = s.reported + excluded.reported, done = s.done + excluded.done, partial = s.partial + excluded.partial,
         not_done = s.not_done + excluded.not_done, flagged = s.flagged + excluded.flagged, number_total = s.number_total + excluded.number_total;`;
  const unitDeltas = (rows: string, alias: string, sign: '' | '-') => `
     insert into task_stats_shards as s (${cols}task_id, shard, assigned, households)
       select ${o(alias)}${alias}.task_id, (${alias}.unit_id % 16)::smallint, ${sign}count(*)::int, ${sign}coalesce(sum(u.households), 0)::bigint
       from ${rows} ${alias} join units u on u.id = ${alias}.unit_id
       group by ${o(alias)}${alias}.task_id, (${alias}.unit_id % 16)::smallint
     on conflict (task_id, shard) do update set assigned = s.assigned + excluded.assigned, households = s.households + excluded.households;`;
  return [
    [
      'task_progress_units_added',
      `${unitDeltas('added', 'a', '')}
     insert into task_pending (${cols}task_id, unit_id)
       select ${o('a')}a.task_id, a.unit_id from added a
       where not exists (select 1 from reports r where r.task_id = a.task_id and r.unit_id = a.unit_id and r.returned_at is null)
     on conflict do nothing;`,
    ],
    [
      'task_progress_units_removed',
      `${unitDeltas('removed', 'r', '-')}
     delete from task_pending p using removed r where p.task_id = r.task_id and p.unit_id = r.unit_id;`,
    ],
    [
      'task_progress_reports_changed',
      `if tg_op in ('UPDATE', 'DELETE') then ${reportDeltas('old_rows', 'o', '-')}
     end if;
     if tg_op = 'DELETE' then
       insert into task_pending (${cols}task_id, unit_id)
         select ${o('o')}o.task_id, o.unit_id from old_rows o join task_units tu on tu.task_id = o.task_id and tu.unit_id = o.unit_id
       on conflict do nothing;
     else ${reportDeltas('new_rows', 'n', '')}
       delete from task_pending p using new_rows n where p.task_id = n.task_id and p.unit_id = n.unit_id and n.returned_at is null;
       insert into task_pending (${cols}task_id, unit_id)
         select ${o('n')}n.task_id, n.unit_id from new_rows n join task_units tu on tu.task_id = n.task_id and tu.unit_id = n.unit_id
         where n.returned_at is not null
       on conflict do nothing;
     end if;`,
    ],
    [
      'task_progress_households_changed',
      `insert into task_stats_shards as s (${cols}task_id, shard, households)
       select ${o('tu')}tu.task_id, (new.id % 16)::smallint, coalesce(new.households, 0) - coalesce(old.households, 0) from task_units tu where tu.unit_id = new.id
     on conflict (task_id, shard) do update set households = s.households + excluded.households;`,
    ],
  ];
}

const GUARDS_BEFORE: [fn: string, body: string][] = [
  [
    'task_units_same_office',
    `if (select office_id from tasks where id = new.task_id) is distinct from (select office_id from units where id = new.unit_id) then
       raise exception 'task % and unit % belong to different offices', new.task_id, new.unit_id using errcode = '23514';
     end if;`,
  ],
  [
    'task_series_units_same_office',
    `if (select office_id from task_series where id = new.series_id) is distinct from (select office_id from units where id = new.unit_id) then
       raise exception 'series % and unit % belong to different offices', new.series_id, new.unit_id using errcode = '23514';
     end if;`,
  ],
  [
    'unit_members_same_office',
    `if (select office_id from members where id = new.member_id) is distinct from (select office_id from units where id = new.unit_id) then
       raise exception 'member % and unit % belong to different offices', new.member_id, new.unit_id using errcode = '23514';
     end if;`,
  ],
];

async function installSummaries(db: Kysely<any>, office: boolean): Promise<void> {
  for (const [fn, body] of summaries(office)) {
    await sql.raw(`create or replace function ${fn}() returns trigger language plpgsql as $$ begin ${body} return null; end $$`).execute(db);
  }
}

const TABLES = ['unit_members', 'task_units', 'task_series_units', 'task_take_downs', 'task_reminder_overrides', 'task_pending', 'task_stats_shards', 'report_revisions', 'report_photos', 'deliveries', 'outbox_runs', 'audit_log'];

export async function up(db: Kysely<any>): Promise<void> {
  // No foreign key to offices: the parent's office_id has one, and the child's equals it (backfill, fill triggers,
  // guards). A key here would make every report submission lock the one offices row three more times (FOR KEY SHARE).
  for (const table of TABLES) await sql.raw(`alter table ${table} add column office_id integer`).execute(db);
  for (const [, update] of BACKFILL) await sql.raw(update).execute(db);
  // Every row has its office now; an audit line of a system event in a multi-office install may have none.
  for (const table of TABLES.filter((t) => t !== 'audit_log')) await sql.raw(`alter table ${table} alter column office_id set not null`).execute(db);

  for (const [fn, body] of GUARDS) await sql.raw(`create or replace function ${fn}() returns trigger language plpgsql as $$ begin ${body} return new; end $$`).execute(db);
  for (const [table, parent] of FILLED) {
    await sql.raw(`create function ${table}_office() returns trigger language plpgsql as $$ begin new.office_id := ${parent}; return new; end $$`).execute(db);
    await sql.raw(`create trigger ${table}_office before insert on ${table} for each row when (new.office_id is null) execute function ${table}_office()`).execute(db);
  }
  await installSummaries(db, true);

  for (const [table, , key] of KEYS) {
    await sql.raw(`alter table ${table} drop constraint ${table}_pkey`).execute(db);
    await sql.raw(`alter table ${table} add constraint ${table}_pkey ${key}`).execute(db);
  }
  // The outbox: its idempotency key per office, and what is due, per office in time order (the dispatcher's fair claim).
  await sql`alter table deliveries drop constraint deliveries_source_chat_key`.execute(db);
  await sql`alter table deliveries add constraint deliveries_source_chat_key unique (office_id, source, chat_id)`.execute(db);
  await sql`drop index deliveries_due_idx`.execute(db);
  await sql`create index deliveries_due_idx on deliveries (office_id, next_attempt_at, id) where status = 'queued'`.execute(db);
}

export async function down(db: Kysely<any>): Promise<void> {
  await sql`drop index deliveries_due_idx`.execute(db);
  await sql`create index deliveries_due_idx on deliveries (next_attempt_at, id) where status = 'queued'`.execute(db);
  await sql`alter table deliveries drop constraint deliveries_source_chat_key`.execute(db);
  await sql`alter table deliveries add constraint deliveries_source_chat_key unique (source, chat_id)`.execute(db);
  for (const [table, key] of KEYS) {
    await sql.raw(`alter table ${table} drop constraint ${table}_pkey`).execute(db);
    await sql.raw(`alter table ${table} add constraint ${table}_pkey ${key}`).execute(db);
  }
  for (const [table] of FILLED) {
    await sql.raw(`drop trigger ${table}_office on ${table}`).execute(db);
    await sql.raw(`drop function ${table}_office()`).execute(db);
  }
  for (const [fn, body] of GUARDS_BEFORE) await sql.raw(`create or replace function ${fn}() returns trigger language plpgsql as $$ begin ${body} return new; end $$`).execute(db);
  await installSummaries(db, false);
  for (const table of TABLES) await sql.raw(`alter table ${table} drop column office_id`).execute(db);
}
