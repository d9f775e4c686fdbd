import { buttonKind, choice } from '../core/buttons.js';
import type { ReportStatus } from '../core/schema.js';

/** The leader's report: every button of its dialogue, from the press that opens it to *Gửi*. */

/**
 * The "Báo cáo" button: "rp:<taskId>:<unitId>". Task lists, reminders and returned reports all
 * use it, so a press always opens the same dialogue.
 */
export const reportButton = buttonKind('rp', ['id', 'id']);

export function reportButtonData(taskId: number, unitId: number): string {
  return reportButton.pack(taskId, unitId);
}

/** "Nhiệm vụ của đơn vị": the leader's open tasks with their Báo cáo buttons, as /tasks shows them. */
export const leaderTasksButton = buttonKind('rpl', []);

/** "Chuyển sang báo cáo mới": leaves the open report dialogue and opens this one. */
export const reportSwitchButton = buttonKind('rps', ['id', 'id']);
/** "Tiếp tục": stays in the open report dialogue and repeats its question. */
export const reportStayButton = buttonKind('rpk', []);

export const REPORT_STATUSES = ['done', 'partial', 'not_done'] as const satisfies readonly ReportStatus[];
/** The first question: done / partly / not yet. */
export const statusButton = buttonKind('rs', [REPORT_STATUSES]);
/** The photos question: enough photos / no photo. */
export const photosButton = buttonKind('rph', [['done', 'skip']]);
/** The location question's "Bỏ qua". */
export const locationSkipButton = buttonKind('rlo', [['skip']]);
/** The note question's "Bỏ qua". */
export const noteSkipButton = buttonKind('rno', [['skip']]);
/** The summary: Gửi / Sửa / Huỷ (Gửi is reportSendButton below; "rc:send" only on summaries shown before it). */
export const reportConfirmButton = buttonKind('rc', [['send', 'edit', 'cancel']]);

export const pressedStatus = choice(statusButton);
export const pressedPhotos = choice(photosButton);
export const pressedConfirm = choice(reportConfirmButton);

/**
 * The summary's "Gửi": "rcs:<summary>:<taskId>:<unitId>". <summary> names the summary it is under
 * (from the update that produced it), and the report sent from it is stored under the submission
 * key {@link summarySubmissionKey}: so a later press on that summary, when the dialogue is over,
 * can check whether the report was stored instead of assuming it.
 */
export const reportSendButton = buttonKind('rcs', ['id', 'id', 'id']);

/** The token of a summary produced by this update (1–999,999,999: it is packed as an id). */
export const summaryToken = (updateId: number): number => (updateId % 999_999_999) + 1;

/** The submission key of the report sent from a member's summary. */
export const summarySubmissionKey = (memberId: number, token: number): string => `sum:${memberId}:${token}`;
