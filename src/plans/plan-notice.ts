import { DateTime } from 'luxon';
import { foldVietnamese } from '../core/fold.js';
import type { UnitKind } from '../core/schema.js';
import { NOBODY, readNames, type Named } from './plan-assignees.js';
import type { RawItem, ReadContext } from './plan-items.js';
import type { PlanLine } from './plan-lines.js';
import { BANNERS, fitTitle, noticeTitle, occasionsOf, workOf } from './notice-titles.js';
import { type LinePeriod, periodsInLine } from './notice-periods.js';

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

const FLAG = /\b(?:treo co|treo quoc ky|quoc ky|co ru|co to quoc|treo bang ron|bang ron|bang zon)\b/;
const CLEANUP = /\b(?:ve sinh|don dep)\b/;
const TIME_CUE = /^(?:[-+•]\s*)?(?:thoi gian(?! nghi)|dot \d|tu ngay)/;
/** Who a phrase names only in passing: "các ban ngành liên quan" is nobody in particular. */
const IN_PASSING = /\b(?:cac )?(?:ban nganh|co quan|don vi|nganh)(?: chuc nang)? lien quan\b|\bcanh quan (?:khu pho|thon|xom|khu dan cu|do thi)\b/g;
/** Where a cleanup is done ("tại trụ sở cơ quan, đơn vị, trường học") is not who does it. */
const PLACE_CLAUSE = /\btai (?:tru so|khu vuc|noi|cac ho|nha)[^.;]*/g;
/** "hạ cờ", or taking banners down when the period is over; not old flags replaced before it. */
const TAKE_DOWN = /\bha (?:co|quoc ky)\b|\btha?o (?:do|bang|khau)\b.*\b(?:khi (?:da )?het thoi gian|sau khi ket thuc|khi ket thuc)\b/;
const NOT_TAKE_DOWN = /\bde thay (?:the|moi)\b/;
const REPORT = /\b(?:giao|phan cong)\b.*\bbao cao ket qua\b/;
/** Sentences that forbid or stop things ("tạm dừng các hoạt động vui chơi") assign no work but flags. */
const BAN = /\b(?:tam dung|ngung|nghiem cam|khong to chuc)\b/;
/** A gathering a notice invites to ("Hội nghị đối thoại … vào 07 giờ 30 phút, ngày 29/10/2025"). */
const GATHERING = /\b(?:hoi nghi|tiep xuc cu tri|doi thoai|mit tinh|hoi thao|le ky niem)\b/;
/** "các thôn Thanh Kỳ, An Lao và An Định": residential units named one by one after their term. */
const NAMED_PLACES = /\bcác\s+(thôn|ấp|khóm|bản|tổ dân phố|khu phố|khối)\s+((?:\p{Lu}\p{Ll}*(?:\s+\p{Lu}\p{Ll}*)*)(?:\s*(?:,|và)\s*\p{Lu}\p{Ll}*(?:\s+\p{Lu}\p{Ll}*)*)*)/u;
const ADDRESSEES = /\b(?:de nghi|yeu cau|thong bao (?:den|cho|de)|giao)\b/;

/** Collective words of a notice and the kind they name; households and "Nhân dân" name no unit. */
const KINDS: [RegExp, UnitKind][] = [
  [/\b(?:thon|xom|khom|to dan pho|khu pho|khu dan cu|dia ban dan cu|khoi pho|cac khoi|(?:cac|ban|truong|moi|nhan dan cac) ap)\b/, 'block'],
  [/\b(?:truong hoc|nha truong|co so giao duc|cac truong (?:mam non|tieu hoc|thcs|thpt|hoc))\b/, 'school'],
  [/\b(?:co quan|don vi|doanh nghiep|benh vien|tram y te|cong so|ban nganh|doan the|luc luong vu trang|xi nghiep|cong ty)\b/, 'organisation'],
];

function kindsIn(text: string, drop?: RegExp): UnitKind[] {
  const folded = foldVietnamese(text).replace(IN_PASSING, ' ').replace(drop ?? /$^/, ' ');
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
}

function sentencesOf(lines: PlanLine[]): Sentence[] {
  const out: Sentence[] = [];
  let intro = '';
  for (const line of lines) {
    const listed = line.type === 'bullet' || line.type === 'sub';
    if (!listed) intro = line.text.trimEnd().endsWith(':') ? line.text : '';
    const timeLine = TIME_CUE.test(foldVietnamese(line.text)) || (listed && /\bthoi gian(?! nghi)\b/.test(foldVietnamese(intro)));
    for (const text of line.text.split(/(?<=[.;!?])\s+(?=\p{Lu})/u)) out.push({ text, folded: foldVietnamese(text), intro: listed ? intro : '', timeLine });
  }
  return out;
}

/** Every distinct flag period: in a line about flags, or under a "Thời gian …:" heading. */
function flagPeriods(sentences: Sentence[], ctx: ReadContext): LinePeriod[] {
  const found: LinePeriod[] = [];
  for (const s of sentences) {
    const { timeLine } = s;
    if (!timeLine && !FLAG.test(s.folded)) continue;
    for (const p of periodsInLine(s.text, { zone: ctx.zone, defaultYear: ctx.year })) {
      const range = !p.period.openStart && p.period.end.getTime() - p.period.start.getTime() > 86_400_000;
      if (!range && !timeLine) continue;
      if (p.period.precision === 'month') continue;
      if (found.some((f) => f.period.start.getTime() === p.period.start.getTime() && f.period.end.getTime() === p.period.end.getTime())) continue;
      found.push(p);
    }
  }
  return found;
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
  const flagWho = named([...flagSentences, ...takeDowns, ...addressed].flatMap((s) => kindsIn(`${s.text} ${s.intro}`)));
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
      const own = banners === BANNERS ? banners : work;
      const several = periods.length > 1;
      const k = p ? periods.indexOf(p) : 0;
      const title = noticeTitle(own, { lead: p?.lead ?? '', campaign: several ? (occasionsOf(campaign)[k] ?? null) : campaign, body, leadFirst: several, ...(several ? { index: k } : {}) });
      items.push({ kind: 'flag', title, section: '', source, period: p?.period ?? null, who: flagWho, takeDown });
    }
  }
  const cleanup = sentences.filter((s) => CLEANUP.test(s.folded) && !BAN.test(s.folded) && kindsIn(`${s.text} ${s.intro}`).length > 0);
  if (cleanup.length) {
    const first = cleanup[0];
    const own = first ? periodsInLine(first.text, { zone: ctx.zone, defaultYear: ctx.year }).find((p) => !p.period.openStart) : undefined;
    items.push({
      kind: 'cleanup',
      title: 'Tổ chức vệ sinh môi trường',
      section: '',
      source: first?.text ?? '',
      period: own?.period ?? null,
      who: named(cleanup.flatMap((s) => kindsIn(`${s.text} ${s.intro}`, PLACE_CLAUSE))),
      takeDown: false,
    });
  }
  if (!items.length) items.push(...gathering(sentences, ctx));
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

/** A gathering's time is a clock time ("07 giờ 30 phút"), never the midnight a cited document's date has. */
function startOfLocalDay(at: Date, zone: string): number {
  return DateTime.fromJSDate(at, { zone }).startOf('day').toMillis();
}
