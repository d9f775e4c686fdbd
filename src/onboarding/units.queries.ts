import { sql } from 'kysely';
import type { Db, DbOrTrx, Trx } from '../core/db.js';
import type { UnitKind } from '../core/schema.js';

const UNIT_COLUMNS = ['id', 'kind', 'name', 'households'] as const;

/** Active units in listing order: by kind, then as they were added. */
export function listActiveUnitRows(db: DbOrTrx) {
  return db.selectFrom('units').select(UNIT_COLUMNS).where('active', '=', true).orderBy('kind').orderBy('id').execute();
}

export function findActiveUnitRow(db: DbOrTrx, unitId: number) {
  return db.selectFrom('units').select(UNIT_COLUMNS).where('id', '=', unitId).where('active', '=', true).executeTakeFirst();
}

/** The members who report for units (those who left excluded), deputies after leaders, then by name. */
export function listUnitMemberRows(db: Db) {
  return db
    .selectFrom('unit_members as um')
    .innerJoin('members as m', 'm.id', 'um.member_id')
    .select(['um.unit_id', 'm.display_name', 'm.username', 'um.position', 'm.status'])
    .where('m.status', '!=', 'left')
    .orderBy('um.position')
    .orderBy('m.display_name')
    .execute();
}

/** Adds a unit unless an active one has the same name (any case); undefined then. */
export function insertUnitUnlessTaken(trx: Trx, unit: { kind: UnitKind; name: string; households: number | null; createdAt: Date }) {
  return trx
    .insertInto('units')
    .values({ kind: unit.kind, name: unit.name, households: unit.households, created_at: unit.createdAt })
    .onConflict((oc) => oc.expression(sql`office_id, lower(name)`).where('active', '=', true).doNothing())
    .returning(UNIT_COLUMNS)
    .executeTakeFirst();
}

/** Another active unit already called `name` (any case), if any. */
export function findOtherActiveUnitNamed(trx: Trx, name: string, exceptUnitId: number) {
  return trx
    .selectFrom('units')
    .select('id')
    .where(sql<string>`lower(name)`, '=', name.toLocaleLowerCase('vi'))
    .where('active', '=', true)
    .where('id', '!=', exceptUnitId)
    .executeTakeFirst();
}

export async function setUnitName(trx: Trx, unitId: number, name: string): Promise<void> {
  await trx.updateTable('units').set({ name }).where('id', '=', unitId).execute();
}

/** Deactivates an active unit and returns it; undefined when it was not active. */
export function deactivateUnitRow(trx: Trx, unitId: number) {
  return trx.updateTable('units').set({ active: false }).where('id', '=', unitId).where('active', '=', true).returning(UNIT_COLUMNS).executeTakeFirst();
}

/** Deactivated units, as they were added. */
export function listInactiveUnitRows(db: DbOrTrx) {
  return db.selectFrom('units').select(UNIT_COLUMNS).where('active', '=', false).orderBy('kind').orderBy('id').execute();
}

/** Active units nobody reports for yet (members who left do not count), in listing order. */
export function listUnitRowsWithoutMembers(db: DbOrTrx) {
  return db
    .selectFrom('units as u')
    .select(['u.id', 'u.kind', 'u.name', 'u.households'])
    .where('u.active', '=', true)
    .where(({ not, exists, selectFrom }) =>
      not(
        exists(
          selectFrom('unit_members as um')
            .innerJoin('members as m', 'm.id', 'um.member_id')
            .select('um.unit_id')
            .whereRef('um.unit_id', '=', 'u.id')
            .where('m.status', '!=', 'left'),
        ),
      ),
    )
    .orderBy('u.kind')
    .orderBy('u.id')
    .execute();
}

/** Makes a deactivated unit active again and returns it; undefined when it was not inactive. */
export function reactivateUnitRow(trx: Trx, unitId: number) {
  return trx.updateTable('units').set({ active: true }).where('id', '=', unitId).where('active', '=', false).returning(UNIT_COLUMNS).executeTakeFirst();
}

export async function setUnitHouseholds(trx: Trx, unitId: number, households: number): Promise<void> {
  await trx.updateTable('units').set({ households }).where('id', '=', unitId).execute();
}


export function findInactiveUnitRow(db: DbOrTrx, unitId: number) {
  return db.selectFrom('units').select(UNIT_COLUMNS).where('id', '=', unitId).where('active', '=', false).executeTakeFirst();
}
