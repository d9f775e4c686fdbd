import { Migrator, sql } from 'kysely';
import { describe, expect, it } from 'vitest';
import { migrations } from '../migrations/index.js';
import { dbTargets } from './support/db.js';
import { buildMember, buildReport, buildTask, buildUnit } from './support/factories.js';
import { useDatabase } from './support/suite.js';

const BEFORE_OFFICES = '2026_12_07_1000_task_stats_shards';

describe.each(dbTargets())('offices migration on %s', (target) => {
  const { db } = useDatabase(target);

  /** Runs `fn` on the schema before offices, then migrates to the latest again (whatever happened). */
  async function beforeOffices(fn: () => Promise<void>) {
    const migrator = new Migrator({ db: db, provider: { getMigrations: async () => migrations } });
    try {
      expect((await migrator.migrateTo(BEFORE_OFFICES)).error).toBeUndefined();
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
});
