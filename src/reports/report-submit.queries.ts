import { sql } from 'kysely';
import { type Db, prepared } from '../core/db.js';
import { batchedPer, byPosition } from '../core/tick-batch.js';
import type { ReportFlag, TaskStatus } from '../core/schema.js';
import type { ReportAnswers } from './report.model.js';

/** The dialogue row a submission consumes in the same statement (see telegram/hot-dialogue.ts). */
export interface ConsumedRow {
  key: string;
  version: number;
}

export interface SubmitRow {
  /** 1 when the guarded dialogue row was consumed (always 0 without a guard). */
  guarded: number;
  previous_revision: number | null;
  previous_late: boolean | null;
  previous_flags: ReportFlag[] | null;
  previous_at: Date | null;
  task_id: number | null;
  task_status: TaskStatus | null;
  unit_id: number | null;
  assigned: number | null;
  revision_count: number | null;
  late: boolean | null;
  flags: ReportFlag[] | null;
}

interface SubmitRequest {
  memberId: number;
  taskId: number;
  unitId: number;
  submissionKey: string;
  answers: ReportAnswers;
  at: Date;
  guard: ConsumedRow | null;
}

/**
 * Submissions in one statement (one round trip, one snapshot, one commit): for each, consume its
 * dialogue row, find a revision with its key, check who may report what, work out the evidence
 * flags, make the answers the current report, add the revision, its photos and the audit line.
 * Nothing is written for one whose key was seen before, whose target is refused, or whose guarded
 * row is gone or newer; each is answered by its own row, as if it had come alone.
 * - No two submissions of a statement are for the same report, key or dialogue row (TickBatch's
 *   `conflicts` below): a report could not be written twice by one statement.
 * - A photo counts as reused within the office only (another office's reports are never named):
 *   reused from a report stored before, or from one earlier in the same statement, whose rows
 *   this statement cannot see yet.
 * - The submissions come as one JSON array (`x`, each numbered by its position) and reach the
 *   tables through LATERAL subqueries: the statement is planned once, generically, with the
 *   array's rows unknown (see report-open.queries.ts).
 * Keeping the statement short matters: every submission for a task updates its task_stats row
 * (trigger), so concurrent submissions queue on that row for as long as the statement runs.
 */
