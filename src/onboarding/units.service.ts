import { sql } from 'kysely';
import { recordAudit } from '../core/audit.js';
import type { Clock } from '../core/clock.js';
import type { Db } from '../core/db.js';
import type { Position, UnitKind } from '../core/schema.js';
import type { UnitLine } from './units.rules.js';

export interface Unit {
  id: number;
  kind: UnitKind;
  name: string;
  households: number | null;
}

export interface UnitWithMembers extends Unit {
  members: { displayName: string; username: string | null; position: Position; status: string }[];
}

export async function listActiveUnits(db: Db): Promise<Unit[]> {
  return db
    .selectFrom('units')
    .select(['id', 'kind', 'name', 'households'])
    .where('active', '=', true)
    .orderBy('kind')
    .orderBy('id')
    .execute();
}

export async function findActiveUnit(db: Db, unitId: number): Promise<Unit | null> {
  const row = await db
    .selectFrom('units')
    .select(['id', 'kind', 'name', 'households'])
    .where('id', '=', unitId)
    .where('active', '=', true)
    .executeTakeFirst();
  return row ?? null;
}

/** Active units with their reporting members, for /units. */
export async function listUnitsWithMembers(db: Db): Promise<UnitWithMembers[]> {
  const units = await listActiveUnits(db);
  const rows = await db
    .selectFrom('unit_members as um')
    .innerJoin('members as m', 'm.id', 'um.member_id')
    .select(['um.unit_id', 'm.display_name', 'm.username', 'um.position', 'm.status'])
    .where('m.status', '!=', 'left')
    .orderBy('um.position')
    .orderBy('m.display_name')
    .execute();
  return units.map((u) => ({
    ...u,
    members: rows
      .filter((r) => r.unit_id === u.id)
      .map((r) => ({ displayName: r.display_name, username: r.username, position: r.position, status: r.status })),
  }));
}

/**
 * Adds units in one transaction. Names already active are skipped and returned,
 * so pasting the same list twice adds nothing.
 */
export async function addUnits(
  db: Db,
  clock: Clock,
  actorId: number,
  kind: UnitKind,
  lines: UnitLine[],
): Promise<{ added: Unit[]; skipped: string[] }> {
  return db.transaction().execute(async (trx) => {
    const added: Unit[] = [];
    const skipped: string[] = [];
    for (const line of lines) {
      const row = await trx
        .insertInto('units')
        .values({ kind, name: line.name, households: line.households, created_at: clock.now() })
        .onConflict((oc) => oc.expression(sql`lower(name)`).where('active', '=', true).doNothing())
        .returning(['id', 'kind', 'name', 'households'])
        .executeTakeFirst();
      if (row) added.push(row);
      else skipped.push(line.name);
    }
    if (added.length > 0) {
      await recordAudit(trx, {
        actorId,
        action: 'unit.added',
        subject: added.map((u) => `unit:${u.id}`).join(','),
        details: { kind, names: added.map((u) => u.name) },
        at: clock.now(),
      });
    }
    return { added, skipped };
  });
}

export type RenameResult = 'renamed' | 'name-taken' | 'not-found';

export async function renameUnit(db: Db, clock: Clock, actorId: number, unitId: number, name: string): Promise<RenameResult> {
  return db.transaction().execute(async (trx) => {
    const unit = await trx.selectFrom('units').select(['name']).where('id', '=', unitId).where('active', '=', true).executeTakeFirst();
    if (!unit) return 'not-found';
    const clash = await trx
      .selectFrom('units')
      .select('id')
      .where(sql<string>`lower(name)`, '=', name.toLocaleLowerCase('vi'))
      .where('active', '=', true)
      .where('id', '!=', unitId)
      .executeTakeFirst();
    if (clash) return 'name-taken';
    await trx.updateTable('units').set({ name }).where('id', '=', unitId).execute();
    await recordAudit(trx, {
      actorId,
      action: 'unit.renamed',
      subject: `unit:${unitId}`,
      details: { from: unit.name, to: name },
      at: clock.now(),
    });
    return 'renamed';
  });
}

export async function deactivateUnit(db: Db, clock: Clock, actorId: number, unitId: number): Promise<Unit | null> {
  return db.transaction().execute(async (trx) => {
    const unit = await trx
      .updateTable('units')
      .set({ active: false })
      .where('id', '=', unitId)
      .where('active', '=', true)
      .returning(['id', 'kind', 'name', 'households'])
      .executeTakeFirst();
    if (!unit) return null;
    await recordAudit(trx, { actorId, action: 'unit.deactivated', subject: `unit:${unitId}`, details: { name: unit.name }, at: clock.now() });
    return unit;
  });
}
