import { buttonKind } from '../core/buttons.js';
import { REMINDER_KINDS } from './reminder.rules.js';

/** The /reminders buttons; ids are bounded (≤ 9 digits), so a forged one never reaches a query. */

/** Show task <id>'s reminders. */
export const taskRemindersButton = buttonKind('rmt', ['id']);
/** Turn reminder <kind> of task <id> on or off. */
export const toggleReminderButton = buttonKind('rmk', ['id', REMINDER_KINDS, ['on', 'off']]);
/** A line of a reminder already handled: nothing to change. */
export const handledReminderButton = buttonKind('rmd', []);
/** Done: close the list. */
export const closeRemindersButton = buttonKind('rmc', []);
