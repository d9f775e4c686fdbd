import { foldVietnamese } from '../core/fold.js';

/** A task's title as a leader's task list shows it: the work, then the occasion; at most this long. */
export const MAX_TASK_TITLE = 60;

const OCCASION = /(?:chào mừng|nhân dịp|nhân kỷ niệm|dịp|kỷ niệm|mừng|hưởng ứng|trong thời gian diễn ra|Quốc tang|Lễ tang|tang lễ|Tết|Gi[ỗổ] Tổ|Đại hội|bầu cử|Quốc khánh|Cách mạng|Giải phóng|Chiến thắng|Thương binh|ngày lễ)/iu;
/** What makes an occasion long without saying more: "kỷ niệm 79 năm", "nước Cộng hòa xã hội chủ nghĩa Việt Nam". */
const PADDING = [/\b(?:kỷ niệm\s+)?\d+\s+năm\s+/giu, /\s+nước\s+(?:Cộng hòa|CHXHCN|CH XHCN)\b.*$/iu, /\s+nhiệm kỳ\s+\d{4}\s*[-–]\s*\d{4}/giu, /(?<=Đại hội\s+)Đại biểu\s+(?=Đảng bộ)/giu];
/** The body's sentence goes on after the occasion: ", Ủy ban nhân dân phường … đề nghị". */
const SUBJECT_AFTER = /\s*,\s*(?=(?:UBND|Ủy ban|Uỷ ban|ỦY BAN|UỶ BAN|Chủ tịch|Thành ủy|Đảng ủy|Hội đồng)(?:\s|$))/u;
/** Words that open a phrase of place, addressee or purpose: a title cut inside such a phrase ends before it. */
const PHRASE_START = /\s(?:đến|cho|tới|tại|trên|ở|của|với|để|nhằm|theo|trong|chào mừng|nhân dịp|hưởng ứng)\s/gu;
/** Words left dangling at the end of a cut title. */
const DANGLING = /\s+(?:và|của|các|cho|tại|từ|với|nhân|dịp|chào|mừng|năm|ngày|lần|thứ|nước|trong|đến|mùng|the|toàn|khóa|khoá|cấp|\d+)$/iu;
/** The words after a cut go on with a name ("… Đảng Cộng sản Việt | Nam", "… cấp Tỉnh Miếu | - Đình làng …"). */
const NAME_GOES_ON = /^\s+(?:[-–]\s+)?\p{Lu}/u;
/** The capitalised words a title ends on. */
const NAME_END = /(?:\s+\p{Lu}[\p{L}\d]*)+$/u;
const FLAG_WORDS = /(?:thực hiện\s+)?(?:việc\s+)?(?:tổ chức\s+)?treo\s+(?:cờ\s+rủ|cờ\s+tổ\s+quốc|quốc\s+kỳ|cờ|băng\s+[rz]ôn)(?:\s*,\s*(?:cờ\s+đảng|khẩu\s+hiệu|băng\s+[rz]ôn))*(?:\s+và\s+(?:cờ\s+đảng|khẩu\s+hiệu))?/giu;
const LEAD_NOISE = /^(?:[-+•*]\s*)?(?:đợt\s*\d+\s*:?\s*)?(?:thời gian[^:]*:)?\s*/iu;

/** Banners and slogans without flags: their own period in a take-down notice. */
export const BANNERS = 'Treo băng rôn, khẩu hiệu';

/** The work a flag notice asks for: "Treo cờ rủ" at a state funeral, "Treo Quốc kỳ" where it says so, else "Treo cờ Tổ quốc". */
export function workOf(text: string): string {
  const folded = foldVietnamese(text);
  if (/\b(?:co|treo) ru\b/.test(folded)) return 'Treo cờ rủ';
  if (/\bquoc ky\b/.test(folded) && !/\bco to quoc\b/.test(folded)) return 'Treo Quốc kỳ';
  if (/\b(?:bang ron|bang zon|khau hieu)\b/.test(folded) && !/\bco\b/.test(folded)) return BANNERS;
  return 'Treo cờ Tổ quốc';
}

