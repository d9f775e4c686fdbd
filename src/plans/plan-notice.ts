import { foldVietnamese } from '../core/fold.js';
import type { UnitKind } from '../core/schema.js';
import { readNames } from './plan-assignees.js';
import type { ReadContext } from './plan-items.js';
import type { PlanLine } from './plan-lines.js';
import { eventsOf, gathering, type NoticeItem } from './notice-events.js';
import { BANNERS, fitTitle, noticeTitle, occasionsOf, workOf } from './notice-titles.js';
import { type LinePeriod, periodsInLine, taskPeriodsIn } from './notice-periods.js';
import { kindsIn, named, periodOptions, type Sentence, sentencesOf } from './notice-sentences.js';

/**
 * A short notice (no parts I., II., III.) read as a clerk reads it: the work is flags (and maybe
 * a cleanup or a results report); every period printed anywhere, in a numbered item or not, is
 * one flag task; who does it is whoever the flag sentences and the notice's addressees name,
 * read as kinds of units ("các thôn", "Trưởng các khóm" → residential units; "các cơ quan, đơn
 * vị" → organisations; "trường học" → schools); a take-down sentence is the flag task's step.
 */

/** Flags, banners; "treo rủ" is cờ rủ with the flag left unsaid ("tổ chức treo rủ tại nhà văn hóa thôn"). */
const FLAG = /\b(?:treo co|treo quoc ky|quoc ky|co ru|treo ru|co to quoc|treo bang ron|bang ron|bang zon)\b/;
const CLEANUP = /\b(?:ve sinh|don dep)\b/;
/** Where a cleanup is done ("tại trụ sở cơ quan, đơn vị, trường học", "tại các thôn, tuyến đường") is not who does it. */
const PLACE_CLAUSE = /(?:^|\s)(?:(?:ngay\s+)?tại|trong và ngoài|xung quanh)\s[^.;]*/giu;
/** Places as the subject of a passive ("Các tuyến đường, ngõ xóm, chợ, trường học … được dọn vệ sinh sạch sẽ"). */
const PASSIVE_PLACES = /^[^.;]*?(?=\sđược\s+(?:dọn|vệ sinh|thu gom|quét|làm sạch|chỉnh trang))/iu;
/** "hạ cờ", or taking flags and banners down ("tháo dỡ", "thu", "cất") when the period is over; not old flags replaced before it. */
const TAKE_DOWN_VERB = /\b(?:tha?o(?: do)?|thu(?: hoi)?|cat|go)(?: (?:toan bo|tat ca|cac))? (?:co|quoc ky|bang [rz]on|khau hieu)\b/;
const PERIOD_OVER = /\b(?:het thoi gian|sau thoi gian|ket thuc thoi gian|sau khi ket thuc|khi ket thuc)\b/;
const TAKE_DOWN = { test: (folded: string) => /\bha (?:co|quoc ky)\b/.test(folded) || (TAKE_DOWN_VERB.test(folded) && PERIOD_OVER.test(folded)) };
const NOT_TAKE_DOWN = /\bde thay (?:the|moi)\b/;
const REPORT = /\b(?:giao|phan cong)\b.*\bbao cao ket qua\b/;
/** Sentences that forbid or stop things ("tạm dừng các hoạt động vui chơi") assign no work but flags. */
const BAN = /\b(?:tam dung|ngung|nghiem cam|khong to chuc)\b/;
/** What the work is for, after it ("… để đảm bảo khu dân cư văn hóa thôn xanh sạch đẹp"): the places it keeps clean are not who does it. */
const PURPOSE_AFTER = /(?<=\S)\s+(?:để|nhằm)\s+(?:đảm bảo|bảo đảm|góp phần|tạo|giữ)\s[^;]*/giu;
/** Who a cleanup sentence names: never the places it is done at ("tại khu dân cư, chợ, trường học"; "các tuyến đường, chợ … được dọn vệ sinh"). */
function cleanupKinds(s: Sentence): UnitKind[] {
  return kindsIn(`${s.text} ${s.intro}`.replace(PASSIVE_PLACES, ' ').replace(PLACE_CLAUSE, ' ').replace(PURPOSE_AFTER, ' '));
}

