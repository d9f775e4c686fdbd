import type { Clock } from '../core/clock.js';
import type { Db } from '../core/db.js';
import type { Logger } from '../core/logger.js';
import type { SendResult } from '../telegram/notifier.js';
import { type ClaimedDelivery, markFinal, markMemberUnreachable, markRetry, markSent } from './deliveries.queries.js';
import { backoffMs, MAX_ATTEMPTS, timeoutRetryMs } from './outbox.rules.js';

export interface DispatchStats {
  sent: number;
  failed: number;
  unreachable: number;
  retried: number;
  rateLimited: number;
  /** Sends abandoned for want of an answer: each may have been delivered, so each may cause one duplicate. */
  timedOut: number;
}

export function emptyStats(): DispatchStats {
  return { sent: 0, failed: 0, unreachable: 0, retried: 0, rateLimited: 0, timedOut: 0 };
}

type Deps = { db: Db; clock: Clock; logger: Logger };

/**
 * Records what Telegram answered (all but 429, which the dispatcher retries itself):
 * sent; 403 → unreachable (the member too), no retry; 400 chat not found or another refusal →
 * failed; 5xx or network → retried with backoff until MAX_ATTEMPTS, then failed; no answer in
 * time → sent again at once the first time, then with backoff.
 */
export async function recordOutcome(deps: Deps, d: ClaimedDelivery, result: SendResult, stats: DispatchStats): Promise<void> {
  const { db, clock } = deps;
  if (result.ok) {
    await markSent(db, d.id, result.messageId, clock.now());
    stats.sent++;
  } else if (result.outcome === 'blocked') {
    await markFinal(db, d.id, 'unreachable', result.error);
    await markMemberUnreachable(db, d.chatId, clock.now());
    stats.unreachable++;
  } else if (result.outcome === 'not-found' || result.outcome === 'rejected' || d.attempts >= MAX_ATTEMPTS) {
    await markFinal(db, d.id, 'failed', result.error);
    stats.failed++;
    deps.logger.warn({ delivery: d.id, kind: d.kind, error: result.error }, 'delivery failed');
  } else if (result.outcome === 'timeout') {
    await markRetry(db, d.id, new Date(clock.now().getTime() + timeoutRetryMs(d.attempts)), result.error);
    stats.timedOut++;
    deps.logger.warn({ delivery: d.id, kind: d.kind, attempts: d.attempts }, 'no answer from Telegram in time; sending again (it may arrive twice)');
  } else {
    await markRetry(db, d.id, new Date(clock.now().getTime() + backoffMs(d.attempts)), result.error);
    stats.retried++;
  }
}

/**
 * Outcomes that could not be written because the database was away. They are kept and written
 * first when it answers again, so what was sent meanwhile is not sent twice.
 */
export class Unrecorded {
  private readonly items: { d: ClaimedDelivery; result: SendResult }[] = [];

  /** Records it, or keeps it (and every later one, so they stay in order) when the database fails; false then. */
  async record(deps: Deps, d: ClaimedDelivery, result: SendResult, stats: DispatchStats): Promise<boolean> {
    if (this.items.length === 0) {
      try {
        await recordOutcome(deps, d, result, stats);
        return true;
      } catch (error) {
        deps.logger.debug({ err: error, delivery: d.id }, 'could not record an outcome; kept until the database is back');
      }
    }
    this.items.push({ d, result });
    return false;
  }

  get size(): number {
    return this.items.length;
  }

  /** Writes them in order; throws (keeping the rest) if the database is still away. */
  async flush(deps: Deps, stats: DispatchStats): Promise<number> {
    let written = 0;
    while (this.items.length > 0) {
      const next = this.items[0];
      if (!next) break;
      await recordOutcome(deps, next.d, next.result, stats);
      this.items.shift();
      written++;
    }
    return written;
  }
}
