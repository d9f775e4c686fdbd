import type { Clock } from '../core/clock.js';
import type { Db } from '../core/db.js';
import type { ReportForm } from '../core/schema.js';
import type { ScopeUnit } from '../core/unit-scope.js';
import { listActiveUnits } from '../onboarding/units.service.js';
import { readQuickTask, type QuickTask } from './quick-task.js';
import { createCampaign, createTask, listCampaigns } from '../tasks/tasks.service.js';

/** What the quick-task dialogue needs: the sentence read against today's units. */
export async function readTypedTask(db: Db, text: string, opts: { zone: string; now: Date }): Promise<{ task: QuickTask; units: ScopeUnit[] }> {
  const units = await listActiveUnits(db);
  return { task: readQuickTask(text, { ...opts, units }), units };
}

/** Does a typed message look like a task (a kind of work or a date)? Short chat stays chat. */
export function looksLikeTask(task: QuickTask): boolean {
  return task.title.length >= 4 && (task.kind !== null || task.when !== null || task.dateTrouble !== null);
}

/** Read to the end: a known kind of work, and no date words left unread (or already past). */
export function fullyRead(task: QuickTask): boolean {
  return task.kind !== null && task.dateTrouble === null;
}

export interface QuickDraft {
  title: string;
  template: string;
  form: ReportForm;
  dueAt: Date;
  eventAt: Date | null;
  period: { start: Date; end: Date } | null;
  unitIds: number[];
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
