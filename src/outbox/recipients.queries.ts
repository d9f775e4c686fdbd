import type { Kysely, Transaction } from 'kysely';
import type { Db } from '../core/db.js';
import type { Database, Role } from '../core/schema.js';

export interface Recipient {
  memberId: number;
  chatId: number;
  locale: string | null;
  name: string;
}

type Handle = Db | Transaction<Database> | Kysely<Database>;

/** Active members with one of these staff roles (wrap-ups, digests, notices). */
export async function listStaffRecipients(db: Handle, roles: Role[]): Promise<Recipient[]> {
  return db
    .selectFrom('members')
    .select(['id as memberId', 'chat_id as chatId', 'locale', 'display_name as name'])
    .where('role', 'in', roles)
    .where('status', '=', 'active')
    .orderBy('id')
    .execute();
}

/** The member's saved language, or the bot's default. */
export function localeOf(locale: string | null, defaultLocale: string): string {
  return locale === 'vi' || locale === 'en' ? locale : defaultLocale;
}
