import { formatDay } from '../calendar/date-format.js';
import { formatPeriod } from '../calendar/period-input.js';
import { formatLocal } from '../core/clock.js';
import type { ReportForm } from '../core/schema.js';
import { defaultLeadDays, formatRecurrence } from '../series/recurrence-input.js';
import { firstOccurrenceText } from '../series/series-ask.conversation.js';
import type { Translate } from '../telegram/context.js';
import type { TaskWhen } from './newtask-when.conversation.js';
import { clip } from '../core/text.js';

const MAX_NAMES_IN_PREVIEW = 30;

export interface NewTaskSummary {
  campaign: string;
  title: string;
  description: string | null;
  when: TaskWhen;
  eventAt: Date | null;
  form: ReportForm;
  units: { id: number; name: string }[];
}

/** ", số hộ treo cờ, ảnh bắt buộc, ghi chú": what a report will ask, after the status. */
export function formSummary(t: Translate, form: ReportForm): string {
  const parts: string[] = [];
  if (form.number) parts.push(form.number.label.toLocaleLowerCase('vi'));
  if (form.photos !== 'none') parts.push(t('nt-summary-photos', { rule: t(`nt-photos-${form.photos}`) }));
  if (form.location) parts.push(t('nt-summary-location'));
  if (form.note) parts.push(t('nt-summary-note'));
  return parts.map((p) => `, ${p}`).join('');
}

/** The lines about when: the deadline; or the period and its report deadline; or the rule and its first round. */
function whenLines(t: Translate, when: TaskWhen, zone: string, now: Date): string[] {
  if (when.kind === 'deadline') return [t('nt-preview-due', { due: formatDay(when.dueAt, zone, t) })];
  if (when.kind === 'period') return [t('nt-preview-period', { period: formatPeriod(when.period, zone, t) }), t('nt-preview-due', { due: formatDay(when.dueAt, zone, t) })];
  return [
    t('nt-preview-series', { rule: formatRecurrence(when.rule, t) }),
    t('nt-preview-series-first', { first: firstOccurrenceText(when.rule, now, zone, t), lead: defaultLeadDays(when.rule) }),
  ];
}

/** The preview the admin confirms before the task (or series) is made. */
export function previewText(t: Translate, s: NewTaskSummary, zone: string, now: Date): string {
  const names = s.units.slice(0, MAX_NAMES_IN_PREVIEW).map((u) => u.name).join(', ') + (s.units.length > MAX_NAMES_IN_PREVIEW ? ', …' : '');
  const lines = [
    t('nt-preview-header'),
    t('nt-preview-campaign', { name: s.campaign }),
    t('nt-preview-title', { title: s.title }),
    ...(s.description ? [t('nt-preview-description', { description: s.description })] : []),
    ...whenLines(t, s.when, zone, now),
    ...(s.eventAt ? [t('nt-preview-event', { at: formatLocal(s.eventAt, zone) })] : []),
    t('nt-preview-form', { fields: formSummary(t, s.form) }),
    t('nt-preview-units', { count: s.units.length, names }),
  ];
  return clip(lines.join('\n'), 4000);
}

/** What the admin is told once it is made. */
export function createdText(t: Translate, s: NewTaskSummary, zone: string, now: Date): string {
  const base = { title: s.title, count: s.units.length };
  if (s.when.kind === 'deadline') return t('nt-created', { ...base, due: formatDay(s.when.dueAt, zone, t) });
  if (s.when.kind === 'period') return t('nt-created-period', { ...base, period: formatPeriod(s.when.period, zone, t), due: formatDay(s.when.dueAt, zone, t) });
  return t('nt-created-series', { ...base, rule: formatRecurrence(s.when.rule, t), first: firstOccurrenceText(s.when.rule, now, zone, t) });
}
