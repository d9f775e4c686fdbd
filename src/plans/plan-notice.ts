import { DateTime } from 'luxon';
import { foldVietnamese } from '../core/fold.js';
import type { UnitKind } from '../core/schema.js';
import { NOBODY, readNames, type Named } from './plan-assignees.js';
import type { RawItem, ReadContext } from './plan-items.js';
import type { PlanLine } from './plan-lines.js';
import { BANNERS, fitTitle, noticeTitle, occasionsOf, workOf } from './notice-titles.js';
import { type LinePeriod, periodsInLine, taskPeriodsIn } from './notice-periods.js';

/**
 * A short notice (no parts I., II., III.) read as a clerk reads it: the work is flags (and maybe
 * a cleanup or a results report); every period printed anywhere, in a numbered item or not, is
 * one flag task; who does it is whoever the flag sentences and the notice's addressees name,
 * read as kinds of units ("các thôn", "Trưởng các khóm" → residential units; "các cơ quan, đơn
 * vị" → organisations; "trường học" → schools); a take-down sentence is the flag task's step.
 */
export interface NoticeItem extends RawItem {
  takeDown: boolean;
}

/** Flags, banners; "treo rủ" is cờ rủ with the flag left unsaid ("tổ chức treo rủ tại nhà văn hóa thôn"). */
const FLAG = /\b(?:treo co|treo quoc ky|quoc ky|co ru|treo ru|co to quoc|treo bang ron|bang ron|bang zon)\b/;
const CLEANUP = /\b(?:ve sinh|don dep)\b/;
const TIME_CUE = /^(?:[-+•]\s*)?(?:thoi gian(?! nghi)|dot \d|tu ngay)/;
/** Who a phrase names only in passing: "các ban ngành liên quan" is nobody in particular; "đường làng, ngõ xóm" are places; "Ngày truyền thống Mặt trận Tổ quốc" is an occasion. */
const IN_PASSING = /\b(?:cac )?(?:ban nganh|co quan|don vi|nganh)(?: chuc nang)? lien quan\b|\bcanh quan (?:khu pho|thon|xom|khu dan cu|do thi)\b|\bnong thon\b|\b(?:duong lang|ngo xom|lang xom)\b|\b(?:ngay truyen thong|thanh lap) mat tran(?: dan toc thong nhat| to quoc)?(?: viet nam)?\b/g;
/** Where a cleanup is done ("tại trụ sở cơ quan, đơn vị, trường học", "tại các thôn, tuyến đường") is not who does it. */
const PLACE_CLAUSE = /(?:^|\s)(?:(?:ngay\s+)?tại|trong và ngoài|xung quanh)\s[^.;]*/giu;
/** Places as the subject of a passive ("Các tuyến đường, ngõ xóm, chợ, trường học … được dọn vệ sinh sạch sẽ"). */
const PASSIVE_PLACES = /^[^.;]*?(?=\sđược\s+(?:dọn|vệ sinh|thu gom|quét|làm sạch|chỉnh trang))/iu;
/** "hạ cờ", or taking banners down when the period is over; not old flags replaced before it. */
const TAKE_DOWN = /\bha (?:co|quoc ky)\b|\btha?o (?:do|bang|khau)\b.*\b(?:khi (?:da )?het thoi gian|sau khi ket thuc|khi ket thuc)\b/;
const NOT_TAKE_DOWN = /\bde thay (?:the|moi)\b/;
const REPORT = /\b(?:giao|phan cong)\b.*\bbao cao ket qua\b/;
/** Sentences that forbid or stop things ("tạm dừng các hoạt động vui chơi") assign no work but flags. */
const BAN = /\b(?:tam dung|ngung|nghiem cam|khong to chuc)\b/;
/** Who a cleanup sentence names: never the places it is done at ("tại khu dân cư, chợ, trường học"; "các tuyến đường, chợ … được dọn vệ sinh"). */
function cleanupKinds(s: Sentence): UnitKind[] {
  return kindsIn(`${s.text} ${s.intro}`.replace(PASSIVE_PLACES, ' ').replace(PLACE_CLAUSE, ' '));
}

