import { buttonKind, choice, choiceAs, eitherChoice } from '../core/buttons.js';
import { targetPickerButtons } from '../telegram/pickers.buttons.js';
import { TEMPLATE_IDS } from './templates.js';

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

/** /newtask: the template. */
export const templateButton = buttonKind('ntp', [TEMPLATE_IDS]);
/** /newtask: an existing campaign, or a new one ("ncp:new"). */
export const campaignButton = buttonKind('ncp', ['id']);
export const newCampaignButton = buttonKind('ncp:new', []);
export const pickedCampaign = eitherChoice(choice(campaignButton), choiceAs(newCampaignButton, 'new'));
/** /newtask: the report form's toggles, then "Tiếp tục". */
export const formButton = buttonKind('nf', [['number', 'photos', 'location', 'note', 'label', 'done']]);
/** /newtask: when: the suggested flag window, a period, a repeating rule. */
export const whenButton = buttonKind('ntw', [['flag', 'period', 'repeat']]);
/** /newtask: keep the suggested report deadline of a period. */
export const keepDueButton = buttonKind('ntr', [['keep']]);
/** /newtask: the preview's create / cancel. */
export const newTaskConfirmButton = buttonKind('ntc', [['yes', 'no']]);
/** /newtask: who the task is for. */
export const taskTargets = targetPickerButtons('nu');
