import type { ColumnType, Generated, Insertable, JSONColumnType, Selectable, Updateable } from 'kysely';

export type Role = 'admin' | 'official' | 'leader';
export type MemberStatus = 'active' | 'unreachable' | 'left';
export type UnitKind = 'block' | 'school' | 'club' | 'organisation' | 'staff';
export type Position = 'leader' | 'deputy';

type CreatedAt = ColumnType<Date, Date | string | undefined, never>;
type Timestamp = ColumnType<Date, Date | string, Date | string>;
/** Filled in by the office scope (core/office-scope) or the column default (the one office). */
type OfficeId = ColumnType<number, number | undefined, number>;

export type OfficeKind = 'tinh' | 'thanh-pho' | 'xa' | 'phuong' | 'dac-khu' | 'thi-tran';

/** A province (tỉnh, thành phố) or a commune (xã, phường, đặc khu; thị trấn for history); settings in office_settings (same id). */
export interface OfficesTable {
  id: Generated<number>;
  name: string | null;
  kind: OfficeKind;
  parent_id: number | null;
  created_at: CreatedAt;
}

export interface UnitsTable {
  id: Generated<number>;
  /** The office the row belongs to (migration 2026_12_20). */
  office_id: OfficeId;
  kind: UnitKind;
  name: string;
  households: number | null;
  active: Generated<boolean>;
  created_at: CreatedAt;
}

export interface MembersTable {
  id: Generated<number>;
  /** The office the row belongs to (migration 2026_12_20). */
  office_id: OfficeId;
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
  /** The office the row belongs to (migration 2026_12_21; filled from its parent when not named). */
  office_id: OfficeId;
  unit_id: number;
  member_id: number;
  position: Position;
  created_at: CreatedAt;
}

export interface InvitesTable {
  id: Generated<number>;
  /** The office the row belongs to (migration 2026_12_20). */
  office_id: OfficeId;
  code_hash: string;
  role: Role;
  unit_id: number | null;
  position: Position | null;
  created_by: number | null;
  expires_at: Timestamp;
  used_by: number | null;
  used_at: Timestamp | null;
  created_at: CreatedAt;
  /** 'setup': the one-time link printed at start-up while there is no admin. */
  purpose: ColumnType<InvitePurpose, InvitePurpose | undefined, InvitePurpose>;
  /** The button press that made a batch of invites (a repeated press makes nothing new). */
  creation_key: string | null;
}

export type InvitePurpose = 'invite' | 'setup';

export interface AuditLogTable {
  /** The office of the actor (migration 2026_12_21); null for a system event of a multi-office install. */
  office_id: ColumnType<number | null, number | null | undefined, number | null>;
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
  /** The office the row belongs to (migration 2026_12_20). */
  office_id: OfficeId;
  name: string;
  starts_on: ColumnType<Date | null, Date | string | null, Date | string | null>;
  ends_on: ColumnType<Date | null, Date | string | null, Date | string | null>;
  created_by: number | null;
  created_at: CreatedAt;
}

export interface TasksTable {
  id: Generated<number>;
  /** The office the row belongs to (migration 2026_12_20). */
  office_id: OfficeId;
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
  /** A task over a period (both set or both null); due_at stays the report deadline. */
  starts_at: ColumnType<Date | null, Date | string | null | undefined, Date | string | null>;
  ends_at: ColumnType<Date | null, Date | string | null | undefined, Date | string | null>;
  /** An occurrence of a recurring series: the series and its local day (unique together); read the day as `occurrence_on::text`. */
  series_id: ColumnType<number | null, number | null | undefined, number | null>;
  occurrence_on: ColumnType<Date | null, string | null | undefined, string | null>;
  /** The clerk gave the dates in the lunar calendar: announcements and reminders show them too (migration 2026_12_23). */
  lunar_dates: Generated<boolean>;
}

export type SeriesStatus = 'active' | 'paused' | 'ended';

/** A recurring task; each occurrence is a row in tasks. `recurrence` is calendar/recurrence.rules' Recurrence. */
export interface TaskSeriesTable {
  id: Generated<number>;
  /** The office the row belongs to (migration 2026_12_20). */
  office_id: OfficeId;
  campaign_id: number;
  title: string;
  description: string | null;
  template: string | null;
  form: JSONColumnType<ReportForm>;
  recurrence: JSONColumnType<SeriesRecurrence>;
  /** An occurrence is created this many days before the day it is due. */
  lead_days: number;
  status: Generated<SeriesStatus>;
  created_by: number | null;
  creation_key: string | null;
  created_at: CreatedAt;
  updated_at: ColumnType<Date, Date | string | undefined, Date | string>;
}

