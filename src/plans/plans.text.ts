import { DateTime } from 'luxon';
import { formatDayAt } from '../calendar/date-format.js';
import { takeDownAt } from '../calendar/period.rules.js';
import { clip } from '../core/text.js';
import { needsTakeDown } from '../tasks/take-down.rules.js';
import { planButtons } from './plans.buttons.js';
import type { ReportForm } from '../core/schema.js';
import { eventTime, taskTimes } from './plan-times.js';
import { blockerOf, campaignNameOf, creatable, nextYearFor, reportFormOf, type ReviewItem, yearForAll } from './plans.review.js';
import type { DraftItem, PlanDraft, PlanUnit } from './plan-types.js';

/** The review's texts: one message per drafted item, then the summary. Plain text (no parse mode). */

type Translate = (key: string, vars?: Record<string, string | number>) => string;

export interface TextContext {
  t: Translate;
  zone: string;
  now: Date;
  units: PlanUnit[];
  count: number;
}

/** A button as data (the conversation turns rows of these into a keyboard). */
export interface ButtonSpec {
  label: string;
  data: string;
}

const MAX_NAMES = 8;

/** A date of an item, with its lunar date when the item's dates were given in lunar ones. */
const when = (at: Date, c: TextContext, o: { withTime?: boolean; lunar?: boolean } = {}) => formatDayAt(at, c.zone, c.t, o.withTime ?? true, o.lunar ?? false);
const lunarOf = (item: DraftItem) => ({ lunar: item.period?.lunar === true });

function datesLine(item: DraftItem, c: TextContext): string {
  const { period } = item;
  if (!period) return c.t('plan-item-no-dates');
  const from = when(period.start, c, lunarOf(item));
  const to = when(period.end, c, { ...lunarOf(item), withTime: false });
  const oneDay = DateTime.fromJSDate(period.start, { zone: c.zone }).hasSame(DateTime.fromJSDate(period.end, { zone: c.zone }), 'day');
  const base = oneDay ? c.t(item.deadline ? 'plan-item-due' : 'plan-item-day', { day: to }) : c.t(item.deadline ? 'plan-item-deadline' : 'plan-item-dates', { from, to });
  return item.periodFrom === 'plan' || item.periodFrom === 'after' ? `${base} ${c.t(`plan-item-from-${item.periodFrom}`)}` : base;
}

/** "Tất cả khối phố (14)", "Tất cả đơn vị (19)", or the names. */
export function unitsText(unitIds: number[], c: Pick<TextContext, 't' | 'units'>): string {
  const chosen = c.units.filter((u) => unitIds.includes(u.id));
  if (chosen.length === 0) return c.t('plan-item-no-units');
  const blocks = c.units.filter((u) => u.kind === 'block');
  if (chosen.length === c.units.length) return c.t('plan-units-all', { count: chosen.length });
  if (blocks.length > 0 && chosen.length === blocks.length && chosen.every((u) => u.kind === 'block')) return c.t('plan-units-all-blocks', { count: blocks.length });
  const names = chosen.slice(0, MAX_NAMES).map((u) => u.name).join(', ');
  return chosen.length > MAX_NAMES ? c.t('plan-units-some-more', { names, more: chosen.length - MAX_NAMES }) : c.t('plan-units-some', { names });
}

/** ", số hộ treo cờ, ảnh (bắt buộc), ghi chú": what a report asks besides its status. */
export function formFields(form: ReportForm, t: Translate): string {
  const fields: string[] = [];
  if (form.number) fields.push(form.number.label.toLocaleLowerCase('vi'));
  if (form.photos !== 'none') fields.push(t(`plan-photos-${form.photos}`));
  if (form.location) fields.push(t('plan-field-location'));
  if (form.note) fields.push(t('plan-field-note'));
  return fields.map((f) => `, ${f}`).join('');
}

/** When the report is due and, for flags and banners, when the take-down is asked for: as "Tạo tất cả" will store them. */
function timesLines(item: DraftItem, c: TextContext): string[] {
  const task = item.suggestion.task;
  const times = taskTimes(item, c.now, c.zone);
  if (!task || !times) return [];
  const lines = [c.t('plan-item-report-due', { at: when(times.dueAt, c, lunarOf(item)) })];
  if (times.period && needsTakeDown({ template: task.template, title: item.title })) lines.push(c.t('plan-item-take-down', { at: when(takeDownAt(times.period.end, c.zone), c, lunarOf(item)) }));
  return lines;
}

function broadcastLine(r: ReviewItem, c: TextContext): string | null {
  const b = r.item.suggestion.broadcast;
  if (!b) return null;
  const running = !!r.item.period && r.item.period.end.getTime() > c.now.getTime();
  const at = !b.sendAt ? c.t('plan-send-undated') : running && b.sendAt.getTime() <= c.now.getTime() ? c.t('plan-send-now') : when(b.sendAt, c);
  const line = b.repeat ? c.t('plan-item-broadcast-weekly', { at }) : c.t('plan-item-broadcast', { at });
  if (!b.needsLink) return line;
  return `${line}\n${r.link ? c.t('plan-item-link', { link: r.link }) : c.t('plan-item-link-missing')}`;
}

