import { isTetQuiet, nextSendableAfterTet } from '../calendar/holidays.js';
import type { Db } from '../core/db.js';
import type { DeliveryKind } from '../core/schema.js';
import type { DueItem } from '../outbox/outbox.js';
import { selectOfficeSettings } from '../settings/settings.queries.js';

/** What waits over Tết: the bot's own reminders, wrap-ups and digests (not broadcasts or notices people asked for). */
const HELD: readonly DeliveryKind[] = ['reminder', 'wrapup', 'digest'];

/**
 * Whether the office pauses reminders over mùng 1–3 Tết at `at` (the setting is read from the
 * database, so a change made through another instance counts at once).
 */
export function tetPaused(db: Db, zone: string): (at: Date) => Promise<boolean> {
  return async (at) => isTetQuiet(at, zone) && ((await selectOfficeSettings(db))?.tet_pause ?? true);
}

/**
 * The scheduler's hold for Tết: an item whose first sending moment (after quiet hours) falls on
 * mùng 1–3 waits until mùng 4 at 07:00, like quiet hours; null when it need not wait.
 */
export function tetHold(db: Db, zone: string): (item: DueItem, sendable: Date) => Promise<Date | null> {
  const paused = tetPaused(db, zone);
  return async (item, sendable) => (HELD.includes(item.origin.kind) && (await paused(sendable)) ? nextSendableAfterTet(sendable, zone) : null);
}

/**
 * Turning the Tết pause off releases what it holds: the reminders, wrap-ups and digests queued
 * for mùng 4 07:00 go now, for the office's own people only. Returns how many were released
 * (0 outside mùng 1–3).
 */
export async function releaseTetHold(db: Db, now: Date, zone: string): Promise<number> {
  if (!isTetQuiet(now, zone)) return 0;
  const r = await db
    .updateTable('deliveries')
    .set({ next_attempt_at: now })
    .where('status', '=', 'queued')
    .where('kind', 'in', [...HELD])
    .where('next_attempt_at', '=', nextSendableAfterTet(now, zone))
    // Only this office's people (the members subquery is scoped to the update's office).
    .where('member_id', 'in', (eb) => eb.selectFrom('members').select('id'))
    .executeTakeFirst();
  return Number(r.numUpdatedRows);
}
