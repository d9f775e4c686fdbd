import { createHash, randomBytes } from 'node:crypto';
import { DateTime } from 'luxon';
import { recordAudit } from '../core/audit.js';
import type { Clock } from '../core/clock.js';
import type { Db } from '../core/db.js';
import { higherRole, type Member, toMember } from '../core/member.js';
import type { Position, Role } from '../core/schema.js';

/** Invite codes are shown once and stored only as this hash. */
export function hashInviteCode(code: string): string {
  return createHash('sha256').update(code).digest('hex');
}

/** A start payload may hold 1-64 of [A-Za-z0-9_-]; 18 random bytes give 24 such characters. */
export function isInviteCodeShape(text: string): boolean {
  return /^[A-Za-z0-9_-]{16,64}$/.test(text);
}

export interface InviteRequest {
  role: Role;
  unitId: number | null;
  position: Position | null;
}

export interface CreatedInvite {
  code: string;
  expiresAt: Date;
}

export async function createInvite(
  db: Db,
  clock: Clock,
  opts: { actorId: number; ttlDays: number } & InviteRequest,
): Promise<CreatedInvite> {
  const code = randomBytes(18).toString('base64url');
  const now = clock.now();
  const expiresAt = DateTime.fromJSDate(now).plus({ days: opts.ttlDays }).toJSDate();
  await db.transaction().execute(async (trx) => {
    const invite = await trx
      .insertInto('invites')
      .values({
        code_hash: hashInviteCode(code),
        role: opts.role,
        unit_id: opts.unitId,
        position: opts.position,
        created_by: opts.actorId,
        expires_at: expiresAt,
        created_at: now,
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    await recordAudit(trx, {
      actorId: opts.actorId,
      action: 'invite.created',
      subject: `invite:${invite.id}`,
      details: { role: opts.role, unitId: opts.unitId, position: opts.position, expiresAt: expiresAt.toISOString() },
      at: now,
    });
  });
  return { code, expiresAt };
}

export interface Newcomer {
  telegramId: number;
  chatId: number;
  displayName: string;
  username: string | null;
}

export type RedeemResult =
  | { ok: true; member: Member; unitName: string | null; position: Position | null; roleChanged: boolean }
  | { ok: false; reason: 'unknown' | 'used' | 'expired' | 'unit-inactive' };

/** Registers the newcomer with the invite's role and unit; a bad code changes nothing. */
export async function redeemInvite(db: Db, clock: Clock, code: string, who: Newcomer): Promise<RedeemResult> {
  return db.transaction().execute(async (trx) => {
    const invite = await trx
      .selectFrom('invites')
      .selectAll()
      .where('code_hash', '=', hashInviteCode(code))
      .forUpdate()
      .executeTakeFirst();
    const now = clock.now();
    if (!invite) return { ok: false, reason: 'unknown' } as const;
    if (invite.used_at) return { ok: false, reason: 'used' } as const;
    if (invite.expires_at.getTime() <= now.getTime()) return { ok: false, reason: 'expired' } as const;
    const unit = invite.unit_id
      ? await trx.selectFrom('units').select(['id', 'name', 'active']).where('id', '=', invite.unit_id).executeTakeFirst()
      : undefined;
    if (unit && !unit.active) return { ok: false, reason: 'unit-inactive' } as const;

    const existing = await trx.selectFrom('members').selectAll().where('telegram_id', '=', who.telegramId).executeTakeFirst();
    const role = existing && existing.status !== 'left' ? higherRole(existing.role, invite.role) : invite.role;
    const row = await trx
      .insertInto('members')
      .values({
        telegram_id: who.telegramId,
        chat_id: who.chatId,
        display_name: who.displayName,
        username: who.username,
        role,
        status: 'active',
        created_at: now,
        updated_at: now,
      })
      .onConflict((oc) =>
        oc.column('telegram_id').doUpdateSet({
          chat_id: who.chatId,
          display_name: who.displayName,
          username: who.username,
          role,
          status: 'active',
          updated_at: now,
        }),
      )
      .returningAll()
      .executeTakeFirstOrThrow();
    const position = unit ? (invite.position ?? 'leader') : null;
    if (unit && position) {
      await trx
        .insertInto('unit_members')
        .values({ unit_id: unit.id, member_id: row.id, position, created_at: now })
        .onConflict((oc) => oc.columns(['unit_id', 'member_id']).doUpdateSet({ position }))
        .execute();
    }
    await trx.updateTable('invites').set({ used_by: row.id, used_at: now }).where('id', '=', invite.id).execute();
    await recordAudit(trx, {
      actorId: row.id,
      action: 'invite.used',
      subject: `invite:${invite.id}`,
      details: { role, unitId: unit?.id ?? null },
      at: now,
    });
    return { ok: true, member: toMember(row), unitName: unit?.name ?? null, position, roleChanged: existing?.role !== role } as const;
  });
}
