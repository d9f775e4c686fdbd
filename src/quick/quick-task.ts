import { DateTime } from 'luxon';
import type { UnitKind } from '../core/schema.js';
import { classify, shortTitle } from '../plans/plan-classify.js';
import { findSubject, toAssignment } from '../plans/plan-assignees.js';
import { suggestionFor } from '../plans/plan-forms.js';
import type { PlanForm, PlanItemKind, PlanUnit } from '../plans/plan-types.js';
import { findWhen, type WhenValue } from '../calendar/when-reader.js';
import type { TemplateId } from '../tasks/templates.js';

/** One task typed as a sentence, as the plan reader understands it. */
export interface QuickTask {
  title: string;
  kind: PlanItemKind | null;
  template: TemplateId;
  form: PlanForm;
  hasEvent: boolean;
  /** The report deadline; null when the sentence names no date. */
  dueAt: Date | null;
  /** A period's first moment, when the sentence gives one ("từ 23/7 đến hết 27/7"). */
  startsAt: Date | null;
  /** What the date words were read as (for showing back), or null. */
  when: WhenValue | null;
  /** Date words it could not read, or a date already past: the sentence then goes to /newtask. */
  dateTrouble: { part: string; reason: string } | null;
  unitIds: number[];
  /** How the units were chosen, for the preview: named units, kinds, everyone, or the kind's default. */
  chosenBy: 'named' | 'kinds' | 'all' | 'default' | 'none';
  kinds: UnitKind[];
}

/** Residential work goes to every residential unit unless the sentence says otherwise; a quiz to everyone. */
const DEFAULT_UNITS: Partial<Record<PlanItemKind, 'blocks' | 'all'>> = { flag: 'blocks', cleanup: 'blocks', billboard: 'blocks', takedown: 'blocks', quiz: 'all' };
const PLAIN_FORM: PlanForm = { number: null, photos: 'optional', location: false, note: true };
/** Where a title's clause ends: a date or assignment phrase, or a dash or semicolon. */
const TITLE_END = /[;:]|\s+-\s|\s(?:hạn|hoàn thành|trước ngày|trước(?=\s+\d)|từ ngày|từ(?=\s+(?:\d|chiều|sáng|tháng))|trong tháng|tuần \d|tháng \d|ngày \d|giao|cho)(?=\s|$)/i;
const WHO_OR_WHEN = /^(?:các|giao|cho|hạn|từ|trước|trong|hoàn thành|tuần|tháng|ngày)\s|^\d/i;

/** The title: the first clauses, up to the first date or assignment ("Thăm hỏi, động viên …, từ tháng 3 …"). */
function titleOf(text: string, units: PlanUnit[]): string {
  const kept: string[] = [];
  for (const segment of text.split(',').map((x) => x.trim())) {
    const head = ` ${segment}`.split(TITLE_END)[0]?.trim() ?? '';
    if (kept.length > 0 && (!head || WHO_OR_WHEN.test(head) || findSubject(head, units).unitIds.length > 0)) break;
    if (head) kept.push(head);
    if (head !== segment) break;
  }
  const title = kept.join(', ');
  return shortTitle(title.length >= 4 ? title : text);
}

/**
 * Reads a task from one sentence, e.g. "Gắn biển công trình trước 31/5, Công chức Địa chính –
 * Xây dựng" or "Treo cờ từ 23/7 đến hết 27/7, các khối": its title, kind and report form (as a
 * plan's activity would get), its deadline or period, and its units. Anything it cannot find is
 * left empty for the preview to ask; nothing is guessed beyond the kind's usual units.
 */
export function readQuickTask(text: string, opts: { zone: string; now: Date; units: PlanUnit[] }): QuickTask {
  const clean = text.replace(/\s+/g, ' ').trim();
  const kind = classify(clean)[0]?.kind ?? null;
  const { found, unread } = findWhen(clean, { zone: opts.zone, now: opts.now });
  const v = found?.value ?? null;
  const period = v ? { start: (v.start ?? v.end).toJSDate(), end: v.end.toJSDate(), openStart: v.start === null } : null;
  const trouble = unread[0] ?? null;
  const suggestion = kind ? suggestionFor(kind, period?.start ?? null, opts.zone).task : null;
  // The title is what is left once the date words are cut out ("Treo cờ Giỗ Tổ Hùng Vương mùng 10 tháng 3 âm lịch, …").
  const cut = found ? `${clean.slice(0, found.node.at)},${clean.slice(found.node.end)}` : clean;
  const title = titleOf(trouble ? cut.replace(trouble.part, ',') : cut, opts.units);
  const named = findSubject(clean, opts.units);
  const assignment = toAssignment(named, opts.units);
  let chosenBy: QuickTask['chosenBy'] = named.unitIds.length ? 'named' : named.all ? 'all' : named.kinds.length ? 'kinds' : 'none';
  let unitIds = assignment.unitIds;
  let kinds = assignment.kinds;
  const fallback = kind ? DEFAULT_UNITS[kind] : undefined;
  if (chosenBy === 'none' && fallback) {
    chosenBy = 'default';
    kinds = fallback === 'blocks' ? ['block'] : [];
    unitIds = opts.units.filter((u) => fallback === 'all' || u.kind === 'block').map((u) => u.id);
  }
  return {
    title,
    kind,
    template: suggestion?.template ?? 'custom',
    form: suggestion?.form ?? PLAIN_FORM,
    hasEvent: suggestion?.hasEvent ?? false,
    dueAt: period ? period.end : null,
    startsAt: period && !period.openStart && !sameLocalDay(period.start, period.end, opts.zone) ? period.start : null,
    when: v,
    dateTrouble: trouble ? { part: trouble.part, reason: trouble.reason } : null,
    unitIds,
    chosenBy,
    kinds,
  };
}

function sameLocalDay(a: Date, b: Date, zone: string): boolean {
  return DateTime.fromJSDate(a, { zone }).hasSame(DateTime.fromJSDate(b, { zone }), 'day');
}
