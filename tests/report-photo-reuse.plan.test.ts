import { sql } from 'kysely';
import { describe, expect, it } from 'vitest';
import type { Db } from '../src/core/db.js';
import { refreshPlannerStats } from '../src/core/planner-stats.js';
import { submitInOneStatement } from '../src/reports/report-submit.queries.js';
import { dbTargets } from './support/db.js';
import { buildLeaders, flagForm } from './support/factories.js';
import { capturedStatement, genericPlanLater, rowsTouched } from './support/plans.js';
import { useFreshDatabase } from './support/suite.js';

const UNITS = 2000;
const PHOTOS_PER_REPORT = 3;

// A submission checks each of its photos against the office's stored ones ("photo reused"). The
// statement runs with one generic plan per connection (core/db.ts `prepared`), made while the
// table may still be small: the lookup must go by the photo's id whatever the table's size.
describe.each(dbTargets())('photo reuse lookup on %s', (target) => {
  const { db } = useFreshDatabase(target);

  /** A commune: two tasks, every unit assigned both. */
  async function commune(db: Db) {
    await buildLeaders(db, UNITS);
    await sql`insert into campaigns (name) values ('Cờ')`.execute(db);
    await sql`insert into tasks (campaign_id, title, due_at, created_at, form) select id, t, now() + interval '7 days', now() - interval '2 days', ${JSON.stringify(flagForm)}::jsonb from campaigns, (values ('Treo cờ'), ('Dọn vệ sinh')) v(t) order by t desc`.execute(db);
    await sql`insert into task_units (task_id, unit_id) select t.id, u.id from tasks t cross join units u`.execute(db);
  }

  /** Units `from`..`to` report the first task, three photos each. */
  async function reported(db: Db, from: number, to: number) {
    await sql`insert into reports (task_id, unit_id, status, reported_by, reported_at) select t.id, u.id, 'done', u.id, now() from units u, (select min(id) as id from tasks) t where u.id between ${from} and ${to}`.execute(db);
    await sql`insert into report_revisions (report_id, task_id, unit_id, revision, member_id, submission_key, status, late, submitted_at)
      select r.id, r.task_id, r.unit_id, 1, r.unit_id, 'seed-' || r.id, 'done', false, now() from reports r where r.unit_id between ${from} and ${to}`.execute(db);
    await sql`insert into report_photos (revision_id, task_id, unit_id, file_id, file_unique_id, sent_at, position)
      select v.id, v.task_id, v.unit_id, 'file-' || v.id || '-' || g, 'unique-' || v.id || '-' || g, now(), g - 1
      from report_revisions v, generate_series(1, ${PHOTOS_PER_REPORT}) g where v.unit_id between ${from} and ${to}`.execute(db);
  }

  /** The submission statement as the bot sends it (compiled, not run). */
  const submission = (db: Db, unitId: number, taskId: number, fileUniqueId: string) =>
    capturedStatement(db, (probe) => {
      const answers = { status: 'done' as const, number: null, note: null, location: null, photos: [{ fileId: 'f-new', fileUniqueId, sentAt: new Date().toISOString() }] };
      return submitInOneStatement(probe, { memberId: unitId, taskId, unitId, submissionKey: `probe-${unitId}`, answers, at: new Date() }, null);
    });

  /**
   * As a connection of the bot would: the submission is prepared and planned generically in the
   * first minutes of a reminder (a few reports in, no statistics on them yet; the commune's
   * tables analyzed, as the bot does at start-up); a season's reports later it runs again with
   * that plan, explained.
   */
  const planASeasonLater = (unitId: number, fileUniqueId: string) =>
    genericPlanLater(db, {
      early: async (conn) => {
        await commune(conn);
        await refreshPlannerStats(conn);
        await reported(conn, 1, 100);
      },
      statement: async (conn) => submission(conn, unitId, (await sql<{ id: number }>`select max(id) as id from tasks`.execute(conn)).rows[0]!.id, fileUniqueId),
      later: (conn) => reported(conn, 101, UNITS - 10),
    });

  it('when thousands of photos were stored after the statement was planned, then a submission reads only the stored photos with its photo\'s id', async () => {
    const plan = await planASeasonLater(UNITS - 7, 'never-seen');
    expect(rowsTouched(plan, 'report_photos')).toBeLessThanOrEqual(1);
  });

  it('when a leader sends a photo another unit already reported with, then the submission flags it, naming that unit', async () => {
    const plan = await planASeasonLater(UNITS - 8, 'unique-12-2');
    expect(rowsTouched(plan, 'report_photos')).toBeLessThanOrEqual(1);
    const stored = await sql<{ unit_id: number }>`select unit_id from report_photos where file_unique_id = 'unique-12-2'`.execute(db);
    const flags = await sql<{ flags: Array<{ kind: string; otherUnitId: number }> }>`select r.flags from reports r where r.unit_id = ${UNITS - 8} and r.task_id = (select max(id) from tasks)`.execute(db);
    expect(flags.rows[0]?.flags).toEqual([expect.objectContaining({ kind: 'photo-reused', otherUnitId: stored.rows[0]?.unit_id })]);
  });
});
