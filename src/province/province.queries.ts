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
export function rollupRowsQuery(db: Db, provinceId: number, sendId: number, opts: { owingOnly?: boolean; limit?: number; communeId?: number } = {}) {
  let rows = db
    .selectFrom('send_offices as so')
    .innerJoin('province_sends as s', 's.id', 'so.send_id')
    .select([
      'so.office_id',
      'so.task_id',
      'so.assigned',
      'so.reported',
      'so.households',
      'so.number_total',
      sql<number>`case when so.kept_at is not null then 2 when so.opened_at is not null then 1 else 0 end`.as('stage'),
      sql<number>`so.reported::float / greatest(so.assigned, 1)`.as('share'),
    ])
    .where('so.send_id', '=', sendId)
    .where('s.office_id', '=', provinceId);
  if (opts.owingOnly) rows = rows.where(OWES);
  if (opts.communeId !== undefined) rows = rows.where('so.office_id', '=', opts.communeId);
  // The few rows listed are chosen before the offices are joined for their names.
  if (opts.limit !== undefined) rows = rows.orderBy(sql`stage`).orderBy(sql`share`).orderBy('so.office_id').limit(opts.limit);
  return db
    .selectFrom(rows.as('r'))
    .innerJoin('offices as o', 'o.id', 'r.office_id')
    .select([
      'o.id as officeId',
      'o.name',
      'o.kind',
      sql<'not-opened' | 'opened' | 'kept'>`case r.stage when 2 then 'kept' when 1 then 'opened' else 'not-opened' end`.as('state'),
      'r.task_id as taskId',
      'r.assigned',
      'r.reported',
      'r.households',
      'r.number_total as numberTotal',
    ])
    .orderBy('r.stage')
    .orderBy('r.share')
    .orderBy('o.id');
}

/** The roll-up's totals over every commune a send went to (one aggregate over its rows). */
export function rollupTotalsQuery(db: Db, provinceId: number, sendId: number) {
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
    .where('s.office_id', '=', provinceId);
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

/** Adds the communes the province does not have yet (by name, any case) with their settings row; returns every one listed, old or new. */
export async function upsertCommunes(trx: Trx, provinceId: number, communes: { name: string; kind: OfficeKind }[], now: Date) {
  const existing = await trx.selectFrom('offices').select(['id', 'name', 'kind']).where('parent_id', '=', provinceId).execute();
  const byName = new Map(existing.map((o) => [(o.name ?? '').toLocaleLowerCase('vi'), o]));
  const out: { id: number; name: string; kind: OfficeKind }[] = [];
  for (const c of communes) {
    const found = byName.get(c.name.toLocaleLowerCase('vi'));
    if (found) {
      out.push({ id: found.id, name: found.name ?? c.name, kind: found.kind });
      continue;
    }
    const { id } = await trx.insertInto('offices').values({ name: c.name, kind: c.kind, parent_id: provinceId, created_at: now }).returning('id').executeTakeFirstOrThrow();
    await trx.insertInto('office_settings').values({ id, recipients: '[]', updated_at: now }).execute();
    byName.set(c.name.toLocaleLowerCase('vi'), { id, name: c.name, kind: c.kind });
    out.push({ id, name: c.name, kind: c.kind });
  }
  return out;
}
