import { sql, type Transaction } from 'kysely';
import type { Database } from '../core/schema.js';

/** Above every office id (a Postgres integer). */
const MAX_OFFICE_ID = 2 ** 31 - 1;

/**
 * Offices with deliveries due now, in turn after `after` (wrapping round), at most `limit`: a loose
 * index scan of deliveries_due_idx (office_id, next_attempt_at, id), one index probe per office
 * found, whatever the size of the queue.
 */
export async function dueOffices(trx: Transaction<Database>, now: Date, after: number, limit: number): Promise<number[]> {
  const between = (start: number, upTo: number) =>
    sql<{ office_id: number }>`with recursive due (office_id) as (
        (select office_id from deliveries where status = 'queued' and next_attempt_at <= ${now} and office_id > ${start} and office_id <= ${upTo} order by office_id limit 1)
        union all
        select (select d.office_id from deliveries d where d.status = 'queued' and d.next_attempt_at <= ${now} and d.office_id > due.office_id and d.office_id <= ${upTo} order by d.office_id limit 1)
        from due where due.office_id is not null
      )
      select office_id from due where office_id is not null limit ${limit}`
      .execute(trx)
      .then((r) => r.rows.map((row) => Number(row.office_id)));
  const later = await between(after, MAX_OFFICE_ID);
  return later.length < limit && after > 0 ? [...later, ...(await between(0, after))].slice(0, limit) : later;
}

/** A claimed row as far as taking turns goes. */
interface Turn {
  id: number;
  officeId: number;
  nextAttemptAt: Date;
}

/** Each office's rows oldest first, dealt one office at a time in `order` (an office not in it, a stale lease, goes first). */
export function inTurn<T extends Turn>(rows: T[], order: number[]): Omit<T, 'nextAttemptAt'>[] {
  const rank = new Map(order.map((office, i) => [office, i]));
  const byOffice = new Map<number, T[]>();
  for (const row of [...rows].sort((a, b) => a.nextAttemptAt.getTime() - b.nextAttemptAt.getTime() || a.id - b.id)) {
    byOffice.set(row.officeId, [...(byOffice.get(row.officeId) ?? []), row]);
  }
  const offices = [...byOffice.keys()].sort((a, b) => (rank.get(a) ?? -1) - (rank.get(b) ?? -1));
  const dealt: Omit<T, 'nextAttemptAt'>[] = [];
  for (let round = 0; dealt.length < rows.length; round++) {
    for (const office of offices) {
      const row = byOffice.get(office)?.[round];
      if (!row) continue;
      const { nextAttemptAt: _, ...delivery } = row;
      dealt.push(delivery);
    }
  }
  return dealt;
}

/** The office whose turn came last in a claimed batch (the next claim starts after it); `previous` when none. */
export function lastServed(batch: readonly { officeId: number }[], previous: number): number {
  return [...new Set(batch.map((d) => d.officeId))].at(-1) ?? previous;
}
