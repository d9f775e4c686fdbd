import { recordAudit } from '../core/audit.js';
import type { Clock } from '../core/clock.js';
import type { Db } from '../core/db.js';
import type { Position, UnitKind } from '../core/schema.js';
import type { HouseholdEdit } from './units-households.rules.js';
import type { UnitLine } from './units.rules.js';
import {
  deactivateUnitRow,
  findActiveUnitRow,
  findInactiveUnitRow,
  findOtherActiveUnitNamed,
  insertUnitUnlessTaken,
  listActiveUnitRows,
  listInactiveUnitRows,
  listUnitMemberRows,
  listUnitRowsWithoutMembers,
  reactivateUnitRow,
  setUnitHouseholds,
  setUnitName,
} from './units.queries.js';

export interface Unit {
  id: number;
  kind: UnitKind;
  name: string;
  households: number | null;
}

export interface UnitWithMembers extends Unit {
  members: { displayName: string; username: string | null; position: Position; status: string }[];
}

/** Active units, by kind and then as they were added. */
export async function listActiveUnits(db: Db): Promise<Unit[]> {
  return listActiveUnitRows(db);
}

export async function findActiveUnit(db: Db, unitId: number): Promise<Unit | null> {
  return (await findActiveUnitRow(db, unitId)) ?? null;
}

export async function findInactiveUnit(db: Db, unitId: number): Promise<Unit | null> {
  return (await findInactiveUnitRow(db, unitId)) ?? null;
}

/** Active units with their reporting members, for /units. */
export async function listUnitsWithMembers(db: Db): Promise<UnitWithMembers[]> {
  const [units, rows] = await Promise.all([listActiveUnitRows(db), listUnitMemberRows(db)]);
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
export async function addUnits(db: Db, clock: Clock, actorId: number, kind: UnitKind, lines: UnitLine[]): Promise<{ added: Unit[]; skipped: string[] }> {
  return db.transaction().execute(async (trx) => {
    const added: Unit[] = [];
    const skipped: string[] = [];
    for (const line of lines) {
      const row = await insertUnitUnlessTaken(trx, { kind, name: line.name, households: line.households, createdAt: clock.now() });
      if (row) added.push(row);
      else skipped.push(line.name);
    }
    if (added.length > 0) {
      const details = { kind, names: added.map((u) => u.name) };
      await recordAudit(trx, { actorId, action: 'unit.added', subject: added.map((u) => `unit:${u.id}`).join(','), details, at: clock.now() });
    }
    return { added, skipped };
  });
}

export type RenameResult = 'renamed' | 'name-taken' | 'not-found';

/** Renames an active unit unless another active unit has that name; audit-logged. */
export async function renameUnit(db: Db, clock: Clock, actorId: number, unitId: number, name: string): Promise<RenameResult> {
  return db.transaction().execute(async (trx) => {
    const unit = await findActiveUnitRow(trx, unitId);
    if (!unit) return 'not-found';
    if (await findOtherActiveUnitNamed(trx, name, unitId)) return 'name-taken';
    await setUnitName(trx, unitId, name);
    await recordAudit(trx, { actorId, action: 'unit.renamed', subject: `unit:${unitId}`, details: { from: unit.name, to: name }, at: clock.now() });
    return 'renamed';
  });
}

/** Deactivates an active unit (its history stays); audit-logged. Null when it was not active. */
export async function deactivateUnit(db: Db, clock: Clock, actorId: number, unitId: number): Promise<Unit | null> {
  return db.transaction().execute(async (trx) => {
    const unit = await deactivateUnitRow(trx, unitId);
    if (!unit) return null;
    await recordAudit(trx, { actorId, action: 'unit.deactivated', subject: `unit:${unitId}`, details: { name: unit.name }, at: clock.now() });
    return unit;
  });
}

/** Deactivated units, by kind and then as they were added. */
export async function listInactiveUnits(db: Db): Promise<Unit[]> {
  return listInactiveUnitRows(db);
}

/** Active units nobody has joined yet (the ones a bulk invitation is for). */
export async function listUnitsWithoutMembers(db: Db): Promise<Unit[]> {
  return listUnitRowsWithoutMembers(db);
}

export type ReactivateResult = { ok: true; unit: Unit } | { ok: false; reason: 'name-taken' | 'not-found' };

/** Makes a deactivated unit active again, unless an active unit now has its name; audit-logged. */
export async function reactivateUnit(db: Db, clock: Clock, actorId: number, unitId: number): Promise<ReactivateResult> {
  return db.transaction().execute(async (trx): Promise<ReactivateResult> => {
    const inactive = await findInactiveUnitRow(trx, unitId);
    if (!inactive) return { ok: false, reason: 'not-found' };
    if (await findOtherActiveUnitNamed(trx, inactive.name, unitId)) return { ok: false, reason: 'name-taken' };
    const unit = await reactivateUnitRow(trx, unitId);
    if (!unit) return { ok: false, reason: 'not-found' };
    await recordAudit(trx, { actorId, action: 'unit.reactivated', subject: `unit:${unitId}`, details: { name: unit.name }, at: clock.now() });
    return { ok: true, unit };
  });
}

/** Stores new household counts (all or none) with one audit line listing each change. */
export async function setHouseholds(db: Db, clock: Clock, actorId: number, edits: HouseholdEdit[]): Promise<void> {
  if (edits.length === 0) return;
  await db.transaction().execute(async (trx) => {
    for (const edit of edits) await setUnitHouseholds(trx, edit.unitId, edit.to);
    const details = { changes: edits.map((e) => ({ unitId: e.unitId, from: e.from, to: e.to })) };
    await recordAudit(trx, { actorId, action: 'unit.households', subject: edits.map((e) => `unit:${e.unitId}`).join(','), details, at: clock.now() });
  });
}
