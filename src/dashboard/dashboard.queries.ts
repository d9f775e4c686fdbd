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

/** Whether a download link was spent, by any process, before a restart or since. */
export async function isLinkSpent(db: Db, spendKey: Uint8Array): Promise<boolean> {
  return (await db.selectFrom('spent_links').select('office_id').where('signature_hash', '=', spendKey).executeTakeFirst()) !== undefined;
}

/**
 * Spends a download link: true for the one request whose insert made its row, false when it was
 * spent already. One statement, so two downloads of one link at once (in one process or two)
 * cannot both win.
 */
export async function spendLink(db: Db, link: { spendKey: Uint8Array; officeId: number; expiresAt: Date }): Promise<boolean> {
  const row = await db
    .insertInto('spent_links')
    .values({ signature_hash: link.spendKey, office_id: link.officeId, expires_at: link.expiresAt })
    .onConflict((oc) => oc.column('signature_hash').doNothing())
    .returning('office_id')
    .executeTakeFirst();
  return row !== undefined;
}

/** Forgets spent links past their expiry (they are refused as expired anyway); rows another purge holds are left to it. */
export async function purgeSpentLinks(db: Db, now: Date): Promise<void> {
  await db
    .deleteFrom('spent_links')
    .where('signature_hash', 'in', (eb) => eb.selectFrom('spent_links').select('signature_hash').where('expires_at', '<=', now).forUpdate().skipLocked())
    .execute();
}
