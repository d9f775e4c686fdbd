import { createHash, randomBytes } from 'node:crypto';
import { DateTime } from 'luxon';
import { recordAudit } from '../core/audit.js';
import type { Clock } from '../core/clock.js';
import type { Db, Trx } from '../core/db.js';
import { higherRole, type Member, toMember } from '../core/member.js';
import type { Position, Role } from '../core/schema.js';
import { findInviteUnit, insertInvite, lockInviteByHash, markInviteUsed } from './invites.queries.js';
import { findMemberRoleByTelegramId, upsertActiveMember, upsertUnitMember } from './members.queries.js';
import { identityOf, type Newcomer } from './members.service.js';

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

/** A single-use invitation valid for `ttlDays`; only the code's hash is stored. Audit-logged. */
export async function createInvite(db: Db, clock: Clock, opts: { actorId: number; ttlDays: number } & InviteRequest): Promise<CreatedInvite> {
  const code = randomBytes(18).toString('base64url');
  const now = clock.now();
  const expiresAt = DateTime.fromJSDate(now).plus({ days: opts.ttlDays }).toJSDate();
  const { role, unitId, position, actorId } = opts;
  await db.transaction().execute(async (trx) => {
    const inviteId = await insertInvite(trx, { codeHash: hashInviteCode(code), role, unitId, position, createdBy: actorId, expiresAt, createdAt: now });
    const details = { role, unitId, position, expiresAt: expiresAt.toISOString() };
    await recordAudit(trx, { actorId, action: 'invite.created', subject: `invite:${inviteId}`, details, at: now });
  });
  return { code, expiresAt };
}

export type RedeemResult =
  | { ok: true; member: Member; unitName: string | null; position: Position | null; roleChanged: boolean }
  | { ok: false; reason: 'unknown' | 'used' | 'expired' | 'unit-inactive' };

type Invite = NonNullable<Awaited<ReturnType<typeof lockInviteByHash>>>;
type InviteCheck = { ok: true; invite: Invite; unit: { id: number; name: string } | null } | Extract<RedeemResult, { ok: false }>;

/** The invite behind a code, if it can still be used, with its unit. */
async function usableInvite(trx: Trx, code: string, now: Date): Promise<InviteCheck> {
  const invite = await lockInviteByHash(trx, hashInviteCode(code));
  if (!invite) return { ok: false, reason: 'unknown' };
  if (invite.used_at) return { ok: false, reason: 'used' };
  if (invite.expires_at.getTime() <= now.getTime()) return { ok: false, reason: 'expired' };
  const unit = invite.unit_id ? await findInviteUnit(trx, invite.unit_id) : undefined;
  if (unit && !unit.active) return { ok: false, reason: 'unit-inactive' };
  return { ok: true, invite, unit: unit ?? null };
}

/** Registers the newcomer with the invite's role and unit; a bad code changes nothing. */
export async function redeemInvite(db: Db, clock: Clock, code: string, who: Newcomer): Promise<RedeemResult> {
  return db.transaction().execute(async (trx) => {
    const now = clock.now();
    const check = await usableInvite(trx, code, now);
    if (!check.ok) return check;
    const { invite, unit } = check;
    const existing = await findMemberRoleByTelegramId(trx, who.telegramId);
    // Someone who left starts again from the invite's role; otherwise nobody is demoted.
    const role = existing && existing.status !== 'left' ? higherRole(existing.role, invite.role) : invite.role;
    const row = await upsertActiveMember(trx, identityOf(who), role, now);
    const position = unit ? (invite.position ?? 'leader') : null;
    if (unit && position) await upsertUnitMember(trx, { unitId: unit.id, memberId: row.id, position, now });
    await markInviteUsed(trx, invite.id, row.id, now);
    const details = { role, unitId: unit?.id ?? null };
    await recordAudit(trx, { actorId: row.id, action: 'invite.used', subject: `invite:${invite.id}`, details, at: now });
    return { ok: true, member: toMember(row), unitName: unit?.name ?? null, position, roleChanged: existing?.role !== role };
  });
}