/** As calendar/recurrence.rules' Recurrence (restated: the schema imports no rules). */
export type SeriesRecurrence =
  | { kind: 'weekly'; weekday: number; time: { hour: number; minute: number } }
  | { kind: 'monthly-day'; day: number; time: { hour: number; minute: number } }
  | { kind: 'monthly-last-weekday'; weekday: number; time: { hour: number; minute: number } }
  | { kind: 'monthly-lunar'; days: readonly number[]; time: { hour: number; minute: number } }
  | { kind: 'yearly'; dates: readonly { month: number; day: number }[]; time: { hour: number; minute: number } }
  | { kind: 'yearly-lunar'; month: number; day: number; time: { hour: number; minute: number } };

export interface TaskSeriesUnitsTable {
  /** The office the row belongs to (migration 2026_12_21; filled from its parent when not named). */
  office_id: OfficeId;
  series_id: number;
  unit_id: number;
}

/** "Đã hạ cờ, tháo băng rôn": one light confirmation per (task, unit) after a period. */
export interface TaskTakeDownsTable {
  /** The office the row belongs to (migration 2026_12_21; filled from its parent when not named). */
  office_id: OfficeId;
  task_id: number;
  unit_id: number;
  member_id: number;
  confirmed_at: Timestamp;
}

export interface TaskUnitsTable {
  /** The office the row belongs to (migration 2026_12_21; filled from its parent when not named). */
  office_id: OfficeId;
  task_id: number;
  unit_id: number;
}

export interface ReportsTable {
  id: Generated<number>;
  /** The office the row belongs to (migration 2026_12_20). */
  office_id: OfficeId;
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
  /** The office the row belongs to (migration 2026_12_21; filled from its parent when not named). */
  office_id: OfficeId;
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
  /** The office the row belongs to (migration 2026_12_21; filled from its parent when not named). */
  office_id: OfficeId;
  id: Generated<number>;
  revision_id: number;
  task_id: number;
  unit_id: number;
  file_id: string;
  file_unique_id: string;
  sent_at: Timestamp;
  position: number;
}

export type DeliveryStatus = 'queued' | 'sending' | 'sent' | 'failed' | 'unreachable' | 'skipped' | 'cancelled';

/** What one delivery sends: a text, or a photo/document (by file_id) with the text as caption. */
export interface DeliveryPayload {
  text: string;
  parseMode?: 'HTML';
  /** Inline buttons with callback_data (each ≤ 64 bytes). */
  buttons?: { text: string; data: string }[][];
  photo?: string;
  document?: string;
}

/** What kind of message a delivery is; with its reference ids, where it came from. */
export type DeliveryKind = 'reminder' | 'wrapup' | 'digest' | 'broadcast' | 'notice' | 'rework';

export interface DeliveriesTable {
  /** The office the row belongs to (migration 2026_12_21; filled from its parent when not named). */
  office_id: OfficeId;
  id: Generated<number>;
  /** The idempotency key with chat_id (reminder:<task>:<kind>:<at>, broadcast:<id>…); never parsed: read kind and the ids. */
  source: string;
  kind: DeliveryKind;
  task_id: number | null;
  broadcast_id: number | null;
  unit_id: number | null;
  chat_id: number;
  member_id: number | null;
  payload: JSONColumnType<DeliveryPayload>;
  status: Generated<DeliveryStatus>;
  attempts: Generated<number>;
  next_attempt_at: Timestamp;
  expires_at: Timestamp | null;
  lease_until: Timestamp | null;
  leased_by: string | null;
  message_id: number | null;
  sent_at: Timestamp | null;
  last_error: string | null;
  created_at: CreatedAt;
}

export interface OutboxRunsTable {
  /** The office the row belongs to (migration 2026_12_21; filled from its parent when not named). */
  office_id: OfficeId;
  key: string;
  status: 'queued' | 'skipped';
  due_at: Timestamp;
  processed_at: Timestamp;
  recipients: Generated<number>;
}

export type BroadcastStatus = 'scheduled' | 'sending' | 'done' | 'cancelled';
export type BroadcastContent = { kind: 'text'; text: string } | { kind: 'photo' | 'document'; fileId: string; text: string };
export type BroadcastTarget =
  | { mode: 'all-units' | 'officials' | 'everyone' }
  | { mode: 'kind'; kind: UnitKind }
  | { mode: 'kinds'; kinds: UnitKind[] }
  | { mode: 'pick'; unitIds: number[] };

export interface BroadcastsTable {
  id: Generated<number>;
  /** The office the row belongs to (migration 2026_12_20). */
  office_id: OfficeId;
  created_by: number | null;
  content: JSONColumnType<BroadcastContent>;
  target: JSONColumnType<BroadcastTarget>;
  send_at: Timestamp;
  repeat: 'daily' | 'weekly' | null;
  status: Generated<BroadcastStatus>;
  progress_chat_id: number | null;
  progress_message_id: number | null;
  locale: string;
  creation_key: string | null;
  created_at: CreatedAt;
  cancelled_at: Timestamp | null;
  cancelled_by: number | null;
  /** When the progress message showed the final figures (null until then). */
  progress_final_at: Timestamp | null;
  /** The campaign whose plan made it (null for one made by hand). */
  campaign_id: number | null;
}

