import type { Clock } from '../core/clock.js';
import type { Db } from '../core/db.js';
import type { Logger } from '../core/logger.js';
import type { SendResult } from '../telegram/notifier.js';
import { type ClaimedDelivery, markFinal, markMemberUnreachable, markRetry, markSent } from './deliveries.queries.js';
import { backoffMs, MAX_ATTEMPTS } from './outbox.rules.js';

export interface DispatchStats {
  sent: number;
  failed: number;
  unreachable: number;
  retried: number;
  rateLimited: number;
}

/**
 * Records what Telegram answered (all but 429, which the dispatcher retries itself):
 * sent; 403 → unreachable (the member too), no retry; 400 chat not found or another refusal →
 * failed; 5xx or network → retried with backoff until MAX_ATTEMPTS, then failed.
 */
export async function recordOutcome(deps: { db: Db; clock: Clock; logger: Logger }, d: ClaimedDelivery, result: SendResult, stats: DispatchStats): Promise<void> {
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
    deps.logger.warn({ delivery: d.id, source: d.source, error: result.error }, 'delivery failed');
  } else {
    await markRetry(db, d.id, new Date(clock.now().getTime() + backoffMs(d.attempts)), result.error);
    stats.retried++;
  }
}
