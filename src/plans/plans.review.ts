import { DateTime } from 'luxon';
import { plusLunarYears } from '../calendar/lunar-years.js';
import { foldVietnamese } from '../core/fold.js';
import type { BroadcastTarget, PhotoRule, ReportForm } from '../core/schema.js';
import type { PlanImport } from './plans.service.js';
import { suggestionFor, toReportForm } from './plan-forms.js';
import { taskTimes } from './plan-times.js';
import type { DraftItem, PlanDraft, PlanItemKind, PlanPeriod, PlanUnit } from './plan-types.js';
import { clip } from '../core/text.js';

/** One drafted item under review: the draft's own fields as the admin changed them, kept or dropped. */
export interface ReviewItem {
  item: DraftItem;
  kept: boolean;
  /** The quiz's link, given by the admin (sent with its broadcast). */
  link: string | null;
  /** The admin's changes to the suggested report form ("Sửa câu hỏi báo cáo"). */
  form?: FormChange;
}

/** A change to a report form: a new number question (null: none), a photo rule; absent fields keep the suggestion. */
export interface FormChange {
  numberLabel?: string | null;
  photos?: PhotoRule;
}

/** The report form the item's task will have, with the admin's changes; null when it makes no task. */
export function reportFormOf(r: ReviewItem, t: Translate): ReportForm | null {
  const task = r.item.suggestion.task;
  if (!task) return null;
  const base = toReportForm(task.form, (key) => t(key));
  const change = r.form ?? {};
  const number = change.numberLabel === undefined ? base.number : change.numberLabel === null ? null : { label: change.numberLabel, max: base.number?.max ?? null };
  return { ...base, number, photos: change.photos ?? base.photos };
}

/** The year "Dùng năm … cho tất cả" offers: the first in which every kept item whose dates are past is ahead again; null when none is past. */
export function yearForAll(items: ReviewItem[], now: Date, zone: string): number | null {
  const years = items.flatMap((r) => (r.kept && r.item.period && blockerOf(r, now) === 'past' ? [nextYearFor(r.item.period, now, zone)] : []));
  return years.length ? Math.max(...years) : null;
}

/** Why a kept item will not be created: it is /report's job, or it lacks dates, future dates or units. */
export type Blocker = 'report' | 'no-dates' | 'past' | 'no-units';

type Translate = (key: string, vars?: Record<string, string | number>) => string;

export function blockerOf(r: ReviewItem, now: Date): Blocker | null {
  const { item } = r;
  if (!item.suggestion.task && !item.suggestion.broadcast) return 'report';
  if (!item.period) return 'no-dates';
  if (item.period.end.getTime() <= now.getTime()) return 'past';
  if (item.assign.unitIds.length === 0) return 'no-units';
  return null;
}

/** Kept and nothing missing: what "Tạo tất cả" creates. */
export function creatable(items: ReviewItem[], now: Date): ReviewItem[] {
  return items.filter((r) => r.kept && blockerOf(r, now) === null);
}

/** The item with a new period; the suggestion (a broadcast's first time) follows it. */
export function withPeriod(item: DraftItem, period: PlanPeriod, zone: string, deadline = item.deadline): DraftItem {
  return { ...item, period, periodFrom: 'text', deadline, suggestion: suggestionFor(item.kind, period.start, zone) };
}

export function withKind(item: DraftItem, kind: PlanItemKind, zone: string): DraftItem {
  return { ...item, kind, suggestion: suggestionFor(kind, item.period?.start ?? null, zone) };
}

export function withUnits(item: DraftItem, unitIds: number[], units: PlanUnit[]): DraftItem {
  const all = units.length > 0 && units.every((u) => unitIds.includes(u.id));
  return { ...item, assign: { all, kinds: [], namedUnitIds: unitIds, unmatched: [], unitIds: [...unitIds].sort((a, b) => a - b) } };
}

