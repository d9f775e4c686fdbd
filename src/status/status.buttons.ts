import { buttonKind } from '../core/buttons.js';

/**
 * The status slice's buttons (/status, /pending). Ids are bounded to 9 digits, so a forged one
 * never reaches a query; the data strings are those of the buttons already in chats.
 */

/** /status: campaign <id>. */
export const campaignStatusButton = buttonKind('os:c', ['id']);
/** /pending: every open task. */
export const pendingAllButton = buttonKind('op:all', []);
/** /pending: task <id> alone. */
export const pendingTaskButton = buttonKind('op:t', ['id']);
