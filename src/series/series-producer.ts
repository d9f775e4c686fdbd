import type { Clock } from '../core/clock.js';
import type { Db } from '../core/db.js';
import type { Producer } from '../outbox/outbox.js';
import { materializeOccurrences } from './series-occurrences.js';

/**
 * Recurring tasks in the scheduler's tick: makes the rounds whose time has come (idempotently)
 * and queues nothing itself. Listed before the reminder producer, so a round made in a tick is
 * announced in that same tick.
 */
export function seriesProducer(deps: { db: Db; clock: Clock; zone: string }): Producer {
  return {
    async due(now) {
      await materializeOccurrences(deps.db, deps.clock, deps.zone, now);
      return [];
    },
  };
}
