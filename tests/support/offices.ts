import { sql } from 'kysely';
import type { Db } from '../../src/core/db.js';
import { hashInviteCode } from '../../src/onboarding/invites.service.js';
import type { OfficeKind } from '../../src/core/schema.js';
import { flagForm } from './factories.js';

/** Names the office's office_settings row and offices row say (office 1 exists from the reset). */
export async function nameOffice(db: Db, officeId: number, o: { name: string; kind: OfficeKind; officeName: string; term?: 'thon' | 'to-dan-pho' | 'ap' }) {
  await db.updateTable('offices').set({ name: o.name, kind: o.kind }).where('id', '=', officeId).execute();
  await db
    .insertInto('office_settings')
    .values({ id: officeId, office_name: o.officeName, residential_term: o.term ?? null, recipients: '[]' })
    .onConflict((oc) => oc.column('id').doUpdateSet({ office_name: o.officeName, residential_term: o.term ?? null }))
    .execute();
}

/** Every id of the other office's rows: one number, so a forged button can name any kind of row with it. */
export const OTHER_ID = 777;
/** Telegram ids of the other office's admin, official and leader. */
export const OTHER_PEOPLE = { admin: 7780, official: 7790, leader: 7770 } as const;
/** Words that appear only in the other office's rows: none may reach anyone of the first office. */
export const OTHER_MARKERS = ['Bến Thành', 'Bí Mật', 'Trần Thị Bê', 'Việc riêng', 'Tin riêng', 'B-PHOTO', 'Kế hoạch riêng'];
/** A working invite code of the other office (for its unit). */
export const OTHER_INVITE_CODE = 'BTHANH777CODE7770000';

/**
 * A second office (phường Bến Thành, office 2) with one of everything, every row numbered OTHER_ID:
 * a unit and its leader, an admin, an official, a campaign and a task with a report and a photo,
 * a scheduled broadcast, a series, an open invite and an imported plan. Made after the first
 * office's rows (with several offices, rows name their office).
 */
