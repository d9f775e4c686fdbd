import { sql } from 'kysely';
import type { Db, DbOrTrx, Trx } from '../core/db.js';
import type { OfficeKind, ReportForm, SendTarget } from '../core/schema.js';

/*
 * province_sends and send_offices link two offices (the province, a commune), so the office scope
 * (core/office-scope) does not rewrite them: every query here names the offices it may touch
 * (the province's own id, or the commune's), taken from the member's office, never from a button.
 */

export interface NewSend {
  provinceId: number;
  title: string;
  template: string | null;
  form: ReportForm;
  dueAt: Date;
  period: { start: Date; end: Date } | null;
  document: { fileId: string; name: string | null } | null;
  sourceText: string | null;
  createdBy: number;
  now: Date;
}

export async function insertSendDraft(db: DbOrTrx, s: NewSend): Promise<number> {
  const row = await db
    .insertInto('province_sends')
    .values({
      office_id: s.provinceId,
      title: s.title,
      template: s.template,
      form: JSON.stringify(s.form),
      due_at: s.dueAt,
      starts_at: s.period?.start ?? null,
      ends_at: s.period?.end ?? null,
      document_file_id: s.document?.fileId ?? null,
      document_name: s.document?.name ?? null,
      source_text: s.sourceText,
      target: null,
      created_by: s.createdBy,
      created_at: s.now,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  return row.id;
}

const SEND_COLUMNS = [
  's.id',
  's.office_id as provinceId',
  's.title',
  's.template',
  's.form',
  's.due_at as dueAt',
  's.starts_at as startsAt',
  's.ends_at as endsAt',
  's.document_file_id as documentFileId',
  's.sent_at as sentAt',
] as const;

/** One of the province's own sends. */
export function findProvinceSend(db: DbOrTrx, provinceId: number, sendId: number) {
  return db.selectFrom('province_sends as s').select(SEND_COLUMNS).where('s.id', '=', sendId).where('s.office_id', '=', provinceId).executeTakeFirst();
}

/** Locks one of the province's drafts (not yet sent) for sending. */
export function lockProvinceDraft(trx: Trx, provinceId: number, sendId: number) {
  return trx.selectFrom('province_sends as s').select(SEND_COLUMNS).where('s.id', '=', sendId).where('s.office_id', '=', provinceId).forUpdate().executeTakeFirst();
}

export async function markSent(trx: Trx, sendId: number, target: SendTarget, now: Date): Promise<void> {
  await trx.updateTable('province_sends').set({ sent_at: now, target: JSON.stringify(target) }).where('id', '=', sendId).execute();
}

/** The province's communes, with how many active residential units each has. */
export function listCommunes(db: DbOrTrx, provinceId: number) {
  return db
    .selectFrom('offices as o')
    .select(['o.id', 'o.name', 'o.kind'])
    .where('o.parent_id', '=', provinceId)
    .orderBy('o.name')
    .orderBy('o.id')
    .execute() as Promise<{ id: number; name: string | null; kind: OfficeKind }[]>;
}

export async function insertSendOffices(trx: Trx, sendId: number, officeIds: number[]): Promise<void> {
  if (officeIds.length === 0) return;
  await trx
    .insertInto('send_offices')
    .values(officeIds.map((office_id) => ({ office_id, send_id: sendId })))
    .onConflict((oc) => oc.doNothing())
    .execute();
}

/** The active admins of these communes (the province reads across its communes on purpose). */
export function listCommuneAdmins(db: DbOrTrx, officeIds: number[]) {
  return db
    .selectFrom('members')
    .select(['id as memberId', 'office_id as officeId', 'chat_id as chatId', 'locale'])
    .where('office_id', 'in', officeIds.length ? officeIds : [-1])
    .where('role', '=', 'admin')
    .where('status', '=', 'active')
    .orderBy('id')
    .execute();
}

/** Active residential units per commune. */
export function countResidentialUnits(db: DbOrTrx, officeIds: number[]) {
  return db
    .selectFrom('units')
    .select(['office_id as officeId', sql<number>`count(*)::int`.as('count')])
    .where('office_id', 'in', officeIds.length ? officeIds : [-1])
    .where('kind', '=', 'block')
    .where('active', '=', true)
    .groupBy('office_id')
    .execute();
}

/** A send as one commune received it (null when it did not go to that commune). */
export function findSendForCommune(db: DbOrTrx, communeId: number, sendId: number) {
  return db
    .selectFrom('send_offices as so')
    .innerJoin('province_sends as s', 's.id', 'so.send_id')
    .select([...SEND_COLUMNS, 'so.opened_at as openedAt', 'so.kept_at as keptAt', 'so.task_id as taskId'])
    .where('so.office_id', '=', communeId)
    .where('so.send_id', '=', sendId)
    .where('s.sent_at', 'is not', null)
    .executeTakeFirst();
}

export async function markOpened(db: DbOrTrx, communeId: number, sendId: number, now: Date): Promise<void> {
  await db.updateTable('send_offices').set({ opened_at: now }).where('office_id', '=', communeId).where('send_id', '=', sendId).where('opened_at', 'is', null).execute();
}

/** Records the commune task a send became; the counters follow it from here (trigger). */
export async function linkKeptTask(trx: Trx, communeId: number, sendId: number, taskId: number, now: Date): Promise<void> {
  await trx
    .updateTable('send_offices')
    .set({ task_id: taskId, kept_at: now, opened_at: sql<Date>`coalesce(opened_at, ${now})` })
    .where('office_id', '=', communeId)
    .where('send_id', '=', sendId)
    .execute();
}

/** The province's sends, newest first, with how many communes received, opened and kept each. */
export function listProvinceSends(db: Db, provinceId: number, limit: number) {
  return db
    .selectFrom('province_sends as s')
    .leftJoin('send_offices as so', 'so.send_id', 's.id')
    .select([
      's.id',
      's.title',
      's.due_at as dueAt',
      sql<number>`count(so.office_id)::int`.as('communes'),
      sql<number>`count(so.kept_at)::int`.as('kept'),
    ])
    .where('s.office_id', '=', provinceId)
    .where('s.sent_at', 'is not', null)
    .groupBy(['s.id', 's.title', 's.due_at'])
    .orderBy('s.id', 'desc')
    .limit(limit)
    .execute();
}

const OWES = sql<boolean>`(so.kept_at is null or so.reported < so.assigned)`;

/**
 * The roll-up: the communes a send went to, with their state and their task's counters (one row
 * per commune, kept by the task_stats_shards trigger; see migration 2026_12_22_1000). With a
 * limit, the communes furthest behind come first (not opened, not kept, then the lowest share
 * reported), so a province of thousands still reads a short list.
 */
export function rollupRows(db: Db, provinceId: number, sendId: number, opts: { owingOnly?: boolean; limit?: number; communeId?: number } = {}) {
  let q = db
    .selectFrom('send_offices as so')
    .innerJoin('province_sends as s', 's.id', 'so.send_id')
    .innerJoin('offices as o', 'o.id', 'so.office_id')
    .select([
      'o.id as officeId',
      'o.name',
      'o.kind',
      sql<'not-opened' | 'opened' | 'kept'>`case when so.kept_at is not null then 'kept' when so.opened_at is not null then 'opened' else 'not-opened' end`.as('state'),
      'so.task_id as taskId',
      'so.assigned',
      'so.reported',
      'so.households',
      'so.number_total as numberTotal',
    ])
    .where('so.send_id', '=', sendId)
    .where('s.office_id', '=', provinceId);
  if (opts.owingOnly) q = q.where(OWES);
  if (opts.communeId !== undefined) q = q.where('so.office_id', '=', opts.communeId);
  if (opts.limit === undefined) return q.orderBy('o.id').execute();
  return q
    .orderBy(sql`so.kept_at is not null`)
    .orderBy(sql`so.opened_at is not null`)
    .orderBy(sql`so.reported::float / greatest(so.assigned, 1)`)
    .orderBy('o.id')
    .limit(opts.limit)
    .execute();
}

/** The roll-up's totals over every commune a send went to (one aggregate over its rows). */
export function rollupTotals(db: Db, provinceId: number, sendId: number) {
  return db
    .selectFrom('send_offices as so')
    .innerJoin('province_sends as s', 's.id', 'so.send_id')
    .select([
      sql<number>`count(*)::int`.as('communes'),
      sql<number>`count(so.kept_at)::int`.as('kept'),
      sql<number>`count(*) filter (where so.reported > 0)::int`.as('started'),
      sql<number>`count(*) filter (where ${OWES})::int`.as('owing'),
      sql<number>`coalesce(sum(so.assigned), 0)::int`.as('assigned'),
      sql<number>`coalesce(sum(so.reported), 0)::int`.as('reported'),
      sql<number>`coalesce(sum(so.households), 0)::bigint`.as('households'),
      sql<number>`coalesce(sum(so.number_total), 0)::bigint`.as('numberTotal'),
    ])
    .where('so.send_id', '=', sendId)
    .where('s.office_id', '=', provinceId)
    .executeTakeFirstOrThrow();
}

/** The province's send a commune campaign's task came from, with the province (the campaign is the commune's own: tasks are scoped). */
export function findSendOfCampaign(db: Db, campaignId: number) {
  return db
    .selectFrom('tasks as t')
    .innerJoin('send_offices as so', (j) => j.onRef('so.task_id', '=', 't.id').onRef('so.office_id', '=', 't.office_id'))
    .innerJoin('province_sends as s', 's.id', 'so.send_id')
    .innerJoin('offices as p', 'p.id', 's.office_id')
    .select(['s.title', 's.document_name as documentName', 'p.id as provinceId', 'p.name as provinceName', 'p.kind as provinceKind', 'p.parent_id as provinceParentId'])
    .where('t.campaign_id', '=', campaignId)
    .orderBy('t.id')
    .limit(1)
    .executeTakeFirst();
}
