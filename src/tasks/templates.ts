import type { ReportForm } from '../core/schema.js';

export const TEMPLATE_IDS = ['flag', 'cleanup', 'event', 'participants', 'photo', 'custom'] as const;
export type TemplateId = (typeof TEMPLATE_IDS)[number];

export interface TaskTemplate {
  id: TemplateId;
  /** Locale keys; the admin's language fills them in. */
  titleKey: string | null;
  numberLabelKey: string | null;
  numberMax: 'households' | null;
  photos: ReportForm['photos'];
  location: boolean;
  note: boolean;
  hasEvent: boolean;
}

/** Ready-made forms for the common tasks of the plan (III.6 flags and cleanup, events, the quiz, photo reports). */
export const TEMPLATES: readonly TaskTemplate[] = [
  { id: 'flag', titleKey: 'tpl-flag-title', numberLabelKey: 'tpl-label-households-flag', numberMax: 'households', photos: 'required', location: false, note: true, hasEvent: false },
  { id: 'cleanup', titleKey: 'tpl-cleanup-title', numberLabelKey: 'tpl-label-households-cleanup', numberMax: 'households', photos: 'required', location: false, note: true, hasEvent: false },
  { id: 'event', titleKey: 'tpl-event-title', numberLabelKey: 'tpl-label-participants', numberMax: null, photos: 'optional', location: false, note: true, hasEvent: true },
  { id: 'participants', titleKey: 'tpl-participants-title', numberLabelKey: 'tpl-label-participants', numberMax: null, photos: 'none', location: false, note: true, hasEvent: false },
  { id: 'photo', titleKey: 'tpl-photo-title', numberLabelKey: null, numberMax: null, photos: 'required', location: true, note: true, hasEvent: false },
  { id: 'custom', titleKey: null, numberLabelKey: null, numberMax: null, photos: 'optional', location: false, note: true, hasEvent: false },
];

export function findTemplate(id: string): TaskTemplate {
  return TEMPLATES.find((t) => t.id === id) ?? (TEMPLATES[TEMPLATES.length - 1] as TaskTemplate);
}

export function formFromTemplate(tpl: TaskTemplate, t: (key: string) => string): ReportForm {
  return {
    number: tpl.numberLabelKey ? { label: t(tpl.numberLabelKey), max: tpl.numberMax } : null,
    photos: tpl.photos,
    location: tpl.location,
    note: tpl.note,
  };
}
