import { DateTime } from 'luxon';
import { isBlank, NOBODY, toAssignment } from './plan-assignees.js';
import { suggestionFor } from './plan-forms.js';
import { readHeader } from './plan-header.js';
import { activityItems, headingNames, sentenceItems, type RawItem, type ReadContext } from './plan-items.js';
import { planLines } from './plan-lines.js';
import { isCapitals } from './notice-sentences.js';
import { noticeItems } from './plan-notice.js';
import { eventName, type NoticeItem } from './notice-events.js';
import { workOf } from './notice-titles.js';
import { splitParts } from './plan-sections.js';
import type { DraftItem, ParsePlanOptions, PlanDraft, PlanPeriod } from './plan-types.js';

/**
 * Reads a plan or notice into a campaign draft, by rules only (see plan-lines, plan-sections,
 * plan-classify, plan-assignees, period-parse for each heuristic). Nothing is stored: the admin
 * reviews every item first.
 *
 * Part II gives one item per activity; part III adds the duties of a kind not drafted yet (a
 * duty already drafted from part II only restates it). Items without their own dates take the
 * plan's period; a take-down comes the day after the flag period.
 */
export function parsePlan(text: string, options: ParsePlanOptions): PlanDraft {
  const lines = planLines(text);
  const header = readHeader(lines);
  const year = options.defaultYear ?? header.year ?? firstYear(text);
  const issued = header.issuedOn ? DateTime.fromISO(header.issuedOn, { zone: options.zone }).toJSDate() : options.received;
  const ctx: ReadContext = { units: options.units, aliases: options.aliases ?? [], zone: options.zone, year, issued };
  const body = lines.slice(header.bodyStart);
  const notice = isNotice(header.docType, body);
  // A notice (no parts I., II., III.; not a plan of numbered activities) is read as a whole; a plan part by part.
  const raw: (RawItem & { takeDown?: boolean })[] = notice ? noticeItems(body, ctx, header.title) : withTakeDownStep(dedupe(...readItems(splitParts(body), ctx)));
  const period = planPeriod(raw, options.zone);
  const items = raw.map((item, i) => draftItem(item, i + 1, raw, period, options));
  const start = period ? DateTime.fromJSDate(period.start, { zone: options.zone }).toISODate() : null;
  const end = period ? DateTime.fromJSDate(period.end, { zone: options.zone }).toISODate() : null;
  return {
    // A notice without a title line is named by its work ("Treo cờ Tổ quốc", "Tổng vệ sinh triệt nơi sinh sản của muỗi").
    title: header.title ?? (notice ? untitledName(raw, text) : null),
    docType: header.docType,
    number: header.number,
    place: header.place,
    issuedText: header.issuedText,
    issuedOn: header.issuedOn,
    period: period ? { start: period.start, end: period.end } : null,
    startsOn: start,
    endsOn: end,
    items,
    unmatched: [...new Set(items.flatMap((i) => i.assign.unmatched))],
  };
}

