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

export type TaskStatus = 'open' | 'closed' | 'cancelled';
export type ReportStatus = 'done' | 'partial' | 'not_done';
export type PhotoRule = 'required' | 'optional' | 'none';

/** Which optional fields a task's report asks for; the status is always asked. */
export interface ReportForm {
  /** `max: 'households'` refuses a number above the unit's households, when known. */
  number: { label: string; max: 'households' | null } | null;
  photos: PhotoRule;
  location: boolean;
  note: boolean;
}

/** Evidence checks found on a submission, shown to officials wherever the report is shown. */
export type ReportFlag =
  | { kind: 'photo-reused'; fileUniqueId: string; otherTaskId: number; otherUnitId: number }
  | { kind: 'photo-before-task'; fileUniqueId: string; sentAt: string };

export interface CampaignsTable {
  id: Generated<number>;
  name: string;
  starts_on: ColumnType<Date | null, Date | string | null, Date | string | null>;
  ends_on: ColumnType<Date | null, Date | string | null, Date | string | null>;
  created_by: number | null;
  created_at: CreatedAt;
}

export interface TasksTable {
  id: Generated<number>;
  campaign_id: number;
  title: string;
  description: string | null;
  template: string | null;
  due_at: Timestamp;
  event_at: Timestamp | null;
  form: JSONColumnType<ReportForm>;
  status: Generated<TaskStatus>;
  created_by: number | null;
  creation_key: string | null;
  created_at: CreatedAt;
  updated_at: ColumnType<Date, Date | string | undefined, Date | string>;
}

export interface TaskUnitsTable {
  task_id: number;
  unit_id: number;
}

export interface ReportsTable {
  id: Generated<number>;
  task_id: number;
  unit_id: number;
  status: ReportStatus;
  number_value: number | null;
  note: string | null;
  latitude: number | null;
  longitude: number | null;
  photo_count: number;
  flags: JSONColumnType<ReportFlag[]>;
  late: boolean;
  revision_count: number;
  reported_by: number;
  reported_at: Timestamp;
  /** Set when an official returned it for rework; it counts as pending until resubmitted. */
  returned_at: Timestamp | null;
  returned_by: number | null;
  return_reason: string | null;
}

export interface ReportRevisionsTable {
  id: Generated<number>;
  report_id: number;
  task_id: number;
  unit_id: number;
  revision: number;
  member_id: number;
  submission_key: string;
  status: ReportStatus;
  number_value: number | null;
  note: string | null;
  latitude: number | null;
  longitude: number | null;
  flags: JSONColumnType<ReportFlag[]>;
  late: boolean;
  submitted_at: Timestamp;
}

export interface ReportPhotosTable {
  id: Generated<number>;
  revision_id: number;
  task_id: number;
  unit_id: number;
  file_id: string;
  file_unique_id: string;
  sent_at: Timestamp;
  position: number;
}

/** The one database interface; capabilities add their tables here. */
export interface Database {
  units: UnitsTable;
  members: MembersTable;
  unit_members: UnitMembersTable;
  invites: InvitesTable;
  audit_log: AuditLogTable;
  kv_store: KvStoreTable;
  campaigns: CampaignsTable;
  tasks: TasksTable;
  task_units: TaskUnitsTable;
  reports: ReportsTable;
  report_revisions: ReportRevisionsTable;
  report_photos: ReportPhotosTable;
}

export type UnitRow = Selectable<UnitsTable>;
export type MemberRow = Selectable<MembersTable>;
export type NewMember = Insertable<MembersTable>;
export type MemberUpdate = Updateable<MembersTable>;
