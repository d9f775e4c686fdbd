import type { Recurrence } from '../calendar/recurrence.rules.js';
import { recordAudit } from '../core/audit.js';
import type { Clock } from '../core/clock.js';
import type { Db, DbOrTrx } from '../core/db.js';
import type { ReportForm, SeriesStatus } from '../core/schema.js';
import { defaultLeadDays } from './recurrence-input.js';
import { findSeriesIdByCreationKey, insertSeries, listSeriesRows, replaceSeriesUnits, type SeriesSet, updateLiveSeries } from './series.queries.js';
import type { SeriesTimes } from './series.rules.js';

/** A recurring task as the app sees it. */
export interface Series extends SeriesTimes {
  id: number;
  campaignId: number;
  campaignName: string;
  title: string;
  description: string | null;
  template: string | null;
  form: ReportForm;
  createdBy: number | null;
  /** How many occurrences were made so far, and how many units each new one goes to. */
  occurrences: number;
  units: number;
}

export interface SeriesDraft {
  campaignId: number;
  title: string;
  description: string | null;
  template: string | null;
  form: ReportForm;
  recurrence: Recurrence;
  unitIds: number[];
}

/** Series that have not ended (or those in `statuses`), oldest first. */
export async function listSeries(db: DbOrTrx, statuses: SeriesStatus[] = ['active', 'paused']): Promise<Series[]> {
  const rows = await listSeriesRows(db, statuses);
  return rows.map((r) => ({ ...r, lastDueAt: r.lastDueAt ? new Date(r.lastDueAt) : null, occurrences: r.occurrences ?? 0, units: r.units ?? 0 }));
}

export async function findSeries(db: DbOrTrx, id: number): Promise<Series | null> {
  const [row] = await listSeriesRows(db, ['active', 'paused', 'ended'], id);
  return row ? { ...row, lastDueAt: row.lastDueAt ? new Date(row.lastDueAt) : null, occurrences: row.occurrences ?? 0, units: row.units ?? 0 } : null;
}

/**
 * Creates a recurring task with its units; audit-logged. `creationKey` (the confirming press)
 * makes a repeated confirmation return the same series. Its occurrences are made by
 * materializeOccurrences, from the next tick on (or at once by the caller).
 */
export async function createSeries(db: Db, clock: Clock, actorId: number, draft: SeriesDraft, creationKey: string): Promise<number> {
  return db.transaction().execute(async (trx) => {
    const existing = await findSeriesIdByCreationKey(trx, creationKey);
    if (existing !== null) return existing;
    const now = clock.now();
    const id = await insertSeries(trx, { ...draft, leadDays: defaultLeadDays(draft.recurrence), createdBy: actorId, creationKey, now });
    await replaceSeriesUnits(trx, id, draft.unitIds);
    const details = { title: draft.title, recurrence: draft.recurrence, units: draft.unitIds };
    await recordAudit(trx, { actorId, action: 'series.created', subject: `series:${id}`, details, at: now });
    return id;
  });
}

export type SeriesChange =
  | { kind: 'status'; status: SeriesStatus }
  | { kind: 'title'; title: string }
  | { kind: 'rule'; recurrence: Recurrence }
  | { kind: 'units'; unitIds: number[] };

function setOf(change: Exclude<SeriesChange, { kind: 'units' }>): SeriesSet {
  if (change.kind === 'status') return { status: change.status };
  if (change.kind === 'title') return { title: change.title };
  return { recurrence: JSON.stringify(change.recurrence), lead_days: defaultLeadDays(change.recurrence) };
}

function actionOf(change: SeriesChange): string {
  if (change.kind !== 'status') return `series.changed-${change.kind}`;
  return { active: 'series.resumed', paused: 'series.paused', ended: 'series.ended' }[change.status];
}

/**
 * Pauses, resumes or ends a series, or changes its title, rule or units; audit-logged. Changes
 * apply from the next occurrence made on; those already made stay as they are (they are tasks
 * of their own). False when the series has ended.
 */
export async function changeSeries(db: Db, clock: Clock, actorId: number, id: number, change: SeriesChange): Promise<boolean> {
  return db.transaction().execute(async (trx) => {
    const now = clock.now();
    // A change of units touches only the units table; the update (of updated_at) still proves the series is live.
    if (!(await updateLiveSeries(trx, id, change.kind === 'units' ? null : setOf(change), now))) return false;
    if (change.kind === 'units') await replaceSeriesUnits(trx, id, change.unitIds);
    const { kind: _kind, ...details } = change;
    await recordAudit(trx, { actorId, action: actionOf(change), subject: `series:${id}`, details, at: now });
    return true;
  });
}
