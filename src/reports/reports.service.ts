import type { Transaction } from 'kysely';
import { recordAudit } from '../core/audit.js';
import type { Clock } from '../core/clock.js';
import type { Db } from '../core/db.js';
import type { Database, ReportFlag, ReportStatus } from '../core/schema.js';
import { TASK_COLUMNS, type Task } from '../tasks/tasks.service.js';

export interface PhotoEvidence {
  fileId: string;
  fileUniqueId: string;
  /** When the photo message was sent (Telegram's message date). */
  sentAt: string;
}

export interface ReportAnswers {
  status: ReportStatus;
  number: number | null;
  note: string | null;
  location: { latitude: number; longitude: number } | null;
  photos: PhotoEvidence[];
}

export interface ReportTarget {
  task: Task;
  unit: { id: number; name: string; households: number | null };
  current: CurrentReport | null;
}

export interface CurrentReport {
  status: ReportStatus;
  numberValue: number | null;
  reportedAt: Date;
  reportedBy: string;
  late: boolean;
  revisionCount: number;
}

export type Refusal = 'not-found' | 'not-member' | 'not-assigned' | 'closed' | 'cancelled';

/**
 * Who may report what: the task exists and is open, the unit is assigned to it and
 * the member is its leader or deputy. Used when a button is pressed and again on submit.
 */
export async function authorizeReport(
  db: Db | Transaction<Database>,
  memberId: number,
  taskId: number,
  unitId: number,
): Promise<{ ok: true; target: ReportTarget } | { ok: false; reason: Refusal }> {
  // One round trip: this runs on every "Báo cáo" press and again on every submission.
  const row = await db
    .selectFrom('tasks as t')
    .innerJoin('campaigns as c', 'c.id', 't.campaign_id')
    .leftJoin('unit_members as um', (j) => j.on('um.unit_id', '=', unitId).on('um.member_id', '=', memberId))
    .leftJoin('units as u', (j) => j.onRef('u.id', '=', 'um.unit_id').on('u.active', '=', true))
    .leftJoin('task_units as tu', (j) => j.onRef('tu.task_id', '=', 't.id').on('tu.unit_id', '=', unitId))
    .leftJoin('reports as r', (j) => j.onRef('r.task_id', '=', 't.id').on('r.unit_id', '=', unitId))
    .leftJoin('members as rm', 'rm.id', 'r.reported_by')
    .select(TASK_COLUMNS)
    .select(['u.id as unitId', 'u.name as unitName', 'u.households', 'tu.unit_id as assignedUnitId'])
    .select(['r.status as reportStatus', 'r.number_value as numberValue', 'r.reported_at as reportedAt', 'rm.display_name as reportedBy', 'r.late', 'r.revision_count as revisionCount'])
    .where('t.id', '=', taskId)
    .executeTakeFirst();
  if (!row) return { ok: false, reason: 'not-found' };
  if (row.unitId === null || row.unitName === null) return { ok: false, reason: 'not-member' };
  if (row.assignedUnitId === null) return { ok: false, reason: 'not-assigned' };
  if (row.status !== 'open') return { ok: false, reason: row.status };
  const { unitId: id, unitName: name, households, assignedUnitId: _a, reportStatus, numberValue, reportedAt, reportedBy, late, revisionCount, ...task } = row;
  const current =
    reportStatus && reportedAt && reportedBy !== null && late !== null && revisionCount !== null
      ? { status: reportStatus, numberValue, reportedAt, reportedBy, late, revisionCount }
      : null;
  return { ok: true, target: { task, unit: { id, name, households }, current } };
}

export type SubmitResult =
  | { outcome: 'saved' | 'duplicate'; revision: number; late: boolean; flags: ReportFlag[]; submittedAt: Date }
  | { outcome: 'refused'; reason: Refusal };

/** Evidence checks: a photo already in another unit's or task's report, or sent before the task existed. */
async function evidenceFlags(trx: Transaction<Database>, task: Task, unitId: number, photos: PhotoEvidence[]): Promise<ReportFlag[]> {
  const flags: ReportFlag[] = [];
  const ids = photos.map((p) => p.fileUniqueId);
  const seen = ids.length
    ? await trx
        .selectFrom('report_photos')
        .select(['file_unique_id', 'task_id', 'unit_id'])
        .where('file_unique_id', 'in', ids)
        .where((eb) => eb.or([eb('task_id', '!=', task.id), eb('unit_id', '!=', unitId)]))
        .orderBy('id')
        .execute()
    : [];
  for (const photo of photos) {
    const other = seen.find((s) => s.file_unique_id === photo.fileUniqueId);
    if (other) flags.push({ kind: 'photo-reused', fileUniqueId: photo.fileUniqueId, otherTaskId: other.task_id, otherUnitId: other.unit_id });
    if (new Date(photo.sentAt).getTime() < task.createdAt.getTime()) {
      flags.push({ kind: 'photo-before-task', fileUniqueId: photo.fileUniqueId, sentAt: photo.sentAt });
    }
  }
  return flags;
}

