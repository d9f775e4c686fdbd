import { type RawBuilder, sql } from 'kysely';
import { type Db, prepared } from '../core/db.js';
import { batchedPer, byPosition } from '../core/tick-batch.js';
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

interface OpenRequest {
  telegramId: number;
  taskId: number;
  unitId: number;
  dialogueKey: string;
  conversationKey: string;
  atMs: number;
  now: Date;
}

/**
 * "Báo cáo" presses in one round trip: for each, who pressed it (by Telegram id), whether the chat
 * already has a dialogue, who may report what, and, when all is well, the new dialogue row. The row
 * (shape: report-state.ts, spelled here by OPENED_STATE) holds ids, the few task fields the questions
 * show, and empty answers. Another instance opening the same chat at the same moment loses on the
 * primary key and gets nothing. The presses come as one JSON array (`req`, each numbered by its
 * position); each is answered by its own row, as if it had come alone (a chat's updates are handled
 * one at a time, so no two presses of a batch are for the same chat). Each press reaches the tables
 * through a LATERAL subquery: the statement is planned once, generically, and with the array's
 * rows unknown the planner otherwise joined whole tables (a scan of every member per press); the
 * `offset 0` keeps it from folding them back into such joins.
 */
async function openReportDialogues(db: Db, presses: OpenRequest[]): Promise<OpenRow[]> {
  const reqs = presses.map((p, i) => ({ i, telegram_id: p.telegramId, task_id: p.taskId, unit_id: p.unitId, dialogue_key: p.dialogueKey, conversation_key: p.conversationKey, at_ms: p.atMs, now: p.now.toISOString() }));
  const result = await sql<OpenRow & { i: number }>`${prepared}
    with
    req as (
      select * from jsonb_to_recordset(${JSON.stringify(reqs)}::jsonb)
        as r(i int, telegram_id bigint, task_id int, unit_id int, dialogue_key text, conversation_key text, at_ms float8, now timestamptz)
    ),
    m as (
      select req.i, mm.id, mm.locale from req
      cross join lateral (select id, locale from members where telegram_id = req.telegram_id and status <> 'left' offset 0) mm
    ),
    busy as (
      select req.i, k.key, k.value from req
      cross join lateral (select key, value from kv_store where key = req.dialogue_key or key = req.conversation_key offset 0) k
    ),
    target as (
      select req.i, x.* from req
      cross join lateral (
        select t.id, t.title, t.form, t.status, t.due_at, t.lunar_dates, u.id as unit_id, u.name as unit_name, u.households, tu.unit_id as assigned,
          r.reported_at, rm.display_name as reported_by, r.returned_at, r.return_reason
        from tasks t
        left join unit_members um on um.unit_id = req.unit_id and um.member_id = (select m.id from m where m.i = req.i)
        left join units u on u.id = um.unit_id and u.active
        left join task_units tu on tu.task_id = t.id and tu.unit_id = req.unit_id
        left join reports r on r.task_id = t.id and r.unit_id = req.unit_id
        left join members rm on rm.id = r.reported_by
        where t.id = req.task_id
        offset 0
      ) x
    ),
    opened as (
      insert into kv_store (key, value, updated_at)
      select req.dialogue_key,
        jsonb_build_object('v', 1, 'at', req.at_ms, 'kind', 'report', 's', jsonb_build_object(${openedState})),
        req.now
      from req join target on target.i = req.i join m on m.i = req.i
      where target.unit_id is not null and target.assigned is not null and target.status = 'open'
        and not exists (select 1 from busy where busy.i = req.i)
      on conflict (key) do nothing
      returning key, value
    )
    select req.i, m.id as member_id, m.locale as member_locale,
      exists (select 1 from busy where busy.i = req.i and busy.key = req.conversation_key) as busy,
      (select value from busy where busy.i = req.i and busy.key = req.dialogue_key) as dialogue,
      (select value from opened where opened.key = req.dialogue_key) as opened,
      target.id as task_id, target.title, target.status as task_status, target.due_at, target.lunar_dates, target.unit_id, target.unit_name, target.assigned,
      target.reported_at, target.reported_by, target.returned_at, target.return_reason
    from req
    left join m on m.i = req.i
    left join target on target.i = req.i
    order by req.i`.execute(db);
  return byPosition(result.rows);
}

/** A "Báo cáo" press: opened together with the presses that came in the same round of input (see openReportDialogues). */
export const openReportDialogue: (db: Db, p: OpenRequest) => Promise<OpenRow> = batchedPer(openReportDialogues);