/** Cuts at a word boundary to `max` characters, never mid-word, without a dangling connector. */
export function fitTitle(text: string, max = MAX_TASK_TITLE): string {
  let t = text.replace(/\s+/g, ' ').replace(/\s+,/g, ',').replace(/[\s.,;:–-]+$/u, '').trim();
  if (t.length <= max) return t;
  const cut = t.slice(0, max + 1).replace(/\s+\S*$/u, '');
  // A clause cut after its first words ("…, nguyên Ủy viên", "… và đại biểu") ends at the clause before it; a number alone may go.
  const dropped = t.slice(cut.length);
  const clause = Math.max(cut.lastIndexOf(','), cut.lastIndexOf(' và '));
  // Else a phrase cut after its first words ("… đến cơ quan hành") ends before the word that opened it.
  const phrase = Math.max(...[...cut.matchAll(PHRASE_START)].map((m) => m.index ?? -1), -1);
  t = !/\p{L}/u.test(dropped) ? cut : clause >= max / 2 ? cut.slice(0, clause) : phrase >= max / 2 ? cut.slice(0, phrase) : cut;
  // A name cut in two is left out whole rather than half-named.
  const unnamed = t.replace(/[\s.,;:–-]+$/u, '').replace(NAME_END, '');
  if (t === cut && NAME_GOES_ON.test(dropped) && unnamed.length >= max / 2) t = unnamed;
  for (let i = 0; i < 4 && DANGLING.test(t); i++) t = t.replace(DANGLING, '');
  return t.replace(/[\s.,;:–-]+$/u, '');
}

interface Occasion {
  phrase: string;
  /** "30/4" from the anniversary in brackets after it ("(30/4/1975 - 30/4/2025)"), for a title too long to name it whole. */
  day: string | null;
  /** The anniversary dates the first occasion named (not a later one after "và"). */
  dayOfFirst: boolean;
}

const ANNIVERSARY = /\((\d{1,2})\s*\/\s*(\d{1,2})\s*\/\s*\d{4}\s*[-–]/u;

function occasionIn(text: string): Occasion | null {
  const cleaned = text.replace(FLAG_WORDS, ' ').replace(/\([^)]*\)?/g, ' ').replace(/\s+/g, ' ').trim();
  const m = OCCASION.exec(cleaned);
  if (!m) return null;
  // Where the same occasion stands in the text as written (brackets and flag words blanked, lengths kept), to find its anniversary.
  const blank = (m: string) => ' '.repeat(m.length);
  const at = text.replace(FLAG_WORDS, blank).replace(/\([^)]*\)?/g, blank).search(OCCASION);
  const after = at >= 0 ? text.slice(at, at + 160) : '';
  const anniversary = ANNIVERSARY.exec(after);
  const day = anniversary ? `${anniversary[1]}/${anniversary[2]}` : null;
  const dayOfFirst = anniversary !== null && !/\s(?:và|;)\s/u.test(after.slice(0, anniversary.index));
  let phrase = cleaned
    .slice(m.index)
    // A common misspelling of the one occasion everybody knows.
    .replace(/Giổ\s+[Tt]ổ/u, 'Giỗ Tổ')
    // The occasion ends where the sentence says when, where, or to whom ("… năm 2026 đến cơ quan hành chính …").
    .split(/[.;:]|\s+(?:từ ngày|từ|vào ngày|trên địa bàn|tại)\s|\s+(?:đến|cho|tới)\s+(?=(?:các\s+)?(?:cơ quan|đơn vị|toàn thể|cán bộ|nhân dân|người|hộ))/iu)[0]?.split(SUBJECT_AFTER)[0]?.trim() ?? '';
  for (const re of PADDING) phrase = phrase.replace(re, ' ').replace(/\s+/g, ' ').trim();
  return phrase.length >= 4 ? { phrase, day, dayOfFirst } : null;
}