/** A sentence that opens on its verb, without a subject ("Vận động nhân dân làm vệ sinh …"). */
const SUBJECTLESS = /^(?:[-+•]\s*)?(?:vận động|tổ chức|ra quân|làm|dọn|thực hiện|phát quang|tổng vệ sinh|thu gom)\s/iu;

/** "Thành phần tham gia: Toàn bộ hệ thống chính trị phường, nhân dân …": who a one-activity notice gathers. */
const PARTICIPANTS = /^thanh phan(?: (?:tham gia|tham du|gom))?\b/;

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
  const all = sentences.map((s, i) => ({ s, kinds: CLEANUP.test(s.folded) && !BAN.test(s.folded) ? kindsOf(s, i) : [] }));
  // A report of a cleanup done that closes by asking to go on ("… tiếp tục chỉ đạo các đoàn thể … duy trì"): only that request assigns.
  const goingOn = all.findLastIndex((a) => a.kinds.length > 0 && GOING_ON.test(a.s.folded));
  const assigned = goingOn > 0 && all.slice(0, goingOn).some((a) => a.kinds.length > 0) ? all.slice(goingOn) : all;
  const given = assigned.filter((a) => a.kinds.length > 0).map((a) => a.s);
  const titled = !o.flags && !!o.campaign && CLEANUP.test(foldVietnamese(o.campaign));
  if (!given.length && !titled) return null;
  const first = given[0] ?? sentences.find((s) => CLEANUP.test(s.folded));
  const printed = first ? taskPeriodsIn(first.text, periodOptions(ctx, false))[0] : undefined;
  const own = printed ? startingAt(printed, sentences, ctx) : undefined;
  const timed = titled && !own ? sentences.filter((s) => s.timeLine).flatMap((s) => taskPeriodsIn(s.text, periodOptions(ctx, true)))[0] : undefined;
  const plannedRaw = titled && !own && !timed ? plannedPeriod(sentences, ctx) : undefined;
  const planned = plannedRaw ? { ...startingAt(plannedRaw, sentences, ctx), sentence: plannedRaw.sentence } : undefined;
  // "Thành phần tham gia: …", or the items under a part headed "THÀNH PHẦN".
  const joining = (s: Sentence) => PARTICIPANTS.test(s.folded) || (s.listed && PARTICIPANTS.test(foldVietnamese(s.intro)));
  const participants = titled ? sentences.filter(joining).flatMap((s) => kindsIn(s.text)) : [];
  return {
    kind: 'cleanup',
    title: 'Tổ chức vệ sinh môi trường',
    section: '',
    source: first?.text ?? o.campaign ?? '',
    period: (own ?? timed ?? planned)?.period ?? null,
    // The campaign's own sentence says whom it mobilises ("huy động cả hệ thống chính trị và cộng đồng dân cư tham gia").
    who: named([...assigned.flatMap((a) => a.kinds), ...participants, ...(given.length || participants.length || !planned ? [] : cleanupKinds(planned.sentence))]),
    takeDown: false,
  };
}

/** A sentence about the campaign as planned ("Theo kế hoạch, chiến dịch được triển khai từ 07/8 đến 30/9/2025"). */
const CAMPAIGN_REF = /\b(?:chien dich|theo ke hoach|dot (?:ra quan|tong ve sinh))\b/;
/** "Ngày 21 tháng 6 năm 2020 tất cả các ấp … đã đồng loạt tổ chức ra quân": the day the work was launched. */
const LAUNCH = /\b(?:ra quan|phat dong|bat dau|khoi dong)\b/;
/** Work told as done, with words between ("các thôn đã sôi nổi ra quân … trong hai ngày 15 và 16/11"): a round held, not the campaign's period. */
const TOLD_DONE = /\bda (?:\S+ ){0,2}(?:to chuc|ra quan|thuc hien|tien hanh|duoc|trien khai)\b/;

/**
 * A notice about one cleanup that prints its period apart from its cleanup sentences: a range in a sentence about the
 * campaign as planned ("chiến dịch được triển khai đồng loạt từ 07/8 đến 30/9/2025"), or an end alone ("Theo kế hoạch việc
 * tổng vệ sinh sẽ kéo dài đến hết ngày 25/6/2020") that starts on the day printed for the launch ("Ngày 21/6/2020 … ra quân").
 */