async function submitTogether(db: Db, reqs: SubmitRequest[]): Promise<SubmitRow[]> {
  const x = reqs.map((s, i) => ({
    i,
    member_id: s.memberId,
    task_id: s.taskId,
    unit_id: s.unitId,
    submission_key: s.submissionKey,
    status: s.answers.status,
    number_value: s.answers.number,
    note: s.answers.note,
    latitude: s.answers.location?.latitude ?? null,
    longitude: s.answers.location?.longitude ?? null,
    at: s.at.toISOString(),
    guard_key: s.guard?.key ?? null,
    photos: s.answers.photos.map((p) => ({ file_id: p.fileId, file_unique_id: p.fileUniqueId, sent_at: p.sentAt })),
  }));
  const guards = reqs.flatMap((s) => (s.guard ? [s.guard] : []));
  const guardKeys = guards.map((g) => g.key);
  const result = await sql<SubmitRow & { i: number }>`${prepared}
    with
    x as (
      select * from jsonb_to_recordset(${JSON.stringify(x)}::jsonb) as x(i int, member_id int, task_id int, unit_id int, submission_key text,
        status text, number_value int, note text, latitude float8, longitude float8, at timestamptz, guard_key text, photos jsonb)
    ),
    guard as (
      delete from kv_store k
      where k.key = any(${guardKeys}::text[]) and (k.value->>'v')::int = (${guards.map((g) => g.version)}::int[])[array_position(${guardKeys}::text[], k.key)]
      returning k.key
    ),
    previous as (
      select x.i, p.* from x
      cross join lateral (select revision, late, flags, submitted_at from report_revisions where submission_key = x.submission_key offset 0) p
    ),
    target as (
      select x.i, t.* from x
      cross join lateral (
        select t.id, t.status, t.due_at, t.created_at, t.office_id, u.id as unit_id, tu.unit_id as assigned
        from tasks t
        left join unit_members um on um.unit_id = x.unit_id and um.member_id = x.member_id
        left join units u on u.id = um.unit_id and u.active
        left join task_units tu on tu.task_id = t.id and tu.unit_id = x.unit_id
        where t.id = x.task_id
        offset 0
      ) t
    ),
    accepted as (
      select target.* from target join x on x.i = target.i
      where target.unit_id is not null and target.assigned is not null and target.status = 'open'
        and not exists (select 1 from previous where previous.i = x.i)
        and (x.guard_key is null or exists (select 1 from guard where guard.key = x.guard_key))
    ),
    photos as (
      select x.i, p.e->>'file_id' as file_id, p.e->>'file_unique_id' as file_unique_id, p.e->>'sent_at' as sent_at, p.ord
      from x cross join lateral jsonb_array_elements(x.photos) with ordinality as p(e, ord)
    ),
    evidence as (
      select a.i, coalesce((
        select jsonb_agg(f.flag order by f.ord, f.kind_order) from (
          select p.ord, 0 as kind_order,
            jsonb_build_object('kind', 'photo-reused', 'fileUniqueId', p.file_unique_id, 'otherTaskId', o.task_id, 'otherUnitId', o.unit_id) as flag
          from photos p
          join lateral (
            select c.task_id, c.unit_id from (
              (select rp.task_id, rp.unit_id, 0 as earlier, rp.id as pos from report_photos rp
                join units ou on ou.id = rp.unit_id and ou.office_id = a.office_id
                where rp.file_unique_id = p.file_unique_id and (rp.task_id <> a.id or rp.unit_id <> a.unit_id)
                order by rp.id limit 1)
              union all
              (select b.id, b.unit_id, 1, q.i from photos q
                join accepted b on b.i = q.i
                join units ou on ou.id = b.unit_id and ou.office_id = a.office_id
                where q.i < a.i and q.file_unique_id = p.file_unique_id and (b.id <> a.id or b.unit_id <> a.unit_id)
                order by q.i limit 1)
            ) c order by c.earlier, c.pos limit 1
          ) o on true
          where p.i = a.i
          union all
          select p.ord, 1, jsonb_build_object('kind', 'photo-before-task', 'fileUniqueId', p.file_unique_id, 'sentAt', p.sent_at)
          from photos p
          where p.i = a.i and p.sent_at::timestamptz < a.created_at
        ) f), '[]'::jsonb) as flags
      from accepted a
    ),
    report as (
      insert into reports as r (task_id, unit_id, status, number_value, note, latitude, longitude, flags, late, photo_count, reported_by, reported_at, revision_count)
      select x.task_id, x.unit_id, x.status, x.number_value, x.note, x.latitude, x.longitude,
        e.flags, x.at > a.due_at, jsonb_array_length(x.photos), x.member_id, x.at, 1
      from x join accepted a on a.i = x.i join evidence e on e.i = x.i
      -- Rows are taken in one order whatever the batch, so two statements on the server never wait for each other's report rows in a cycle.
      order by x.task_id, x.unit_id
      on conflict (task_id, unit_id) do update set
        status = excluded.status, number_value = excluded.number_value, note = excluded.note, latitude = excluded.latitude,
        longitude = excluded.longitude, flags = excluded.flags, late = excluded.late, photo_count = excluded.photo_count,
        reported_by = excluded.reported_by, reported_at = excluded.reported_at,
        returned_at = null, returned_by = null, return_reason = null, revision_count = r.revision_count + 1
      returning r.id, r.office_id, r.task_id, r.unit_id, r.revision_count, r.late, r.flags
    ),
    revision as (
      insert into report_revisions (office_id, report_id, task_id, unit_id, revision, member_id, submission_key, status, number_value, note, latitude, longitude, flags, late, submitted_at)
      select report.office_id, report.id, x.task_id, x.unit_id, report.revision_count, x.member_id, x.submission_key, x.status,
        x.number_value, x.note, x.latitude, x.longitude, report.flags, report.late, x.at
      from report join x on x.task_id = report.task_id and x.unit_id = report.unit_id
      order by x.i
      returning id, office_id, task_id, unit_id
    ),
    stored_photos as (
      insert into report_photos (office_id, revision_id, task_id, unit_id, file_id, file_unique_id, sent_at, position)
      select revision.office_id, revision.id, revision.task_id, revision.unit_id, p.file_id, p.file_unique_id, p.sent_at::timestamptz, p.ord - 1
      from revision join x on x.task_id = revision.task_id and x.unit_id = revision.unit_id join photos p on p.i = x.i
      order by x.i, p.ord
    ),
    audit as (
      insert into audit_log (office_id, actor_id, action, subject, details, at)
      select report.office_id, x.member_id, 'report.submitted', 'task:' || x.task_id || '/unit:' || x.unit_id,
        jsonb_build_object('revision', report.revision_count, 'status', x.status, 'late', report.late, 'flags', jsonb_array_length(report.flags)),
        x.at
      from report join x on x.task_id = report.task_id and x.unit_id = report.unit_id
      order by x.i
    )
    select x.i, (exists (select 1 from guard where guard.key = x.guard_key))::int as guarded,
      previous.revision as previous_revision, previous.late as previous_late, previous.flags as previous_flags, previous.submitted_at as previous_at,
      target.id as task_id, target.status as task_status, target.unit_id, target.assigned,
      report.revision_count, report.late, report.flags
    from x
    left join previous on previous.i = x.i
    left join target on target.i = x.i
    left join report on report.task_id = x.task_id and report.unit_id = x.unit_id
    order by x.i`.execute(db);
  return byPosition(result.rows);
}

/** What two submissions of one statement must not share: the report they write, their key, their dialogue row. */
const conflicts = (s: SubmitRequest): string[] => [`report:${s.taskId}:${s.unitId}`, `key:${s.submissionKey}`, ...(s.guard ? [`row:${s.guard.key}`] : [])];

const submitBatched = batchedPer(submitTogether, conflicts);

/**
 * A submission, stored in one statement together with those asked for in the same round of input
 * (see submitTogether); a lone submission is still one statement of its own.
 */
export function submitInOneStatement(
  db: Db,
  s: { memberId: number; taskId: number; unitId: number; submissionKey: string; answers: ReportAnswers; at: Date },
  guard: ConsumedRow | null,
): Promise<SubmitRow> {
  return submitBatched(db, { ...s, guard });
}