/** A sentence that opens on its verb, without a subject ("Vận động nhân dân làm vệ sinh …"). */
const SUBJECTLESS = /^(?:[-+•]\s*)?(?:vận động|tổ chức|ra quân|làm|dọn|thực hiện|phát quang|tổng vệ sinh|thu gom)\s/iu;

/** "Thành phần tham gia: Toàn bộ hệ thống chính trị phường, nhân dân …": who a one-activity notice gathers. */
const PARTICIPANTS = /^thanh phan (?:tham gia|tham du|gom)\b/;

/**
 * A notice's cleanup: the sentences that give it to someone (the places it is done at are not
 * assignees), its own period only (a range, a day it is done on; never a cited document's date or an
 * occasion's); a notice whose title is the cleanup and that has no flags takes its "Thời gian:" line
 * and its "Thành phần tham gia:" line.
 */
function cleanupOf(sentences: Sentence[], ctx: ReadContext, o: { campaign: string | null; flags: boolean }): NoticeItem | null {
  const kindsOf = (s: Sentence, i: number): UnitKind[] => {
    const own = cleanupKinds(s);
    // "Các đồng chí Trưởng thôn có trách nhiệm …. Vận động nhân dân làm vệ sinh …": a sentence opening on its verb goes on with the one before's subject.
    const before = sentences[i - 1];
    return own.length || !before || !SUBJECTLESS.test(s.text) ? own : cleanupKinds(before);
  };
  const assigned = sentences.map((s, i) => ({ s, kinds: CLEANUP.test(s.folded) && !BAN.test(s.folded) ? kindsOf(s, i) : [] }));
  const given = assigned.filter((a) => a.kinds.length > 0).map((a) => a.s);
  const titled = !o.flags && !!o.campaign && CLEANUP.test(foldVietnamese(o.campaign));
  if (!given.length && !titled) return null;
  const first = given[0] ?? sentences.find((s) => CLEANUP.test(s.folded));
  const own = first ? taskPeriodsIn(first.text, periodOptions(ctx, false))[0] : undefined;
  const timed = titled && !own ? sentences.filter((s) => s.timeLine).flatMap((s) => taskPeriodsIn(s.text, periodOptions(ctx, true)))[0] : undefined;
  const participants = titled ? sentences.filter((s) => PARTICIPANTS.test(s.folded)).flatMap((s) => kindsIn(s.text)) : [];
  return {
    kind: 'cleanup',
    title: 'Tổ chức vệ sinh môi trường',
    section: '',
    source: first?.text ?? o.campaign ?? '',
    period: (own ?? timed)?.period ?? null,
    who: named([...assigned.flatMap((a) => a.kinds), ...participants]),
    takeDown: false,
  };
}

/** A gathering a notice invites to ("Hội nghị đối thoại … vào 07 giờ 30 phút, ngày 29/10/2025"). */
const GATHERING = /\b(?:hoi nghi|tiep xuc cu tri|doi thoai|mit tinh|hoi thao|le ky niem)\b/;
/** "các thôn Thanh Kỳ, An Lao và An Định": residential units named one by one after their term. */
const NAMED_PLACES = /\bcác\s+(thôn|ấp|khóm|bản|tổ dân phố|khu phố|khối)\s+((?:\p{Lu}\p{Ll}*(?:\s+\p{Lu}\p{Ll}*)*)(?:\s*(?:,|và)\s*\p{Lu}\p{Ll}*(?:\s+\p{Lu}\p{Ll}*)*)*)/u;
const ADDRESSEES = /\b(?:de nghi|yeu cau|thong bao (?:den|cho|de)|giao)\b/;

/** Collective words of a notice and the kind they name; households and "Nhân dân" name no unit. */
const KINDS: [RegExp, UnitKind][] = [
  [/\b(?:thon|xom|khom|to dan pho|khu pho|khu dan cu|dia ban dan cu|khoi pho|cac khoi|(?:cac|ban|truong|moi|nhan dan cac) ap|he thong chinh tri)\b/, 'block'],
  [/\b(?:truong hoc|nha truong|co so giao duc|cac truong (?:mam non|tieu hoc|thcs|thpt|hoc)|hoc sinh)\b/, 'school'],
  [/\b(?:co quan|don vi|doanh nghiep|benh vien|tram y te|cong so|ban nganh|doan the|luc luong vu trang|xi nghiep|cong ty|he thong chinh tri|mat tran to quoc)\b/, 'organisation'],
];

