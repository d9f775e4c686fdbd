import type { Db } from '../core/db.js';

/** A task with its campaign, or undefined (cancelled tasks included: the caller decides). */
export function findTask(db: Db, taskId: number) {
  return db
    .selectFrom('tasks')
    .select(['id', 'campaign_id as campaignId', 'title', 'due_at as dueAt', 'status', 'form'])
    .where('id', '=', taskId)
    .executeTakeFirst();
}

/** The photos of the current revision of every report of a task, newest first. */
export function listTaskPhotoRows(db: Db, taskId: number, limit: number) {
  return db
    .selectFrom('reports as r')
    .innerJoin('report_revisions as rv', (j) => j.onRef('rv.report_id', '=', 'r.id').onRef('rv.revision', '=', 'r.revision_count'))
    .innerJoin('report_photos as p', 'p.revision_id', 'rv.id')
    .innerJoin('units as u', 'u.id', 'r.unit_id')
    .select(['p.id', 'p.unit_id as unitId', 'u.name as unitName', 'p.sent_at as sentAt'])
    .where('r.task_id', '=', taskId)
    .orderBy('p.sent_at', 'desc')
    .orderBy('p.id', 'desc')
    .limit(limit)
    .execute();
}

/** One photo of a current report: its Telegram file id, never shown to the page. */
export function findCurrentPhoto(db: Db, photoId: number) {
  return db
    .selectFrom('report_photos as p')
    .innerJoin('report_revisions as rv', 'rv.id', 'p.revision_id')
    .innerJoin('reports as r', (j) => j.onRef('r.id', '=', 'rv.report_id').onRef('r.revision_count', '=', 'rv.revision'))
    .innerJoin('tasks as t', 't.id', 'r.task_id')
    .select(['p.file_id as fileId', 'p.task_id as taskId'])
    .where('p.id', '=', photoId)
    .where('t.status', '!=', 'cancelled')
    .executeTakeFirst();
}
