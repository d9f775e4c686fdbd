import { sql } from 'kysely';
import { createBroadcast, outboxSettings } from '../../src/broadcasts/broadcasts.service.js';
import type { Config } from '../../src/config.js';
import { systemClock } from '../../src/core/clock.js';
import type { Db } from '../../src/core/db.js';
import type { BroadcastTarget, Position, ReportFlag, ReportForm, ReportStatus, Role, UnitKind } from '../../src/core/schema.js';

let seq = 0;
const next = () => ++seq;

/**
 * A commune in bulk, for plans and load: units "Khối 1".."Khối n" (100 households each), and for
 * each its leader, member g with Telegram id `firstTelegramId + g`, named `namePrefix + g`.
 * On empty tables, so unit g and member g share the id g.
 */
export async function buildLeaders(db: Db, n: number, o: { firstTelegramId?: number; namePrefix?: string } = {}): Promise<void> {
  const first = o.firstTelegramId ?? 100_000;
  await sql`insert into units (kind, name, households) select 'block', 'Khối ' || g, 100 from generate_series(1, ${n}) g`.execute(db);
  await sql`insert into members (telegram_id, chat_id, display_name, role) select ${first} + g, ${first} + g, ${o.namePrefix ?? 'Leader '} || g, 'leader' from generate_series(1, ${n}) g`.execute(db);
  await sql`insert into unit_members (unit_id, member_id, position) select id, id, 'leader' from units`.execute(db);
}

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
  overrides: { title?: string; unitIds: number[]; dueAt?: Date; eventAt?: Date | null; form?: ReportForm; status?: 'open' | 'closed' | 'cancelled'; createdAt?: Date; campaignId?: number; lunarDates?: boolean },
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
      // Only when asked: tests of older migrations build tasks before the column exists.
      ...(overrides.lunarDates === undefined ? {} : { lunar_dates: overrides.lunarDates }),
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

/** Stores a unit's current report directly (as submitReport would leave it), for views that only read. */
export async function buildReport(
  db: Db,
  r: { taskId: number; unitId: number; memberId: number; status: ReportStatus; number?: number | null; note?: string | null; flags?: ReportFlag[]; at?: Date; late?: boolean; photoCount?: number },
) {
  return db
    .insertInto('reports')
    .values({
      task_id: r.taskId,
      unit_id: r.unitId,
      status: r.status,
      number_value: r.number ?? null,
      note: r.note ?? null,
      latitude: null,
      longitude: null,
      photo_count: r.photoCount ?? 0,
      flags: JSON.stringify(r.flags ?? []),
      late: r.late ?? false,
      revision_count: 1,
      reported_by: r.memberId,
      reported_at: r.at ?? new Date('2026-06-10T02:00:00Z'),
    })
    .returningAll()
    .executeTakeFirstOrThrow();
}

/**
 * The world most report tests start from, in this order: units "Khối 1" … "Khối n" (the first with
 * `households`), its leader Hoàng Văn Một (Telegram id 2001), an official when asked, and a task
 * for every unit (buildTask's defaults, changed by `task`: a flag task due 14/06/2026 17:00).
 */
export async function seedTown(
  db: Db,
  o: { units?: number; households?: number | null; official?: { telegramId: number; name: string }; task?: Omit<Parameters<typeof buildTask>[1], 'unitIds'> } = {},
) {
  const units = [];
  for (let i = 1; i <= (o.units ?? 1); i++) units.push(await buildUnit(db, { name: `Khối ${i}`, ...(i === 1 ? { households: o.households ?? 50 } : {}) }));
  const [k1] = units as [(typeof units)[number], ...typeof units];
  const leader = await buildMember(db, { telegramId: 2001, name: 'Hoàng Văn Một', unitId: k1.id });
  const official = o.official ? await buildMember(db, { ...o.official, role: 'official' }) : null;
  const task = await buildTask(db, { ...o.task, unitIds: units.map((u) => u.id) });
  return { units, k1, leader, official, task };
}

/** A text broadcast created as /broadcast would (due now), through the broadcasts service. */
export function buildBroadcast(db: Db, o: { config: Config; text: string; target: BroadcastTarget; key: string; progressChatId: number }) {
  const draft = { content: { kind: 'text' as const, text: o.text }, target: o.target, sendAt: systemClock.now(), repeat: null, locale: 'vi', progressChatId: o.progressChatId };
  return createBroadcast(db, systemClock, outboxSettings({ config: o.config }), 1, draft, o.key);
}