function fromLead(lead: string): Occasion | null {
  const text = lead.replace(LEAD_NOISE, '');
  const parts = text.split(':');
  return occasionIn(parts.length > 1 ? (parts[0] ?? '') : text);
}

/** The campaign's title without the notice's own words: "Thông báo về việc treo cờ … chào mừng X" → "chào mừng X". */
function fromCampaign(campaign: string): Occasion | null {
  return occasionIn(campaign.replace(/^.*?\b(?:về việc|v\/v)\s*/iu, ''));
}

/**
 * The occasions a notice's title lists, in order ("… dịp Lễ Giỗ Tổ Hùng Vương, kỷ niệm 46 năm Ngày
 * Chiến thắng (30/4/1975-30/4/2021) và Ngày Quốc tế lao động"): the k-th period's when its line names none.
 */
export function occasionsOf(campaign: string | null): string[] {
  const subject = (campaign ?? '').replace(/^.*?\b(?:về việc|v\/v)\s*/iu, '');
  return subject.split(/\s*,\s*(?![^(]*\))|\s+và\s+(?![^(]*\))/u).filter((piece) => OCCASION.test(piece.replace(FLAG_WORDS, ' ')));
}

/** Where a flag task's occasion is read, first to last. */
export interface TitleSources {
  /** The words before the task's period on its line. */
  lead: string;
  /** Several periods: the period's sentence after it, brackets included ("( Lễ Giỗ tổ Hùng Vương 10/3 âm lịch )"). */
  tail?: string;
  /** The notice's title (one period) or the occasion the title lists for this period (several). */
  campaign: string | null;
  body: string;
  /** Several periods: each period's own line names its occasion before the title does. */
  leadFirst: boolean;
  /** Several periods: this one's place, to take the k-th of the occasions a sentence joins with "và". */
  index?: number;
}

/**
 * A flag task's title: the work, then the occasion (from its line, the notice's title or the first
 * the notice names), with the occasion's day when it fits ("… Ngày Chiến thắng (30/4)"); ≤ 60 characters.
 */
export function noticeTitle(work: string, o: TitleSources): string {
  const fromTitle = () => (o.campaign ? fromCampaign(o.campaign) : null);
  const fromTail = () => (o.tail ? occasionIn(o.tail.replace(/[()]/g, ' ')) : null);
  const own = o.leadFirst ? (fromLead(o.lead) ?? fromTail() ?? fromTitle()) : (fromTitle() ?? fromLead(o.lead));
  const found = own ?? occasionIn(o.body);
  if (!found) return work;
  const { day, dayOfFirst } = found;
  // "… nhân dịp Cách mạng Tháng Tám và Quốc khánh" in the body, for two periods: one occasion each.
  const pieces = found.phrase.split(/\s+và\s+/u);
  const phrase = !own && o.index !== undefined && pieces.length > 1 ? (pieces[o.index] ?? found.phrase) : found.phrase;
  const lowered = /^(?:Chào|Nhân|Dịp|Kỷ|Mừng|Hưởng|Trong)(?=\s)/u.test(phrase) ? phrase.charAt(0).toLocaleLowerCase('vi') + phrase.slice(1) : phrase;
  const whole = fitTitle(`${work} ${lowered}`, Number.MAX_SAFE_INTEGER);
  if (day && whole.length + day.length + 3 <= MAX_TASK_TITLE && !whole.includes(day)) return `${whole} (${day})`;
  if (whole.length <= MAX_TASK_TITLE || !day) return fitTitle(whole);
  // Too long to name whole: its first clause and its day ("Treo cờ Tổ quốc Ngày Giải phóng miền Nam (30/4)").
  const head = lowered.split(/\s*[,;]\s*|\s+và\s+/u)[0] ?? lowered;
  const short = fitTitle(`${work} ${head}`, Number.MAX_SAFE_INTEGER);
  if (head === lowered) return fitTitle(whole);
  if (!dayOfFirst || short.length + day.length + 3 > MAX_TASK_TITLE) return fitTitle(short);
  return `${short} (${day})`;
}
