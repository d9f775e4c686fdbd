import type { Updateable } from 'kysely';
import type { DbOrTrx } from '../core/db.js';
import type { OfficeSettingsTable } from '../core/schema.js';

export function selectOfficeSettings(db: DbOrTrx) {
  return db.selectFrom('office_settings').selectAll().where('id', '=', 1).executeTakeFirst();
}

/** The one settings row is created by the migration; an upsert keeps working if it was ever removed. */
export async function updateOfficeSettings(db: DbOrTrx, changes: Omit<Updateable<OfficeSettingsTable>, 'id' | 'updated_at'>, at: Date): Promise<void> {
  await db
    .insertInto('office_settings')
    .values({ id: 1, recipients: '[]', ...changes, updated_at: at })
    .onConflict((oc) => oc.column('id').doUpdateSet({ ...changes, updated_at: at }))
    .execute();
}
