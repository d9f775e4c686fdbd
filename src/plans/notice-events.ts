import { DateTime } from 'luxon';
import { NOBODY, readNames } from './plan-assignees.js';
import type { RawItem, ReadContext } from './plan-items.js';
import { fitTitle } from './notice-titles.js';
import { periodsInLine, taskPeriodsIn } from './notice-periods.js';
import { isCapitals, kindsIn, named, periodOptions, type Sentence } from './notice-sentences.js';

/** An item of a notice: a flag task also says whether it ends by taking the flags down. */
export interface NoticeItem extends RawItem {
  takeDown: boolean;
}

/** A gathering a notice invites to ("Hội nghị đối thoại … vào 07 giờ 30 phút, ngày 29/10/2025"). */
const GATHERING = /\b(?:hoi nghi|tiep xuc cu tri|doi thoai|mit tinh|hoi thao|le ky niem)\b/;
/** "các thôn Thanh Kỳ, An Lao và An Định": residential units named one by one after their term. */
const NAMED_PLACES = /\bcác\s+(thôn|ấp|khóm|bản|tổ dân phố|khu phố|khối)\s+((?:\p{Lu}\p{Ll}*(?:\s+\p{Lu}\p{Ll}*)*)(?:\s*(?:,|và)\s*\p{Lu}\p{Ll}*(?:\s+\p{Lu}\p{Ll}*)*)*)/u;

/** A notice that invites to one gathering at a set time ("… vào 07 giờ 30 phút, ngày 29/10/2025"): the event, for the places it names one by one. */
export function gathering(sentences: Sentence[], ctx: ReadContext): NoticeItem[] {
  for (const s of sentences) {
    if (!GATHERING.test(s.folded)) continue;
    // The date of a document it cites ("Hướng dẫn số 13 ngày 06/8/2025") is not the gathering's.
    const when = periodsInLine(s.text, { zone: ctx.zone, defaultYear: ctx.year }).find(
      (p) => /(?:vào|lúc|từ)\s*(?:ngày\s*)?$/iu.test(p.lead.trimEnd()) || p.period.start.getTime() !== startOfLocalDay(p.period.start, ctx.zone),
    );
    if (!when) continue;
    // The gathering is the last one named before its time ("… về công tác đối thoại …, sẽ tổ chức Hội nghị đối thoại … vào …").
    const named = [...when.lead.matchAll(/Hội nghị|tiếp xúc cử tri|mít tinh|hội thảo|lễ kỷ niệm/giu)].at(-1) ?? [...when.lead.matchAll(/đối thoại/giu)].at(-1);
    const from = named?.index ?? -1;
    if (from < 0) continue;
    const phrase = when.lead.slice(from).split(/\s+(?:vào|lúc|từ)(?:\s|$)/u)[0] ?? '';
    const places = NAMED_PLACES.exec(phrase);
    const who = places ? readNames((places[2] ?? '').split(/\s*,\s*|\s+và\s+/u).map((name) => `${places[1]} ${name}`).join(', '), ctx) : NOBODY;
    const title = fitTitle(phrase);
    return [{ kind: 'event', title: title.charAt(0).toLocaleUpperCase('vi') + title.slice(1), section: '', source: s.text, period: when.period, who, takeDown: false }];
  }
  return [];
}

