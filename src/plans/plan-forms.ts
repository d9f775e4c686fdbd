import { DateTime } from 'luxon';
import type { ReportForm } from '../core/schema.js';
import { findTemplate, type TemplateId } from '../tasks/templates.js';
import type { PlanForm, PlanItemKind, Suggestion } from './plan-types.js';

/** Broadcasts of a plan go out at 08:00 local on their first day (inside office hours, outside quiet hours). */
const BROADCAST_HOUR = 8;

function templateForm(id: TemplateId): PlanForm {
  const tpl = findTemplate(id);
  return {
    number: tpl.numberLabelKey ? { labelKey: tpl.numberLabelKey, max: tpl.numberMax } : null,
    photos: tpl.photos,
    location: tpl.location,
    note: tpl.note,
  };
}

const CUSTOM_NOTE: PlanForm = { number: null, photos: 'optional', location: false, note: true };

/** The task each kind suggests, in the terms of `src/tasks/templates.ts`; null = no task. */
const TASKS: Record<PlanItemKind, Suggestion['task']> = {
  propaganda: null,
  // Units report what they achieved; the staff unit sums it up at the end.
  movement: { template: 'custom', form: CUSTOM_NOTE, hasEvent: false },
  // A plaque on one work, by one staff unit: done or not, with a photo of it.
  plaque: { template: 'custom', form: { ...CUSTOM_NOTE, photos: 'required' }, hasEvent: false },
  visits: { template: 'custom', form: { ...CUSTOM_NOTE, number: { labelKey: 'plan-label-visits', max: null } }, hasEvent: false },
  quiz: { template: 'participants', form: templateForm('participants'), hasEvent: false },
  event: { template: 'event', form: templateForm('event'), hasEvent: true },
  flag: { template: 'flag', form: templateForm('flag'), hasEvent: false },
  cleanup: { template: 'cleanup', form: templateForm('cleanup'), hasEvent: false },
  billboard: { template: 'photo', form: templateForm('photo'), hasEvent: false },
  takedown: { template: 'custom', form: CUSTOM_NOTE, hasEvent: false },
  'results-report': null,
};

/**
 * What to create for an item of this kind: propaganda is weekly broadcasts, the quiz a broadcast
 * with its link plus a participants count, the results report is `/report`, the rest are tasks.
 */
export function suggestionFor(kind: PlanItemKind, start: Date | null, zone: string): Suggestion {
  const first = start ? DateTime.fromJSDate(start, { zone }) : null;
  const at = first && first.hour < BROADCAST_HOUR ? first.set({ hour: BROADCAST_HOUR, minute: 0, second: 0, millisecond: 0 }) : first;
  const sendAt = at ? at.toJSDate() : null;
  const broadcast: Suggestion['broadcast'] =
    kind === 'propaganda' ? { sendAt, repeat: 'weekly', needsLink: false } : kind === 'quiz' ? { sendAt, repeat: null, needsLink: true } : null;
  return { task: TASKS[kind], broadcast, resultsReport: kind === 'results-report' };
}

/** The stored form of a suggested task, its number label in the admin's language. */
export function toReportForm(form: PlanForm, t: (key: string) => string): ReportForm {
  return {
    number: form.number ? { label: t(form.number.labelKey), max: form.number.max } : null,
    photos: form.photos,
    location: form.location,
    note: form.note,
  };
}
