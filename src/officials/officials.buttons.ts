import { buttonKind } from '../core/buttons.js';

/**
 * The officials slice's buttons (reports, unit history, photos). Ids are bounded to 9 digits,
 * so a forged one never reaches a query; the data strings are those of the buttons already in chats.
 */

/** Task <id>'s reports, in a new message (under the /status chart). */
export const taskReportsButton = buttonKind('or:l', ['id']);
/** Task <id>'s reports, page <n>, in place. */
export const taskReportsPageButton = buttonKind('or:p', ['id', 'int']);
/** The report of task <id> by unit <id>, in full. */
export const reportDetailButton = buttonKind('or:d', ['id', 'id']);
/** That report's photos. (Returning it for rework is the rework slice's button: rework.buttons.ts.) */
export const reportPhotosButton = buttonKind('oph', ['id', 'id']);
/** The unit picker for history, in a new message (under the /status chart). */
export const unitPickerButton = buttonKind('ou:l', []);
/** The unit picker, page <n>, in place. */
export const unitPickerPageButton = buttonKind('ou:p', ['int']);
/** Unit <id>'s history. */
export const unitHistoryButton = buttonKind('oh', ['id']);
