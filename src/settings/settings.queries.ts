import { sql, type Updateable } from 'kysely';
import { currentOfficeId } from '../core/office-scope.js';
import type { DbOrTrx } from '../core/db.js';
import type { OfficeSettingsTable } from '../core/schema.js';

/** One office's settings row (by default the update's office; outside an update, the top office). */
export function selectOfficeSettings(db: DbOrTrx, officeId: number | undefined = currentOfficeId()) {
  return db
    .selectFrom('office_settings')
    .selectAll()
    .where('id', '=', officeId ?? sql<number>`(select min(id) from offices where parent_id is null)`)
    .executeTakeFirst();
}

/** Every office with its settings row (the row's id is the office's id). */
export function selectOfficesWithSettings(db: DbOrTrx) {
  return db
    .selectFrom('offices as o')
    .leftJoin('office_settings as s', 's.id', 'o.id')
    .select(['o.id as officeId', 'o.name as officeName', 'o.kind', 'o.parent_id'])
    .select(['s.id', 's.residential_term', 's.tet_pause', 's.office_name', 's.parent_body', 's.place', 's.signer_title', 's.signer_name', 's.signs_for_chair', 's.recipients', 's.updated_at'])
    .orderBy('o.id')
    .execute();
}

/** Each office's settings row is created with the office; an upsert keeps working if it was ever removed. */
export async function updateOfficeSettings(
  db: DbOrTrx,
  changes: Omit<Updateable<OfficeSettingsTable>, 'id' | 'updated_at'>,
  at: Date,
  officeId: number | undefined = currentOfficeId(),
): Promise<void> {
  await db
    .insertInto('office_settings')
    .values({ id: officeId ?? sql<number>`home_office()`, recipients: '[]', ...changes, updated_at: at })
    .onConflict((oc) => oc.column('id').doUpdateSet({ ...changes, updated_at: at }))
    .execute();
}
