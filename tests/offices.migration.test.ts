import { Migrator, sql } from 'kysely';
import { describe, expect, it } from 'vitest';
import { migrations } from '../migrations/index.js';
import { dbTargets } from './support/db.js';
import { buildMember, buildReport, buildTask, buildUnit } from './support/factories.js';
import { OTHER_ID, seedOtherOffice } from './support/offices.js';
import { useDatabase } from './support/suite.js';

const BEFORE_OFFICES = '2026_12_07_1000_task_stats_shards';
const BEFORE_OFFICE_KEYS = '2026_12_20_1000_offices';

/** [table, the row's office as its parent says]: the rows hanging off a tenant row, and where their office comes from. */
const CHILDREN: [string, string][] = [
  ['unit_members', '(select office_id from units where id = x.unit_id)'],
  ['task_units', '(select office_id from tasks where id = x.task_id)'],
  ['task_series_units', '(select office_id from task_series where id = x.series_id)'],
  ['task_take_downs', '(select office_id from tasks where id = x.task_id)'],
  ['task_reminder_overrides', '(select office_id from tasks where id = x.task_id)'],
  ['task_pending', '(select office_id from tasks where id = x.task_id)'],
  ['task_stats_shards', '(select office_id from tasks where id = x.task_id)'],
  ['report_revisions', '(select office_id from reports where id = x.report_id)'],
  ['report_photos', '(select office_id from report_revisions where id = x.revision_id)'],
  ['deliveries', '(select office_id from members where id = x.member_id)'],
  ['outbox_runs', "(case when x.key like '%@office:2' then 2 else 1 end)"],
  ['audit_log', '(select office_id from members where id = x.actor_id)'],
];