/** The cleanup a sentence orders, as a name: "tổng vệ sinh triệt nơi sinh sản của muỗi" (to where it says where or why). */
const CLEANUP_WORK = /(?:tổng vệ sinh|ra quân[^,.;]*?vệ sinh|vệ sinh môi trường|dọn dẹp vệ sinh)(?:(?!\s(?:ngay tại|tại|trên địa bàn|nhằm|để|trong|vào)\s)[^,.;(])*/iu;

function untitledName(items: RawItem[], text: string): string | null {
  if (items.some((i) => i.kind === 'flag')) return workOf(text);
  const event = items.find((i) => i.kind === 'event');
  if (event) return eventName(text);
  const cleanup = items.find((i) => i.kind === 'cleanup');
  const work = cleanup ? CLEANUP_WORK.exec(cleanup.source)?.[0].trim() : undefined;
  return work ? work.charAt(0).toLocaleUpperCase('vi') + work.slice(1) : null;
}

const PURPOSE = /^(?:mục đích|yêu cầu|quan điểm)/iu;
const EXECUTION = /^(?:tổ chức thực hiện|phân công|trách nhiệm)/iu;
const PLAN_TYPES = /^(?:kế hoạch|ke hoach|chương trình|hướng dẫn)$/iu;

/** Numbered headings that are facets of one activity ("1. Nội dung thi đấu", "3. Thời gian", "4. Địa điểm"), not activities. */
const FACET = /^(?:nội dung|đối tượng|thành phần|thời gian|địa điểm|hình thức|chủ đề|kinh phí|cơ cấu giải|giải thưởng|điều lệ)/iu;

/**
 * A notice: no parts, and not a plan whose numbered sections are activities ("KẾ HOẠCH … 1. Giải bóng chuyền");
 * a plan of one activity whose parts or sections are its facets (content, who, when, where) reads as a notice of it.
 */
function isNotice(docType: string | null, body: ReturnType<typeof planLines>): boolean {
  // Parts that are facets too ("I. Thời gian và địa điểm", "II. Nội dung tiếp xúc cử tri") are one activity's; so are a
  // plan's parts when one of them is its time ("II. THỜI GIAN, ĐỊA ĐIỂM") and the others its purpose, facets or execution.
  const parts = body.filter((l) => l.type === 'part');
  if (parts.length) return parts.every((l) => FACET.test(l.text)) || (parts.some((l) => /^thời gian/iu.test(l.text)) && parts.every((l) => FACET.test(l.text) || PURPOSE.test(l.text) || EXECUTION.test(l.text)));
  const sections = body.filter((l) => l.type === 'section');
  if (sections.length && sections.every((l) => FACET.test(l.text))) return true;
  return !(docType && PLAN_TYPES.test(docType) && sections.length);
}

/** A take-down sentence is the flag task's last step ("hạ cờ khi hết thời gian"), not a task of its own. */
function withTakeDownStep(items: RawItem[]): (RawItem & { takeDown?: boolean })[] {
  const flag = items.some((i) => i.kind === 'flag');
  if (!flag) return items;
  return items.filter((i) => i.kind !== 'takedown').map((i) => (i.kind === 'flag' ? { ...i, takeDown: items.some((o) => o.kind === 'takedown') } : i));
}

/** The activities of a plan, and the duties written as numbered lines of part III (they only say who does an activity). */
function readItems(parts: ReturnType<typeof splitParts>, ctx: ReadContext): [RawItem[], RawItem[]] {
  const items: RawItem[] = [];
  const duties: RawItem[] = [];
  for (const part of parts) {
    // "1. MỤC ĐÍCH, YÊU CẦU" of a plan without parts is its purpose, and so are the numbered lines
    // under it until the next heading in capitals ("2. NỘI DUNG"): nothing to do there.
    let purpose = false;
    for (const section of part.sections) {
      if (PURPOSE.test(section.heading)) purpose = true;
      else if (purpose && isCapitals(section.heading)) purpose = false;
      if (purpose) continue;
      if (part.role === 'content') items.push(...activityItems(section, ctx));
      if (part.role === 'execution') items.push(...sentenceItems(section, ctx, headingNames(section, ctx)));
      // A duty written as the numbered line itself ("1. Trưởng các thôn vận động Nhân dân treo cờ …").
      if (part.role === 'execution' && !section.lines.length) duties.push(...sentenceItems({ ...section, lines: [{ type: 'para', marker: '', text: section.heading }] }, ctx, NOBODY));
    }
  }
  return [items, duties];
}

/**
 * The first item of each kind stands; later ones restate it (part III repeating part II), and so do the duties written
 * as numbered lines: they say who does an activity that named nobody, never add one.
 */
function dedupe(items: RawItem[], duties: RawItem[]): RawItem[] {
  const firsts = items.filter((item, i) => items.findIndex((o) => o.kind === item.kind) === i);
  const restating = [...items, ...duties];
  return firsts.map((item) => {
    if (isBlank(item.who)) return { ...item, who: restating.find((o) => o.kind === item.kind && !isBlank(o.who))?.who ?? item.who };
    // An event part III asks more kinds of units to hold ("Đề nghị các trường học, các khối phố, CLB … tổ chức … văn nghệ, thể thao") adds them.
    if (item.kind !== 'event') return item;
    const more = items.slice(items.indexOf(item) + 1).filter((o) => o.kind === 'event' && !o.who.all).flatMap((o) => o.who.kinds);
    return more.length ? { ...item, who: { ...item.who, kinds: [...new Set([...item.who.kinds, ...more])] } } : item;
  });
}

/** From the earliest written start to the latest written end; a deadline alone counts only for the end. */
function planPeriod(items: RawItem[], zone: string): PlanPeriod | null {
  const dated = items.flatMap((i) => (i.period ? [i.period] : []));
  if (!dated.length) return null;
  const starts = dated.filter((p) => !p.openStart).map((p) => p.start.getTime());
  const ends = dated.map((p) => p.end.getTime());
  const end = new Date(Math.max(...ends));
  const start = starts.length ? new Date(Math.min(...starts)) : end;
  return { start, end, precision: wholeMonths(start, end, zone) ? 'month' : 'day' };
}

function wholeMonths(start: Date, end: Date, zone: string): boolean {
  const s = DateTime.fromJSDate(start, { zone });
  const e = DateTime.fromJSDate(end, { zone });
  return s.equals(s.startOf('month')) && e.equals(e.endOf('month'));
}

function draftItem(item: RawItem & Partial<Pick<NoticeItem, 'takeDown'>>, index: number, all: RawItem[], plan: PlanPeriod | null, o: ParsePlanOptions): DraftItem {
  const { period, periodFrom } = itemPeriod(item, all, plan, o.zone);
  return {
    index,
    kind: item.kind,
    title: item.title,
    section: item.section,
    source: item.source,
    period,
    periodFrom,
    deadline: item.period?.deadline ?? false,
    takeDown: item.takeDown ?? false,
    assign: toAssignment(item.who, o.units),
    suggestion: suggestionFor(item.kind, period?.start ?? null, o.zone),
  };
}

function itemPeriod(item: RawItem, all: RawItem[], plan: PlanPeriod | null, zone: string): Pick<DraftItem, 'period' | 'periodFrom'> {
  if (item.kind === 'takedown' && !item.period) {
    const flags = all.find((i) => i.kind === 'flag')?.period ?? plan;
    if (flags) {
      const day = DateTime.fromJSDate(flags.end, { zone }).plus({ days: 1 }).startOf('day');
      return { period: { start: day.toJSDate(), end: day.endOf('day').toJSDate(), precision: 'day' }, periodFrom: 'after' };
    }
  }
  if (item.period) return { period: { start: item.period.start, end: item.period.end, precision: item.period.precision, ...(item.period.lunar ? { lunar: true } : {}) }, periodFrom: 'text' };
  return { period: plan, periodFrom: plan ? 'plan' : 'none' };
}

function firstYear(text: string): number | undefined {
  const m = /\b(20\d{2})\b/.exec(text);
  return m ? Number(m[1]) : undefined;
}
