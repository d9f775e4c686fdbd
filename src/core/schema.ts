import type { ColumnType, Generated, Insertable, JSONColumnType, Selectable, Updateable } from 'kysely';

export type Role = 'admin' | 'official' | 'leader';
export type MemberStatus = 'active' | 'unreachable' | 'left';
export type UnitKind = 'block' | 'school' | 'club' | 'organisation' | 'staff';
export type Position = 'leader' | 'deputy';

type CreatedAt = ColumnType<Date, Date | string | undefined, never>;
type Timestamp = ColumnType<Date, Date | string, Date | string>;

export interface UnitsTable {
  id: Generated<number>;
  kind: UnitKind;
  name: string;
  households: number | null;
  active: Generated<boolean>;
  created_at: CreatedAt;
}

export interface MembersTable {
  id: Generated<number>;
  telegram_id: number;
  chat_id: number;
  display_name: string;
  username: string | null;
  locale: string | null;
  role: Role;
  status: Generated<MemberStatus>;
  created_at: CreatedAt;
  updated_at: ColumnType<Date, Date | string | undefined, Date | string>;
}

export interface UnitMembersTable {
  unit_id: number;
  member_id: number;
  position: Position;
  created_at: CreatedAt;
}

export interface InvitesTable {
  id: Generated<number>;
  code_hash: string;
  role: Role;
  unit_id: number | null;
  position: Position | null;
  created_by: number | null;
  expires_at: Timestamp;
  used_by: number | null;
  used_at: Timestamp | null;
  created_at: CreatedAt;
}

export interface AuditLogTable {
  id: Generated<number>;
  actor_id: number | null;
  action: string;
  subject: string;
  details: JSONColumnType<Record<string, unknown>>;
  at: CreatedAt;
}

export interface KvStoreTable {
  key: string;
  value: JSONColumnType<object>;
  updated_at: ColumnType<Date, Date | string | undefined, Date | string>;
}

/** The one database interface; capabilities add their tables here. */
export interface Database {
  units: UnitsTable;
  members: MembersTable;
  unit_members: UnitMembersTable;
  invites: InvitesTable;
  audit_log: AuditLogTable;
  kv_store: KvStoreTable;
}

export type UnitRow = Selectable<UnitsTable>;
export type MemberRow = Selectable<MembersTable>;
export type NewMember = Insertable<MembersTable>;
export type MemberUpdate = Updateable<MembersTable>;
