import { buttonKind } from '../core/buttons.js';

/** The recurring tasks' buttons (admin /tasks → Việc định kỳ); ids are bounded (≤ 9 digits). */

/** The list of series that have not ended. */
export const seriesListButton = buttonKind('srl', []);
/** One series: its rule, rounds and actions. */
export const seriesButton = buttonKind('sr', ['id']);
/** Pause or resume series <id>. */
export const seriesStatusButton = buttonKind('srs', [['pause', 'resume'], 'id']);
/** Change series <id>'s rule, title or units, from the next occurrence on (opens a dialogue). */
export const seriesChangeButton = buttonKind('src', [['rule', 'title', 'units'], 'id']);
/** End series <id>: asks first. */
export const seriesEndButton = buttonKind('sre', ['id']);
/** The confirmation: yes, end series <id>. */
export const seriesEndYesButton = buttonKind('sreok', ['id']);
/** The confirmation: no, keep it. */
export const seriesEndNoButton = buttonKind('sreno', []);

/** /newtask and the rule change: the one-tap rules (Ngày Chủ nhật xanh, the last Sunday of the month). */
export const RECURRENCE_PRESETS = ['weekly-sun', 'last-sun'] as const;
export type RecurrencePreset = (typeof RECURRENCE_PRESETS)[number];
export const presetButton = buttonKind('nrr', [RECURRENCE_PRESETS]);
