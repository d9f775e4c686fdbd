import { DateTime } from 'luxon';
import type { UnitKind } from '../../src/core/schema.js';
import type { DraftItem, PlanDraft, PlanUnit } from '../../src/plans/plan-types.js';
import type { ExpectedDraft, ExpectedTask, ExpectedUnits } from '../fixtures/plans/real/expected.js';

/**
 * Scores a plan draft against a hand-written expected draft (tests/fixtures/plans/real/expected.ts):
 * each expected task is matched to one drafted item (same kind and period first), then each
 * field is right or wrong. A drafted item no expected task matches is spurious.
 */

export const ZONE = 'Asia/Ho_Chi_Minh';
const MAX_TITLE = 60;

/** A commune as the bench imagines it: four residential units in the notice's own term, and a few of every other kind. */
export function communeUnits(expected: ExpectedDraft): PlanUnit[] {
  const term = expected.unitTerm.charAt(0).toLocaleUpperCase('vi') + expected.unitTerm.slice(1);
  const units: { name: string; kind: UnitKind }[] = [
    ...[1, 2, 3, 4].map((n) => ({ name: `${term} ${n}`, kind: 'block' as const })),
    { name: 'Trường Tiểu học số 1', kind: 'school' },
    { name: 'Trường THCS', kind: 'school' },
    { name: 'Đoàn Thanh niên', kind: 'organisation' },
    { name: 'Hội Liên hiệp Phụ nữ', kind: 'organisation' },
    { name: 'CLB Văn nghệ', kind: 'club' },
  ];
  for (const task of expected.tasks) {
    if (!('names' in task.units)) continue;
    for (const name of task.units.names) {
      if (units.some((u) => u.name === name)) continue;
      units.push({ name, kind: /^(?:thôn|ấp|khóm|bản|khối|tổ dân phố|khu phố)\s/iu.test(name) ? 'block' : 'staff' });
    }
  }
  if (!units.some((u) => u.kind === 'staff')) units.push({ name: 'Công chức Văn hóa – Xã hội', kind: 'staff' });
  return units.map((u, i) => ({ id: i + 1, ...u }));
}

export function expectedUnitIds(units: PlanUnit[], want: ExpectedUnits): number[] {
  if ('none' in want) return [];
  if ('all' in want) return units.filter((u) => u.kind === 'block').map((u) => u.id);
  if ('kinds' in want) return units.filter((u) => want.kinds.includes(u.kind)).map((u) => u.id);
  return units.filter((u) => want.names.includes(u.name)).map((u) => u.id);
}

export type Field = 'kind' | 'period' | 'units' | 'title' | 'takeDown';
export const FIELDS: Field[] = ['kind', 'period', 'units', 'title', 'takeDown'];

export interface TaskScore {
  expected: ExpectedTask;
  item: DraftItem | null;
  wrong: Field[];
}

export interface DraftScore {
  tasks: TaskScore[];
  spurious: DraftItem[];
  campaignRight: boolean;
  campaign: string | null;
  right: boolean;
  /** Presses and typed answers to turn the draft into the expected tasks, "Tạo tất cả" included. */
  taps: number;
}

const local = (d: Date | null | undefined) => (d ? DateTime.fromJSDate(d, { zone: ZONE }).toFormat('yyyy-MM-dd HH:mm') : null);

/** The period the item read from the text (a fallback to the plan's whole period is not a reading). */
function readPeriod(item: DraftItem): { start: string | null; end: string | null } {
  if (!item.period || item.periodFrom !== 'text') return { start: null, end: null };
  return { start: local(item.period.start), end: local(item.period.end) };
}

function samePeriod(item: DraftItem, want: ExpectedTask): boolean {
  const got = readPeriod(item);
  // An event is read by its start; its end is the review's business.
  if (want.kind === 'event' && want.end === null) return got.start === want.start;
  return got.start === want.start && got.end === want.end;
}

function titleRight(title: string, want: ExpectedTask): boolean {
  const lower = title.toLocaleLowerCase('vi');
  const midWord = /\p{L}…/u.test(title) && !title.endsWith('…');
  return title.length <= MAX_TITLE && !midWord && want.titleWords.every((w) => lower.includes(w.toLocaleLowerCase('vi')));
}

function sameSet(a: number[], b: number[]): boolean {
  return a.length === b.length && a.every((x) => b.includes(x));
}

/** The draft's campaign name as "Tạo tất cả" would store it. */
export type CampaignNameOf = (draft: PlanDraft) => string | null;

function campaignRight(got: string | null, want: string): boolean {
  if (!got) return false;
  const norm = (s: string) => s.replace(/\s+/g, ' ').trim().toLocaleLowerCase('vi');
  const first = got.charAt(0);
  const shouting = got.length > 8 && got === got.toLocaleUpperCase('vi');
  return norm(got) === norm(want) && first === first.toLocaleUpperCase('vi') && !shouting;
}

const TAPS: Record<Field, number> = { kind: 2, period: 2, units: 3, title: 2, takeDown: 0 };
/** An expected task with no item: made by hand in /newtask (command, title, kind, dates, units, confirm). */
const MISSING_TAPS = 6;

export function scoreDraft(draft: PlanDraft, expected: ExpectedDraft, units: PlanUnit[], campaignOf: CampaignNameOf): DraftScore {
  const free = [...draft.items];
  const take = (pred: (i: DraftItem) => boolean) => {
    const at = free.findIndex(pred);
    return at < 0 ? null : (free.splice(at, 1)[0] ?? null);
  };
  const tasks = expected.tasks.map((want): TaskScore => {
    const item = take((i) => i.kind === want.kind && samePeriod(i, want)) ?? take((i) => i.kind === want.kind) ?? take((i) => samePeriod(i, want) && want.start !== null);
    if (!item) return { expected: want, item: null, wrong: [...FIELDS] };
    const wrong: Field[] = [];
    if (item.kind !== want.kind) wrong.push('kind');
    if (!samePeriod(item, want)) wrong.push('period');
    if (!sameSet(item.assign.unitIds, expectedUnitIds(units, want.units))) wrong.push('units');
    if (!titleRight(item.title, want)) wrong.push('title');
    if ((item.takeDown ?? false) !== (want.takeDown ?? false)) wrong.push('takeDown');
    return { expected: want, item, wrong };
  });
  const campaign = campaignOf(draft);
  const campaignOk = campaignRight(campaign, expected.campaignTitle);
  const right = free.length === 0 && campaignOk && tasks.every((t) => t.wrong.length === 0);
  const taps =
    1 + free.length + tasks.reduce((n, t) => n + (t.item ? t.wrong.reduce((m, f) => m + TAPS[f], 0) : MISSING_TAPS), 0);
  return { tasks, spurious: free, campaignRight: campaignOk, campaign, right, taps };
}
