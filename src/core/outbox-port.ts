import type { DeliveryKind, DeliveryPayload } from './schema.js';

/** One message to queue: where it came from (columns, never parsed from the key) and to whom. */
export interface OutboxItem {
  /** With chatId, the idempotency key: a second delivery with the same pair is ignored. */
  source: string;
  kind: DeliveryKind;
  taskId?: number | null;
  broadcastId?: number | null;
  unitId?: number | null;
  chatId: number;
  memberId: number | null;
  payload: DeliveryPayload;
  notBefore: Date;
  expiresAt: Date | null;
  /** 'unreachable' records someone known to have blocked the bot without trying to send. */
  status?: 'queued' | 'unreachable';
}

/**
 * The outbox as the slices see it: they queue messages (here, or in their own transaction with
 * queueIn) and the dispatcher sends them, paced, retried, 403s recorded. Producers that fall due
 * on a clock (reminders, digests, scheduled broadcasts) give the scheduler DueItems instead.
 */
export interface Outbox {
  /** Queues the items (one per (source, chat), a repeat is ignored) and wakes the dispatcher; returns how many were new. */
  queue(items: OutboxItem[]): Promise<number>;
  /** Tells the dispatcher there is something new (after queueIn's transaction has committed). */
  wake(): void;
}