/**
 * Stores a submission as a new revision and makes it the unit's current report.
 * `submissionKey` (the pressed "Gửi" button) makes a replayed or re-delivered submission a no-op.
 */
export async function submitReport(
  db: Db,
  clock: Clock,
  input: { memberId: number; taskId: number; unitId: number; submissionKey: string; answers: ReportAnswers },
): Promise<SubmitResult> {
  return db.transaction().execute(async (trx) => {
    const previous = await trx
      .selectFrom('report_revisions')
      .select(['revision', 'late', 'flags', 'submitted_at'])
      .where('submission_key', '=', input.submissionKey)
      .executeTakeFirst();
    if (previous) return { outcome: 'duplicate', revision: previous.revision, late: previous.late, flags: previous.flags, submittedAt: previous.submitted_at } as const;
    const auth = await authorizeReport(trx, input.memberId, input.taskId, input.unitId);
    if (!auth.ok) return { outcome: 'refused', reason: auth.reason } as const;
    const { task } = auth.target;
    const now = clock.now();
    const a = input.answers;
    const late = now.getTime() > task.dueAt.getTime();
    const flags = await evidenceFlags(trx, task, input.unitId, a.photos);
    const fields = {
      status: a.status,
      number_value: a.number,
      note: a.note,
      latitude: a.location?.latitude ?? null,
      longitude: a.location?.longitude ?? null,
      flags: JSON.stringify(flags),
      late,
    };
    const report = await trx
      .insertInto('reports')
      .values({ task_id: task.id, unit_id: input.unitId, ...fields, photo_count: a.photos.length, revision_count: 1, reported_by: input.memberId, reported_at: now })
      .onConflict((oc) =>
        oc.columns(['task_id', 'unit_id']).doUpdateSet((eb) => ({
          ...fields,
          photo_count: a.photos.length,
          reported_by: input.memberId,
          reported_at: now,
          returned_at: null,
          returned_by: null,
          return_reason: null,
          revision_count: eb('reports.revision_count', '+', 1),
        })),
      )
      .returning(['id', 'revision_count'])
      .executeTakeFirstOrThrow();
    const revision = await trx
      .insertInto('report_revisions')
      .values({ report_id: report.id, task_id: task.id, unit_id: input.unitId, revision: report.revision_count, member_id: input.memberId, submission_key: input.submissionKey, ...fields, submitted_at: now })
      .returning('id')
      .executeTakeFirstOrThrow();
    if (a.photos.length) {
      await trx
        .insertInto('report_photos')
        .values(a.photos.map((p, i) => ({ revision_id: revision.id, task_id: task.id, unit_id: input.unitId, file_id: p.fileId, file_unique_id: p.fileUniqueId, sent_at: p.sentAt, position: i })))
        .execute();
    }
    await recordAudit(trx, {
      actorId: input.memberId,
      action: 'report.submitted',
      subject: `task:${task.id}/unit:${input.unitId}`,
      details: { revision: report.revision_count, status: a.status, late, flags: flags.length },
      at: now,
    });
    return { outcome: 'saved', revision: report.revision_count, late, flags, submittedAt: now } as const;
  });
}

export interface LeaderTaskLine {
  taskId: number;
  title: string;
  dueAt: Date;
  unitId: number;
  unitName: string;
  state: 'reported' | 'pending' | 'overdue';
  reportedBy: string | null;
  reportedAt: Date | null;
}

/** The open tasks of the member's units, each marked reported / pending / overdue. */
export async function listLeaderTasks(db: Db, memberId: number, now: Date): Promise<LeaderTaskLine[]> {
  const rows = await db
    .selectFrom('unit_members as um')
    .innerJoin('units as u', 'u.id', 'um.unit_id')
    .innerJoin('task_units as tu', 'tu.unit_id', 'um.unit_id')
    .innerJoin('tasks as t', 't.id', 'tu.task_id')
    .leftJoin('reports as r', (j) => j.onRef('r.task_id', '=', 't.id').onRef('r.unit_id', '=', 'u.id'))
    .leftJoin('members as rm', 'rm.id', 'r.reported_by')
    .select(['t.id as taskId', 't.title', 't.due_at as dueAt', 'u.id as unitId', 'u.name as unitName', 'r.reported_at as reportedAt', 'r.returned_at as returnedAt', 'rm.display_name as reportedBy'])
    .where('um.member_id', '=', memberId)
    .where('u.active', '=', true)
    .where('t.status', '=', 'open')
    .orderBy('t.due_at')
    .orderBy('u.name')
    .execute();
  return rows.map(({ returnedAt, ...r }) => ({
    ...r,
    state: r.reportedAt && !returnedAt ? 'reported' : r.dueAt.getTime() < now.getTime() ? 'overdue' : 'pending',
  }));
}
