import { parse, validate } from '@telegram-apps/init-data-node';
import type { Db } from '../core/db.js';
import type { Role } from '../core/schema.js';

/** Telegram's initData older than this is refused (the Mini App re-opens with a fresh one). */
export const MAX_INIT_DATA_AGE_SECONDS = 24 * 60 * 60;
/** Telegram's initData is a few hundred bytes; anything much longer is not from Telegram. */
export const MAX_INIT_DATA_LENGTH = 4096;
/** A phone's clock may run a little ahead; a signature from further in the future is refused. */
const FUTURE_SKEW_MS = 5 * 60_000;

/** Who is looking at the dashboard: an active admin or official. */
export interface Viewer {
  memberId: number;
  telegramId: number;
  /** Every query of the request runs scoped to this office (core/office-scope). */
  officeId: number;
  role: Extract<Role, 'admin' | 'official'>;
  locale: string | null;
}

export type AuthResult = { ok: true; viewer: Viewer } | { ok: false; status: 401 | 403 };

/** The Telegram user the initData was signed for, or null when the signature or its age is wrong. */
export function signedUserId(initData: string, botToken: string, now: Date): number | null {
  if (initData.length === 0 || initData.length > MAX_INIT_DATA_LENGTH) return null;
  try {
    // HMAC-SHA256 with the key HMAC("WebAppData", token), as Telegram's Mini Apps documentation says.
    // The age is checked against the app's clock below (the library would read the wall clock).
    validate(initData, botToken, { expiresIn: 0 });
    const parsed = parse(initData);
    const age = now.getTime() - parsed.auth_date.getTime();
    if (age > MAX_INIT_DATA_AGE_SECONDS * 1000 || age < -FUTURE_SKEW_MS) return null;
    const id = parsed.user?.id;
    return typeof id === 'number' && Number.isSafeInteger(id) ? id : null;
  } catch {
    return null;
  }
}

/**
 * Checks the initData on every request, then the member: 401 for a bad or stale signature,
 * 403 for a stranger, a leader, or someone who left. Runs outside any office: the member's row
 * says which office the rest of the request is scoped to.
 */
export async function authenticate(db: Db, initData: string, botToken: string, now: Date): Promise<AuthResult> {
  const telegramId = signedUserId(initData, botToken, now);
  if (telegramId === null) return { ok: false, status: 401 };
  const member = await db.selectFrom('members').select(['id', 'office_id', 'role', 'status', 'locale']).where('telegram_id', '=', telegramId).executeTakeFirst();
  if (!member || member.status === 'left' || (member.role !== 'admin' && member.role !== 'official')) return { ok: false, status: 403 };
  return { ok: true, viewer: { memberId: member.id, telegramId, officeId: member.office_id, role: member.role, locale: member.locale } };
}