describe.each(dbTargets())('offices migration on %s', (target) => {
  const { db } = useDatabase(target);

  /** Runs `fn` on the schema before `migration`'s successor (before offices by default), then migrates to the latest again (whatever happened). */
  async function beforeOffices(fn: () => Promise<void>, migration = BEFORE_OFFICES) {
    const migrator = new Migrator({ db: db, provider: { getMigrations: async () => migrations } });
    try {
      expect((await migrator.migrateTo(migration)).error).toBeUndefined();
      await fn();
    } finally {
      expect((await migrator.migrateToLatest()).error).toBeUndefined();
    }
  }

  it.each([
    ['UBND thị trấn Cao Lộc', { name: 'Cao Lộc', kind: 'thi-tran' }],
    ['UBND phường Bến Thành', { name: 'Bến Thành', kind: 'phuong' }],
    ['Ủy ban nhân dân xã Sơn Thủy', { name: 'Sơn Thủy', kind: 'xa' }],
    [null, { name: null, kind: 'xa' }],
  ])('when an install whose report office is %j is migrated, then it becomes one office of that kind, with all its rows', async (officeName, office) => {
    const unit = await buildUnit(db, { name: 'Khối 1' });
    const member = await buildMember(db, { unitId: unit.id });
    const task = await buildTask(db, { unitIds: [unit.id] });
    await buildReport(db, { taskId: task.id, unitId: unit.id, memberId: member.id, status: 'done' });
    await beforeOffices(async () => {
      await sql`insert into office_settings (id, office_name) values (1, ${officeName}) on conflict (id) do update set office_name = excluded.office_name`.execute(db);
    });
    expect(await db.selectFrom('offices').select(['id', 'name', 'kind', 'parent_id']).execute()).toEqual([{ id: 1, ...office, parent_id: null }]);
    for (const table of ['units', 'members', 'campaigns', 'tasks', 'reports'] as const) {
      expect(await db.selectFrom(table).select('office_id').distinct().execute(), table).toEqual([{ office_id: 1 }]);
    }
    // Texts kept: the settings row is the office's.
    expect((await db.selectFrom('office_settings').select('office_name').where('id', '=', 1).executeTakeFirstOrThrow()).office_name).toBe(officeName);
  });

  it('when a second office exists, then a row without its office is refused, and no link joins rows of two offices', async () => {
    const unit = await buildUnit(db, { name: 'Khối 1' });
    const task = await buildTask(db, { unitIds: [unit.id] });
    await db.insertInto('offices').values({ name: 'Bến Thành', kind: 'phuong', parent_id: null }).execute();
    await expect(buildUnit(db, { name: 'Khối 2' })).rejects.toThrow(/office_id is required/);
    const other = await db.insertInto('units').values({ office_id: 2, kind: 'block', name: 'Khối 1', households: null }).returning('id').executeTakeFirstOrThrow();
    await expect(db.insertInto('task_units').values({ task_id: task.id, unit_id: other.id }).execute()).rejects.toThrow(/different offices/);
    const stranger = await db.insertInto('members').values({ office_id: 2, telegram_id: 77, chat_id: 77, display_name: 'B', username: null, locale: null, role: 'leader' }).returning('id').executeTakeFirstOrThrow();
    await expect(db.insertInto('unit_members').values({ unit_id: unit.id, member_id: stranger.id, position: 'leader' }).execute()).rejects.toThrow(/different offices/);
    await expect(
      db.insertInto('reports').values({ task_id: task.id, unit_id: other.id, status: 'done', number_value: null, note: null, latitude: null, longitude: null, photo_count: 0, flags: '[]', late: false, revision_count: 1, reported_by: stranger.id, reported_at: new Date() }).execute(),
    ).rejects.toThrow(/another office/);
    // The same unit name may exist once in each office.
    expect(await db.selectFrom('units').select(['office_id', 'name']).orderBy('office_id').execute()).toEqual([{ office_id: 1, name: 'Khối 1' }, { office_id: 2, name: 'Khối 1' }]);
  });

  it('when an install with two offices gets office ids on every tenant table, then each existing row takes its parent\'s office, and new rows do too without naming it', async () => {
    await beforeOffices(async () => {
      // Office 1 through the factories, office 2 with one of everything (as the isolation test has it), as they were before 2026_12_21.
      const unit = await buildUnit(db, { name: 'Khối 1' });
      const member = await buildMember(db, { unitId: unit.id });
      const task = await buildTask(db, { unitIds: [unit.id] });
      await buildReport(db, { taskId: task.id, unitId: unit.id, memberId: member.id, status: 'done' });
      await seedOtherOffice(db);
      const id = OTHER_ID;
      await sql`insert into task_take_downs (task_id, unit_id, member_id, confirmed_at) values (${id}, ${id}, ${id}, now()), (${task.id}, ${unit.id}, ${member.id}, now())`.execute(db);
      await sql`insert into task_reminder_overrides (task_id, kind, enabled, updated_by, updated_at) values (${id}, 'due-1d', false, ${id + 1}, now()), (${task.id}, 'due-1d', false, null, now())`.execute(db);
      await sql`insert into deliveries (source, kind, task_id, chat_id, member_id, payload, next_attempt_at) values
        ('reminder:${sql.raw(String(id))}:due-1d:2026-06-13T01:00@office:2', 'reminder', ${id}, 7770, ${id}, '{"text":"B"}', now()),
        ('reminder:${sql.raw(String(task.id))}:due-1d:2026-06-13T01:00', 'reminder', ${task.id}, ${member.id}, ${member.id}, '{"text":"A"}', now())`.execute(db);
      await sql`insert into outbox_runs (key, status, due_at, processed_at) values ('digest:2026-06-13@office:2', 'queued', now(), now()), ('digest:2026-06-13', 'queued', now(), now())`.execute(db);
      // Office 2's report returned for rework: its unit owes one (a task_pending row).
      await sql`update reports set returned_at = now() where id = ${id}`.execute(db);
      await sql`insert into audit_log (actor_id, action, subject, details) values (${id + 1}, 'task.created', 'task:777', '{}'), (${member.id}, 'task.created', 'task:1', '{}')`.execute(db);
    }, BEFORE_OFFICE_KEYS);

    const counts: Record<string, unknown> = {};
    for (const [table, parent] of CHILDREN) {
      const row = (
        await sql<{ total: number; right: number; second: number }>`select count(*)::int as total, count(*) filter (where x.office_id = ${sql.raw(parent)})::int as right,
          count(*) filter (where x.office_id = 2)::int as second from ${sql.table(table)} x`.execute(db)
      ).rows[0];
      counts[table] = row;
      // Every row has its parent's office, and office 2's rows are among them (the check is not vacuous).
      expect(row?.right, table).toBe(row?.total);
      expect(row?.second, table).toBeGreaterThan(0);
    }
    console.log(`office keys migration: ${JSON.stringify(counts)}`);

    // New rows that name no office take their parent's (the insert code of a single-office install keeps working).
    const revision = await sql<{ office_id: number }>`insert into report_revisions (report_id, task_id, unit_id, revision, member_id, submission_key, status, flags, late, submitted_at)
      values (${OTHER_ID}, ${OTHER_ID}, ${OTHER_ID}, 2, ${OTHER_ID}, 'b-778', 'done', '[]', false, now()) returning office_id`.execute(db);
    expect(revision.rows).toEqual([{ office_id: 2 }]);
    const delivery = await sql<{ office_id: number }>`insert into deliveries (source, kind, chat_id, member_id, payload, next_attempt_at)
      values ('notice:x', 'notice', 7770, ${OTHER_ID}, '{"text":"B"}', now()) returning office_id`.execute(db);
    expect(delivery.rows).toEqual([{ office_id: 2 }]);
    // The summaries' triggers write it too: office 2's report resubmitted (nothing owed), then withdrawn (owed again).
    await sql`update reports set returned_at = null where id = ${OTHER_ID}`.execute(db);
    expect((await sql`select 1 from task_pending where task_id = ${OTHER_ID}`.execute(db)).rows).toEqual([]);
    await sql`delete from reports where id = ${OTHER_ID}`.execute(db);
    expect((await sql`select office_id, task_id, unit_id from task_pending where task_id = ${OTHER_ID}`.execute(db)).rows).toEqual([{ office_id: 2, task_id: OTHER_ID, unit_id: OTHER_ID }]);
    expect((await sql`select distinct office_id from task_stats_shards where task_id = ${OTHER_ID}`.execute(db)).rows).toEqual([{ office_id: 2 }]);
    // A row that names an office other than its parent's is refused, as before.
    await expect(sql`insert into task_units (office_id, task_id, unit_id) values (1, ${OTHER_ID}, ${OTHER_ID})`.execute(db)).rejects.toThrow(/different offices/);
  });
});