export async function seedOtherOffice(db: Db) {
  const office = 2;
  await db.insertInto('offices').values({ id: office, name: 'Bến Thành', kind: 'phuong', parent_id: null }).execute();
  await nameOffice(db, office, { name: 'Bến Thành', kind: 'phuong', officeName: 'UBND phường Bến Thành', term: 'to-dan-pho' });
  const id = OTHER_ID;
  await db.insertInto('units').values({ id, office_id: office, kind: 'block', name: 'Tổ dân phố Bí Mật 7', households: 70 }).execute();
  const person = (tg: number, n: number, role: 'admin' | 'official' | 'leader', name: string) =>
    db.insertInto('members').values({ id: n, office_id: office, telegram_id: tg, chat_id: tg, display_name: name, username: null, locale: null, role }).execute();
  await person(OTHER_PEOPLE.leader, id, 'leader', 'Trần Thị Bê');
  await person(OTHER_PEOPLE.admin, id + 1, 'admin', 'Quản trị Bến Thành');
  await person(OTHER_PEOPLE.official, id + 2, 'official', 'Chủ tịch Bến Thành');
  await db.insertInto('unit_members').values({ unit_id: id, member_id: id, position: 'leader' }).execute();
  await db.insertInto('campaigns').values({ id, office_id: office, name: 'Đợt Bến Thành', starts_on: null, ends_on: null, created_by: id + 1 }).execute();
  const due = new Date('2026-06-14T10:00:00Z');
  await db
    .insertInto('tasks')
    .values({ id, office_id: office, campaign_id: id, title: 'Việc riêng phường Bến Thành', description: null, template: 'flag', due_at: due, event_at: null, form: JSON.stringify(flagForm), created_by: id + 1, creation_key: null, created_at: new Date('2026-06-01T00:00:00Z'), updated_at: new Date('2026-06-01T00:00:00Z') })
    .execute();
  await db.insertInto('task_units').values({ task_id: id, unit_id: id }).execute();
  const at = new Date('2026-06-10T02:00:00Z');
  await db
    .insertInto('reports')
    .values({ id, task_id: id, unit_id: id, status: 'done', number_value: 60, note: 'Bí Mật ghi chú', latitude: null, longitude: null, photo_count: 1, flags: '[]', late: false, revision_count: 1, reported_by: id, reported_at: at })
    .execute();
  await db
    .insertInto('report_revisions')
    .values({ id, report_id: id, task_id: id, unit_id: id, revision: 1, member_id: id, submission_key: 'b-777', status: 'done', number_value: 60, note: 'Bí Mật ghi chú', latitude: null, longitude: null, flags: '[]', late: false, submitted_at: at })
    .execute();
  await db.insertInto('report_photos').values({ revision_id: id, task_id: id, unit_id: id, file_id: 'B-PHOTO-777', file_unique_id: 'B-PHOTO-U', sent_at: at, position: 0 }).execute();
  const content = JSON.stringify({ kind: 'text', text: 'Tin riêng phường Bến Thành' });
  await db
    .insertInto('broadcasts')
    .values({ id, office_id: office, created_by: id + 1, content, target: JSON.stringify({ mode: 'all-units' }), send_at: new Date('2026-12-31T01:00:00Z'), repeat: null, locale: 'vi', progress_chat_id: OTHER_PEOPLE.admin, progress_message_id: null, creation_key: null })
    .execute();
  const recurrence = JSON.stringify({ kind: 'weekly', weekday: 1, time: { hour: 8, minute: 0 } });
  await db
    .insertInto('task_series')
    .values({ id, office_id: office, campaign_id: id, title: 'Việc riêng hằng tuần', description: null, template: null, form: JSON.stringify(flagForm), recurrence, lead_days: 1, created_by: id + 1, creation_key: null })
    .execute();
  await db.insertInto('task_series_units').values({ series_id: id, unit_id: id }).execute();
  await db
    .insertInto('invites')
    .values({ id, office_id: office, code_hash: hashInviteCode(OTHER_INVITE_CODE), role: 'leader', unit_id: id, position: 'deputy', created_by: id + 1, expires_at: new Date('2027-12-31T00:00:00Z') })
    .execute();
  await sql`insert into plan_documents (id, office_id, creation_key, campaign_id, source_text, created_by) values (${id}, ${office}, 'b-plan', ${id}, 'Kế hoạch riêng phường Bến Thành', ${id + 1})`.execute(db);
  await sql`insert into plan_aliases (office_id, folded, name, unit_id) values (${office}, 'bi mat', 'Bí Mật', ${id})`.execute(db);
}

/** Every row of office 2 and of the rows hanging off its ids, as JSON: equal before and after means nothing of it was written. */
export async function otherOfficeSnapshot(db: Db): Promise<string> {
  const tables = ['units', 'members', 'campaigns', 'tasks', 'task_series', 'broadcasts', 'invites', 'reports', 'plan_documents', 'plan_aliases'];
  const parts: Record<string, unknown> = {};
  for (const t of tables) parts[t] = (await sql`select * from ${sql.table(t)} where office_id = 2 order by 1`.execute(db)).rows;
  const byId = OTHER_ID;
  parts.children = (
    await sql`select
      (select json_agg(x) from task_units x where task_id = ${byId} or unit_id = ${byId}) as task_units,
      (select json_agg(x) from unit_members x where unit_id = ${byId} or member_id between ${byId} and ${byId + 2}) as unit_members,
      (select json_agg(x) from report_revisions x where task_id = ${byId} or unit_id = ${byId}) as revisions,
      (select json_agg(x) from report_photos x where task_id = ${byId} or unit_id = ${byId}) as photos,
      (select json_agg(x) from task_series_units x where series_id = ${byId} or unit_id = ${byId}) as series_units,
      (select json_agg(x) from task_reminder_overrides x where task_id = ${byId}) as overrides,
      (select json_agg(x) from task_take_downs x where task_id = ${byId} or unit_id = ${byId}) as take_downs,
      (select json_agg(x) from office_settings x where id = 2) as settings,
      (select json_agg(x) from offices x where id = 2) as office`.execute(db)
  ).rows;
  return JSON.stringify(parts);
}
