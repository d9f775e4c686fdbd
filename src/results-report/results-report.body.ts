import type { Paragraph, Table } from 'docx';
import { DateTime } from 'luxon';
import { clip } from '../core/text.js';
import type { ResultsReportData, ResultsReportTask } from './results-report.data.js';
import { formatCount, formatDate, formatPercent, overallFigures } from './results-report.format.js';
import { bodyPara, type ReportContext } from './results-report.kit.js';
import type { PropagandaSent } from './results-report.propaganda.js';
import { taskTable } from './results-report.tables.js';

function heading(text: string): Paragraph {
  return bodyPara(text, { bold: true, keepNext: true, before: 120 });
}

function percent(part: number, whole: number): string {
  return formatPercent(part, whole) ?? formatPercent(0, 1) ?? '0%';
}

/** The figures under one activity's heading: reporting, outcomes, its number, who has not reported. */
function taskFigures(task: ResultsReportTask, ctx: ReportContext): string[] {
  const { t } = ctx;
  const lines = [
    t('rr-task-deadline', { due: formatDate(task.dueAt, ctx.zone), assigned: formatCount(task.assigned) }),
    t('rr-task-reported', {
      reported: formatCount(task.reported),
      assigned: formatCount(task.assigned),
      percent: percent(task.reported, task.assigned),
      onTime: formatCount(task.onTime),
      late: formatCount(task.late),
      done: formatCount(task.done),
      partial: formatCount(task.partial),
      notDone: formatCount(task.notDone),
    }),
  ];
  const n = task.number;
  if (n?.kind === 'households' && task.households > 0) {
    lines.push(t('rr-task-households', { label: n.label, count: formatCount(n.total), total: formatCount(task.households), percent: percent(n.total, task.households) }));
  } else if (n) {
    lines.push(t('rr-task-number', { label: n.label, count: formatCount(n.total) }));
  }
  const missing = task.missing.map((m) => (m.returned ? t('rr-unit-returned', { unit: m.unitName }) : m.unitName));
  lines.push(missing.length ? t('rr-task-missing', { units: missing.join(', ') }) : t('rr-task-missing-none'));
  return lines;
}

/** II. Results per activity: a heading, its figures, then its table. */
export function resultsSection(data: ResultsReportData, ctx: ReportContext): (Paragraph | Table)[] {
  const out: (Paragraph | Table)[] = [heading(ctx.t('rr-section-results'))];
  if (data.tasks.length === 0) out.push(bodyPara(ctx.t('rr-no-tasks')));
  data.tasks.forEach((task, i) => {
    out.push(heading(ctx.t('rr-task-heading', { index: i + 1, title: task.title })));
    // Kept with the table that follows, so a table never starts a page without its figures.
    for (const line of taskFigures(task, ctx)) out.push(bodyPara(line, { keepNext: task.rows.length > 0 }));
    if (task.rows.length) out.push(taskTable(task, ctx), bodyPara('', { after: 120 }));
  });
  return out;
}

/** III. Overall assessment: units that reported everything and nothing, and what each unit still owes. */
export function overallSection(data: ResultsReportData, ctx: ReportContext): Paragraph[] {
  const { t } = ctx;
  if (data.tasks.length === 0) return [heading(t('rr-section-overall')), bodyPara(t('rr-no-tasks'))];
  const o = overallFigures(data);
  const out = [
    heading(t('rr-section-overall')),
    bodyPara(t('rr-overall-figures', { tasks: formatCount(o.tasks), units: formatCount(o.units), complete: formatCount(o.complete), silent: formatCount(o.silent) })),
  ];
  if (o.missing.length === 0) return [...out, bodyPara(t('rr-overall-missing-none'))];
  out.push(bodyPara(t('rr-overall-missing', { count: formatCount(o.missing.length) })));
  for (const m of o.missing) out.push(bodyPara(t('rr-overall-missing-unit', { unit: m.unitName, tasks: m.tasks.join('; ') })));
  return out;
}

const EXCERPT = 80;

function sentDays(hours: Date[], zone: string): string[] {
  return [...new Set(hours.map((h) => DateTime.fromJSDate(h, { zone }).toFormat('dd/MM/yyyy')))];
}

/** I. Propaganda: how many broadcasts went out, on which days, to how many recipients; one line per broadcast. */
export function propagandaSection(sent: PropagandaSent, ctx: ReportContext): Paragraph[] {
  const { t } = ctx;
  const heading = bodyPara(t('rr-section-propaganda'), { bold: true, keepNext: true, before: 120 });
  if (sent.broadcasts.length === 0) return [heading, bodyPara(t('rr-propaganda-none'))];
  const days = sentDays(
    sent.broadcasts.flatMap((b) => b.sentHours),
    ctx.zone,
  );
  const sendings = sent.broadcasts.reduce((n, b) => n + sentDays(b.sentHours, ctx.zone).length, 0);
  const out = [heading, bodyPara(t('rr-propaganda-figures', { sendings: formatCount(sendings), days: days.length, dates: days.join(', '), recipients: formatCount(sent.recipients) }))];
  for (const b of sent.broadcasts) {
    const bDays = sentDays(b.sentHours, ctx.zone);
    out.push(bodyPara(t('rr-propaganda-line', { text: clip(b.text.replace(/\s+/g, ' ').trim(), EXCERPT), times: bDays.length, dates: bDays.join(', '), recipients: formatCount(b.recipients) })));
  }
  return out;
}
