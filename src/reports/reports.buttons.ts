import { buttonKind } from '../core/buttons.js';

/**
 * The "Báo cáo" button: "rp:<taskId>:<unitId>". Task lists, reminders and returned reports all
 * use it, so a press always opens the same dialogue.
 */
export const reportButton = buttonKind('rp', ['id', 'id']);

export function reportButtonData(taskId: number, unitId: number): string {
  return reportButton.pack(taskId, unitId);
}
