import { sql } from 'kysely';
import { type Db, prepared } from '../core/db.js';
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

/**
 * A submission in one statement (one round trip, one snapshot): consume the dialogue row, find a
 * revision with this key, check who may report what, work out the evidence flags, make the
 * answers the current report, add the revision, its photos and the audit line. Nothing is written
 * when the key was seen before, the target is refused, or the guarded row is gone or newer.
 * Keeping the statement short matters: every submission for a task updates its task_stats row
 * (trigger), so concurrent submissions queue on that row for as long as the statement runs.
 */
export async function submitInOneStatement(
  db: Db,
  s: { memberId: number; taskId: number; unitId: number; submissionKey: string; answers: ReportAnswers; at: Date },
  guard: ConsumedRow | null,
): Promise<SubmitRow> {
  const a = s.answers;
  const lat = a.location?.latitude ?? null;
  const lng = a.location?.longitude ?? null;
  const result = await sql<SubmitRow>`${prepared}
    with
    guard as (
      delete from kv_store where key = ${guard?.key ?? null}::text and (value->>'v')::int = ${guard?.version ?? null}::int returning 1
    ),
    previous as (
      select revision, late, flags, submitted_at from report_revisions where submission_key = ${s.submissionKey}::text
    ),
    target as (
      select t.id, t.status, t.due_at, t.created_at, u.id as unit_id, tu.unit_id as assigned
      from tasks t
      left join unit_members um on um.unit_id = ${s.unitId}::int and um.member_id = ${s.memberId}::int
      left join units u on u.id = um.unit_id and u.active
      left join task_units tu on tu.task_id = t.id and tu.unit_id = ${s.unitId}::int
      where t.id = ${s.taskId}::int
    ),
    accepted as (
      select due_at, created_at from target
      where unit_id is not null and assigned is not null and status = 'open'
        and not exists (select 1 from previous)
        and (${guard === null}::boolean or exists (select 1 from guard))
    ),
    photos as (
      select p.file_id, p.file_unique_id, p.sent_at, p.ord
      from unnest(${a.photos.map((p) => p.fileId)}::text[], ${a.photos.map((p) => p.fileUniqueId)}::text[], ${a.photos.map((p) => p.sentAt)}::text[])
        with ordinality as p(file_id, file_unique_id, sent_at, ord)
    ),
    -- A photo counts as reused within the office only: another office's reports are never named.
    evidence as (
      select coalesce(jsonb_agg(f.flag order by f.ord, f.kind_order), '[]'::jsonb) as flags
      from (
        select p.ord, 0 as kind_order,
          jsonb_build_object('kind', 'photo-reused', 'fileUniqueId', p.file_unique_id, 'otherTaskId', o.task_id, 'otherUnitId', o.unit_id) as flag
        from photos p
        join lateral (
          select rp.task_id, rp.unit_id from report_photos rp
          join units ou on ou.id = rp.unit_id and ou.office_id = (select office_id from tasks where id = ${s.taskId}::int)
          where rp.file_unique_id = p.file_unique_id and (rp.task_id <> ${s.taskId}::int or rp.unit_id <> ${s.unitId}::int)
          order by rp.id limit 1
        ) o on true
        union all
        select p.ord, 1, jsonb_build_object('kind', 'photo-before-task', 'fileUniqueId', p.file_unique_id, 'sentAt', p.sent_at)
        from photos p cross join accepted
        where p.sent_at::timestamptz < accepted.created_at
      ) f
    ),
    report as (
      insert into reports as r (task_id, unit_id, status, number_value, note, latitude, longitude, flags, late, photo_count, reported_by, reported_at, revision_count)
      select ${s.taskId}::int, ${s.unitId}::int, ${a.status}::text, ${a.number}::int, ${a.note}::text, ${lat}::float8, ${lng}::float8,
        evidence.flags, ${s.at}::timestamptz > accepted.due_at, ${a.photos.length}::int, ${s.memberId}::int, ${s.at}::timestamptz, 1
      from accepted cross join evidence
      on conflict (task_id, unit_id) do update set
        status = excluded.status, number_value = excluded.number_value, note = excluded.note, latitude = excluded.latitude,
        longitude = excluded.longitude, flags = excluded.flags, late = excluded.late, photo_count = excluded.photo_count,
        reported_by = excluded.reported_by, reported_at = excluded.reported_at,
        returned_at = null, returned_by = null, return_reason = null, revision_count = r.revision_count + 1
      returning r.id, r.office_id, r.revision_count, r.late, r.flags
    ),
    revision as (
      insert into report_revisions (office_id, report_id, task_id, unit_id, revision, member_id, submission_key, status, number_value, note, latitude, longitude, flags, late, submitted_at)
      select report.office_id, report.id, ${s.taskId}::int, ${s.unitId}::int, report.revision_count, ${s.memberId}::int, ${s.submissionKey}::text, ${a.status}::text,
        ${a.number}::int, ${a.note}::text, ${lat}::float8, ${lng}::float8, report.flags, report.late, ${s.at}::timestamptz
      from report
      returning id, office_id
    ),
    stored_photos as (
      insert into report_photos (office_id, revision_id, task_id, unit_id, file_id, file_unique_id, sent_at, position)
      select revision.office_id, revision.id, ${s.taskId}::int, ${s.unitId}::int, p.file_id, p.file_unique_id, p.sent_at::timestamptz, p.ord - 1
      from revision cross join photos p
    ),
    audit as (
      insert into audit_log (office_id, actor_id, action, subject, details, at)
      select report.office_id, ${s.memberId}::int, 'report.submitted', ${`task:${s.taskId}/unit:${s.unitId}`}::text,
        jsonb_build_object('revision', report.revision_count, 'status', ${a.status}::text, 'late', report.late, 'flags', jsonb_array_length(report.flags)),
        ${s.at}::timestamptz
      from report
    )
    select (select count(*) from guard)::int as guarded,
      previous.revision as previous_revision, previous.late as previous_late, previous.flags as previous_flags, previous.submitted_at as previous_at,
      target.id as task_id, target.status as task_status, target.unit_id, target.assigned,
      report.revision_count, report.late, report.flags
    from (select 1) as one
    left join previous on true
    left join target on true
    left join report on true`.execute(db);
  const row = result.rows[0];
  if (!row) throw new Error('submitInOneStatement returned no row');
  return row;
}
