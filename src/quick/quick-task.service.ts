import { periodReportDue } from '../calendar/period.rules.js';
import type { Clock } from '../core/clock.js';
import type { Db } from '../core/db.js';
import type { ReportForm } from '../core/schema.js';
import type { ScopeUnit } from '../core/unit-scope.js';
import { listActiveUnits } from '../onboarding/units.service.js';
import { readQuickTask, type QuickTask } from './quick-task.js';
import { createCampaign, createTask, listCampaigns } from '../tasks/tasks.service.js';
import type { NewTaskArgs } from '../tasks/newtask.conversation.js';

/** What the quick-task dialogue needs: the sentence read against today's units. */
export async function readTypedTask(db: Db, text: string, opts: { zone: string; now: Date }): Promise<{ task: QuickTask; units: ScopeUnit[] }> {
  const units = await listActiveUnits(db);
  return { task: readQuickTask(text, { ...opts, units }), units };
}

/** The report deadline and period a sentence gives: a flag period is reported by its start (hang it first, then confirm), other work by its end. */
export function typedTimes(task: QuickTask, zone: string): { dueAt: Date | null; period: { start: Date; end: Date } | null } {
  const dueAt = task.kind === 'flag' && task.startsAt && task.dueAt ? periodReportDue({ start: task.startsAt, end: task.dueAt }, zone) : task.dueAt;
  return { dueAt, period: task.startsAt && task.dueAt ? { start: task.startsAt, end: task.dueAt } : null };
}

/** The sentence gave its dates in the lunar calendar ("mùng 10 tháng 3 âm lịch", "Giỗ Tổ Hùng Vương"). */
export function typedLunar(task: QuickTask): boolean {
  return task.when !== null && (task.when.startLunar !== null || task.when.endLunar !== null);
}

/** Does a typed message look like a task (a kind of work or a date)? Short chat stays chat. */
export function looksLikeTask(task: QuickTask): boolean {
  return task.title.length >= 4 && (task.kind !== null || task.when !== null || task.dateTrouble !== null);
}

/** Read to the end: a known kind of work, and no date words left unread (or already past). */
export function fullyRead(task: QuickTask): boolean {
  return task.kind !== null && task.dateTrouble === null;
}

/**
 * What /newtask starts with when a sentence was not fully read: the title and kind, and the date
 * or period and the units only when the sentence said them (a date with unread words beside it
 * is not carried: the clerk types it again).
 */
export function prefillOf(task: QuickTask): NewTaskArgs['prefill'] {
  const when = task.dueAt && !task.dateTrouble ? { when: { start: task.startsAt?.toISOString() ?? null, end: task.dueAt.toISOString(), lunar: typedLunar(task) } } : {};
  const said = task.chosenBy !== 'default' && task.chosenBy !== 'none' && task.unitIds.length > 0;
  return { title: task.title, template: task.template, ...when, ...(said ? { unitIds: task.unitIds } : {}) };
}

export interface QuickDraft {
  title: string;
  template: string;
  form: ReportForm;
  dueAt: Date;
  eventAt: Date | null;
  period: { start: Date; end: Date } | null;
  unitIds: number[];
  lunarDates: boolean;
}

/**
 * Creates the task in the latest campaign (or a new one named for the month when there is none);
 * `key` (the confirming press) makes a repeated confirmation create nothing twice.
 */
export async function createQuickTask(db: Db, clock: Clock, actorId: number, draft: QuickDraft, key: string, campaignName: string): Promise<{ id: number; campaign: string }> {
  const [latest] = await listCampaigns(db, 1);
  const campaign = latest ?? (await createCampaign(db, clock, actorId, { name: campaignName, startsOn: null, endsOn: null }));
  const task = await createTask(db, clock, actorId, { ...draft, campaignId: campaign.id, description: null }, key);
  return { id: task.id, campaign: campaign.name };
}
