import { recordAudit } from '../core/audit.js';
import type { Clock } from '../core/clock.js';
import type { Db } from '../core/db.js';
import { type Member, toMember } from '../core/member.js';
import type { MemberStatus } from '../core/schema.js';
import type { Newcomer } from './invites.service.js';

/**
 * A Telegram id listed in ADMIN_IDS becomes (or stays) an admin on /start.
 * Returns the member and whether the role is new, so the menu is set only then.
 */
export async function ensureConfiguredAdmin(db: Db, clock: Clock, who: Newcomer): Promise<{ member: Member; changed: boolean }> {
  const now = clock.now();
  return db.transaction().execute(async (trx) => {
    const before = await trx.selectFrom('members').select(['role', 'status']).where('telegram_id', '=', who.telegramId).executeTakeFirst();
    const row = await trx
      .insertInto('members')
      .values({ ...memberValues(who), role: 'admin', status: 'active', created_at: now, updated_at: now })
      .onConflict((oc) =>
        oc.column('telegram_id').doUpdateSet({ ...memberValues(who), role: 'admin', status: 'active', updated_at: now }),
      )
      .returningAll()
      .executeTakeFirstOrThrow();
    const changed = before?.role !== 'admin' || before.status !== 'active';
    if (changed) {
      await recordAudit(trx, { actorId: row.id, action: 'member.admin-from-config', subject: `member:${row.id}`, at: now });
    }
    return { member: toMember(row), changed };
  });
}

function memberValues(who: Newcomer) {
  return { telegram_id: who.telegramId, chat_id: who.chatId, display_name: who.displayName, username: who.username };
}

/** Blocking the bot makes a member unreachable; unblocking makes them active again. */
export async function setReachability(db: Db, clock: Clock, telegramId: number, status: Extract<MemberStatus, 'active' | 'unreachable'>): Promise<boolean> {
  const result = await db
    .updateTable('members')
    .set({ status, updated_at: clock.now() })
    .where('telegram_id', '=', telegramId)
    .where('status', '!=', 'left')
    .where('status', '!=', status)
    .executeTakeFirst();
  return Number(result.numUpdatedRows) > 0;
}

export async function setMemberLocale(db: Db, clock: Clock, memberId: number, locale: string): Promise<void> {
  await db.updateTable('members').set({ locale, updated_at: clock.now() }).where('id', '=', memberId).execute();
}
