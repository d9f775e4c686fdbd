import { recordAudit } from '../core/audit.js';
import type { Clock } from '../core/clock.js';
import type { Db, DbOrTrx, Trx } from '../core/db.js';
import type { ReportFlag, ReportStatus } from '../core/schema.js';
import type { Task } from '../tasks/tasks.service.js';
import { findPhotosUsedElsewhere, findReportTarget, findRevisionByKey, insertPhotos, insertRevision, upsertCurrentReport } from './reports.queries.js';

export { listLeaderTasks, type LeaderTaskLine } from './reports.queries.js';

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
  /** Set when an official returned it for rework: the leader sees why when reporting again. */
  returnReason: string | null;
}

export type Refusal = 'not-found' | 'not-member' | 'not-assigned' | 'closed' | 'cancelled';

/** The columns a submission writes to both the current report and its revision. */
export interface ReportFields {
  status: ReportStatus;
  number_value: number | null;
  note: string | null;
  latitude: number | null;
  longitude: number | null;
  flags: string;
  late: boolean;
}

/**
 * Who may report what: the task exists and is open, the unit is assigned to it and
 * the member is its leader or deputy. Used when a button is pressed and again on submit.
 */
export async function authorizeReport(db: DbOrTrx, memberId: number, taskId: number, unitId: number): Promise<{ ok: true; target: ReportTarget } | { ok: false; reason: Refusal }> {
  const row = await findReportTarget(db, memberId, taskId, unitId);
  if (!row) return { ok: false, reason: 'not-found' };
  if (row.unitId === null || row.unitName === null) return { ok: false, reason: 'not-member' };
  if (row.assignedUnitId === null) return { ok: false, reason: 'not-assigned' };
  if (row.status !== 'open') return { ok: false, reason: row.status };
  const { unitId: id, unitName: name, households, assignedUnitId: _a, reportStatus, numberValue, reportedAt, reportedBy, late, revisionCount, returnedAt, returnReason, ...task } = row;
  const current =
    reportStatus && reportedAt && reportedBy !== null && late !== null && revisionCount !== null
      ? { status: reportStatus, numberValue, reportedAt, reportedBy, late, revisionCount, returnReason: returnedAt ? returnReason : null }
      : null;
  return { ok: true, target: { task, unit: { id, name, households }, current } };
}

export type SubmitResult =
  | { outcome: 'saved' | 'duplicate'; revision: number; late: boolean; flags: ReportFlag[]; submittedAt: Date }
  | { outcome: 'refused'; reason: Refusal };

/** Evidence checks: a photo already in another unit's or task's report, or sent before the task existed. */
async function evidenceFlags(trx: Trx, task: Task, unitId: number, photos: PhotoEvidence[]): Promise<ReportFlag[]> {
  const seen = await findPhotosUsedElsewhere(trx, task.id, unitId, photos.map((p) => p.fileUniqueId));
  const flags: ReportFlag[] = [];
  for (const photo of photos) {
    const other = seen.find((s) => s.file_unique_id === photo.fileUniqueId);
    if (other) flags.push({ kind: 'photo-reused', fileUniqueId: photo.fileUniqueId, otherTaskId: other.task_id, otherUnitId: other.unit_id });
    if (new Date(photo.sentAt).getTime() < task.createdAt.getTime()) {
      flags.push({ kind: 'photo-before-task', fileUniqueId: photo.fileUniqueId, sentAt: photo.sentAt });
    }
  }
  return flags;
}

function reportFields(a: ReportAnswers, flags: ReportFlag[], late: boolean): ReportFields {
  return {
    status: a.status,
    number_value: a.number,
    note: a.note,
    latitude: a.location?.latitude ?? null,
    longitude: a.location?.longitude ?? null,
    flags: JSON.stringify(flags),
    late,
  };
}

export interface Submission {
  memberId: number;
  taskId: number;
  unitId: number;
  /** The pressed "Gửi" button: a replayed or re-delivered submission with the same key is a no-op. */
  submissionKey: string;
  answers: ReportAnswers;
}

/** Stores a submission as a new revision and makes it the unit's current report, in one transaction. */
export async function submitReport(db: Db, clock: Clock, input: Submission): Promise<SubmitResult> {
  return db.transaction().execute(async (trx) => {
    const previous = await findRevisionByKey(trx, input.submissionKey);
    if (previous) return { outcome: 'duplicate', revision: previous.revision, late: previous.late, flags: previous.flags, submittedAt: previous.submitted_at } as const;
    const auth = await authorizeReport(trx, input.memberId, input.taskId, input.unitId);
    if (!auth.ok) return { outcome: 'refused', reason: auth.reason } as const;
    const { task } = auth.target;
    const now = clock.now();
    const late = now.getTime() > task.dueAt.getTime();
    const flags = await evidenceFlags(trx, task, input.unitId, input.answers.photos);
    const fields = reportFields(input.answers, flags, late);
    const key = { taskId: task.id, unitId: input.unitId, memberId: input.memberId, at: now };
    const report = await upsertCurrentReport(trx, key, fields, input.answers.photos.length);
    const revision = await insertRevision(trx, { ...key, reportId: report.id, revision: report.revision_count, submissionKey: input.submissionKey }, fields);
    await insertPhotos(trx, { revisionId: revision.id, taskId: task.id, unitId: input.unitId }, input.answers.photos);
    await recordAudit(trx, {
      actorId: input.memberId,
      action: 'report.submitted',
      subject: `task:${task.id}/unit:${input.unitId}`,
      details: { revision: report.revision_count, status: input.answers.status, late, flags: flags.length },
      at: now,
    });
    return { outcome: 'saved', revision: report.revision_count, late, flags, submittedAt: now } as const;
  });
}
