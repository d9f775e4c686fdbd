/**
 * The one place that knows the "Báo cáo" button's callback_data. Tasks lists and reminders
 * both use it; "rp:<taskId>:<unitId>" stays well under Telegram's 64 bytes.
 */
export function reportButtonData(taskId: number, unitId: number): string {
  return `rp:${taskId}:${unitId}`;
}

export const REPORT_BUTTON_PATTERN = /^rp:(\d{1,9}):(\d{1,9})$/;
