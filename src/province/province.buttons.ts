import { buttonKind } from '../core/buttons.js';
import { targetPickerButtons } from '../telegram/pickers.buttons.js';
import { COMMUNE_KINDS } from './province.service.js';

/**
 * The province slice's buttons. The province's own (pv:…) name its sends and communes; a commune
 * admin's (pk:…) name the send they received. Ids are bounded to 9 digits, and every handler
 * looks them up under the presser's own office (the province's sends, or the sends that went to
 * the presser's commune), so a forged id finds nothing.
 */
export const provinceButtons = {
  /** The draft: send to every commune. */
  sendAll: buttonKind('pv:all', ['id']),
  /** The draft: send to every commune of one kind (xã, phường, đặc khu). */
  sendKind: buttonKind('pv:k', [COMMUNE_KINDS, 'id']),
  /** The draft: type the names of the communes to send it to. */
  sendNames: buttonKind('pv:n', ['id']),
  /** The draft: drop it. */
  drop: buttonKind('pv:x', ['id']),
  /** /status: one send's roll-up. */
  status: buttonKind('pv:s', ['id']),
  /** /pending: one send's communes that still owe. */
  pending: buttonKind('pv:p', ['id']),
  /** /export: one send's workbook. */
  export: buttonKind('pv:e', ['id']),
  /** /report: one send's Decree-30 report. */
  report: buttonKind('pv:r', ['id']),
  /** A roll-up: one commune's units (send, commune). */
  commune: buttonKind('pv:c', ['id', 'id']),
};

export const communeButtons = {
  /** The province's draft: keep it for every residential unit, with the province's period and deadline. */
  keep: buttonKind('pk:k', ['id']),
  /** The province's draft: choose the deadline (not later than the province's) and the units. */
  adjust: buttonKind('pk:a', ['id']),
};

/** "Điều chỉnh": who the commune gives the province's task to. */
export const adjustTargets = targetPickerButtons('pa');
