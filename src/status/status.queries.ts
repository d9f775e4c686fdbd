import { sql } from 'kysely';
import type { Db } from '../core/db.js';
import type { MemberStatus, Position } from '../core/schema.js';

/** One task of a campaign with its counts from task_stats (kept by triggers, see migration 1200). */
export function campaignTaskStatsQuery(db: Db, campaignId: number) {
  return db
    .selectFrom('tasks as t')
    .leftJoin('task_stats as s', 's.task_id', 't.id')
    .select([
      't.id',
      't.title',
      't.due_at as dueAt',
      't.starts_at as startsAt',
      't.ends_at as endsAt',
      't.status',
      't.form',
      sql<number>`coalesce(s.assigned, 0)::int`.as('assigned'),
      sql<number>`coalesce(s.households, 0)::bigint`.as('households'),
      sql<number>`coalesce(s.reported, 0)::int`.as('reported'),
      sql<number>`coalesce(s.done, 0)::int`.as('done'),
      sql<number>`coalesce(s.partial, 0)::int`.as('partial'),
      sql<number>`coalesce(s.not_done, 0)::int`.as('notDone'),
      sql<number>`coalesce(s.flagged, 0)::int`.as('flagged'),
      sql<number>`coalesce(s.number_total, 0)::bigint`.as('numberTotal'),
    ])
    .where('t.campaign_id', '=', campaignId)
    .where('t.status', '!=', 'cancelled')
    .orderBy('t.due_at')
    .orderBy('t.id');
}

/** A task with its pending and "Chưa làm" counts (task_stats), or undefined. */
export function findTaskCounts(db: Db, taskId: number) {
  return db
    .selectFrom('tasks as t')
    .leftJoin('task_stats as s', 's.task_id', 't.id')
    .select([
      't.title',
      't.due_at as dueAt',
      't.starts_at as startsAt',
      't.ends_at as endsAt',
      't.status',
      sql<number>`greatest(coalesce(s.assigned - s.reported, 0), 0)::int`.as('pending'),
      sql<number>`coalesce(s.not_done, 0)::int`.as('notDone'),
    ])
    .where('t.id', '=', taskId)
    .executeTakeFirst();
}

/**
 * Units of a task without a current report (never reported, or returned for rework), in unit
 * order, at most `limit`: the first entries of task_pending's primary key for the task.
 */
export function pendingUnitsQuery(db: Db, taskId: number, limit: number) {
  return db
    .selectFrom('task_pending as p')
    .innerJoin('units as u', 'u.id', 'p.unit_id')
    .leftJoin('reports as r', (j) => j.onRef('r.task_id', '=', 'p.task_id').onRef('r.unit_id', '=', 'p.unit_id'))
    .select(['u.id', 'u.name', sql<boolean>`r.returned_at is not null`.as('returned'), 'r.return_reason as returnReason'])
    .where('p.task_id', '=', taskId)
    .orderBy('p.unit_id')
    .limit(limit);
}

/** Units whose current report says "Chưa làm", in unit order, at most `limit` (partial index). */
export function notDoneUnitsQuery(db: Db, taskId: number, limit: number) {
  return db
    .selectFrom('reports as r')
    .innerJoin('units as u', 'u.id', 'r.unit_id')
    .select(['u.id', 'u.name', 'r.note'])
    .where('r.task_id', '=', taskId)
    .where('r.status', '=', 'not_done')
    .where('r.returned_at', 'is', null)
    .orderBy('r.unit_id')
    .limit(limit);
}

export interface ContactRow {
  unitId: number;
  telegramId: number;
  name: string;
  position: Position;
  status: MemberStatus;
}

/** The members who report for these units (leaders first), excluding those who left. */
export async function listUnitContacts(db: Db, unitIds: number[]): Promise<ContactRow[]> {
  if (unitIds.length === 0) return [];
  return db
    .selectFrom('unit_members as um')
    .innerJoin('members as m', 'm.id', 'um.member_id')
    .select(['um.unit_id as unitId', 'm.telegram_id as telegramId', 'm.display_name as name', 'um.position', 'm.status'])
    .where((eb) => eb('um.unit_id', '=', eb.fn.any(eb.val(unitIds))))
    .where('m.status', '!=', 'left')
    .orderBy('um.unit_id')
    .orderBy(sql`case when um.position = 'leader' then 0 else 1 end`)
    .orderBy('m.id')
    .execute();
}

export interface CampaignChoice {
  id: number;
  name: string;
  openTasks: number;
}

/** Recent campaigns that have tasks (not cancelled), newest first. */
export async function listCampaignsWithTasks(db: Db, limit: number): Promise<CampaignChoice[]> {
  return db
    .selectFrom('campaigns as c')
    .innerJoin('tasks as t', 't.campaign_id', 'c.id')
    .select(['c.id', 'c.name', sql<number>`count(*) filter (where t.status = 'open')::int`.as('openTasks')])
    .where('t.status', '!=', 'cancelled')
    .groupBy(['c.id', 'c.name'])
    .orderBy('c.id', 'desc')
    .limit(limit)
    .execute();
}

export async function findCampaign(db: Db, campaignId: number): Promise<{ id: number; name: string } | null> {
  return (await db.selectFrom('campaigns').select(['id', 'name']).where('id', '=', campaignId).executeTakeFirst()) ?? null;
}

/** How many units confirmed "Đã hạ cờ" per task (tasks over a period). */
export function takeDownCountsQuery(db: Db, taskIds: number[]) {
  return db
    .selectFrom('task_take_downs')
    .select(['task_id as taskId', sql<number>`count(*)::int`.as('count')])
    .where('task_id', 'in', taskIds.length ? taskIds : [-1])
    .groupBy('task_id');
}

/** The units of a task that confirmed the take-down, with when, in unit order. */
export function takeDownsOfTaskQuery(db: Db, taskId: number) {
  return db
    .selectFrom('task_take_downs as d')
    .innerJoin('units as u', 'u.id', 'd.unit_id')
    .select(['u.name as unitName', 'd.confirmed_at as at'])
    .where('d.task_id', '=', taskId)
    .orderBy('u.id');
}
