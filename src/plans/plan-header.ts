import { readWhen } from '../calendar/when-reader.js';
import type { PlanLine } from './plan-lines.js';

/** What the top of a Decree 30 document says, for naming the campaign and citing the plan. */
export interface PlanHeader {
  docType: string | null;
  title: string | null;
  number: string | null;
  place: string | null;
  issuedText: string | null;
  issuedOn: string | null;
  year: number | null;
  /** Index of the first line after the title. */
  bodyStart: number;
}

const DOC_TYPE = /^(KẾ HOẠCH|THÔNG BÁO|CÔNG VĂN|QUYẾT ĐỊNH|CHỈ THỊ|HƯỚNG DẪN|CHƯƠNG TRÌNH)(?:\s*:?\s+(.*))?$/;
/** A notice as a web page or a paste gives it: "Thông báo treo cờ …" or "Thông báo: Về việc …" on one of the first lines. */
const DOC_TYPE_MIXED = /^(Thông báo|Kế hoạch|Ke hoach)(?:\s*:?\s+(.*))?$/iu;
const MIXED_WINDOW = 3;
/** A web page's heading naming the office that gives notice ("UBND phường Ninh Thạnh thông báo"); its subject line follows. */
const OFFICE_NOTICE = /^(?:UBND|Ủy ban nhân dân|Uỷ ban nhân dân)\s.*\sthông báo\s*:?$/iu;
/** Page furniture between a heading and its body: "17 giờ trước", "Ngày cập nhật 03/05/2021", "Thứ Hai, 26/01/2026", "20/7/2022 16:18", "12:53 | 25/04/2025". */
const CHROME = /^(?:\d+\s+(?:giây|phút|giờ|ngày)\s+trước|(?:ngày\s+)?(?:cập nhật|đăng)\b.*|(?:thứ\s+\S+|chủ nhật)\s*,?\s*\d{1,2}\/\d{1,2}\/\d{4}.*|[\d/:.|\s-]+)$/iu;
/** A heading printed over two lines breaks after words that need the rest ("… nhân dịp kỷ niệm" / "88 năm Ngày thành lập …"). */
const UNFINISHED = /\s(?:và|của|các|cho|tại|từ|với|nhân|dịp|nhân dịp|chào|mừng|chào mừng|kỷ niệm|về|về việc|năm|ngày|lần|thứ|nước|trong|đến|mùng|the)$/iu;
const HEADLINE_MAX = 200;
/** A report's first sentence naming the notice it reports: "… có thông báo <subject> đến/cho …". */
const REPORTED_NOTICE = /\b(?:có|vừa có|ban hành|vừa ban hành|ra)\s+thông báo\s+(?:về\s+)?((?:(?!\s(?:đến|cho|tới|gửi)\s)[^.;,])+)/iu;
/** A headline: the first line, short, not a sentence of the body. */
const MAX_HEADLINE = 300;
/** The first sentence of the body, after the title lines. */
const BODY_START = /^(?:thực hiện|căn cứ|để|nhằm|kính gửi|kính thưa|ủy ban|uỷ ban|ubnd|thời gian|đề nghị)(?=[\s,:]|$)/i;
const NUMBER = /Số\s*:?\s*([^\s,;]*\/[^\s,;]+)/i;
/** "Cao Lộc, ngày 03 tháng 4 năm 2023" (the day and month may be left blank in a draft); the date itself goes to the date reader. */
const PLACE_DATE = /((?:\p{Lu}\p{Ll}+\s?)+),\s*(ngày\b[^,;]*?năm\s*(\d{4}))/u;
const MAX_TITLE_LINES = 3;
const HEADER_WINDOW = 15;

/**
 * Reads the header: "Số: 104/KH-UBND", "Cao Lộc, ngày 03 tháng 4 năm 2023", the document type in
 * capitals and its subject line(s) below, up to the first sentence of the body.
 */