function blockerLine(r: ReviewItem, c: TextContext): string | null {
  if (!r.kept) return c.t('plan-item-dropped');
  const blocker = blockerOf(r, c.now);
  if (!blocker || blocker === 'report') return null;
  if (blocker === 'past' && r.item.period) return c.t('plan-blocked-past', { year: String(nextYearFor(r.item.period, c.now, c.zone)) });
  return c.t(`plan-blocked-${blocker}`);
}

/** One drafted item as the review shows it. */
export function itemText(r: ReviewItem, c: TextContext): string {
  const { item } = r;
  const task = item.suggestion.task;
  const form = reportFormOf(r, c.t);
  const lines = [
    c.t(r.kept ? 'plan-item-head-kept' : 'plan-item-head-dropped', { index: item.index, count: c.count, section: item.section || 'none', kind: c.t(`plan-kind-${item.kind}`) }),
    item.title,
    datesLine(item, c),
    c.t('plan-item-units', { units: unitsText(item.assign.unitIds, c) }),
    ...(form ? [c.t('plan-item-form', { fields: formFields(form, c.t) })] : []),
    ...(task?.hasEvent && item.period ? [c.t('plan-item-event', { at: when(eventTime(item.period, c.zone), c, lunarOf(item)) })] : []),
    ...timesLines(item, c),
    ...[broadcastLine(r, c)].filter((l): l is string => l !== null),
    ...(item.suggestion.resultsReport ? [c.t('plan-item-results-report')] : []),
    ...[blockerLine(r, c)].filter((l): l is string => l !== null),
  ];
  return clip(lines.join('\n'), 4000);
}

/** Giữ · Bỏ / Sửa ngày · Sửa đơn vị · Sửa loại / Đổi tên · Sửa câu hỏi báo cáo / the quiz's link. */
export function itemButtons(r: ReviewItem, c: TextContext): ButtonSpec[][] {
  const i = r.item.index;
  const b = planButtons.item;
  const rows: ButtonSpec[][] = [
    [
      { label: c.t('plan-keep'), data: b.pack('keep', i) },
      { label: c.t('plan-drop'), data: b.pack('drop', i) },
    ],
    [
      { label: c.t('plan-edit-date'), data: b.pack('date', i) },
      { label: c.t('plan-edit-units'), data: b.pack('units', i) },
      { label: c.t('plan-edit-kind'), data: b.pack('kind', i) },
    ],
    [{ label: c.t('plan-rename'), data: b.pack('rename', i) }, ...(r.item.suggestion.task ? [{ label: c.t('plan-edit-form'), data: b.pack('form', i) }] : [])],
  ];
  if (r.item.suggestion.broadcast?.needsLink) rows.push([{ label: c.t(r.link ? 'plan-change-link' : 'plan-add-link'), data: b.pack('link', i) }]);
  return rows;
}

/** The summary under the items: what "Tạo tất cả (N)" will create, and what it will not, with why. */
export function summaryText(draft: PlanDraft, items: ReviewItem[], c: TextContext, note?: string): string {
  const chosen = creatable(items, c.now);
  const tasks = chosen.filter((r) => r.item.suggestion.task).length;
  const broadcasts = chosen.filter((r) => r.item.suggestion.broadcast).length;
  const left = items
    .filter((r) => !chosen.includes(r))
    .map((r) => c.t('plan-summary-left-item', { index: r.item.index, why: c.t(r.kept ? `plan-why-${blockerOf(r, c.now) ?? 'report'}` : 'plan-why-dropped') }));
  const lines = [
    ...(note ? [note, ''] : []),
    c.t('plan-summary-head', { title: campaignNameOf(draft.title) ?? c.t('plan-untitled') }),
    c.t('plan-summary-create', { count: chosen.length, tasks, broadcasts }),
    ...(left.length ? [c.t('plan-summary-left', { items: left.join('; ') })] : []),
    c.t(chosen.length ? 'plan-summary-hint' : 'plan-summary-nothing'),
  ];
  return clip(lines.join('\n'), 4000);
}

export function summaryButtons(items: ReviewItem[], c: TextContext, sourceMessageId: number): ButtonSpec[][] {
  const count = creatable(items, c.now).length;
  const cancel = { label: c.t('plan-cancel'), data: planButtons.cancel.pack() };
  const year = yearForAll(items, c.now, c.zone);
  const yearRow = year ? [[{ label: c.t('plan-use-year', { year: String(year) }), data: planButtons.yearAll.pack(year) }]] : [];
  return [...yearRow, count ? [{ label: c.t('plan-create-all', { count }), data: planButtons.create.pack(sourceMessageId) }, cancel] : [cancel]];
}