function kindsIn(text: string): UnitKind[] {
  const folded = foldVietnamese(text).replace(IN_PASSING, ' ');
  return KINDS.filter(([re]) => re.test(folded)).map(([, kind]) => kind);
}

function named(kinds: UnitKind[]): Named {
  return { ...NOBODY, kinds: [...new Set(kinds)] };
}


interface Sentence {
  text: string;
  folded: string;
  /** The addressees of the intro line above a list ("đề nghị các hộ dân, cơ quan … như sau:"). */
  intro: string;
  /** The sentence's line begins with a time cue ("Thời gian treo cờ: … ; Chào mừng … từ …"). */
  timeLine: boolean;
  /** The sentence is a list item ("- Ngày 27/01/2026 tại sân Nhà văn hóa thôn Tân Phong;"). */
  listed: boolean;
}

function sentencesOf(lines: PlanLine[]): Sentence[] {
  const out: Sentence[] = [];
  let intro = '';
  for (const line of lines) {
    const listed = line.type === 'bullet' || line.type === 'sub';
    if (!listed) intro = line.text.trimEnd().endsWith(':') ? line.text : '';
    const timeLine = TIME_CUE.test(foldVietnamese(line.text)) || (listed && /\bthoi gian(?! nghi)\b/.test(foldVietnamese(intro)));
    for (const text of line.text.split(/(?<=[.;!?])\s+(?=\p{Lu})/u)) out.push({ text, folded: foldVietnamese(text), intro: listed ? intro : '', timeLine, listed });
  }
  return out;
}

/** A flag period and the sentence that printed it (whose assignees are that period's when a notice has several). */
interface SentencePeriod extends LinePeriod {
  sentence: Sentence;
}

function periodOptions(ctx: ReadContext, timeLine: boolean) {
  return { zone: ctx.zone, defaultYear: ctx.year, issued: ctx.issued, timeLine };
}

/** Every distinct flag period: in a line about flags, or under a "Thời gian …:" heading (see taskPeriodsIn for which dates are periods). */
function flagPeriods(sentences: Sentence[], ctx: ReadContext): SentencePeriod[] {
  const found: SentencePeriod[] = [];
  for (const s of sentences) {
    const { timeLine } = s;
    if (!timeLine && !FLAG.test(s.folded)) continue;
    // A day the flags are checked on ("đoàn đi kiểm tra công tác treo cờ … vào ngày 09/10") is not a day they hang.
    const checking = !timeLine && INSPECTION.test(s.folded);
    for (const p of taskPeriodsIn(s.text, { ...periodOptions(ctx, timeLine), singleDays: !checking })) {
      if (p.period.precision === 'month') continue;
      if (found.some((f) => f.period.start.getTime() === p.period.start.getTime() && f.period.end.getTime() === p.period.end.getTime())) continue;
      found.push({ ...p, sentence: s });
    }
  }
  return found;
}

const INSPECTION = /\b(?:kiem tra|giam sat|cham diem|danh gia)\b/;

/** The rest of a period's sentence after it, where its occasion may stand ("… đến hết ngày 07/4/2025 ( Lễ Giỗ tổ Hùng Vương )"). */
function afterPeriod(p: SentencePeriod): string {
  const text = p.sentence.text.normalize('NFC').replace(/\s+/g, ' ');
  const at = text.toLowerCase().indexOf(p.period.matched.toLowerCase().replace(/\s+/g, ' ').trim());
  return at < 0 ? '' : text.slice(at + p.period.matched.trim().length);
}

