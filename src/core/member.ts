import type { Db } from './db.js';
import type { MemberRow, MemberStatus, Position, Role } from './schema.js';

/** A registered person, as the rest of the app sees them. */
export interface Member {
  id: number;
  /** The office this person works for or reports to; every query of their updates is scoped by it. */
  officeId: number;
  telegramId: number;
  chatId: number;
  displayName: string;
  username: string | null;
  locale: string | null;
  role: Role;
  status: MemberStatus;
}

export interface MemberUnit {
  unitId: number;
  unitName: string;
  position: Position;
}

export function toMember(row: MemberRow): Member {
  return {
    id: row.id,
    officeId: row.office_id,
    telegramId: row.telegram_id,
    chatId: row.chat_id,
    displayName: row.display_name,
    username: row.username,
    locale: row.locale,
    role: row.role,
    status: row.status,
  };
}

export async function listMemberUnits(db: Db, memberId: number): Promise<MemberUnit[]> {
  const rows = await db
    .selectFrom('unit_members as um')
    .innerJoin('units as u', 'u.id', 'um.unit_id')
    .select(['u.id as unitId', 'u.name as unitName', 'um.position'])
    .where('um.member_id', '=', memberId)
    .where('u.active', '=', true)
    .orderBy('u.name')
    .execute();
  return rows;
}

/** Staff roles outrank unit roles; an admin stays an admin when also given a unit. */
export const ROLE_RANK: Record<Role, number> = { leader: 1, official: 2, admin: 3 };

export function higherRole(a: Role, b: Role): Role {
  return ROLE_RANK[a] >= ROLE_RANK[b] ? a : b;
}