function plannedPeriod(sentences: Sentence[], ctx: ReadContext): SentencePeriod | undefined {
  const about = sentences.filter((s) => (CLEANUP.test(s.folded) || CAMPAIGN_REF.test(s.folded)) && /\d/.test(s.text));
  for (const s of about) {
    const range = periodsInLine(s.text, { zone: ctx.zone, defaultYear: ctx.year }).find((p) => !p.period.openStart && p.period.end.getTime() - p.period.start.getTime() > 86_400_000);
    if (range && !TOLD_DONE.test(s.folded)) return { ...range, sentence: s };
  }
  for (const s of about) {
    const end = periodsInLine(s.text, { zone: ctx.zone, defaultYear: ctx.year }).find((p) => p.period.openStart);
    if (!end || TOLD_DONE.test(s.folded)) continue;
    const launched = sentences
      .filter((l) => LAUNCH.test(l.folded) && CLEANUP.test(l.folded))
      .flatMap((l) => periodsInLine(l.text, { zone: ctx.zone, defaultYear: ctx.year }))
      .find((p) => !p.period.openStart && p.period.start < end.period.end && end.period.end.getTime() - p.period.start.getTime() < 31 * 86_400_000);
    if (launched) return { ...end, period: { ...end.period, start: launched.period.start, openStart: false, deadline: false }, sentence: s };
  }
  return undefined;
}

/** A request to go on with the work ("tiếp tục chỉ đạo …", "tiếp tục duy trì"). */
const GOING_ON = /\btiep tuc\b/;
/** Work told as done ("đã tổ chức", "đã ra quân"): its dates are not the work asked for. */
const DONE = /\bda (?:to chuc|ra quan|thuc hien|tien hanh|duoc)\b/;
/** "bắt đầu từ 7h30 ngày 23/8/2025", "khai mạc lúc 15 giờ ngày …": the clock time a period's first day starts at. */
const STARTS_AT = /\b(?:bat dau|khai mac|ra quan)\b/;

/** A period whose first day another sentence gives a start time ("Hoạt động … bắt đầu từ 7h30’ ngày 23/8/2025") starts at that time. */
function startingAt(p: LinePeriod, sentences: Sentence[], ctx: ReadContext): LinePeriod {
  for (const s of sentences) {
    if (!STARTS_AT.test(s.folded)) continue;
    for (const q of taskPeriodsIn(s.text, periodOptions(ctx, false))) {
      const sameDay = q.period.start.getTime() >= p.period.start.getTime() && q.period.start.getTime() < p.period.start.getTime() + 86_400_000;
      if (sameDay && q.period.start.getTime() !== p.period.start.getTime()) return { ...p, period: { ...p.period, start: q.period.start } };
    }
  }
  return p;
}

/** A line saying whom the notice applies to ("- Đối tượng: …", "Đối tượng thực hiện: …"). */
const SUBJECTS_LINE = /^doi tuong(?: (?:treo co|thuc hien|ap dung))?\b/;
/** Who the notice gives its work to: "đề nghị …", "giao …", "… có trách nhiệm … thực hiện". */
const ADDRESSEES = /\b(?:de nghi|yeu cau|thong bao (?:den|cho|de)|giao|co trach nhiem)\b/;

/** A flag period and the sentence that printed it (whose assignees are that period's when a notice has several). */
interface SentencePeriod extends LinePeriod {
  sentence: Sentence;
}


/** "trong những ngày nghỉ Tết nêu trên", "trong thời gian trên", "trong dịp này", "trong thời gian nghỉ lễ": the flags hang in a period printed before. */
const REFERS_BACK = /\b(?:trong|vao|suot)(?: nhung| cac)? (?:thoi gian|ngay|dip|dot)(?:(?: [a-z]+){0,3} (?:neu tren|noi tren|ke tren|o tren|tren|nay|do)| nghi (?:le|tet))\b/;
/** A range in lunar months ("từ 27 tháng Chạp đến mùng 6 tháng Giêng") restates the calendar; flags hang by the solar dates. */
const LUNAR = /\bthang (?:chap|gieng)\b|\bam lich\b/;

/**
 * Every distinct flag period: in a line about flags, or under a "Thời gian …:" heading (see taskPeriodsIn for which
 * dates are periods); a flag sentence that prints none but refers back to one takes the nearest range printed before it.
 */