/** "vận động hộ dân treo cờ", "nhắc nhở Nhân dân": reminding households is the residential units' work. */
const MOBILISE_PEOPLE = /\b(?:van dong|nhac nho|don doc|huong dan|thong bao (?:rong rai )?(?:den|cho))\b.*\b(?:nhan dan|nguoi dan|ho dan|ho gia dinh|ba con)\b/;

/** Who a flag sentence names. */
function flagKinds(s: Sentence): UnitKind[] {
  return kindsIn(`${s.text} ${s.intro}`);
}

/** A period's own sentence that names nobody but has households reminded ("Vận động hộ dân treo cờ …") is the residential units'. */
function periodKinds(s: Sentence): UnitKind[] {
  const kinds = flagKinds(s);
  return !kinds.length && MOBILISE_PEOPLE.test(s.folded) ? ['block'] : kinds;
}

/** Reads a notice's items; `campaign` is its title line, for naming the work when a period names no occasion. */
export function noticeItems(lines: PlanLine[], ctx: ReadContext, campaign: string | null): NoticeItem[] {
  const sentences = sentencesOf(lines);
  const flagSentences = sentences.filter((s) => FLAG.test(s.folded) && !TAKE_DOWN.test(s.folded));
  // A sentence addressed to everyone about another work (a cleanup) does not say who hangs the flags.
  const addressed = sentences.filter((s) => ADDRESSEES.test(s.folded) && /\bthuc hien\b/.test(s.folded) && !CLEANUP.test(s.folded));
  const items: NoticeItem[] = [];
  const takeDowns = sentences.filter((s) => TAKE_DOWN.test(s.folded) && !NOT_TAKE_DOWN.test(s.folded));
  const takeDown = takeDowns.length > 0;
  const flagWho = named([...flagSentences, ...takeDowns, ...addressed].flatMap(flagKinds));
  const work = workOf(flagSentences.map((s) => s.text).join(' ') || (campaign ?? ''));
  if (flagSentences.length || (campaign && FLAG.test(foldVietnamese(campaign)))) {
    const periods = flagPeriods(sentences, ctx);
    const source = flagSentences[0]?.text ?? campaign ?? '';
    // Sentences end where their lines do: an occasion never runs into the next line.
    const body = sentences.map((s) => s.text.replace(/[.\s]+$/u, '')).join('. ');
    const each = periods.length ? periods : [null];
    for (const p of each) {
      // A period of banners only ("thời gian treo băng rôn, khẩu hiệu từ …") is named by its own work.
      const banners = p && FLAG.test(foldVietnamese(p.lead)) ? workOf(p.lead) : null;
      const several = periods.length > 1;
      // Several periods: each is named by its own sentence's work ("treo cờ rủ" for the funeral days only).
      const own = banners === BANNERS ? banners : several && p && FLAG.test(p.sentence.folded) ? workOf(p.sentence.text) : work;
      const k = p ? periods.indexOf(p) : 0;
      const tail = several && p ? afterPeriod(p) : '';
      const title = noticeTitle(own, { lead: p?.lead ?? '', tail, campaign: several ? (occasionsOf(campaign)[k] ?? null) : campaign, body, leadFirst: several, ...(several ? { index: k } : {}) });
      // Several periods: each sentence names its own assignees ("các trụ sở … treo cờ rủ"; "các khu phố vận động …").
      const ownWho = several && p ? periodKinds(p.sentence) : [];
      items.push({ kind: 'flag', title, section: '', source, period: p?.period ?? null, who: ownWho.length ? named(ownWho) : flagWho, takeDown });
    }
  }
  const cleanupItem = cleanupOf(sentences, ctx, { campaign, flags: items.length > 0 });
  if (cleanupItem) items.push(cleanupItem);
  if (!items.length) {
    const invited = gathering(sentences, ctx);
    items.push(...(invited.length ? invited : eventsOf(sentences, ctx, campaign)));
  }
  const report = sentences.find((s) => REPORT.test(s.folded));
  if (report) {
    const who = readNames(report.text.replace(/^.*?\b(?:Giao|giao)\s+/u, '').split(/\s+(?:kiểm tra|theo dõi|tổng hợp|báo cáo)\b/u)[0] ?? '', ctx);
    items.push({ kind: 'results-report', title: 'Báo cáo kết quả thực hiện', section: '', source: report.text, period: null, who, takeDown: false });
  }
  return items;
}

