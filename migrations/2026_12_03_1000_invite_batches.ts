import { type Kysely, sql } from 'kysely';

// Frozen in time: never import application code here.
//
// Invites made many at once, and the one-time setup link:
// - `creation_key` names the button press that made a batch (one key for all its invites), so a
//   press Telegram delivers twice makes one batch, not two;
// - `purpose` tells a setup code (printed at start-up while the bot has no admin; whoever opens
//   it first becomes admin) from an ordinary invitation. Existing rows are invitations.
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .alterTable('invites')
    .addColumn('purpose', 'text', (c) => c.notNull().defaultTo('invite').check(sql`purpose in ('invite', 'setup')`))
    .addColumn('creation_key', 'text')
    .execute();
  await sql`create index invites_creation_key_idx on invites (creation_key) where creation_key is not null`.execute(db);
  await sql`create index invites_setup_open_idx on invites (purpose) where purpose = 'setup' and used_at is null`.execute(db);
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable('invites').dropColumn('creation_key').dropColumn('purpose').execute();
}
