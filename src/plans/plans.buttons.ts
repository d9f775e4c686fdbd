import { buttonKind } from '../core/buttons.js';
import { targetPickerButtons } from '../telegram/pickers.buttons.js';
import { PLAN_ITEM_KINDS } from './plan-types.js';

/**
 * The plan import's and the results report's buttons. Items are numbered from 1 in the draft;
 * a review is named by the message the plan came in (its id, unique in the chat).
 */

/** What a drafted item's buttons do: Giữ, Bỏ, Sửa ngày, Sửa đơn vị, Sửa loại, add the quiz's link. */
export const ITEM_ACTIONS = ['keep', 'drop', 'date', 'units', 'kind', 'link'] as const;
export type ItemAction = (typeof ITEM_ACTIONS)[number];

export const planButtons = {
  /** "Xong": the whole paste has been sent. */
  pasteDone: buttonKind('plx', []),
  /** An action on item <index>. */
  item: buttonKind('pli', [ITEM_ACTIONS, 'int']),
  /** "Dùng năm <year>" on item <index> whose dates are past. */
  year: buttonKind('ply', ['int', 'int']),
  /** The new kind for item <index>. */
  kind: buttonKind('plk', [PLAN_ITEM_KINDS, 'int']),
  /** Unmatched name <n> is unit <id>. */
  mapName: buttonKind('plm', ['int', 'id']),
  /** Unmatched name <n>: skip it (it is nobody the bot knows). */
  skipName: buttonKind('pls', ['int']),
  /** Unmatched name <n>: page <p> of the units. */
  namePage: buttonKind('plp', ['int', 'int']),
  /** "Tạo tất cả (N)" for the review of the plan sent as message <id>. */
  create: buttonKind('plc', ['id']),
  /** "Huỷ" on the review summary. */
  cancel: buttonKind('plq', []),
};

/** Prefix of the shared target picker (src/telegram/pick-targets.ts) when an item's units are changed. */
export const planTargets = targetPickerButtons('plt');

export const resultsReportButtons = {
  /** /report: the campaign <id>. */
  campaign: buttonKind('rrc', ['id']),
};
