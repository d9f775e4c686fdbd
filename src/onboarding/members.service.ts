import { recordAudit } from '../core/audit.js';
import type { Clock } from '../core/clock.js';
import type { Db } from '../core/db.js';
import { type Member, toMember } from '../core/member.js';
import type { MemberStatus } from '../core/schema.js';
import { findMemberRoleByTelegramId, type MemberIdentity, rootOfficeId, setLocale, setStatusUnlessLeft, upsertActiveMember } from './members.queries.js';

/** Someone who pressed /start: who Telegram says they are. */
export interface Newcomer {
  telegramId: number;
  chatId: number;
  displayName: string;
  username: string | null;
}

export function identityOf(who: Newcomer): MemberIdentity {
  return { telegram_id: who.telegramId, chat_id: who.chatId, display_name: who.displayName, username: who.username };
}

/**
 * A Telegram id listed in ADMIN_IDS becomes (or stays) an admin on /start.
 * Returns the member and whether the role is new, so the menu is set only then.
 */
export async function ensureConfiguredAdmin(db: Db, clock: Clock, who: Newcomer): Promise<{ member: Member; changed: boolean }> {
  const now = clock.now();
  return db.transaction().execute(async (trx) => {
    const before = await findMemberRoleByTelegramId(trx, who.telegramId);
    const row = await upsertActiveMember(trx, identityOf(who), 'admin', now, before?.office_id ?? (await rootOfficeId(trx)));
    const changed = before?.role !== 'admin' || before.status !== 'active';
    if (changed) await recordAudit(trx, { actorId: row.id, action: 'member.admin-from-config', subject: `member:${row.id}`, at: now });
    return { member: toMember(row), changed };
  });
}

/** Blocking the bot makes a member unreachable; unblocking makes them active again. True when it changed. */
export async function setReachability(db: Db, clock: Clock, telegramId: number, status: Extract<MemberStatus, 'active' | 'unreachable'>): Promise<boolean> {
  return setStatusUnlessLeft(db, telegramId, status, clock.now());
}

/** The language a member chose with /lang. */
export async function setMemberLocale(db: Db, clock: Clock, memberId: number, locale: string): Promise<void> {
  await setLocale(db, memberId, locale, clock.now());
}
