import type { Trx } from '../core/db.js';
import type { Position, Role } from '../core/schema.js';

export async function insertInvite(
  trx: Trx,
  invite: { codeHash: string; role: Role; unitId: number | null; position: Position | null; createdBy: number; expiresAt: Date; createdAt: Date },
): Promise<number> {
  const row = await trx
    .insertInto('invites')
    .values({
      code_hash: invite.codeHash,
      role: invite.role,
      unit_id: invite.unitId,
      position: invite.position,
      created_by: invite.createdBy,
      expires_at: invite.expiresAt,
      created_at: invite.createdAt,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  return row.id;
}

/** The invite with this code hash, locked until the transaction ends (two presses of one link: one wins). */
export function lockInviteByHash(trx: Trx, codeHash: string) {
  return trx.selectFrom('invites').selectAll().where('code_hash', '=', codeHash).forUpdate().executeTakeFirst();
}

/** The unit an invite names, active or not. */
export function findInviteUnit(trx: Trx, unitId: number) {
  return trx.selectFrom('units').select(['id', 'name', 'active']).where('id', '=', unitId).executeTakeFirst();
}

export async function markInviteUsed(trx: Trx, inviteId: number, memberId: number, now: Date): Promise<void> {
  await trx.updateTable('invites').set({ used_by: memberId, used_at: now }).where('id', '=', inviteId).execute();
}
