import { buttonKind } from '../core/buttons.js';

/**
 * The tasks slice's buttons (/tasks for admins). Ids are bounded to 9 digits, so a forged one
 * never reaches a query; the data strings are those of the buttons already in chats.
 */

/** What closing a task can make of it. */
export const END_STATES = ['closed', 'cancelled'] as const;

/** /tasks: manage task <id> (its details and actions). */
export const manageTaskButton = buttonKind('tk', ['id']);
/** Change task <id>'s deadline (opens the dialogue). */
export const deadlineButton = buttonKind('tkd', ['id']);
/** Close or cancel task <id>: asks first. */
export const endTaskButton = buttonKind('tka', [END_STATES, 'id']);
/** The confirmation: yes, close or cancel task <id>. */
export const endTaskYesButton = buttonKind('tkok', [END_STATES, 'id']);
/** The confirmation: no, keep it open. */
export const endTaskNoButton = buttonKind('tkok:no', []);
