import type { OfficeSettings } from '../core/office-settings.js';
import type { Translate } from '../core/translate.js';
import type { ResultsReportData, ResultsReportRow, ResultsReportTask, UnitOutcome } from '../results-report/results-report.data.js';
import type { ReportSettings } from '../results-report/results-report.kit.js';
import type { CommuneProgress, ProvinceSend } from './province.service.js';
import { communeName } from './province.text.js';

function outcomeOf(c: CommuneProgress): UnitOutcome {
  if (c.state !== 'kept' || c.reported === 0) return 'pending';
  return c.reported >= c.assigned ? 'done' : 'partial';
}

/**
 * The province's send as the Decree-30 results report reads a campaign: one activity, whose
 * "units" are the communes (each with its figures summed over its own units); the communes that
 * did not report are its missing ones. The report's layout, tables and overall assessment are the
 * commune report's own (src/results-report), so the two read alike.
 */
export function provinceReportData(t: Translate, send: ProvinceSend, communes: CommuneProgress[]): ResultsReportData {
  const rows: ResultsReportRow[] = communes.map((c) => ({
    unitId: c.officeId,
    unitName: communeName(t, c),
    households: c.state === 'kept' ? c.households : null,
    outcome: outcomeOf(c),
    numberValue: c.state === 'kept' && c.reported > 0 ? c.numberTotal : null,
    note: t(`pv-report-note-${c.state}`, { reported: c.reported, assigned: c.assigned }),
    reportedAt: null,
    late: false,
  }));
  const number = send.form.number;
  const task: ResultsReportTask = {
    id: send.id,
    title: send.title,
    dueAt: send.dueAt,
    form: send.form,
    number: number ? { kind: number.max === 'households' ? 'households' : 'count', label: number.label, total: communes.reduce((n, c) => n + c.numberTotal, 0) } : null,
    assigned: rows.length,
    reported: rows.filter((r) => r.outcome === 'done' || r.outcome === 'partial').length,
    onTime: rows.filter((r) => r.outcome === 'done' || r.outcome === 'partial').length,
    late: 0,
    done: rows.filter((r) => r.outcome === 'done').length,
    partial: rows.filter((r) => r.outcome === 'partial').length,
    notDone: 0,
    households: communes.reduce((n, c) => n + c.households, 0),
    rows,
    missing: rows.filter((r) => r.outcome === 'pending').map((r) => ({ unitId: r.unitId, unitName: r.unitName, returned: false })),
  };
  return { campaign: { id: send.id, title: send.title, startsOn: null, endsOn: null }, tasks: [task], photos: [], propaganda: { broadcasts: [], recipients: 0 } };
}

/** The province's details for the report; what it has not said yet is left for the clerk to fill in Word. */
export function provinceReportSettings(details: OfficeSettings['report'], officeTitle: string, placeName: string): ReportSettings {
  return {
    officeName: details.officeName ?? officeTitle,
    parentBody: details.parentBody ?? '',
    place: details.place ?? placeName,
    signerTitle: details.signerTitle ?? '',
    signerName: details.signerName ?? '',
    recipients: details.recipients,
  };
}
