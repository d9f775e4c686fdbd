import { formatPeriod } from '../calendar/period-input.js';
import { formatLocal } from '../core/clock.js';
import { mapLink } from '../core/map-link.js';
import { flagTexts } from '../officials/officials.text.js';
import type { TaskProgressLine } from '../status/status.service.js';
import type { Translate } from '../telegram/context.js';
import type { ExportRow } from './exports.service.js';

export type Cell = string | number | null;

/** One column of a sheet (and of the CSV): its Vietnamese header, width in characters, and value. */
export interface Column<R> {
  header: string;
  width: number;
  value: (row: R, index: number) => Cell;
}

const yesNo = (t: Translate, v: boolean | null): Cell => (v === null ? null : t(v ? 'ex-yes' : 'ex-no'));

function stateText(t: Translate, row: ExportRow): string {
  if (row.state === 'returned') return t('ex-state-returned', { reason: row.returnReason ?? '' });
  return t(`ex-state-${row.state}`);
}

/** Unit, leader, status, number, note, photos, flags, reported at (local), late, revisions. */
export function unitColumns(t: Translate, zone: string, numberLabel: string | null, withTakeDown = false): Column<ExportRow>[] {
  const takeDown: Column<ExportRow>[] = withTakeDown
    ? [{ header: t('cal-col-taken-down'), width: 18, value: (r) => (r.takenDownAt ? formatLocal(r.takenDownAt, zone) : null) }]
    : [];
  return [
    { header: t('ex-col-index'), width: 6, value: (_r, i) => i + 1 },
    { header: t('ex-col-unit'), width: 28, value: (r) => r.unitName },
    { header: t('ex-col-leader'), width: 28, value: (r) => r.leaders },
    { header: t('ex-col-status'), width: 22, value: (r) => stateText(t, r) },
    { header: numberLabel ?? t('ex-col-number'), width: 16, value: (r) => r.numberValue },
    { header: t('ex-col-note'), width: 40, value: (r) => r.note },
    { header: t('ex-col-photos'), width: 9, value: (r) => r.photoCount },
    { header: t('ex-col-flags'), width: 40, value: (r) => flagTexts(t, r.flags, zone).join('; ') || null },
    { header: t('ex-col-reported-at'), width: 18, value: (r) => (r.reportedAt ? formatLocal(r.reportedAt, zone) : null) },
    { header: t('ex-col-late'), width: 10, value: (r) => yesNo(t, r.late) },
    { header: t('ex-col-revisions'), width: 10, value: (r) => r.revisions },
    { header: t('ex-col-latitude'), width: 12, value: (r) => r.location?.latitude ?? null },
    { header: t('ex-col-longitude'), width: 12, value: (r) => r.location?.longitude ?? null },
    { header: t('ex-col-map'), width: 44, value: (r) => (r.location ? mapLink(r.location) : null) },
    ...takeDown,
  ];
}

function percent(part: number, whole: number): Cell {
  return whole > 0 ? Math.round((100 * part) / whole) : null;
}

function taskState(t: Translate, task: TaskProgressLine): string {
  return t(task.overdue ? 'ex-task-overdue' : `ex-task-${task.status}`);
}

/** The summary sheet: one row per task; the period column only when some task has a period. */
export function summaryColumns(t: Translate, zone: string, withPeriod = false): Column<TaskProgressLine>[] {
  const period: Column<TaskProgressLine>[] = withPeriod
    ? [{ header: t('cal-col-period'), width: 40, value: (r) => (r.startsAt && r.endsAt ? formatPeriod({ start: r.startsAt, end: r.endsAt }, zone, t) : null) }]
    : [];
  return [
    { header: t('ex-col-index'), width: 6, value: (_r, i) => i + 1 },
    { header: t('ex-col-task'), width: 36, value: (r) => r.title },
    { header: t('ex-col-due'), width: 18, value: (r) => formatLocal(r.dueAt, zone) },
    ...period,
    { header: t('ex-col-task-state'), width: 14, value: (r) => taskState(t, r) },
    { header: t('ex-col-assigned'), width: 10, value: (r) => r.assigned },
    { header: t('ex-col-reported'), width: 11, value: (r) => r.reported },
    { header: t('ex-col-reported-pct'), width: 12, value: (r) => percent(r.reported, r.assigned) },
    { header: t('ex-col-done'), width: 9, value: (r) => r.done },
    { header: t('ex-col-partial'), width: 12, value: (r) => r.partial },
    { header: t('ex-col-not-done'), width: 10, value: (r) => r.notDone },
    { header: t('ex-col-pending'), width: 13, value: (r) => r.pending },
    { header: t('ex-col-number-label'), width: 22, value: (r) => r.numberLabel },
    { header: t('ex-col-number-total'), width: 14, value: (r) => (r.numberLabel ? r.numberTotal : null) },
    { header: t('ex-col-households'), width: 10, value: (r) => (r.againstHouseholds ? r.households : null) },
    { header: t('ex-col-households-pct'), width: 12, value: (r) => (r.againstHouseholds ? percent(r.numberTotal, r.households) : null) },
    { header: t('ex-col-flagged'), width: 14, value: (r) => r.flagged },
  ];
}
