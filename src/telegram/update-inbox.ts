import { sql } from 'kysely';
import type { Update } from 'grammy/types';
import { type Db, prepared } from '../core/db.js';

/**
 * An update as the jsonb its row keeps. jsonb refuses the NUL character (`\u0000`), and one such
 * message would fail its whole batch's write: there (only there, rarely) it becomes U+FFFD.
 */
function storable(update: Update): string {
  const json = JSON.stringify(update);
  if (!json.includes('\\u0000')) return json;
  return JSON.stringify(update, (_key, value: unknown) => (typeof value === 'string' ? value.replaceAll('\u0000', '\uFFFD') : value));
}

/**
 * A batch as one JSON array: one text parameter, which the database parses once. (As a text[] of
 * JSON, the driver escaped every quote of every update into a new string first.)
 */
const batchJson = (updates: Update[]) => `[${updates.map(storable).join(',')}]`;

/** Handled updates are deleted together, this long after the first of them. */
const DELETE_AFTER_MS = 50;
const RETRY_DELETE_MS = 1_000;

/**
 * Updates taken from Telegram and not yet handled (see migration 2026_12_09_1100_update_inbox).
 * A batch is written in one statement before the next getUpdates moves the offset past it; rows
 * of handled updates go with the next batch's statement, or after a short while when none comes. After a crash, what is left is handled
 * at start-up (handlers are idempotent: a report's submission key, the dialogue's version check).
 */
export class UpdateInbox {
  private done: number[] = [];
  private timer: NodeJS.Timeout | undefined;
  private writing: Promise<void> = Promise.resolve();

  constructor(private readonly db: Db) {}

  /** What an earlier run took and did not handle, oldest first. */
  async left(): Promise<Update[]> {
    const rows = await this.db.selectFrom('update_inbox').select('body').orderBy('update_id').execute();
    return rows.map((r) => r.body as Update);
  }

  /**
   * Writes a batch just taken from Telegram; the rows of updates handled since the last write go
   * in the same statement (one round trip for both). Writes and deletes run one after another in
   * the order asked, so a batch's rows are in before any of its updates' deletes.
   */
  keep(updates: Update[]): Promise<void> {
    if (updates.length === 0) return Promise.resolve();
    // The handled ids as of now, not as of when the write runs: by then updates of this very batch
    // may be handled, and a statement's delete cannot see the rows its own insert adds (they stayed,
    // and the next start answered them again).
    const done = this.done.splice(0);
    return this.inOrder(async () => {
      try {
        await sql`${prepared}
          with handled as (delete from update_inbox where update_id = any(${done}::bigint[]))
          insert into update_inbox (update_id, body)
          select (u->>'update_id')::bigint, u from jsonb_array_elements(${batchJson(updates)}::jsonb) as u
          on conflict do nothing`.execute(this.db);
      } catch (error) {
        this.done.push(...done);
        throw error;
      }
    });
  }

  /** The update was handled (or failed and was apologised for): its row can go. */
  handled(updateId: number): void {
    this.done.push(updateId);
    this.timer ??= setTimeout(() => void this.flush().catch(() => undefined), DELETE_AFTER_MS);
  }

  /** Deletes the rows of handled updates now (a failed delete is retried with the next ones). */
  flush(): Promise<void> {
    clearTimeout(this.timer);
    this.timer = undefined;
    return this.inOrder(async () => {
      const ids = this.done.splice(0);
      if (ids.length === 0) return;
      try {
        await sql`${prepared}delete from update_inbox where update_id = any(${ids}::bigint[])`.execute(this.db);
      } catch (error) {
        // The database is away: a restart in between handles these again, which handlers allow.
        this.done.push(...ids);
        this.timer ??= setTimeout(() => void this.flush().catch(() => undefined), RETRY_DELETE_MS);
        throw error;
      }
    });
  }

  private inOrder(write: () => Promise<void>): Promise<void> {
    const next = this.writing.catch(() => undefined).then(write);
    this.writing = next;
    return next;
  }
}
