import { describe, expect, it } from 'vitest';
import { submitFromDialogue, submitReport } from '../src/reports/reports.service.js';
import type { ReportAnswers } from '../src/reports/report.model.js';
import { StatementCounter } from './support/bot-instance.js';
import { ManualClock } from './support/clock.js';
import { dbTargets } from './support/db.js';
import { buildMember, buildUnit, seedTown } from './support/factories.js';
import { useDatabase } from './support/suite.js';

// Gửi presses that come in the same round of input are stored by one statement
// (report-submit.queries.ts), each answered as if it had come alone.
describe.each(dbTargets())('submissions stored together on %s', (target) => {
  const { database } = useDatabase(target);
  const clock = new ManualClock();
  clock.setLocal('02/06/2026 08:00');

  const answers = (fileUniqueId: string, number = 40): ReportAnswers => ({
    status: 'done',
    number,
    note: null,
    location: null,
    photos: [{ fileId: `file-${fileUniqueId}`, fileUniqueId, sentAt: '2026-06-02T01:00:00.000Z' }],
  });

  /** A town of three blocks, all assigned the task: 2001 leads Khối 1, 2002 Khối 2, 2003 Khối 3; 2004 leads Khối 4, not assigned. */
  async function town() {
    const { units, task, leader } = await seedTown(database.db, { units: 3, task: { createdAt: new Date('2026-06-01T00:00:00Z') } });
    const [k1, k2, k3] = units as [(typeof units)[number], (typeof units)[number], (typeof units)[number]];
    const m2 = await buildMember(database.db, { telegramId: 2002, unitId: k2.id });
    const m3 = await buildMember(database.db, { telegramId: 2003, unitId: k3.id });
    const k4 = await buildUnit(database.db, { name: 'Khối 4' });
    const m4 = await buildMember(database.db, { telegramId: 2004, unitId: k4.id });
    return { task, k1, k2, k3, k4, m1: leader, m2, m3, m4 };
  }

  const stored = () =>
    database.db.selectFrom('report_revisions').innerJoin('units', 'units.id', 'report_revisions.unit_id').select(['units.name', 'revision', 'number_value', 'submission_key']).orderBy('report_revisions.id').execute();

  it('when several leaders press Gửi at the same moment, then one statement stores them, each with its own outcome, and a photo one of them used is flagged on the other', async () => {
    const t = await town();
    await submitReport(database.db, clock, { memberId: t.m3.id, taskId: t.task.id, unitId: t.k3.id, submissionKey: 'k3-first', answers: answers('photo-3', 30) });
    const statements = new StatementCounter();
    const counted = database.db.withPlugin(statements);
    const submit = (memberId: number, unitId: number, key: string, a: ReportAnswers) => submitReport(counted, clock, { memberId, taskId: t.task.id, unitId, submissionKey: key, answers: a });
    const [first, second, again, refused] = await Promise.all([
      submit(t.m1.id, t.k1.id, 'k1', answers('photo-1', 41)),
      // Khối 2 sends the photo Khối 1 sends in the same statement.
      submit(t.m2.id, t.k2.id, 'k2', answers('photo-1', 42)),
      // Khối 3's first Gửi again (a replay): nothing new.
      submit(t.m3.id, t.k3.id, 'k3-first', answers('photo-3', 30)),
      submit(t.m4.id, t.k4.id, 'k4', answers('photo-4', 44)),
    ]);
    expect(statements.count).toBe(1);
    expect(first).toMatchObject({ outcome: 'saved', revision: 1, flags: [] });
    expect(second).toMatchObject({ outcome: 'saved', revision: 1, flags: [{ kind: 'photo-reused', fileUniqueId: 'photo-1', otherTaskId: t.task.id, otherUnitId: t.k1.id }] });
    expect(again).toMatchObject({ outcome: 'duplicate', revision: 1 });
    expect(refused).toEqual({ outcome: 'refused', reason: 'not-assigned' });
    expect(await stored()).toEqual([
      { name: 'Khối 3', revision: 1, number_value: 30, submission_key: 'k3-first' },
      { name: 'Khối 1', revision: 1, number_value: 41, submission_key: 'k1' },
      { name: 'Khối 2', revision: 1, number_value: 42, submission_key: 'k2' },
    ]);
    const audit = await database.db.selectFrom('audit_log').select('subject').where('action', '=', 'report.submitted').orderBy('id').execute();
    expect(audit.map((a) => a.subject)).toEqual([`task:${t.task.id}/unit:${t.k3.id}`, `task:${t.task.id}/unit:${t.k1.id}`, `task:${t.task.id}/unit:${t.k2.id}`]);
  });

  it('when two submissions for one block come at the same moment, then they take two statements, in the order sent, and both are kept', async () => {
    const t = await town();
    const statements = new StatementCounter();
    const counted = database.db.withPlugin(statements);
    const submit = (key: string, n: number) => submitReport(counted, clock, { memberId: t.m1.id, taskId: t.task.id, unitId: t.k1.id, submissionKey: key, answers: answers(`photo-${key}`, n) });
    const [one, two] = await Promise.all([submit('a', 10), submit('b', 11)]);
    expect(statements.count).toBe(2);
    expect(one).toMatchObject({ outcome: 'saved', revision: 1 });
    expect(two).toMatchObject({ outcome: 'saved', revision: 2 });
    expect(await stored()).toEqual([
      { name: 'Khối 1', revision: 1, number_value: 10, submission_key: 'a' },
      { name: 'Khối 1', revision: 2, number_value: 11, submission_key: 'b' },
    ]);
    const report = await database.db.selectFrom('reports').select(['number_value', 'revision_count']).executeTakeFirstOrThrow();
    expect(report).toEqual({ number_value: 11, revision_count: 2 });
  });

  it('when a dialogue row changed before its Gửi and another is as read, then in one statement the first stores nothing and the second consumes its row', async () => {
    const t = await town();
    const row = (chat: number, v: number) => ({ key: `dialogue:${chat}`, value: JSON.stringify({ v, at: 0, kind: 'report', s: {} }), updated_at: clock.now() });
    await database.db.insertInto('kv_store').values([row(2001, 3), row(2002, 5)]).execute();
    const statements = new StatementCounter();
    const counted = database.db.withPlugin(statements);
    const submit = (memberId: number, unitId: number, chat: number, version: number) =>
      submitFromDialogue(counted, clock, { memberId, taskId: t.task.id, unitId, submissionKey: `sum:${chat}`, answers: answers(`photo-${chat}`) }, { key: `dialogue:${chat}`, version });
    // 2001's row is at version 3 now; its summary was read at version 2.
    const [stale, saved] = await Promise.all([submit(t.m1.id, t.k1.id, 2001, 2), submit(t.m2.id, t.k2.id, 2002, 5)]);
    expect(statements.count).toBe(1);
    expect(stale).toEqual({ outcome: 'stale' });
    expect(saved).toMatchObject({ outcome: 'saved', revision: 1 });
    expect(await stored()).toEqual([{ name: 'Khối 2', revision: 1, number_value: 40, submission_key: 'sum:2002' }]);
    const left = await database.db.selectFrom('kv_store').select('key').where('key', 'like', 'dialogue:%').execute();
    expect(left.map((r) => r.key)).toEqual(['dialogue:2001']);
  });
});
