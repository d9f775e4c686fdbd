import { type RawBuilder, sql } from 'kysely';
import { type Db, prepared } from '../core/db.js';
import type { TaskStatus } from '../core/schema.js';
import { EMPTY_DRAFT, type ReportState } from './report-state.js';

export interface OpenRow {
  /** The member who pressed (null: not registered, or left). */
  member_id: number | null;
  member_locale: string | null;
  /** An admin dialogue (the replay plugin's) is open in this chat. */
  busy: boolean;
  /** The chat's report dialogue row, when one was already open. */
  dialogue: unknown;
  /** The new dialogue row, when this statement opened it. */
  opened: unknown;
  task_id: number | null;
  title: string | null;
  task_status: TaskStatus | null;
  due_at: Date | null;
  /** The task's dates were set by the lunar calendar (its deadline is shown with its lunar date). */
  lunar_dates: boolean | null;
  unit_id: number | null;
  unit_name: string | null;
  assigned: number | null;
  reported_at: Date | null;
  reported_by: string | null;
  returned_at: Date | null;
  return_reason: string | null;
}

/**
 * The new dialogue's state, field by field, from the statement's `m` (the member) and `target`.
 * Its type is the state's own (report-state.ts), so a field added there and not here, or here and
 * not there, does not compile: the shape is declared once. The keys are constants, so the
 * statement's text never varies (it is prepared once per connection).
 */
const OPENED_STATE: { [K in keyof ReportState]-?: RawBuilder<unknown> } = {
  memberId: sql`m.id`,
  taskId: sql`target.id`,
  unitId: sql`target.unit_id`,
  locale: sql`m.locale`,
  title: sql`target.title`,
  unit: sql`target.unit_name`,
  max: sql`case when target.form->'number'->>'max' = 'households' then target.households end`,
  form: sql`target.form`,
  step: sql`${sql.lit('status')}::text`,
  summary: sql`null::int`,
  answers: sql`${sql.lit(JSON.stringify(EMPTY_DRAFT))}::jsonb`,
};
const openedState = sql.join(Object.entries(OPENED_STATE).map(([key, value]) => sql`${sql.lit(key)}::text, ${value}`));

/**
 * A "Báo cáo" press in one round trip: who pressed it (by Telegram id), whether the chat already
 * has a dialogue, who may report what, and, when all is well, the new dialogue row. The row
 * (shape: report-state.ts, spelled here by OPENED_STATE) holds ids, the few task fields the questions
 * show, and empty answers. Another instance opening the same chat at the same moment loses on the
 * primary key and gets nothing.
 */
export async function openReportDialogue(
  db: Db,
  p: { telegramId: number; taskId: number; unitId: number; dialogueKey: string; conversationKey: string; atMs: number; now: Date },
): Promise<OpenRow> {
  const result = await sql<OpenRow>`${prepared}
    with
    m as (select id, locale from members where telegram_id = ${p.telegramId}::bigint and status <> 'left'),
    busy as (select key, value from kv_store where key = ${p.dialogueKey}::text or key = ${p.conversationKey}::text),
    target as (
      select t.id, t.title, t.form, t.status, t.due_at, t.lunar_dates, u.id as unit_id, u.name as unit_name, u.households, tu.unit_id as assigned,
        r.reported_at, rm.display_name as reported_by, r.returned_at, r.return_reason
      from tasks t
      left join unit_members um on um.unit_id = ${p.unitId}::int and um.member_id = (select id from m)
      left join units u on u.id = um.unit_id and u.active
      left join task_units tu on tu.task_id = t.id and tu.unit_id = ${p.unitId}::int
      left join reports r on r.task_id = t.id and r.unit_id = ${p.unitId}::int
      left join members rm on rm.id = r.reported_by
      where t.id = ${p.taskId}::int
    ),
    opened as (
      insert into kv_store (key, value, updated_at)
      select ${p.dialogueKey}::text,
        jsonb_build_object('v', 1, 'at', ${p.atMs}::float8, 'kind', 'report', 's', jsonb_build_object(${openedState})),
        ${p.now}::timestamptz
      from target cross join m
      where target.unit_id is not null and target.assigned is not null and target.status = 'open'
        and not exists (select 1 from busy)
      on conflict (key) do nothing
      returning value
    )
    select (select id from m) as member_id, (select locale from m) as member_locale,
      exists (select 1 from busy where key = ${p.conversationKey}::text) as busy,
      (select value from busy where key = ${p.dialogueKey}::text) as dialogue,
      (select value from opened) as opened,
      target.id as task_id, target.title, target.status as task_status, target.due_at, target.lunar_dates, target.unit_id, target.unit_name, target.assigned,
      target.reported_at, target.reported_by, target.returned_at, target.return_reason
    from (select 1) as one
    left join target on true`.execute(db);
  const row = result.rows[0];
  if (!row) throw new Error('openReportDialogue returned no row');
  return row;
}
