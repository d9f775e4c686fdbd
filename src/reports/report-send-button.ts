import { buttonKind } from '../core/buttons.js';

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
