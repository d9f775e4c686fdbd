import type { PhotoRule, UnitKind } from '../core/schema.js';
import type { TemplateId } from '../tasks/templates.js';
import type { PeriodPrecision } from './period-parse.js';

/** What an activity of the plan is, as the bot can serve it. */
export type PlanItemKind =
  | 'propaganda'
  | 'movement'
  | 'plaque'
  | 'visits'
  | 'quiz'
  | 'event'
  | 'flag'
  | 'cleanup'
  | 'billboard'
  | 'takedown'
  | 'results-report';

export const PLAN_ITEM_KINDS: readonly PlanItemKind[] = [
  'propaganda',
  'movement',
  'plaque',
  'visits',
  'quiz',
  'event',
  'flag',
  'cleanup',
  'billboard',
  'takedown',
  'results-report',
];

/** A unit the plan can be assigned to (the active rows of `units`). */
export interface PlanUnit {
  id: number;
  name: string;
  kind: UnitKind;
}

export interface PlanPeriod {
  start: Date;
  /** The last instant included; for a task, its deadline (`due_at`). */
  end: Date;
  precision: PeriodPrecision;
  /** Written as lunar dates ("mùng 10 tháng 3 âm lịch"): the task tells its leaders the lunar date too. */
  lunar?: boolean;
}

/** A report form like `ReportForm`, with the number's label as a locale key (see `toReportForm`). */
export interface PlanForm {
  number: { labelKey: string; max: 'households' | null } | null;
  photos: PhotoRule;
  location: boolean;
  note: boolean;
}

/** What the bot would create for an item; any part may be absent. */
export interface Suggestion {
  /** A task with this template (stored in `tasks.template`) and report form, due at the period's end. */
  task: { template: TemplateId; form: PlanForm; hasEvent: boolean } | null;
  /** A broadcast to the item's units from 08:00 on the period's first day (content and link from the admin); no time when the item has no dates. */
  broadcast: { sendAt: Date | null; repeat: 'weekly' | null; needsLink: boolean } | null;
  /** The campaign's results report (`/report`) is what this item asks for. */
  resultsReport: boolean;
}

/** Who the text assigns, and which units that means. */
export interface Assignment {
  /** Every unit ("các đơn vị", or a broadcast to everyone). */
  all: boolean;
  /** Whole kinds named by collective words ("các khối" → block, "Câu lạc bộ" → club). */
  kinds: UnitKind[];
  /** Units named one by one and found in the unit list. */
  namedUnitIds: number[];
  /** Names found in the text that match no unit, for the admin to map or skip. */
  unmatched: string[];
  /** The union of the above, sorted: the units to create the task for. */
  unitIds: number[];
}

/** One drafted activity, for review (Giữ / Bỏ / Sửa ngày / Sửa đơn vị / Sửa loại). */
export interface DraftItem {
  /** 1-based position in the draft; short enough for callback data. */
  index: number;
  kind: PlanItemKind;
  /** Short title from the heading or sentence (≤ 80 characters). */
  title: string;
  /** Where in the plan it came from: "II.3", "III.6". */
  section: string;
  /** The heading or sentence it was read from, whole. */
  source: string;
  /** Null only when the whole plan names no date. */
  period: PlanPeriod | null;
  /** 'text': read from the item; 'plan': the plan's period (nothing written for the item); 'after': the day after the flag period (a take-down); 'none': no date anywhere. */
  periodFrom: 'text' | 'plan' | 'after' | 'none';
  /** The text names a completion deadline ("Hoàn thành xong trong tháng 5/2023", "trước ngày …"). */
  deadline: boolean;
  /** Flags and banners come down after the period ("hạ cờ, tháo dỡ băng rôn khi hết thời gian"): the flag task's take-down step. */
  takeDown: boolean;
  assign: Assignment;
  suggestion: Suggestion;
}

export interface PlanDraft {
  /** The subject line under "KẾ HOẠCH" / "THÔNG BÁO": the campaign's name. */
  title: string | null;
  /** "KẾ HOẠCH", "THÔNG BÁO", … as written. */
  docType: string | null;
  /** "Số: 104/KH-UBND" → "104/KH-UBND" (may be "/KH-UBND" when the number is left blank). */
  number: string | null;
  place: string | null;
  /** As written for citing: "ngày tháng 04 năm 2023". */
  issuedText: string | null;
  /** ISO local date when day, month and year are all written. */
  issuedOn: string | null;
  /** From the first start to the last end of the items' own dates. */
  period: { start: Date; end: Date } | null;
  /** The period as local ISO dates, for `createCampaign`. */
  startsOn: string | null;
  endsOn: string | null;
  items: DraftItem[];
  /** Every unmatched name across the items, once. */
  unmatched: string[];
}

/** A name the admin mapped once ("Công an thị trấn" → unit 23), or chose to skip (`unitId: null`). */
export interface PlanAlias {
  name: string;
  unitId: number | null;
}

export interface ParsePlanOptions {
  zone: string;
  units: PlanUnit[];
  /** Earlier answers to unmatched names; compared like unit names (accents, dashes, case ignored). */
  aliases?: PlanAlias[];
  /** Used when the plan names no year at all. */
  defaultYear?: number;
  /** When the admin sent the document: a period "kể từ ngày ban hành" starts here when the header prints no date. */
  received?: Date;
}