export function readHeader(lines: PlanLine[]): PlanHeader {
  const window = lines.slice(0, HEADER_WINDOW);
  // A page heading that names the type ("THÔNG BÁO VỀ VIỆC …") gives way to the document's own type line printed alone below it.
  const aloneAt = window.findIndex((l) => l.type === 'para' && DOC_TYPE.exec(l.text)?.[2] === undefined && DOC_TYPE.test(l.text));
  const upperAt = aloneAt >= 0 ? aloneAt : window.findIndex((l) => l.type === 'para' && DOC_TYPE.test(l.text));
  const mixedAt = lines.slice(0, MIXED_WINDOW).findIndex((l) => l.type === 'para' && (DOC_TYPE_MIXED.test(l.text) || OFFICE_NOTICE.test(l.text)));
  const typeAt = upperAt >= 0 ? upperAt : mixedAt;
  const top = lines.slice(0, typeAt >= 0 ? typeAt + 1 : Math.min(HEADER_WINDOW, lines.length)).map((l) => l.text);
  const number = top.map((l) => NUMBER.exec(l)?.[1]).find(Boolean) ?? null;
  const dated = top.map((l) => PLACE_DATE.exec(l)).find(Boolean) ?? null;
  const [, place, issuedText, year] = dated ?? [];
  const issued = issuedText ? readWhen(issuedText, { now: new Date(0), zone: 'UTC', allowPast: true, yearRequired: true }) : null;
  const issuedOn = issued?.ok && issued.value.shape === 'point' && issued.value.precision === 'day' ? issued.value.start?.toISODate() ?? null : null;
  const base = { number, place: place?.trim() ?? null, issuedText: issuedText ?? null, issuedOn, year: year ? Number(year) : null };
  if (typeAt < 0) return { ...base, docType: null, ...headline(lines) };

  const typeText = lines[typeAt]?.text ?? '';
  const typeLine = (upperAt >= 0 ? DOC_TYPE : DOC_TYPE_MIXED).exec(typeText);
  const titleLines = typeLine?.[2] ? [typeLine[2]] : [];
  let next = typeAt + 1;
  // A subject in capitals goes on only in capitals; page furniture ("17 giờ trước") ends it.
  const capitals = titleLines.length > 0 && isShouting(titleLines[0] ?? '');
  while (next < lines.length && titleLines.length < MAX_TITLE_LINES && isTitleLine(lines[next]) && !(capitals && !isShouting(lines[next]?.text ?? ''))) {
    titleLines.push(lines[next]?.text ?? '');
    next++;
  }
  if (next < lines.length && CHROME.test(lines[next]?.text.trim() ?? '')) next++;
  const docType = typeLine?.[1] ?? (OFFICE_NOTICE.test(typeText) ? 'Thông báo' : null);
  // A letter's own subject line ("V/v thực hiện …") names it, whatever heading the page put above it.
  const title = upperAt < 0 ? subjectLine(window) : null;
  return { ...base, docType, title: title ?? (titleLines.join(' ').trim() || null), bodyStart: next };
}

/** A letter's subject line under its number ("V/v …"), with the line it runs on to when cut after a word that needs the rest. */
function subjectLine(lines: PlanLine[]): string | null {
  const at = lines.findIndex((l) => l.type === 'para' && /^V\/v\s+\S/iu.test(l.text.trim()));
  const first = lines[at]?.text.trim();
  if (!first) return null;
  const next = lines[at + 1];
  return UNFINISHED.test(first) && isTitleLine(next) ? `${first} ${next?.text.trim()}` : first;
}

/** Without a document type, the first line is the title when it reads as one (a page's headline). */
function headline(lines: PlanLine[]): { title: string | null; bodyStart: number } {
  // A time stamp above the text ("20/7/2022 16:18") is the page's, not the notice's first line.
  const at = CHROME.test(lines[0]?.text.trim() ?? '') ? 1 : 0;
  const first = lines[at];
  if (!first || first.type !== 'para') return { title: null, bodyStart: at };
  // An office's own short heading ("UBND xã Hoài Đức phát động phong trào …") is a headline, though a body sentence may start so.
  const office = /^(?:ubnd|ủy ban|uỷ ban)\s/iu.test(first.text) && first.text.length <= HEADLINE_MAX;
  if (first.text.length > MAX_HEADLINE || (BODY_START.test(first.text) && !office) || /[.:;]$/.test(first.text)) {
    // "Thực hiện Thông báo số … về việc treo cờ Tổ Quốc.": the subject it carries out names the campaign.
    // "UBND TPHCM có thông báo treo cờ … và nghỉ Tết Dương lịch năm 2026 đến cơ quan …": what the report says it gave notice of.
    const subject = (/\bvề việc\s+([^.;]+)/iu.exec(first.text) ?? REPORTED_NOTICE.exec(first.text))?.[1]?.trim();
    return { title: subject ? `Về việc ${subject}` : null, bodyStart: at };
  }
  const second = lines[at + 1];
  if (UNFINISHED.test(first.text.trim()) && isTitleLine(second)) return { title: `${first.text.trim()} ${second?.text.trim()}`, bodyStart: at + 2 };
  return { title: first.text, bodyStart: at + 1 };
}

function isShouting(text: string): boolean {
  const letters = text.replace(/[^\p{L}]/gu, '');
  return letters.length > 3 && letters === letters.toLocaleUpperCase('vi');
}

/** The anniversary printed on a line of its own under the title ("(18/11/1930 - 18/11/2022)") is not part of the name. */
const DATES_ONLY = /^\(\s*[\d/\s.–-]+\)$/u;

function isTitleLine(line: PlanLine | undefined): boolean {
  return !!line && line.type === 'para' && !BODY_START.test(line.text) && !/[.:;!]$/.test(line.text) && !DATES_ONLY.test(line.text) && !CHROME.test(line.text.trim());
}
