import type { DbOrTrx, Trx } from '../core/db.js';
import type { InvitePurpose, Position, Role } from '../core/schema.js';

export interface NewInviteRow {
  codeHash: string;
  role: Role;
  unitId: number | null;
  position: Position | null;
  /** null only for the setup code, made while there is no admin. */
  createdBy: number | null;
  expiresAt: Date;
  createdAt: Date;
  /** Set only outside an update (the setup code: the top office's); inside one, the update's office. */
  officeId?: number;
  purpose?: InvitePurpose;
  creationKey?: string | null;
}

/** Inserts the invites and returns their ids, in order. */
export async function insertInvites(trx: Trx, invites: NewInviteRow[]): Promise<number[]> {
  if (invites.length === 0) return [];
  const rows = await trx
    .insertInto('invites')
    .values(
      invites.map((i) => ({
        code_hash: i.codeHash,
        role: i.role,
        unit_id: i.unitId,
        position: i.position,
        created_by: i.createdBy,
        expires_at: i.expiresAt,
        created_at: i.createdAt,
        purpose: i.purpose ?? 'invite',
        creation_key: i.creationKey ?? null,
        ...(i.officeId === undefined ? {} : { office_id: i.officeId }),
      })),
    )
    .returning('id')
    .execute();
  return rows.map((r) => r.id);
}

/** True when a batch was already made by this press. */
export async function batchExists(trx: Trx, creationKey: string): Promise<boolean> {
  const row = await trx.selectFrom('invites').select('id').where('creation_key', '=', creationKey).limit(1).executeTakeFirst();
  return row !== undefined;
}

/** The invite with this code hash, locked until the transaction ends (two presses of one link: one wins). */
export function lockInviteByHash(trx: Trx, codeHash: string) {
  return trx.selectFrom('invites').selectAll().where('code_hash', '=', codeHash).forUpdate().executeTakeFirst();
}

/** The unit an invite names, active or not. */
export function findInviteUnit(trx: Trx, unitId: number) {
  return trx.selectFrom('units').select(['id', 'kind', 'name', 'active']).where('id', '=', unitId).executeTakeFirst();
}

export async function markInviteUsed(trx: Trx, inviteId: number, memberId: number, now: Date): Promise<void> {
  await trx.updateTable('invites').set({ used_by: memberId, used_at: now }).where('id', '=', inviteId).execute();
}

/** Setup codes not used yet stop working now (a newer one, or an admin, makes them pointless). */
export async function expireOpenSetupCodes(trx: Trx, now: Date): Promise<number> {
  const result = await trx
    .updateTable('invites')
    .set({ expires_at: now })
    .where('purpose', '=', 'setup')
    .where('used_at', 'is', null)
    .where('expires_at', '>', now)
    .executeTakeFirst();
  return Number(result.numUpdatedRows);
}

/** Whether anyone is an admin (people who left do not count). */
export async function adminExists(db: DbOrTrx): Promise<boolean> {
  const row = await db.selectFrom('members').select('id').where('role', '=', 'admin').where('status', '!=', 'left').limit(1).executeTakeFirst();
  return row !== undefined;
}

/** Of these units, those with an invitation that is still unused and valid. */
export async function unitsWithOpenInvites(db: DbOrTrx, unitIds: number[], now: Date): Promise<number[]> {
  if (unitIds.length === 0) return [];
  const rows = await db
    .selectFrom('invites')
    .select('unit_id')
    .distinct()
    .where('unit_id', 'in', unitIds)
    .where('used_at', 'is', null)
    .where('expires_at', '>', now)
    .execute();
  return rows.flatMap((r) => (r.unit_id === null ? [] : [r.unit_id]));
}
