import { buttonKind } from '../core/buttons.js';
import { targetPickerButtons } from '../telegram/pickers.buttons.js';

/** The broadcasts slice's buttons; each id field is bounded (≤ 9 digits), so a forged one never reaches a query. */

/** /broadcasts: who has not received broadcast <id>. */
export const undeliveredButton = buttonKind('bcn', ['id']);
/** /broadcasts: cancel broadcast <id> (asks first). */
export const cancelButton = buttonKind('bcx', ['id']);
/** The confirmation: yes, cancel broadcast <id>. */
export const cancelYesButton = buttonKind('bcy', ['id']);
/** The confirmation: no, keep it. */
export const cancelKeepButton = buttonKind('bck', []);

/** /broadcast: when it goes out. */
export const WHEN_CHOICES = ['now', 'at', 'daily', 'weekly'] as const;
export const whenButton = buttonKind('bw', [WHEN_CHOICES]);
/** /broadcast: the preview's send / cancel. */
export const confirmButton = buttonKind('bcc', [['yes', 'no']]);
/** /broadcast: who gets it: units as every picker offers them, or the office's own people. */
export const STAFF_TARGETS = ['officials', 'everyone'] as const;
export const broadcastTargets = targetPickerButtons('bt', STAFF_TARGETS);
