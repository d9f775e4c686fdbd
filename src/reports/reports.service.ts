import type { Clock } from '../core/clock.js';
import type { Db } from '../core/db.js';
import type { ReportFlag, TaskStatus } from '../core/schema.js';
import type { PhotoEvidence, ReportAnswers } from './report.model.js';
import { type DialogueRow, parseRow } from '../telegram/dialogue-store.js';
import { openReportDialogue } from './report-open.queries.js';
import { type ReportState, reportStateSchema } from './report-state.js';
import { type ConsumedRow, submitInOneStatement } from './report-submit.queries.js';
import { summarySubmissionKey } from './reports.buttons.js';
import { isSubmissionStored } from './reports.queries.js';

export { listLeaderTasks, type LeaderTaskLine } from './reports.queries.js';

/** Whether the report sent from this member's summary (its token, reportSendButton in reports.buttons.ts) is stored. */
export function isSentFromSummary(db: Db, memberId: number, token: number): Promise<boolean> {
  return isSubmissionStored(db, summarySubmissionKey(memberId, token));
}

export type { PhotoEvidence, ReportAnswers };

export type Refusal = 'not-found' | 'not-member' | 'not-assigned' | 'closed' | 'cancelled';

/** Who may not report what, in the order it is checked. */
function refusal(row: { task_id: number | null; unit_id: number | null; assigned: number | null; task_status: TaskStatus | null }): Refusal | null {
  if (row.task_id === null) return 'not-found';
  if (row.unit_id === null) return 'not-member';
  if (row.assigned === null) return 'not-assigned';
  if (row.task_status === 'closed' || row.task_status === 'cancelled') return row.task_status;
  return null;
}

export type SubmitResult =
  | { outcome: 'saved' | 'duplicate'; revision: number; late: boolean; flags: ReportFlag[]; submittedAt: Date }
  | { outcome: 'refused'; reason: Refusal };

export interface Submission {
  memberId: number;
  taskId: number;
  unitId: number;
  /** The pressed "Gửi" button: a replayed or re-delivered submission with the same key is a no-op. */
  submissionKey: string;
  answers: ReportAnswers;
}

const isUniqueViolation = (error: unknown) => typeof error === 'object' && error !== null && 'code' in error && error.code === '23505';

async function submit(db: Db, clock: Clock, input: Submission, guard: ConsumedRow | null): Promise<SubmitResult | { outcome: 'stale' }> {
  const at = clock.now();
  // The same key sent twice at the very same moment: the second statement fails on the key, and its retry finds the first.
  const row = await submitInOneStatement(db, { ...input, at }, guard).catch((error: unknown) => {
    if (isUniqueViolation(error)) return submitInOneStatement(db, { ...input, at }, guard);
    throw error;
  });
  if (guard && row.guarded === 0) return { outcome: 'stale' };
  if (row.previous_revision !== null && row.previous_at !== null) {
    return { outcome: 'duplicate', revision: row.previous_revision, late: row.previous_late ?? false, flags: row.previous_flags ?? [], submittedAt: row.previous_at };
  }
  const refused = refusal(row);
  if (refused || row.revision_count === null) return { outcome: 'refused', reason: refused ?? 'not-found' };
  return { outcome: 'saved', revision: row.revision_count, late: row.late ?? false, flags: row.flags ?? [], submittedAt: at };
}

/**
 * Stores a submission as a new revision and makes it the unit's current report, in one statement:
 * the same key again is a duplicate (nothing stored); a closed, cancelled or foreign target is refused.
 */
export async function submitReport(db: Db, clock: Clock, input: Submission): Promise<SubmitResult> {
  const result = await submit(db, clock, input, null);
  if (result.outcome === 'stale') throw new Error('a submission without a dialogue cannot be stale');
  return result;
}

/**
 * As submitReport, from an open dialogue: the same statement consumes the dialogue's row at the
 * version the answers were read from; 'stale' (nothing stored) when the row is gone or newer.
 */
export function submitFromDialogue(db: Db, clock: Clock, input: Submission, guard: ConsumedRow): Promise<SubmitResult | { outcome: 'stale' }> {
  return submit(db, clock, input, guard);
}

/** What a "Báo cáo" press opens: see openReport. */
export type OpenOutcome =
  /** Not for this path: a stranger, or an admin dialogue is open (the rest of the bot handles the press). */
  | { kind: 'pass' }
  /** A report dialogue is already open in this chat: the press belongs to it. */
  | { kind: 'open-already'; row: DialogueRow }
  | { kind: 'refused'; reason: Refusal; locale: string | null }
  /** `row` as stored (the runtime keeps it), `state` its report state. */
  | { kind: 'opened'; row: DialogueRow; state: ReportState; locale: string | null; intro: ReportIntro };

/** What the first message of a report shows. */
export interface ReportIntro {
  title: string;
  unit: string;
  dueAt: Date;
  /** The task was set by lunar dates: its deadline is shown with its lunar date, as in the reminders. */
  lunarDates: boolean;
  already: { by: string; at: Date } | null;
  /** Why an official returned the current report, shown again when reporting anew. */
  returnReason: string | null;
}

/**
 * Opens the leader's report dialogue for a "Báo cáo" press in one round trip: the member is
 * found by Telegram id, the target checked, and the dialogue row stored (keys and `atMs`, the
 * wall-clock time of the press, come from the dialogue runtime).
 */
export async function openReport(db: Db, clock: Clock, p: { telegramId: number; taskId: number; unitId: number; dialogueKey: string; conversationKey: string; atMs: number }): Promise<OpenOutcome> {
  const row = await openReportDialogue(db, { ...p, now: clock.now() });
  if (row.member_id === null || row.busy) return { kind: 'pass' };
  if (row.dialogue != null) {
    const open = parseRow(row.dialogue);
    return open ? { kind: 'open-already', row: open } : { kind: 'pass' };
  }
  const refused = refusal(row);
  if (refused) return { kind: 'refused', reason: refused, locale: row.member_locale };
  if (row.opened == null || row.title === null || row.unit_name === null || row.due_at === null) return { kind: 'pass' };
  const returnReason = row.returned_at ? row.return_reason : null;
  const already = row.reported_at && row.reported_by !== null && !returnReason ? { by: row.reported_by, at: row.reported_at } : null;
  const intro = { title: row.title, unit: row.unit_name, dueAt: row.due_at, lunarDates: row.lunar_dates === true, already, returnReason };
  const opened = parseRow(row.opened);
  const state = reportStateSchema.safeParse(opened?.s);
  if (!opened || !state.success) throw new Error('the opened report row does not match report-state.ts');
  return { kind: 'opened', row: opened, state: state.data, locale: row.member_locale, intro };
}