export interface TaskReminderOverridesTable {
  /** The office the row belongs to (migration 2026_12_21; filled from its parent when not named). */
  office_id: OfficeId;
  task_id: number;
  kind: string;
  enabled: boolean;
  updated_by: number | null;
  updated_at: Timestamp;
}

/**
 * Per-task counts for officials, kept by triggers on task_units, reports and units.households
 * (migration 1200); read-only for the app. Returned reports count as not reported.
 */
export interface TaskStatsTable {
  task_id: number;
  assigned: ColumnType<number, never, never>;
  households: ColumnType<number, never, never>;
  reported: ColumnType<number, never, never>;
  done: ColumnType<number, never, never>;
  partial: ColumnType<number, never, never>;
  not_done: ColumnType<number, never, never>;
  flagged: ColumnType<number, never, never>;
  number_total: ColumnType<number, never, never>;
}

/** The (task, unit) pairs still owing a report (never reported, or returned); kept by the same triggers, read-only. */
export interface TaskPendingTable {
  office_id: ColumnType<number, never, never>;
  task_id: ColumnType<number, never, never>;
  unit_id: ColumnType<number, never, never>;
}

/** The one database interface; capabilities add their tables here. */
/** Where residential units are called khối, tổ dân phố, thôn, bản, ấp or khóm. */
export type ResidentialTerm = 'khoi' | 'to-dan-pho' | 'thon' | 'ban' | 'ap' | 'khom';

export interface OfficeSettingsTable {
  id: Generated<number>;
  residential_term: ResidentialTerm | null;
  tet_pause: Generated<boolean>;
  office_name: string | null;
  parent_body: string | null;
  place: string | null;
  signer_title: string | null;
  signer_name: string | null;
  signs_for_chair: Generated<boolean>;
  recipients: JSONColumnType<string[], string, string>;
  updated_at: ColumnType<Date, Date | string | undefined, Date | string>;
}

/** Which communes a province's send goes to: all, some kinds, or some by id. */
export type SendTarget = { mode: 'all' } | { mode: 'kinds'; kinds: OfficeKind[] } | { mode: 'pick'; officeIds: number[] };

/** A task a province sends down to its communes (migration 2026_12_22); a draft while sent_at is null. */
export interface ProvinceSendsTable {
  id: Generated<number>;
  /** The province. */
  office_id: number;
  title: string;
  template: string | null;
  form: JSONColumnType<ReportForm>;
  due_at: Timestamp;
  starts_at: Timestamp | null;
  ends_at: Timestamp | null;
  /** The province's document (a Telegram file id), attached to every commune's draft. */
  document_file_id: string | null;
  document_name: string | null;
  source_text: string | null;
  target: JSONColumnType<SendTarget | null, string | null, string | null>;
  created_by: number | null;
  created_at: CreatedAt;
  sent_at: Timestamp | null;
}

/** One commune a send went to (office_id is the commune): opened, kept as a task, and that task's counters (kept by a trigger). */
export interface SendOfficesTable {
  office_id: number;
  send_id: number;
  opened_at: Timestamp | null;
  kept_at: Timestamp | null;
  task_id: number | null;
  assigned: ColumnType<number, never, never>;
  reported: ColumnType<number, never, never>;
  households: ColumnType<number, never, never>;
  number_total: ColumnType<number, never, never>;
}

export interface Database {
  province_sends: ProvinceSendsTable;
  send_offices: SendOfficesTable;
  offices: OfficesTable;
  office_settings: OfficeSettingsTable;
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
  deliveries: DeliveriesTable;
  outbox_runs: OutboxRunsTable;
  broadcasts: BroadcastsTable;
  task_reminder_overrides: TaskReminderOverridesTable;
  task_stats: TaskStatsTable;
  task_pending: TaskPendingTable;
  task_series: TaskSeriesTable;
  task_series_units: TaskSeriesUnitsTable;
  task_take_downs: TaskTakeDownsTable;
  update_inbox: UpdateInboxTable;
  spent_links: SpentLinksTable;
}

/** The dashboard's spent download links (migration 2026_12_24), until they expire: a SHA-256 of each one's signature. */
export interface SpentLinksTable {
  signature_hash: Uint8Array;
  office_id: number;
  expires_at: Timestamp;
}

/** Updates taken from Telegram and not yet handled (long polling only). */
export interface UpdateInboxTable {
  update_id: number;
  body: unknown;
  taken_at: Generated<Date>;
}

export type UnitRow = Selectable<UnitsTable>;
export type MemberRow = Selectable<MembersTable>;
export type NewMember = Insertable<MembersTable>;
export type MemberUpdate = Updateable<MembersTable>;
