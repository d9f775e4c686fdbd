import type { Occurrence } from '../calendar/recurrence.rules.js';
import { recordAudit } from '../core/audit.js';
import type { Clock } from '../core/clock.js';
import type { Db } from '../core/db.js';
import { createOccurrenceTask } from '../tasks/tasks.service.js';
import { listSeriesUnitIds } from './series.queries.js';
import { listSeries, type Series } from './series.service.js';
import { occurrencesToCreate } from './series.rules.js';

/** One occurrence made by a run: its series, local day and task. */
export interface MadeOccurrence {
  seriesId: number;
  date: string;
  taskId: number;
}

/**
 * The producer of recurring tasks: makes every occurrence that must exist at `now` (see
 * occurrencesToCreate) as an ordinary task with the series' units. Idempotent: the task row is
 * unique on (series, day) and inserted with ON CONFLICT DO NOTHING, so a second run, a second
 * instance or a restart makes nothing twice. Called at start-up and by the scheduler's tick.
 */
export async function materializeOccurrences(db: Db, clock: Clock, zone: string, now: Date = clock.now()): Promise<MadeOccurrence[]> {
  const made: MadeOccurrence[] = [];
  for (const series of await listSeries(db, ['active'])) {
    for (const o of occurrencesToCreate(series, now, zone)) {
      const taskId = await makeOccurrence(db, series, o, now);
      if (taskId !== null) made.push({ seriesId: series.id, date: o.date, taskId });
    }
  }
  return made;
}

async function makeOccurrence(db: Db, s: Series, o: Occurrence, now: Date): Promise<number | null> {
  return db.transaction().execute(async (trx) => {
    const unitIds = await listSeriesUnitIds(trx, s.id);
    if (unitIds.length === 0) return null;
    const taskId = await createOccurrenceTask(trx, {
      campaignId: s.campaignId,
      title: s.title,
      description: s.description,
      template: s.template,
      dueAt: o.dueAt,
      form: s.form,
      unitIds,
      createdBy: s.createdBy,
      now,
      occurrence: { seriesId: s.id, on: o.date },
      // Mùng 1 and rằm each month, a lunar anniversary: the leaders see the lunar date too.
      lunarDates: s.recurrence.kind === 'monthly-lunar' || s.recurrence.kind === 'yearly-lunar',
    });
    if (taskId === null) return null;
    const details = { date: o.date, dueAt: o.dueAt.toISOString(), units: unitIds.length };
    await recordAudit(trx, { actorId: null, action: 'series.occurrence', subject: `task:${taskId}`, details: { series: s.id, ...details }, at: now });
    return taskId;
  });
}
