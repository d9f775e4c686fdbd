import { DateTime } from 'luxon';
import { recordAudit } from '../core/audit.js';
import type { Clock } from '../core/clock.js';
import type { Db } from '../core/db.js';
import { adminExists, expireOpenSetupCodes, insertInvites } from './invites.queries.js';
import { rootOfficeId } from './members.queries.js';
import { hashInviteCode, newInviteCode } from './invites.service.js';

/** A setup link works for this long; the next start-up makes a new one anyway. */
export const SETUP_LINK_HOURS = 24;

export interface SetupLinkOptions {
  /** The bot's username (bot.botInfo.username), for the t.me link. */
  botUsername: string;
  /** ADMIN_IDS: when set, admins come from there and no link is made. */
  adminIds: readonly number[];
  /** The line's words, in the default language (key `setup-link-line`, variables `link`, `hours`). */
  t: (key: string, vars?: Record<string, string | number>) => string;
  /** Where the one line goes (ending in a newline): the process's stdout, never the logger (see below). */
  write: (text: string) => void;
}

/**
 * First start without knowing anyone's Telegram id. While the bot has no admin and ADMIN_IDS is
 * empty, makes a one-time setup code (an `invites` row: role admin, no unit, purpose 'setup',
 * stored as a hash, valid 24 h) and writes ONE line with its link
 * `https://t.me/<bot>?start=<code>`; whoever opens it first becomes admin and the code dies.
 * Each start-up ends the codes made before, so only the newest link works; once there is an
 * admin (or ADMIN_IDS), no link is made. Returns whether a link was written.
 *
 * The line is written with `write` (the caller passes process.stdout), NOT through the pino
 * logger: log lines are collected, shipped and kept, and a code that makes its reader admin must
 * never end up there. It is shown once, to whoever runs the bot, on their console.
 */
export async function offerSetupLink(db: Db, clock: Clock, opts: SetupLinkOptions): Promise<boolean> {
  const now = clock.now();
  const code = newInviteCode();
  const made = await db.transaction().execute(async (trx) => {
    await expireOpenSetupCodes(trx, now);
    if (opts.adminIds.length > 0 || (await adminExists(trx))) return false;
    const expiresAt = DateTime.fromJSDate(now).plus({ hours: SETUP_LINK_HOURS }).toJSDate();
    const [id] = await insertInvites(trx, [
      { codeHash: hashInviteCode(code), role: 'admin', unitId: null, position: null, createdBy: null, expiresAt, createdAt: now, purpose: 'setup', officeId: await rootOfficeId(trx) },
    ]);
    await recordAudit(trx, { actorId: null, action: 'setup.link-created', subject: `invite:${id}`, details: { expiresAt: expiresAt.toISOString() }, at: now });
    return true;
  });
  if (made) opts.write(`${opts.t('setup-link-line', { link: `https://t.me/${opts.botUsername}?start=${code}`, hours: SETUP_LINK_HOURS })}\n`);
  return made;
}
