import { buttonKind } from '../core/buttons.js';

/**
 * The exports slice's buttons (/export). Ids are bounded to 9 digits, so a forged one never
 * reaches a query; the data strings are those of the buttons already in chats.
 */

/** What a file covers: "c" a whole campaign, "t" one task. */
export const SCOPE_KINDS = ['c', 't'] as const;
/** The file's format: "x" XLSX, "v" CSV. */
export const FORMATS = ['x', 'v'] as const;

/** /export: campaign <id>. */
export const exportCampaignButton = buttonKind('ox:c', ['id']);
/** /export: the scope (campaign or task <id>). */
export const exportScopeButton = buttonKind('ox:s', [SCOPE_KINDS, 'id']);
/** /export: the format, for that scope. */
export const exportFormatButton = buttonKind('ox:f', [FORMATS, SCOPE_KINDS, 'id']);