/** A period given in lunar dates moves to the same lunar days (Giỗ Tổ stays Giỗ Tổ), at the same times of day, and stays lunar. */
function shiftLunar(period: PlanPeriod, years: number, zone: string): PlanPeriod {
  const start = plusLunarYears(period.start, years, zone);
  let end = plusLunarYears(period.end, years, zone, period.precision === 'month');
  // A leap month that the target year lacks can fold an end in it back before the start: keep the length instead.
  if (end.getTime() < start.getTime()) end = new Date(start.getTime() + (period.end.getTime() - period.start.getTime()));
  return { start, end, precision: period.precision, lunar: true };
}

function shift(period: PlanPeriod, years: number, zone: string): PlanPeriod {
  if (period.lunar) return shiftLunar(period, years, zone);
  const start = DateTime.fromJSDate(period.start, { zone }).plus({ years });
  const end = DateTime.fromJSDate(period.end, { zone }).plus({ years });
  // 29/02 and month ends stay month ends ("tháng 2" of a leap year).
  return { start: start.toJSDate(), end: (period.precision === 'month' ? end.endOf('month') : end).toJSDate(), precision: period.precision };
}

/** The first year, from this one on, in which the item's dates are still ahead ("Dùng năm …"). */
export function nextYearFor(period: PlanPeriod, now: Date, zone: string): number {
  const from = DateTime.fromJSDate(period.start, { zone }).year;
  let year = DateTime.fromJSDate(now, { zone }).year;
  while (shift(period, year - from, zone).end.getTime() <= now.getTime()) year++;
  return year;
}

export function inYear(item: DraftItem, year: number, zone: string): DraftItem {
  if (!item.period) return item;
  const years = year - DateTime.fromJSDate(item.period.start, { zone }).year;
  return withPeriod(item, shift(item.period, years, zone), zone);
}

/** A moment that is at least `now` (something due in the past goes out at once). */
function notBefore(at: Date, now: Date): Date {
  return at.getTime() < now.getTime() ? now : at;
}

function target(item: DraftItem): BroadcastTarget {
  return item.assign.all ? { mode: 'all-units' } : { mode: 'pick', unitIds: item.assign.unitIds };
}

export interface ImportContext {
  key: string;
  draft: PlanDraft;
  text: string;
  fileName: string | null;
  now: Date;
  zone: string;
  locale: string;
  chatId: number;
  t: Translate;
}

/** What "Tạo tất cả" stores for the creatable items; the campaign spans their dates. */
export function toImport(items: ReviewItem[], c: ImportContext): PlanImport {
  const chosen = creatable(items, c.now);
  const periods = chosen.flatMap((r) => (r.item.period ? [r.item.period] : []));
  const day = (ms: number) => (periods.length ? DateTime.fromMillis(ms, { zone: c.zone }).toISODate() : null);
  const { draft } = c;
  return {
    creationKey: c.key,
    campaign: {
      name: campaignNameOf(draft.title) ?? c.fileName ?? c.t('plan-untitled'),
      startsOn: day(Math.min(...periods.map((p) => p.start.getTime()))),
      endsOn: day(Math.max(...periods.map((p) => p.end.getTime()))),
    },
    document: { fileName: c.fileName, text: c.text, docType: draft.docType, number: draft.number, issuedText: draft.issuedText, issuedOn: draft.issuedOn, place: draft.place },
    tasks: chosen.flatMap((r) => {
      const { item } = r;
      const task = item.suggestion.task;
      const times = taskTimes(item, c.now, c.zone);
      const form = reportFormOf(r, c.t);
      if (!task || !times || !form) return [];
      const lunarDates = item.period?.lunar === true;
      return [{ index: item.index, title: item.title, description: clip(item.source, 1000), template: task.template, ...times, form, unitIds: item.assign.unitIds, lunarDates }];
    }),
    broadcasts: chosen.flatMap((r) => {
      const b = r.item.suggestion.broadcast;
      if (!b?.sendAt || !r.item.period) return [];
      const text = broadcastText(r, campaignNameOf(draft.title) ?? '', c);
      return [{ index: r.item.index, content: { kind: 'text' as const, text }, target: target(r.item), sendAt: notBefore(b.sendAt, c.now), repeat: b.repeat, locale: c.locale, progressChatId: c.chatId }];
    }),
  };
}

