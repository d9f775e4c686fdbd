import { formatDay } from '../calendar/date-format.js';
import { mapLink } from '../core/map-link.js';
import { formatLocal } from '../core/clock.js';
import type { Translate } from '../telegram/context.js';
import type { FlagNote, HistoryLine, ReportDetail, ReportState } from './officials.service.js';

// Numbers go to the texts as numbers: Fluent writes them with Intl.NumberFormat in the reader's
// language ("1.240" in Vietnamese, "1,240" in English).

/** ✅ / 🟡 / ❌ / ⏳ / ↩️ before a unit or task. */
export function stateMark(t: Translate, state: ReportState): string {
  return t(`ofv-mark-${state}`);
}

/** One readable line per flag (the same photo flagged twice reads once). */
export function flagTexts(t: Translate, flags: FlagNote[], zone: string): string[] {
  const texts = flags.map((f) =>
    f.kind === 'photo-reused' ? t('ofv-flag-reused', { task: f.otherTask, unit: f.otherUnit }) : t('ofv-flag-old-photo', { at: formatLocal(f.sentAt, zone) }),
  );
  return [...new Set(texts)];
}

function numberText(t: Translate, d: ReportDetail): string | null {
  if (d.numberValue === null || !d.numberLabel) return null;
  if (d.againstHouseholds && d.households) {
    return t('ofv-detail-number-households', { label: d.numberLabel, value: d.numberValue, households: d.households });
  }
  return t('ofv-detail-number', { label: d.numberLabel, value: d.numberValue });
}

/** Everything about one report, flags included. */
export function reportDetailLines(t: Translate, d: ReportDetail, zone: string): string[] {
  const lines = [t('ofv-detail-header', { title: d.title, unit: d.unitName }), t('ofv-detail-status', { status: t(`report-status-${d.status}`) })];
  const number = numberText(t, d);
  if (number) lines.push(number);
  lines.push(t('ofv-detail-photos', { count: d.photoCount }));
  if (d.location) lines.push(t('ofv-detail-location', { map: mapLink(d.location) }));
  if (d.note) lines.push(t('ofv-detail-note', { note: d.note }));
  lines.push(t('ofv-detail-reported', { by: d.reportedBy, at: formatLocal(d.reportedAt, zone), revision: d.revision }));
  if (d.late) lines.push(t('ofv-detail-late', { due: formatDay(d.dueAt, zone, t) }));
  lines.push(...flagTexts(t, d.flags, zone));
  if (d.returned) {
    lines.push(t('ofv-detail-returned', { at: formatLocal(d.returned.at, zone), by: d.returned.by ?? '—', reason: d.returned.reason ?? '—' }));
  }
  return lines;
}

function historyLine(t: Translate, line: HistoryLine, zone: string): string[] {
  const head = { mark: stateMark(t, line.state), title: line.title, due: formatLocal(line.dueAt, zone, 'dd/MM/yyyy') };
  if (line.state === 'pending') return [t('ofv-history-pending', head)];
  const parts = [line.state === 'returned' ? t('ofv-state-returned') : t(`report-status-${line.state}`)];
  if (line.numberLabel && line.numberValue !== null) parts.push(t('ofv-detail-number', { label: line.numberLabel, value: line.numberValue }));
  if (line.reportedAt) parts.push(formatLocal(line.reportedAt, zone));
  if (line.late) parts.push(t('ofv-late'));
  return [t('ofv-history-line', { ...head, details: parts.join(' · ') }), ...flagTexts(t, line.flags, zone).map((f) => `   ${f}`)];
}

/** A unit's tasks, newest first. */
export function historyLines(t: Translate, unitName: string, lines: HistoryLine[], zone: string): string[] {
  if (lines.length === 0) return [t('ofv-history-empty', { unit: unitName })];
  return [t('ofv-history-header', { unit: unitName }), ...lines.flatMap((l) => historyLine(t, l, zone))];
}
