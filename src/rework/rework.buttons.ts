import { buttonKind } from '../core/buttons.js';

/** "↩️ Trả lại" under a report (officials' views): return the report of unit <unitId> for task <taskId>. */
export const returnReportButton = buttonKind('orw', ['id', 'id']);
/** The dialogue's confirmation: return it, or keep it. */
export const confirmReturnButton = buttonKind('rwc', [['yes', 'no']]);