/** A news article's genre label before its headline ("BÀI TUYÊN TRUYỀN: …", "Tin: …", "Bản tin: …"). */
const GENRE_LABEL = /^\s*(?:bài(?:\s+(?:tuyên truyền|viết|tin))?|bản tin|tin(?:\s+(?:tức|ảnh|bài))?|thông cáo báo chí)\s*:\s*/iu;

/** A headline whose subject gives notice ("Phường Bến Thành thông báo về việc …"), not a document's own "Thông báo về việc …". */
const SUBJECT_NOTIFIES = /^(?!thông báo\b)\S[^.]*?\sthông báo\s+(?:về việc|v\/v)\s/iu;

/**
 * A notice's subject line "Về việc treo cờ …" names its campaign "Treo cờ …"; a news headline that
 * names who gave notice ("Phường Bến Thành thông báo về việc …") is kept whole.
 */
export function campaignNameOf(title: string | null): string | null {
  let name = title
    // Emoji and flags a page decorates its headline with (control characters where a PDF had no glyph for them) are no part of the name.
    ?.replace(/[\p{Extended_Pictographic}\u{1F1E6}-\u{1F1FF}\u{FE0F}\u{200D}\p{Cc}]+/gu, ' ')
    // A news page's genre label ("BÀI TUYÊN TRUYỀN:", "Tin:", "Bản tin:") says what kind of article it is, not what the work is.
    .replace(GENRE_LABEL, '')
    .replace(SUBJECT_NOTIFIES.test(title ?? '') ? /^$/u : /^.*?\b(?:về việc|v\/v)[\s:]*/iu, '')
    // "Về treo cờ, khẩu hiệu nhân dịp …": the subject line without its "Về".
    .replace(/^về\s+(?=\p{Ll})/iu, '')
    .replace(/\s*Ngày cập nhật\s*[\d/]+\s*$/iu, '')
    .replace(/[\s.]+$/u, '')
    .replace(/\s+/gu, ' ')
    .trim();
  if (!name) return title;
  // A title in capitals keeps none of them: the report and the task list write it in sentence case.
  if (name.length > 8 && name === name.toLocaleUpperCase('vi')) name = name.toLocaleLowerCase('vi');
  return name.charAt(0).toLocaleUpperCase('vi') + name.slice(1);
}

function broadcastText(r: ReviewItem, campaign: string, c: ImportContext): string {
  const period = r.item.period;
  const fmt = (d: Date) => DateTime.fromJSDate(d, { zone: c.zone }).toFormat('dd/MM/yyyy');
  const lines = [c.t('plan-broadcast-head', { campaign }), r.item.title];
  if (period) lines.push(c.t('plan-broadcast-period', { from: fmt(period.start), to: fmt(period.end) }));
  if (r.link) lines.push(c.t('plan-broadcast-link', { link: r.link }));
  if (r.item.suggestion.task) lines.push(c.t('plan-broadcast-report'));
  return clip(lines.join('\n'), 4000);
}

/** Units for answering an unmatched name: those sharing most words with it first, residential units last. */
export function rankUnitsFor(name: string, units: PlanUnit[]): PlanUnit[] {
  const words = new Set(foldVietnamese(name).split(' ').filter((w) => w.length >= 2));
  const score = (u: PlanUnit) => foldVietnamese(u.name).split(' ').filter((w) => words.has(w)).length;
  return [...units].sort((a, b) => score(b) - score(a) || Number(a.kind === 'block') - Number(b.kind === 'block') || a.id - b.id);
}
