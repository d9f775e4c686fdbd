import type { Kysely } from 'kysely';

// Frozen in time: never import application code here.
//
// A broadcast made by a plan's import belongs to the plan's campaign, so the campaign's results
// report can say what propaganda was actually sent. Broadcasts made by hand belong to none (null).
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .alterTable('broadcasts')
    .addColumn('campaign_id', 'integer', (c) => c.references('campaigns.id').onDelete('set null'))
    .execute();
  await db.schema.createIndex('broadcasts_campaign_idx').on('broadcasts').column('campaign_id').where('campaign_id', 'is not', null).execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropIndex('broadcasts_campaign_idx').execute();
  await db.schema.alterTable('broadcasts').dropColumn('campaign_id').execute();
}