/** What a notice of an event calls it: a festival, a performance, a meeting, a tournament. */
const EVENT = /(?:lễ hội|ngày hội|hội nghị|tiếp xúc cử tri|đối thoại|mít tinh|hội thảo|lễ kỷ niệm|lễ phát động|biểu diễn|chương trình văn nghệ|hội diễn|hội thi|hội trại|hội chợ|liên hoan|đại hội (?:thể dục thể thao|TDTT)|hội khỏe phù đổng|giải (?:bóng \S+|cầu lông|việt dã|chạy|cờ tướng|vật|thể thao))/iu;
/** "Khai mạc Lễ hội: vào lúc 09 giờ 00, ngày 05/01/2023", "Giải đấu sẽ khai mạc vào lúc 15 h ngày …": when those who attend must be there. */
const OPENING = /^(?:[-+•]\s*)?khai mạc(?:\s|:|$)|\skhai mạc\s+(?:vào|lúc)\s/iu;
/** A list item that is a day of the event ("- Ngày 27/01/2026 tại sân Nhà văn hóa thôn Tân Phong;"), its time maybe first ("- 19h30’ ngày 08/7/2019 tiếp xúc cử tri khu phố Trang Liệt"). */
const DAY_ITEM = /^(?:[-+•]\s*)?(?:(?:ngày|sáng|chiều|tối)\s+(?:ngày\s+)?|\d{1,2}\s*(?:h|giờ)\s*(?:\d{2}\s*(?:phút)?)?['’]?\s*(?:,\s*)?ngày\s+)\d/iu;
/** A residential unit named by its own name where the event is held: that unit hosts it. */
const HOST = /(?:^|\s)(thôn|ấp|khóm|bản|tổ dân phố|khu phố|khối)\s+(\p{Lu}[\p{L}\d]*(?:\s+\p{Lu}[\p{L}\d]*)*)/u;
/** Those drawn to take part ("thu hút sự tham gia … của người dân, các cơ quan") are not who runs it. */
const TAKING_PART = /(?:thu hút|thành phần|tham gia|tham dự)[^.;]*/giu;

/** The event as the subject of a passive ("Liên hoan Nghệ thuật quần chúng thôn, tổ dân phố … được tổ chức tại …"): its name is not who runs it. */
const EVENT_AS_SUBJECT = /^[^.;]*?(?=\sđược\s+(?:tổ chức|diễn ra|khai mạc)\b)/iu;
/** A request about the event ("đề nghị lãnh đạo các cơ quan, ban ngành, hội đoàn thể … thông báo triệu tập … đến dự"): those it asks do the work. */
const REQUEST = /\b(?:de nghi|yeu cau)\b/;

/** The office that deploys a plan ("Ủy ban MTTQ thị trấn … triển khai kế hoạch tổ chức …") gives the work; it is not who does it. */
const DEPLOYER = /^[^.;]*?(?=\striển khai\s+(?:kế hoạch|thực hiện|các nội dung)\b)/iu;

/**
 * The event a notice without a title organises, named in full as its body writes it ("tổ chức tiếp xúc cử tri trước
 * kỳ họp …, nhiệm kỳ 2021-2026 với nội dung như sau:"): from the event word to where the sentence says how, when or where.
 */
export function eventName(text: string): string | null {
  const sentence = text.split(/\n|(?<=[.;!?])\s+/u).find((s) => EVENT.test(s) && /\btổ chức\b/iu.test(s));
  const from = sentence ? EVENT.exec(sentence)?.index : undefined;
  if (!sentence || from === undefined) return null;
  const name = sentence.slice(from).split(/\s+(?:với nội dung|như sau|vào|lúc|tại|từ ngày|trong các ngày)(?=[\s,:]|$)|[.;:]/u)[0]?.trim() ?? '';
  return name.length >= 8 ? name.charAt(0).toLocaleUpperCase('vi') + name.slice(1) : null;
}

/** The event's name as a task title: from the event word to where the sentence says when or where. */
function eventTitle(text: string): string {
  const from = EVENT.exec(text)?.index ?? 0;
  const phrase = text.slice(from).split(/\s+(?:vào|tại|từ|trong|ở)\s|[.;:,]/u)[0] ?? '';
  // A heading in capitals ("NGÀY HỘI ĐẠI ĐOÀN KẾT …") is not shouted in a leader's task list.
  const title = fitTitle(isCapitals(phrase) ? phrase.toLocaleLowerCase('vi') : phrase);
  return title.charAt(0).toLocaleUpperCase('vi') + title.slice(1);
}

/**
 * A notice of an event (a festival, a performance, a Ngày hội): one event for each of its days listed
 * one by one, hosted by the unit named at its place; else one event from its opening time or its
 * "Thời gian" period, run by the units its organising sentence names (not those it draws to take part).
 */
export function eventsOf(sentences: Sentence[], ctx: ReadContext, campaign: string | null): NoticeItem[] {
  const name = campaign && EVENT.test(campaign) ? campaign : sentences.find((s) => EVENT.test(s.text))?.text;
  if (!name) return [];
  const title = eventTitle(name);
  const days = sentences.filter((s) => s.listed && DAY_ITEM.test(s.text));
  if (days.length) {
    return days.flatMap((s) => {
      const p = taskPeriodsIn(s.text, periodOptions(ctx, true))[0];
      if (!p) return [];
      const host = HOST.exec(s.text);
      const who = host ? readNames(`${host[1]} ${host[2]}`, ctx) : NOBODY;
      return [{ kind: 'event' as const, title, section: '', source: s.text, period: p.period, who, takeDown: false }];
    });
  }
  const opening = sentences.filter((s) => OPENING.test(s.text)).flatMap((s) => taskPeriodsIn(s.text, periodOptions(ctx, true)))[0];
  const namedTime = sentences.find((s) => (s.timeLine || EVENT.test(s.text)) && taskPeriodsIn(s.text, periodOptions(ctx, s.timeLine)).length);
  // "Giải đấu sẽ diễn ra từ ngày 16/4 đến ngày 29/4/2023", "các khu dân cư … chọn ngày tổ chức trong khoảng thời gian từ 1- 18/11".
  const postponed = sentences.some((s) => POSTPONED.test(s.folded));
  const heldOver = namedTime || postponed ? undefined : sentences.find((s) => HELD_OVER.test(s.folded) && !HELD_DONE.test(s.folded) && heldRange(s, ctx).length);
  const timedAll = namedTime ? taskPeriodsIn(namedTime.text, periodOptions(ctx, namedTime.timeLine)) : heldOver ? heldRange(heldOver, ctx) : [];
  // "Khai mạc vào lúc 7 giờ 00 ngày 15/5, thi đấu từ ngày 15/5 đến hết ngày 17/5": the event runs to the last day its time line gives.
  const last = timedAll.reduce<(typeof timedAll)[number] | undefined>((a, p) => (!a || p.period.end > a.period.end ? p : a), undefined);
  const timed = timedAll[0] && last ? { ...timedAll[0], period: { ...timedAll[0].period, end: last.period.end } } : undefined;
  if (!opening && !timed) return [];
  const period = opening ? { ...opening.period, end: timed && timed.period.end > opening.period.end ? timed.period.end : opening.period.end } : (timed?.period ?? null);
  const organising = sentences.filter((s) => EVENT.test(s.text) && (/\bto chuc\b/.test(s.folded) || REQUEST.test(s.folded)));
  const who = organising.flatMap((s) => kindsIn(s.text.replace(EVENT_AS_SUBJECT, ' ').replace(TAKING_PART, ' ').replace(DEPLOYER, ' ')));
  const started = period ? { ...period, start: printedStart(period.start, sentences, ctx) } : null;
  return [{ kind: 'event', title, section: '', source: (opening ?? timed)?.lead ?? name, period: started, who: named(who), takeDown: false }];
}

/**
 * A sentence that says over which days the event is held without naming it ("Giải đấu sẽ diễn ra từ …", "chọn ngày tổ
 * chức trong khoảng thời gian từ 1- 18/11"): in a notice about one event, its range is the event's days.
 */
const HELD_OVER = /\b(?:dien ra|ngay to chuc|thoi gian to chuc)\b/;
/** A notice that puts the event off ("tạm hoãn tổ chức Giải", "tạm dừng"): the days first planned are no longer its days. */
const POSTPONED = /\b(?:tam hoan|hoan to chuc|hoan lai|tam dung|dieu chinh thoi gian)\b/;
/** "đã diễn ra", "vừa diễn ra": held already. */
const HELD_DONE = /\b(?:da|vua|da duoc) (?:\S+ )?(?:dien ra|to chuc)\b/;
function heldRange(s: Sentence, ctx: ReadContext) {
  return taskPeriodsIn(s.text, { ...periodOptions(ctx, false), singleDays: false });
}

/** Sentences that say when an event begins: its own name, or its opening ("…;Khai mạc vào lúc 19h ngày 25/10"). */
const BEGINS = /\b(?:khai mac|bat dau)\b/;

/**
 * An event read from its days ("diễn ra trong 2 ngày 17 và 18/1") starts at the time or part of day printed for its first
 * day in a sentence about it ("Sáng 17/1, xã … tổ chức lễ khai mạc giải …" → 07:00; "Khai mạc vào lúc 19h ngày 25/10" →
 * 19:00): the earliest such time; a day printed without a time leaves the start at the day's beginning.
 */
function printedStart(start: Date, sentences: Sentence[], ctx: ReadContext): Date {
  const day = startOfLocalDay(start, ctx.zone);
  if (start.getTime() !== day) return start;
  let best: Date | null = null;
  for (const s of sentences) {
    if (!EVENT.test(s.text) && !BEGINS.test(s.folded)) continue;
    for (const p of periodsInLine(s.text, { zone: ctx.zone, defaultYear: ctx.year })) {
      const at = p.period.start;
      if (p.period.openStart || startOfLocalDay(at, ctx.zone) !== day || at.getTime() === day) continue;
      if (!best || at < best) best = at;
    }
  }
  return best ?? start;
}

/** A gathering's time is a clock time ("07 giờ 30 phút"), never the midnight a cited document's date has. */
function startOfLocalDay(at: Date, zone: string): number {
  return DateTime.fromJSDate(at, { zone }).startOf('day').toMillis();
}
