import type { Transaction } from 'kysely';
import type { Db } from '../core/db.js';
import type { Database, DeliveryKind } from '../core/schema.js';
import type { Outbox, OutboxItem } from '../core/outbox-port.js';
import type { Translate } from '../core/translate.js';
import { cancelQueued, enqueueDeliveries, type NewDelivery } from './deliveries.queries.js';

export type { DeliveryKind, Outbox, OutboxItem };

/** Where a message came from: its kind and what it is about. */
export interface Origin {
  kind: DeliveryKind;
  taskId?: number | null;
  broadcastId?: number | null;
  unitId?: number | null;
}

export function createOutbox(db: Db, wake: () => void): Outbox {
  return {
    queue: async (items) => {
      const added = await enqueueDeliveries(db, items);
      if (added > 0) wake();
      return added;
    },
    wake,
  };
}

/** Queues inside the caller's transaction (call outbox.wake() once it has committed). */
export function queueIn(trx: Transaction<Database>, items: OutboxItem[]): Promise<number> {
  return enqueueDeliveries(trx, items);
}

/** Cancels what is still queued about a task (a closed or cancelled task), in the caller's transaction. */
export function cancelQueuedForTask(trx: Transaction<Database>, taskId: number, kinds: DeliveryKind[], reason: string): Promise<number> {
  return cancelQueued(trx, { taskId, kinds, reason });
}

/** Cancels what is still queued of a broadcast, in the caller's transaction. */
export function cancelQueuedForBroadcast(trx: Transaction<Database>, broadcastId: number, reason: string): Promise<number> {
  return cancelQueued(trx, { broadcastId, kinds: ['broadcast'], reason });
}

/** One message to one person, before the scheduler gives it a source, an origin and times. */
export type Outgoing = Pick<NewDelivery, 'chatId' | 'memberId' | 'payload' | 'status' | 'unitId'>;

/** Something that fell due: a reminder, a wrap-up, a digest, a scheduled broadcast. */
export interface DueItem {
  /** Unique for ever: the run's key and every delivery's source. */
  key: string;
  origin: Origin;
  dueAt: Date;
  /** Pointless after this (the event has begun); null when only the grace window applies. */
  expiresAt: Date | null;
  /** Who gets what, decided and rendered now, inside the run's transaction. */
  build(trx: Transaction<Database>, now: Date): Promise<Outgoing[]>;
  /** One line for the admins' notice when it had to be skipped. */
  describe(t: Translate): string;
}

export interface Producer {
  due(now: Date): Promise<DueItem[]>;
}

export type { Translate };
export type Texts = (locale: string) => Translate;
