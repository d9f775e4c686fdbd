import { buttonKind } from '../core/buttons.js';
import { targetPickerButtons } from '../telegram/pickers.buttons.js';
import { UNIT_KINDS } from '../core/unit-kinds.js';

/**
 * The onboarding slice's buttons (/lang, /invite, /units). Ids are bounded to 9 digits, so a
 * forged one never reaches a query; the data strings are those of the buttons already in chats.
 */

/** /lang: "lang:vi" or "lang:en" (the locales in src/locales). */
export const languageButton = buttonKind('lang', [['vi', 'en']]);

/** Who an invitation is for; a leader or deputy invitation also names the unit. */
export const INVITE_KINDS = ['leader', 'deputy', 'official', 'admin'] as const;
export type InviteKind = (typeof INVITE_KINDS)[number];
export const UNIT_INVITE_KINDS = ['leader', 'deputy'] as const;

/** /invite: the role ("inv:r:leader"). */
export const inviteRoleButton = buttonKind('inv:r', [INVITE_KINDS]);
/** /invite: a page of the unit picker for a leader or deputy invitation. */
export const inviteUnitPageButton = buttonKind('inv:p', [UNIT_INVITE_KINDS, 'int']);
/** /invite: the unit picked ("inv:u:deputy:12"). */
export const inviteUnitButton = buttonKind('inv:u', [UNIT_INVITE_KINDS, 'id']);

/** /invite: one invitation for every active unit nobody has joined yet (list + printable cards). */
export const inviteAllButton = buttonKind('inv:all', []);
/** /invite: pick the units to invite (list + printable cards). */
export const invitePickButton = buttonKind('inv:pick', []);

/** /units: add units (opens the paste dialogue). */
export const unitsAddButton = buttonKind('units:add', []);
/** /units: add units of this kind ("Thêm loại khác" after a paste, or the kinds of an empty list). */
export const unitsAddKindButton = buttonKind('units:addk', [UNIT_KINDS]);
/** /units: correct household counts by typing "name; count" lines. */
export const unitsHouseholdsButton = buttonKind('units:hh', []);

/** The unit picker of one /units action: open it, turn its pages, pick a unit. */
function unitPicker(action: 'rn' | 'off' | 'on') {
  return {
    open: buttonKind(`units:${action}:list`, []),
    page: buttonKind(`units:${action}:p`, ['int']),
    pick: buttonKind(`units:${action}`, ['id']),
  };
}

/** /units: rename a unit. */
export const renameUnitPicker = unitPicker('rn');
/** /units: deactivate a unit (asks first). */
export const deactivateUnitPicker = unitPicker('off');
/** The confirmation: yes, deactivate unit <id>. */
export const deactivateYesButton = buttonKind('units:offok', ['id']);
/** The confirmation: no, keep it. */
export const deactivateNoButton = buttonKind('units:offno', []);
/** /units: make a deactivated unit active again. */
export const reactivateUnitPicker = unitPicker('on');

/** /units → add: the kind of the new unit, when it was not pressed already. */
export const unitKindButton = buttonKind('uk', [UNIT_KINDS]);
/** /invite → pick units: who gets invite cards. */
export const inviteTargets = targetPickerButtons('ipk');