function flagPeriods(sentences: Sentence[], ctx: ReadContext): SentencePeriod[] {
  const found: SentencePeriod[] = [];
  const add = (p: LinePeriod, s: Sentence) => {
    if (p.period.precision === 'month') return;
    if (found.some((f) => f.period.start.getTime() === p.period.start.getTime() && f.period.end.getTime() === p.period.end.getTime())) return;
    found.push({ ...p, sentence: s });
  };
  let earlier: LinePeriod | undefined;
  for (const s of sentences) {
    const { timeLine } = s;
    // The items of a list about flags ("… treo cờ Tổ quốc như sau:" / "- Ngày sinh Chủ tịch Hồ Chí Minh: ngày 19/5") each give a flag period.
    if (timeLine || FLAG.test(s.folded) || (s.listed && FLAG.test(foldVietnamese(s.intro)))) {
      // A day the flags are checked on ("đoàn đi kiểm tra công tác treo cờ … vào ngày 09/10") is not a day they hang.
      const checking = !timeLine && INSPECTION.test(s.folded);
      const own = taskPeriodsIn(s.text, { ...periodOptions(ctx, timeLine), singleDays: !checking });
      for (const p of own) add(p, s);
      if (!own.length && earlier && REFERS_BACK.test(s.folded)) add({ ...earlier, lead: '' }, s);
    }
    const ranges = taskPeriodsIn(s.text, { ...periodOptions(ctx, false), singleDays: false });
    earlier = ranges.filter((p) => !LUNAR.test(foldVietnamese(p.written ?? p.period.matched))).at(-1) ?? earlier;
  }
  return found;
}

/** Flags at half-mast: they hang through the Quốc tang. */
const MOURNING_FLAG = /\b(?:co ru|treo ru)\b/;
/** A period named as the Quốc tang's days, in any sentence ("ngừng … vui chơi … trong 2 ngày Quốc tang (ngày 25 và 26.7)"). */
const MOURNING_DAYS = /\bquoc tang\b[^a-z0-9]*$/;

/** A cờ rủ notice whose flag sentences print no days hangs the flags in the Quốc tang's days, wherever the notice prints them. */
function mourningDays(sentences: Sentence[], ctx: ReadContext): SentencePeriod[] {
  for (const s of sentences) {
    const p = taskPeriodsIn(s.text, { ...periodOptions(ctx, false), singleDays: false }).find((q) => MOURNING_DAYS.test(foldVietnamese(q.lead)));
    if (p) return [{ ...p, sentence: s }];
  }
  return [];
}

/** What an inspection found ("qua kiểm tra … nhận thấy vẫn còn … chưa treo"). */
const FINDING = /\b(?:nhan thay|phat hien)\b.*\b(?:van con|con nhieu|chua)\b/;
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

/** "… hướng dẫn nhân dân treo cờ …; đồng thời có kế hoạch tổ chức, thông tin, tuyên truyền, vận động nhân dân đi bầu cử": a duty of its own. */
const ALONGSIDE = /(?:^|\s)(?:đồng thời|ngoài ra|bên cạnh đó)\s[^.]*?(tuyên truyền[^.;]*)/iu;

/**
 * A flag sentence that goes on with a propaganda duty ("đồng thời … tuyên truyền, vận động nhân dân …") gives that duty as a
 * propaganda task of the sentence's subject, without a period of its own.
 */
function propagandaAlongside(flagSentences: Sentence[]): NoticeItem[] {
  for (const s of flagSentences) {
    const m = ALONGSIDE.exec(s.text);
    if (!m?.[1] || m.index === undefined || FLAG.test(foldVietnamese(m[0]))) continue;
    const title = fitTitle(m[1].replace(/[\s,.;]+$/u, ''));
    const who = kindsIn(s.text.slice(0, m.index));
    return [{ kind: 'propaganda', title: title.charAt(0).toLocaleUpperCase('vi') + title.slice(1), section: '', source: s.text, period: null, who: named(who), takeDown: false }];
  }
  return [];
}

