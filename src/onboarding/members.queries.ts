import type { Db, Trx } from '../core/db.js';
import type { MemberStatus, Position, Role } from '../core/schema.js';

/** What Telegram tells us about a person, in `members` columns. */
export interface MemberIdentity {
  telegram_id: number;
  chat_id: number;
  display_name: string;
  username: string | null;
}

export function findMemberRoleByTelegramId(trx: Trx, telegramId: number) {
  return trx.selectFrom('members').select(['role', 'status', 'office_id']).where('telegram_id', '=', telegramId).executeTakeFirst();
}

/** Registers the person, or brings their row up to date, as an active member with `role`. */
export function upsertActiveMember(trx: Trx, who: MemberIdentity, role: Role, now: Date, officeId: number) {
  // Someone who left one office may join another: the row moves with them.
  const fresh = { ...who, role, status: 'active' as const, updated_at: now, office_id: officeId };
  return trx
    .insertInto('members')
    .values({ ...fresh, created_at: now })
    .onConflict((oc) => oc.column('telegram_id').doUpdateSet(fresh))
    .returningAll()
    .executeTakeFirstOrThrow();
}

/** The install's top office (the province, or the one office): where ADMIN_IDS admins belong. */
export async function rootOfficeId(trx: Trx): Promise<number> {
  const row = await trx.selectFrom('offices').select('id').where('parent_id', 'is', null).orderBy('id').limit(1).executeTakeFirstOrThrow();
  return row.id;
}

/** Makes the member report for the unit in `position` (or changes their position there). */
export async function upsertUnitMember(trx: Trx, link: { unitId: number; memberId: number; position: Position; now: Date }): Promise<void> {
  await trx
    .insertInto('unit_members')
    .values({ unit_id: link.unitId, member_id: link.memberId, position: link.position, created_at: link.now })
    .onConflict((oc) => oc.columns(['unit_id', 'member_id']).doUpdateSet({ position: link.position }))
    .execute();
}

/** Sets the status of a member who has not left, unless it already is that; true when it changed. */
export async function setStatusUnlessLeft(db: Db, telegramId: number, status: MemberStatus, now: Date): Promise<boolean> {
  const result = await db
    .updateTable('members')
    .set({ status, updated_at: now })
    .where('telegram_id', '=', telegramId)
    .where('status', '!=', 'left')
    .where('status', '!=', status)
    .executeTakeFirst();
  return Number(result.numUpdatedRows) > 0;
}

export async function setLocale(db: Db, memberId: number, locale: string, now: Date): Promise<void> {
  await db.updateTable('members').set({ locale, updated_at: now }).where('id', '=', memberId).execute();
}
