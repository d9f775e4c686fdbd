import { createHash, randomBytes } from 'node:crypto';
import { DateTime } from 'luxon';
import { recordAudit } from '../core/audit.js';
import type { Clock } from '../core/clock.js';
import type { Db, Trx } from '../core/db.js';
import { higherRole, type Member, toMember } from '../core/member.js';
import type { Position, Role, UnitKind } from '../core/schema.js';
import { batchExists, findInviteUnit, insertInvites, lockInviteByHash, markInviteUsed } from './invites.queries.js';
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

/** A fresh random code (the caller shows it once; only its hash is stored). */
export function newInviteCode(): string {
  return randomBytes(18).toString('base64url');
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

const expiryAfter = (now: Date, days: number) => DateTime.fromJSDate(now).plus({ days }).toJSDate();

/** A single-use invitation valid for `ttlDays`; only the code's hash is stored. Audit-logged. */
export async function createInvite(db: Db, clock: Clock, opts: { actorId: number; ttlDays: number } & InviteRequest): Promise<CreatedInvite> {
  const code = newInviteCode();
  const now = clock.now();
  const expiresAt = expiryAfter(now, opts.ttlDays);
  const { role, unitId, position, actorId } = opts;
  await db.transaction().execute(async (trx) => {
    const [inviteId] = await insertInvites(trx, [{ codeHash: hashInviteCode(code), role, unitId, position, createdBy: actorId, expiresAt, createdAt: now }]);
    const details = { role, unitId, position, expiresAt: expiresAt.toISOString() };
    await recordAudit(trx, { actorId, action: 'invite.created', subject: `invite:${inviteId}`, details, at: now });
  });
  return { code, expiresAt };
}

export type InviteBatch = { ok: true; codes: { unitId: number; code: string }[]; expiresAt: Date } | { ok: false; reason: 'already-made' };

/**
 * One single-use invitation per unit, all in one transaction and one audit line. `creationKey`
 * (the button press) makes a press delivered twice a no-op: the codes exist only in the first
 * answer, since only their hashes are stored.
 */
export async function createInviteBatch(
  db: Db,
  clock: Clock,
  opts: { actorId: number; ttlDays: number; unitIds: number[]; position: Position; creationKey: string },
): Promise<InviteBatch> {
  const now = clock.now();
  const expiresAt = expiryAfter(now, opts.ttlDays);
  const codes = opts.unitIds.map((unitId) => ({ unitId, code: newInviteCode() }));
  return db.transaction().execute(async (trx): Promise<InviteBatch> => {
    if (await batchExists(trx, opts.creationKey)) return { ok: false, reason: 'already-made' };
    const rows = codes.map((c) => ({
      codeHash: hashInviteCode(c.code),
      role: 'leader' as const,
      unitId: c.unitId,
      position: opts.position,
      createdBy: opts.actorId,
      expiresAt,
      createdAt: now,
      creationKey: opts.creationKey,
    }));
    const ids = await insertInvites(trx, rows);
    const details = { count: ids.length, unitIds: opts.unitIds, position: opts.position, expiresAt: expiresAt.toISOString() };
    await recordAudit(trx, { actorId: opts.actorId, action: 'invite.batch-created', subject: ids.map((id) => `invite:${id}`).join(','), details, at: now });
    return { ok: true, codes, expiresAt };
  });
}

export type OfficeInviteBatch = { ok: true; codes: { officeId: number; code: string }[]; expiresAt: Date } | { ok: false; reason: 'already-made' };

/**
 * One single-use admin invitation per office (a province inviting the first admin of each of its
 * communes), in one transaction; each invite belongs to its office, so whoever opens it becomes
 * that office's admin. `creationKey` (the press or message) makes a repeat a no-op.
 */
export async function createOfficeAdminInvites(
  db: Db,
  clock: Clock,
  opts: { actorId: number; ttlDays: number; officeIds: number[]; creationKey: string },
): Promise<OfficeInviteBatch> {
  const now = clock.now();
  const expiresAt = expiryAfter(now, opts.ttlDays);
  const codes = opts.officeIds.map((officeId) => ({ officeId, code: newInviteCode() }));
  return db.transaction().execute(async (trx): Promise<OfficeInviteBatch> => {
    if (await batchExists(trx, opts.creationKey)) return { ok: false, reason: 'already-made' };
    const rows = codes.map((c) => ({ codeHash: hashInviteCode(c.code), role: 'admin' as const, unitId: null, position: null, createdBy: opts.actorId, expiresAt, createdAt: now, creationKey: opts.creationKey, officeId: c.officeId }));
    const ids = await insertInvites(trx, rows);
    const details = { count: ids.length, officeIds: opts.officeIds, role: 'admin', expiresAt: expiresAt.toISOString() };
    await recordAudit(trx, { actorId: opts.actorId, action: 'invite.office-admins-created', subject: ids.map((id) => `invite:${id}`).join(','), details, at: now });
    return { ok: true, codes, expiresAt };
  });
}

export interface JoinedUnit {
  id: number;
  name: string;
  kind: UnitKind;
}

export type RedeemResult =
  | { ok: true; member: Member; unit: JoinedUnit | null; position: Position | null; roleChanged: boolean; setup: boolean }
  | { ok: false; reason: 'unknown' | 'used' | 'expired' | 'unit-inactive' | 'setup-used' | 'setup-expired' };

type Invite = NonNullable<Awaited<ReturnType<typeof lockInviteByHash>>>;
type InviteCheck = { ok: true; invite: Invite; unit: JoinedUnit | null } | Extract<RedeemResult, { ok: false }>;

/** The invite behind a code, if it can still be used, with its unit. */
async function usableInvite(trx: Trx, code: string, now: Date): Promise<InviteCheck> {
  const invite = await lockInviteByHash(trx, hashInviteCode(code));
  if (!invite) return { ok: false, reason: 'unknown' };
  const setup = invite.purpose === 'setup';
  if (invite.used_at) return { ok: false, reason: setup ? 'setup-used' : 'used' };
  if (invite.expires_at.getTime() <= now.getTime()) return { ok: false, reason: setup ? 'setup-expired' : 'expired' };
  const unit = invite.unit_id ? await findInviteUnit(trx, invite.unit_id) : undefined;
  if (unit && !unit.active) return { ok: false, reason: 'unit-inactive' };
  return { ok: true, invite, unit: unit ? { id: unit.id, name: unit.name, kind: unit.kind } : null };
}

/** Registers the newcomer with the invite's role and unit; a bad code changes nothing. The code then dies. */
export async function redeemInvite(db: Db, clock: Clock, code: string, who: Newcomer): Promise<RedeemResult> {
  return db.transaction().execute(async (trx) => {
    const now = clock.now();
    const check = await usableInvite(trx, code, now);
    if (!check.ok) return check;
    const { invite, unit } = check;
    const existing = await findMemberRoleByTelegramId(trx, who.telegramId);
    // Someone who left starts again from the invite's role; otherwise nobody is demoted.
    const role = existing && existing.status !== 'left' ? higherRole(existing.role, invite.role) : invite.role;
    const row = await upsertActiveMember(trx, identityOf(who), role, now, invite.office_id);
    const position = unit ? (invite.position ?? 'leader') : null;
    if (unit && position) await upsertUnitMember(trx, { unitId: unit.id, memberId: row.id, position, now });
    await markInviteUsed(trx, invite.id, row.id, now);
    const details = { role, unitId: unit?.id ?? null, purpose: invite.purpose };
    await recordAudit(trx, { actorId: row.id, action: 'invite.used', subject: `invite:${invite.id}`, details, at: now });
    const setup = invite.purpose === 'setup';
    return { ok: true, member: toMember(row), unit, position, roleChanged: existing?.role !== role, setup };
  });
}
