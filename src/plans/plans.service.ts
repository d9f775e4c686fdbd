import { recordAudit } from '../core/audit.js';
import type { Clock } from '../core/clock.js';
import type { Db } from '../core/db.js';
import { foldVietnamese } from '../core/fold.js';
import { type BroadcastDraft, type BroadcastSettings, createBroadcast } from '../broadcasts/broadcasts.service.js';
import { listActiveUnits } from '../onboarding/units.service.js';
import { createCampaign, createTask, type TaskDraft } from '../tasks/tasks.service.js';
import { parsePlan } from './plan-parser.js';
import type { PlanAlias, PlanDraft, PlanUnit } from './plan-types.js';
import {
  findPlanDocumentByKey,
  findPlanDocumentOfCampaign,
  insertPlanDocumentUnlessKept,
  linkPlanCampaign,
  listPlanAliasRows,
  markPlanCompleted,
  type NewPlanDocument,
  upsertPlanAlias,
} from './plans.queries.js';

/** A plan as read for review, with the units it was matched against. */
export interface ReadPlan {
  draft: PlanDraft;
  units: PlanUnit[];
}

/**
 * Reads a plan's text against the active units and the names the admin already mapped once.
 * Nothing is stored.
 */
export async function readPlan(db: Db, text: string, zone: string, received?: Date): Promise<ReadPlan> {
  const units = (await listActiveUnits(db)).map(({ id, name, kind }) => ({ id, name, kind }));
  const aliases: PlanAlias[] = await listPlanAliasRows(db);
  return { draft: parsePlan(text, { zone, units, aliases, ...(received ? { received } : {}) }), units };
}

/** Remembers the admin's answers for names that matched no unit (a unit, or null to skip the name); audit-logged. */
export async function rememberAliases(db: Db, clock: Clock, actorId: number, answers: PlanAlias[]): Promise<void> {
  const at = clock.now();
  await db.transaction().execute(async (trx) => {
    for (const a of answers) await upsertPlanAlias(trx, { folded: foldVietnamese(a.name), name: a.name, unitId: a.unitId, createdBy: actorId, at });
    await recordAudit(trx, { actorId, action: 'plan.aliases', subject: 'plan', details: { aliases: answers }, at });
  });
}

/** What the review decided: the campaign, the document it came from, and each kept item's task and broadcast. */
export interface PlanImport {
  /** The review's key: the same review creates at most once, whatever is pressed twice. */
  creationKey: string;
  campaign: { name: string; startsOn: string | null; endsOn: string | null };
  document: Omit<NewPlanDocument, 'creationKey' | 'createdBy' | 'createdAt'>;
  tasks: (Omit<TaskDraft, 'campaignId'> & { index: number })[];
  broadcasts: (BroadcastDraft & { index: number })[];
}

export type PlanImportResult =
  | { ok: true; campaignId: number; tasks: number; broadcasts: number }
  | { ok: false; reason: 'already-created'; campaignId: number | null };

/**
 * Creates what the review kept: the campaign (with the source document), its tasks and its
 * scheduled broadcasts. Every step is keyed by the review's key, so a repeated press, a
 * redelivered update or a retry after a crash finishes the work without doing any of it twice;
 * once finished, the same key creates nothing. Audit-logged (the campaign, each task and
 * broadcast by their services, the import itself here).
 */
export async function createFromPlan(db: Db, clock: Clock, settings: BroadcastSettings, actorId: number, input: PlanImport): Promise<PlanImportResult> {
  const key = input.creationKey;
  await insertPlanDocumentUnlessKept(db, { ...input.document, creationKey: key, createdBy: actorId, createdAt: clock.now() });
  const doc = await findPlanDocumentByKey(db, key);
  if (!doc) throw new Error(`plan document ${key} vanished right after it was stored`);
  if (doc.completedAt) return { ok: false, reason: 'already-created', campaignId: doc.campaignId };
  const campaignId = doc.campaignId ?? (await createCampaignFor(db, clock, actorId, doc.id, input));
  for (const task of input.tasks) {
    const { index, ...draft } = task;
    await createTask(db, clock, actorId, { ...draft, campaignId }, `${key}:t${index}`);
  }
  for (const broadcast of input.broadcasts) {
    const { index, ...draft } = broadcast;
    await createBroadcast(db, clock, settings, actorId, { ...draft, campaignId }, `${key}:b${index}`);
  }
  await markPlanCompleted(db, doc.id, clock.now());
  return { ok: true, campaignId, tasks: input.tasks.length, broadcasts: input.broadcasts.length };
}

async function createCampaignFor(db: Db, clock: Clock, actorId: number, documentId: number, input: PlanImport): Promise<number> {
  const campaign = await createCampaign(db, clock, actorId, input.campaign);
  const linked = await db.transaction().execute(async (trx) => {
    if (!(await linkPlanCampaign(trx, documentId, campaign.id))) return false;
    const details = { fileName: input.document.fileName, number: input.document.number, tasks: input.tasks.length, broadcasts: input.broadcasts.length };
    await recordAudit(trx, { actorId, action: 'plan.imported', subject: `campaign:${campaign.id}`, details, at: clock.now() });
    return true;
  });
  if (linked) return campaign.id;
  // Another instance linked its own campaign between our read and our write: use that one.
  const doc = await findPlanDocumentByKey(db, input.creationKey);
  return doc?.campaignId ?? campaign.id;
}

/** The import a review key made, if any: for a late second press on "Tạo tất cả". */
export async function findImport(db: Db, creationKey: string): Promise<{ completed: boolean; campaignId: number | null } | null> {
  const doc = await findPlanDocumentByKey(db, creationKey);
  return doc ? { completed: doc.completedAt !== null, campaignId: doc.campaignId } : null;
}

/** What the results report takes from the plan a campaign was imported from (nothing when it was not imported). */
export interface CampaignPlan {
  docType: string | null;
  number: string | null;
  issuedText: string | null;
  /** The plan's text as it was read, and its place ("Cao Lộc, ngày …") when one was found. */
  text: string;
  place: string | null;
}

export async function findCampaignPlan(db: Db, campaignId: number): Promise<CampaignPlan | null> {
  const doc = await findPlanDocumentOfCampaign(db, campaignId);
  if (!doc) return null;
  return { docType: doc.docType, number: doc.number, issuedText: doc.issuedText, text: doc.text, place: doc.place };
}

/** Audit line for a results report handed out (what was generated, for whom). */
export async function recordReportGenerated(db: Db, clock: Clock, actorId: number, campaignId: number, details: Record<string, unknown>): Promise<void> {
  await recordAudit(db, { actorId, action: 'report.generated', subject: `campaign:${campaignId}`, details, at: clock.now() });
}