/** "phát động chung tay xoá nhà tạm …, vận động xây dựng quỹ … được phát động từ ngày 17/10 đến 22/01": a movement launched over a period. */
const LAUNCHED = /\bphat dong\b/;
const LAUNCHED_WORK = /phát động\s+(?:phong trào\s+|cuộc vận động\s+)?((?:(?!\s(?:trên địa bàn|tại|được|từ ngày|đến|trong)\s)[^.;])+)/iu;

/**
 * A movement a notice launches over a range of days, that is not its flags, cleanup or event: for those its sentence names,
 * else for those the notice's other work goes to (the same units carry it out).
 */
function movementsOf(sentences: Sentence[], ctx: ReadContext, others: NoticeItem[]): NoticeItem[] {
  for (const s of sentences) {
    if (!LAUNCHED.test(s.folded) || FLAG.test(s.folded) || CLEANUP.test(s.folded) || DONE.test(s.folded)) continue;
    const p = taskPeriodsIn(s.text, { ...periodOptions(ctx, false), singleDays: false })[0];
    const work = LAUNCHED_WORK.exec(s.text)?.[1]?.trim();
    if (!p || !work || work.length < 8) continue;
    const own = kindsIn(s.text);
    const title = fitTitle(work);
    const who = own.length ? named(own) : named(others.flatMap((i) => i.who.kinds));
    return [{ kind: 'movement', title: title.charAt(0).toLocaleUpperCase('vi') + title.slice(1), section: '', source: s.text, period: p.period, who, takeDown: false }];
  }
  return [];
}

/** Reads a notice's items; `campaign` is its title line, for naming the work when a period names no occasion. */
export function noticeItems(lines: PlanLine[], ctx: ReadContext, campaign: string | null): NoticeItem[] {
  const sentences = sentencesOf(lines);
  const flagging = sentences.filter((s) => FLAG.test(s.folded) && !TAKE_DOWN.test(s.folded));
  // An inspection's findings ("qua kiểm tra … nhận thấy vẫn còn cơ quan, tổ dân phố chưa treo băng rôn") name those found lacking, not who is asked.
  const asked = flagging.filter((s) => !FINDING.test(s.folded));
  const flagSentences = asked.length ? asked : flagging;
  // A sentence addressed to everyone about another work (a cleanup) does not say who hangs the flags.
  const addressed = sentences.filter((s) => ADDRESSEES.test(s.folded) && /\bthuc hien\b/.test(s.folded) && !CLEANUP.test(s.folded));
  const items: NoticeItem[] = [];
  const takeDowns = sentences.filter((s) => TAKE_DOWN.test(s.folded) && !NOT_TAKE_DOWN.test(s.folded));
  const takeDown = takeDowns.length > 0;
  // "Đối tượng: Các cơ quan, đơn vị, trường học và hộ gia đình": who the notice applies to.
  const subjects = sentences.filter((s) => SUBJECTS_LINE.test(s.folded) && /^[^:]{0,40}:/u.test(s.text));
  const flagWho = named([...flagSentences, ...takeDowns, ...addressed, ...subjects].flatMap(flagKinds));
  const work = workOf(flagSentences.map((s) => s.text).join(' ') || (campaign ?? ''));
  if (flagSentences.length || (campaign && FLAG.test(foldVietnamese(campaign)))) {
    const periods = flagPeriods(sentences, ctx);
    if (!periods.length && flagSentences.some((s) => MOURNING_FLAG.test(s.folded))) periods.push(...mourningDays(sentences, ctx));
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
  if (items.length) items.push(...propagandaAlongside(flagSentences));
  const cleanupItem = cleanupOf(sentences, ctx, { campaign, flags: items.length > 0 });
  if (cleanupItem) items.push(cleanupItem);
  if (!items.length) {
    const invited = gathering(sentences, ctx);
    items.push(...(invited.length ? invited : eventsOf(sentences, ctx, campaign)));
  }
  items.push(...movementsOf(sentences, ctx, items));
  const report = sentences.find((s) => REPORT.test(s.folded));
  if (report) {
    const who = readNames(report.text.replace(/^.*?\b(?:Giao|giao)\s+/u, '').split(/\s+(?:kiểm tra|theo dõi|tổng hợp|báo cáo)\b/u)[0] ?? '', ctx);
    items.push({ kind: 'results-report', title: 'Báo cáo kết quả thực hiện', section: '', source: report.text, period: null, who, takeDown: false });
  }
  return items;
}

