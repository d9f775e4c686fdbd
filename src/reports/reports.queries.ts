import type { DbOrTrx, Trx } from '../core/db.js';
import { TASK_COLUMNS } from '../tasks/tasks.service.js';
import type { PhotoEvidence, ReportFields } from './reports.service.js';

/** Everything needed to decide who may report what, in one round trip (it runs on every "Báo cáo" press and every submission). */
export function findReportTarget(db: DbOrTrx, memberId: number, taskId: number, unitId: number) {
  return db
    .selectFrom('tasks as t')
    .innerJoin('campaigns as c', 'c.id', 't.campaign_id')
    .leftJoin('unit_members as um', (j) => j.on('um.unit_id', '=', unitId).on('um.member_id', '=', memberId))
    .leftJoin('units as u', (j) => j.onRef('u.id', '=', 'um.unit_id').on('u.active', '=', true))
    .leftJoin('task_units as tu', (j) => j.onRef('tu.task_id', '=', 't.id').on('tu.unit_id', '=', unitId))
    .leftJoin('reports as r', (j) => j.onRef('r.task_id', '=', 't.id').on('r.unit_id', '=', unitId))
    .leftJoin('members as rm', 'rm.id', 'r.reported_by')
    .select(TASK_COLUMNS)
    .select(['u.id as unitId', 'u.name as unitName', 'u.households', 'tu.unit_id as assignedUnitId'])
    .select(['r.status as reportStatus', 'r.number_value as numberValue', 'r.reported_at as reportedAt', 'rm.display_name as reportedBy', 'r.late', 'r.revision_count as revisionCount', 'r.returned_at as returnedAt', 'r.return_reason as returnReason'])
    .where('t.id', '=', taskId)
    .executeTakeFirst();
}

/** The revision a submission key already stored, if any. */
export function findRevisionByKey(trx: Trx, submissionKey: string) {
  return trx.selectFrom('report_revisions').select(['revision', 'late', 'flags', 'submitted_at']).where('submission_key', '=', submissionKey).executeTakeFirst();
}

/** Photos with these ids already stored for another task or another unit. */
export async function findPhotosUsedElsewhere(trx: Trx, taskId: number, unitId: number, fileUniqueIds: string[]) {
  if (fileUniqueIds.length === 0) return [];
  return trx
    .selectFrom('report_photos')
    .select(['file_unique_id', 'task_id', 'unit_id'])
    .where('file_unique_id', 'in', fileUniqueIds)
    .where((eb) => eb.or([eb('task_id', '!=', taskId), eb('unit_id', '!=', unitId)]))
    .orderBy('id')
    .execute();
}

/** Makes these answers the unit's current report (a returned report becomes current again); returns its id and revision number. */
export function upsertCurrentReport(trx: Trx, key: { taskId: number; unitId: number; memberId: number; at: Date }, fields: ReportFields, photoCount: number) {
  const common = { ...fields, photo_count: photoCount, reported_by: key.memberId, reported_at: key.at };
  return trx
    .insertInto('reports')
    .values({ task_id: key.taskId, unit_id: key.unitId, ...common, revision_count: 1 })
    .onConflict((oc) =>
      oc.columns(['task_id', 'unit_id']).doUpdateSet((eb) => ({
        ...common,
        returned_at: null,
        returned_by: null,
        return_reason: null,
        revision_count: eb('reports.revision_count', '+', 1),
      })),
    )
    .returning(['id', 'revision_count'])
    .executeTakeFirstOrThrow();
}

export function insertRevision(
  trx: Trx,
  r: { reportId: number; taskId: number; unitId: number; revision: number; memberId: number; submissionKey: string; at: Date },
  fields: ReportFields,
) {
  return trx
    .insertInto('report_revisions')
    .values({ report_id: r.reportId, task_id: r.taskId, unit_id: r.unitId, revision: r.revision, member_id: r.memberId, submission_key: r.submissionKey, ...fields, submitted_at: r.at })
    .returning('id')
    .executeTakeFirstOrThrow();
}

export async function insertPhotos(trx: Trx, r: { revisionId: number; taskId: number; unitId: number }, photos: PhotoEvidence[]): Promise<void> {
  if (photos.length === 0) return;
  await trx
    .insertInto('report_photos')
    .values(photos.map((p, i) => ({ revision_id: r.revisionId, task_id: r.taskId, unit_id: r.unitId, file_id: p.fileId, file_unique_id: p.fileUniqueId, sent_at: p.sentAt, position: i })))
    .execute();
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
export async function listLeaderTasks(db: DbOrTrx, memberId: number, now: Date): Promise<LeaderTaskLine[]> {
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
