import { buttonKind } from '../core/buttons.js';
import { targetPickerButtons } from '../telegram/pickers.buttons.js';
import { PLAN_ITEM_KINDS } from './plan-types.js';

/**
 * The plan import's buttons. Items are numbered from 1 in the draft;
 * a review is named by the message the plan came in (its id, unique in the chat).
 */

/** What a drafted item's buttons do: Giữ, Bỏ, Sửa ngày, Sửa đơn vị, Sửa loại, Đổi tên, Sửa câu hỏi báo cáo, add the quiz's link. */
export const ITEM_ACTIONS = ['keep', 'drop', 'date', 'units', 'kind', 'rename', 'form', 'link'] as const;

/** How "Sửa câu hỏi báo cáo" changes a form by button (a typed answer is the new number question). */
export const FORM_EDITS = ['photos-required', 'photos-optional', 'photos-none', 'no-number'] as const;
export type FormEdit = (typeof FORM_EDITS)[number];
export type ItemAction = (typeof ITEM_ACTIONS)[number];

export const planButtons = {
  /** "Xong": the whole paste has been sent. */
  pasteDone: buttonKind('plx', []),
  /** An action on item <index>. */
  item: buttonKind('pli', [ITEM_ACTIONS, 'int']),
  /** "Dùng năm <year> cho tất cả": every kept item whose dates are past moves to that year. */
  yearAll: buttonKind('ply', ['int']),
  /** A form change on item <index>. */
  form: buttonKind('plf', [FORM_EDITS, 'int']),
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

/** The shared target picker's buttons (src/telegram/pick-targets.ts) when an item's units are changed. */
export const planTargets = targetPickerButtons('plt');
