import { DateTime } from 'luxon';
import { formatLocal } from '../core/clock.js';
import type { Db } from '../core/db.js';
import type { DueItem, Producer } from '../outbox/outbox.js';
import { beginSending, broadcastOrigin, broadcastSource, type Occurrence } from './broadcast-lifecycle.js';
import { type Broadcast, listDueScheduled } from './broadcasts.queries.js';

const EXCERPT = 40;

/** One sending of a broadcast as the scheduler's due item. */
function broadcastItem(b: Broadcast, occurrence: Occurrence, zone: string): DueItem {
  return {
    key: broadcastSource(b.id, occurrence),
    origin: broadcastOrigin(b.id),
    dueAt: occurrence?.at ?? b.sendAt,
    expiresAt: null,
    build: async (trx) => (await beginSending(trx, b, occurrence)) ?? [],
    describe: (t) => t('bc-skipped-line', { id: b.id, at: formatLocal(occurrence?.at ?? b.sendAt, zone), text: b.content.text.slice(0, EXCERPT) }),
  };
}

/** Occurrences of a repeating broadcast due by `now`: today's and the previous one (for catch-up). */
export function occurrences(b: Pick<Broadcast, 'sendAt' | 'repeat'>, now: Date, zone: string): { at: Date; date: string }[] {
  const first = DateTime.fromJSDate(b.sendAt, { zone });
  const step = b.repeat === 'weekly' ? 7 : 1;
  const today = DateTime.fromJSDate(now, { zone }).set({ hour: first.hour, minute: first.minute, second: 0, millisecond: 0 });
  const shift = b.repeat === 'weekly' ? (today.weekday - first.weekday + 7) % 7 : 0;
  const latest = today.minus({ days: shift });
  return [latest.minus({ days: step }), latest]
    .filter((d) => d.toMillis() >= first.toMillis() && d.toMillis() <= now.getTime())
    .map((d) => ({ at: d.toJSDate(), date: d.toFormat('yyyy-MM-dd') }));
}

/** Scheduled broadcasts and occurrences of repeating ones, as the scheduler's due items. */
export function broadcastProducer(deps: { db: Db; zone: string }): Producer {
  return {
    async due(now) {
      const rows = await listDueScheduled(deps.db, now);
      return rows.flatMap((b) => (b.repeat ? occurrences(b, now, deps.zone).map((o) => broadcastItem(b, o, deps.zone)) : [broadcastItem(b, null, deps.zone)]));
    },
  };
}
