import { buttonKind } from '../core/buttons.js';

/** "Chuyển sang báo cáo mới": leaves the open report dialogue and opens this one. */
export const reportSwitchButton = buttonKind('rps', ['id', 'id']);
/** "Tiếp tục": stays in the open report dialogue and repeats its question. */
export const reportStayButton = buttonKind('rpk', []);
