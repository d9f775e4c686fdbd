import type { Db } from '../../src/core/db.js';
import type { Position, ReportForm, Role, UnitKind } from '../../src/core/schema.js';

let seq = 0;
const next = () => ++seq;

export async function buildUnit(db: Db, overrides: { name?: string; kind?: UnitKind; households?: number | null; active?: boolean } = {}) {
  const n = next();
  return db
    .insertInto('units')
    .values({ name: overrides.name ?? `Khối ${n}`, kind: overrides.kind ?? 'block', households: overrides.households ?? null, active: overrides.active ?? true })
    .returningAll()
    .executeTakeFirstOrThrow();
}

export async function buildMember(
  db: Db,
  overrides: { telegramId?: number; name?: string; role?: Role; status?: 'active' | 'unreachable' | 'left'; unitId?: number; position?: Position; locale?: string } = {},
) {
  const telegramId = overrides.telegramId ?? 900_000 + next();
  const member = await db
    .insertInto('members')
    .values({
      telegram_id: telegramId,
      chat_id: telegramId,
      display_name: overrides.name ?? `Người ${telegramId}`,
      username: null,
      locale: overrides.locale ?? null,
      role: overrides.role ?? 'leader',
      status: overrides.status ?? 'active',
    })
    .returningAll()
    .executeTakeFirstOrThrow();
  if (overrides.unitId !== undefined) {
    await db.insertInto('unit_members').values({ unit_id: overrides.unitId, member_id: member.id, position: overrides.position ?? 'leader' }).execute();
  }
  return member;
}

export const flagForm: ReportForm = { number: { label: 'Số hộ treo cờ', max: 'households' }, photos: 'required', location: false, note: true };

export async function buildTask(
  db: Db,
  overrides: { title?: string; unitIds: number[]; dueAt?: Date; eventAt?: Date | null; form?: ReportForm; status?: 'open' | 'closed' | 'cancelled'; createdAt?: Date; campaignId?: number },
) {
  const campaignId =
    overrides.campaignId ??
    (await db.insertInto('campaigns').values({ name: `Đợt ${next()}`, starts_on: null, ends_on: null, created_by: null }).returning('id').executeTakeFirstOrThrow()).id;
  const task = await db
    .insertInto('tasks')
    .values({
      campaign_id: campaignId,
      title: overrides.title ?? 'Treo cờ Tổ quốc',
      description: null,
      template: 'flag',
      due_at: overrides.dueAt ?? new Date('2026-06-14T10:00:00Z'),
      event_at: overrides.eventAt ?? null,
      form: JSON.stringify(overrides.form ?? flagForm),
      status: overrides.status ?? 'open',
      created_by: null,
      creation_key: null,
      created_at: overrides.createdAt ?? new Date('2026-06-01T00:00:00Z'),
    })
    .returningAll()
    .executeTakeFirstOrThrow();
  if (overrides.unitIds.length) {
    await db.insertInto('task_units').values(overrides.unitIds.map((unit_id) => ({ task_id: task.id, unit_id }))).execute();
  }
  return task;
}