/** A notice that invites to one gathering at a set time ("… vào 07 giờ 30 phút, ngày 29/10/2025"): the event, for the places it names one by one. */
function gathering(sentences: Sentence[], ctx: ReadContext): NoticeItem[] {
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
const EVENT = /(?:lễ hội|ngày hội|hội nghị|tiếp xúc cử tri|đối thoại|mít tinh|hội thảo|lễ kỷ niệm|biểu diễn|chương trình văn nghệ|hội diễn|hội thi|liên hoan|giải (?:bóng \S+|cầu lông|việt dã|chạy|cờ tướng|vật|thể thao))/iu;
/** "Khai mạc Lễ hội: vào lúc 09 giờ 00, ngày 05/01/2023": when those who attend must be there. */
const OPENING = /^(?:[-+•]\s*)?khai mạc(?:\s|:|$)/iu;
/** A list item that is a day of the event ("- Ngày 27/01/2026 tại sân Nhà văn hóa thôn Tân Phong;"). */
const DAY_ITEM = /^(?:[-+•]\s*)?(?:ngày|sáng|chiều|tối)\s+(?:ngày\s+)?\d/iu;
/** A residential unit named by its own name where the event is held: that unit hosts it. */
const HOST = /(?:^|\s)(thôn|ấp|khóm|bản|tổ dân phố|khu phố|khối)\s+(\p{Lu}[\p{L}\d]*(?:\s+\p{Lu}[\p{L}\d]*)*)/u;
/** Those drawn to take part ("thu hút sự tham gia … của người dân, các cơ quan") are not who runs it. */
const TAKING_PART = /(?:thu hút|thành phần|tham gia|tham dự)[^.;]*/giu;

/** The event's name as a task title: from the event word to where the sentence says when or where. */
function eventTitle(text: string): string {
  const from = EVENT.exec(text)?.index ?? 0;
  const phrase = text.slice(from).split(/\s+(?:vào|tại|từ|trong|ở)\s|[.;:,]/u)[0] ?? '';
  // A heading in capitals ("NGÀY HỘI ĐẠI ĐOÀN KẾT …") is not shouted in a leader's task list.
  const title = fitTitle(isCapitals(phrase) ? phrase.toLocaleLowerCase('vi') : phrase);
  return title.charAt(0).toLocaleUpperCase('vi') + title.slice(1);
}

export function isCapitals(text: string): boolean {
  const letters = text.replace(/[^\p{L}]/gu, '');
  return letters.length > 3 && letters === letters.toLocaleUpperCase('vi');
}

/**
 * A notice of an event (a festival, a performance, a Ngày hội): one event for each of its days listed
 * one by one, hosted by the unit named at its place; else one event from its opening time or its
 * "Thời gian" period, run by the units its organising sentence names (not those it draws to take part).
 */
function eventsOf(sentences: Sentence[], ctx: ReadContext, campaign: string | null): NoticeItem[] {
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
  const timed = sentences.filter((s) => s.timeLine || EVENT.test(s.text)).flatMap((s) => taskPeriodsIn(s.text, periodOptions(ctx, s.timeLine)))[0];
  if (!opening && !timed) return [];
  const period = opening ? { ...opening.period, end: timed && timed.period.end > opening.period.end ? timed.period.end : opening.period.end } : (timed?.period ?? null);
  const organising = sentences.filter((s) => EVENT.test(s.text) && /\bto chuc\b/.test(s.folded));
  const who = organising.flatMap((s) => kindsIn(s.text.replace(TAKING_PART, ' ')));
  return [{ kind: 'event', title, section: '', source: (opening ?? timed)?.lead ?? name, period, who: named(who), takeDown: false }];
}

/** A gathering's time is a clock time ("07 giờ 30 phút"), never the midnight a cited document's date has. */
function startOfLocalDay(at: Date, zone: string): number {
  return DateTime.fromJSDate(at, { zone }).startOf('day').toMillis();
}
