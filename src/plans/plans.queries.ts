import { type ColumnType, type Generated, sql } from 'kysely';
import type { DbOrTrx } from '../core/db.js';

type CreatedAt = ColumnType<Date, Date | string | undefined, never>;
type Timestamp = ColumnType<Date, Date | string, Date | string>;

/** The tables of migrations/2026_12_01_1100_plan_documents.ts (this slice's own, added with `withTables`). */
export type PlanTables = {
  plan_documents: {
    id: Generated<number>;
    creation_key: string;
    campaign_id: number | null;
    file_name: string | null;
    source_text: string;
    doc_type: string | null;
    number: string | null;
    issued_text: string | null;
    issued_on: ColumnType<Date | null, string | null, string | null>;
    place: string | null;
    created_by: number | null;
    created_at: CreatedAt;
    completed_at: Timestamp | null;
  };
  plan_aliases: {
    folded: string;
    name: string;
    unit_id: number | null;
    created_by: number | null;
    updated_at: Timestamp;
  };
};

const plans = (db: DbOrTrx) => db.withTables<PlanTables>();

export interface NewPlanDocument {
  creationKey: string;
  fileName: string | null;
  text: string;
  docType: string | null;
  number: string | null;
  issuedText: string | null;
  issuedOn: string | null;
  place: string | null;
  createdBy: number;
  createdAt: Date;
}

const DOCUMENT_COLUMNS = ['id', 'campaign_id as campaignId', 'completed_at as completedAt', 'file_name as fileName'] as const;

/** Stores the document under its review key unless a row with that key is already there. */
export async function insertPlanDocumentUnlessKept(db: DbOrTrx, doc: NewPlanDocument): Promise<void> {
  await plans(db)
    .insertInto('plan_documents')
    .values({
      creation_key: doc.creationKey,
      file_name: doc.fileName,
      source_text: doc.text,
      doc_type: doc.docType,
      number: doc.number,
      issued_text: doc.issuedText,
      issued_on: doc.issuedOn,
      place: doc.place,
      created_by: doc.createdBy,
      created_at: doc.createdAt,
    })
    .onConflict((oc) => oc.column('creation_key').doNothing())
    .execute();
}

export function findPlanDocumentByKey(db: DbOrTrx, creationKey: string) {
  return plans(db).selectFrom('plan_documents').select(DOCUMENT_COLUMNS).where('creation_key', '=', creationKey).executeTakeFirst();
}

/** Links the document to its campaign; false when another run linked it first. */
export async function linkPlanCampaign(db: DbOrTrx, documentId: number, campaignId: number): Promise<boolean> {
  const result = await plans(db)
    .updateTable('plan_documents')
    .set({ campaign_id: campaignId })
    .where('id', '=', documentId)
    .where('campaign_id', 'is', null)
    .executeTakeFirst();
  return Number(result.numUpdatedRows) > 0;
}

export async function markPlanCompleted(db: DbOrTrx, documentId: number, at: Date): Promise<void> {
  await plans(db).updateTable('plan_documents').set({ completed_at: at }).where('id', '=', documentId).where('completed_at', 'is', null).execute();
}

/** The plan a campaign was imported from: what the results report cites and suggests. */
export function findPlanDocumentOfCampaign(db: DbOrTrx, campaignId: number) {
  return plans(db)
    .selectFrom('plan_documents')
    .select(['id', 'file_name as fileName', 'source_text as text', 'doc_type as docType', 'number', 'issued_text as issuedText', 'place'])
    .select(sql<string | null>`to_char(issued_on, 'YYYY-MM-DD')`.as('issuedOn'))
    .where('campaign_id', '=', campaignId)
    .executeTakeFirst();
}

export function listPlanAliasRows(db: DbOrTrx) {
  return plans(db).selectFrom('plan_aliases').select(['name', 'unit_id as unitId']).orderBy('folded').execute();
}

/** Remembers the answer for a name; a later answer for the same name replaces it. */
export async function upsertPlanAlias(db: DbOrTrx, alias: { folded: string; name: string; unitId: number | null; createdBy: number; at: Date }): Promise<void> {
  await plans(db)
    .insertInto('plan_aliases')
    .values({ folded: alias.folded, name: alias.name, unit_id: alias.unitId, created_by: alias.createdBy, updated_at: alias.at })
    .onConflict((oc) => oc.constraint('plan_aliases_pkey').doUpdateSet({ name: alias.name, unit_id: alias.unitId, created_by: alias.createdBy, updated_at: alias.at }))
    .execute();
}
