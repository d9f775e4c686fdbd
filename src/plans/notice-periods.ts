import { DateTime } from 'luxon';
import { parsePeriod, type ParsedPeriod } from './period-parse.js';

/** A period found in a line, and the words before it that name its occasion ("Kỷ niệm Cách mạng tháng Tám:"). */
export interface LinePeriod {
  period: ParsedPeriod;
  /** The line's text from the previous period (or the line's start) to this one, as written (brackets kept when found). */
  lead: string;
  /** The period's own words as written (case kept), when found in the line. */
  written?: string;
}

/** Words that say a bracketed period is not the one in force: an earlier notice's, a replaced one. */
const EARLIER = /(?:^|\s)(?:trước|cũ|đã|thay|thay cho|không phải)(?:\s|:|$)/iu;

/** Days listed one by one ("các ngày 29, 30/4 và 01/5/2026", "03 ngày: 29/4, 30/4 và 01/5"). */
const DAY_LIST = /(?<![\d/])(\d{1,2})(?:\/(\d{1,2}))?((?:\s*,\s*\d{1,2}(?:\/\d{1,2})?)+)\s+và\s+(?:ngày\s+)?(\d{1,2})\/(\d{1,2})(\/\d{4})?(?![\d/])/gu;

/** Days listed in a row are one period from the first to the last ("ngày 29/4 đến 01/5/2026"); days apart stay as written. */
function listedDays(all: string, a: string, am: string | undefined, middle: string, c: string, cm: string, year: string | undefined, at: number, text: string): string {
  const firstMonth = Number(am ?? /\/(\d{1,2})/.exec(middle)?.[1] ?? cm);
  const start = Date.UTC(2001, firstMonth - 1, Number(a));
  let end = Date.UTC(2001, Number(cm) - 1, Number(c));
  if (end < start) end = Date.UTC(2002, Number(cm) - 1, Number(c));
  const days = 2 + (middle.match(/,/g)?.length ?? 0);
  if (Math.round((end - start) / 86_400_000) !== days - 1) return all;
  return `${/ngày\s*$/iu.test(text.slice(0, at)) ? '' : 'ngày '}${a}/${firstMonth} đến ${c}/${cm}${year ?? ''}`;
}

/** Spacing and dashes as period-parse normalises them, the case kept, so positions match its lower-cased text. */
function flatten(text: string): string {
  return text
    .normalize('NFC')
    // A bracket that is a period ("(từ ngày 24/5 đến hết ngày 25/5/2025)") is read; anniversaries and lunar dates are not.
    // A bracket about an earlier or other period ("(thông báo trước từ 28/4 …)", "(cũ: …)") is an aside too.
    .replace(/\(([^)]*)\)?/g, (_, inner: string) =>
      /^\s*(?:từ|trong)\s|đến hết|\d\s+và\s+(?:ngày\s+)?\d|^\s*\d{1,2}(?:[/.-]\d{1,2})?\s*(?:,|-)\s*\d{1,2}[/.-]\d{1,2}/iu.test(inner) && !/^\s*(?:tức|nhằm)/iu.test(inner) && !EARLIER.test(inner.split(/\d/u)[0] ?? '') ? ` ${inner} ` : ' ',
    )
    // A weekday without a date names no day ("vào ngày Chủ nhật hằng tuần" repeats); "thứ Hai 16/2/2026" keeps its date.
    .replace(/(?:(?:^|\s)ngày)?(?:^|\s)(?:thứ\s+(?:hai|ba|tư|năm|sáu|bảy)|chủ\s+nhật)(?:\s+(?:hằng|hàng)\s+tuần)?(?!\s*,?\s*(?:ngày\s+)?\d)(?=[\s,.;]|$)/giu, ' ')
    // A length in days ("Thời gian: 2.5 ngày") is not a day of the month.
    .replace(/\d+[.,]\d+\s+ngày(?=\s|,|$)/giu, ' ')
    // A year mistyped with three digits ("30/8/219") is left out: the other end of the period gives it.
    .replace(/(\d{1,2}\/\d{1,2})\/\d{3}(?!\d)/gu, '$1')
    // "Đợt 1: Ngày 21/4" is not one o'clock; "ngày 03 và 04 tháng 5" are two days in a row.
    .replace(/(^|\s)đợt\s*\d+\s*:/giu, ' ')
    .replace(DAY_LIST, listedDays)
    // Without "ngày" before them ("trong hai ngày Quốc tang 20 và 21/7/2026") the two days still make one period.
    .replace(/\b(\d{1,2})(\/\d{1,2})?\s+và\s+(?:ngày\s+)?(\d{1,2})(\/\d{1,2}\/\d{4}|\s+tháng\s+\d{1,2}\s+năm\s+\d{4})/giu, (_, a: string, am: string | undefined, b: string, rest: string, at: number, all: string) =>
      Number(b) === Number(a) + 1 ? `${/ngày\s*$/iu.test(all.slice(0, at)) ? '' : 'ngày '}${a}${am ?? ''} đến ${b}${rest}` : _,
    )
    .replace(/[‐-―−]/g, '-')
    .replace(/\*/g, '')
    .replace(/\s+/g, ' ')
    .trim();
}

/**
 * Every period a line names, in order (the period reader gives the first; the rest of the line is
 * read again after it). Dates in brackets are asides (anniversaries, lunar dates) and are skipped.
 */
export function periodsInLine(line: string, opts: { zone: string; defaultYear: number | undefined }): LinePeriod[] {
  const flat = flatten(line);
  const lower = flat.toLowerCase();
  const out: LinePeriod[] = [];
  const written = line.normalize('NFC').replace(/\s+/g, ' ');
  const writtenLower = written.toLowerCase();
  let cursor = 0;
  let from = 0;
  for (let guard = 0; guard < 8 && from < lower.length; guard++) {
    const period = parsePeriod(lower.slice(from), { zone: opts.zone, defaultYear: opts.defaultYear });
    if (!period) break;
    // The phrase as the reader gives it back, compared as this text is written (case and spacing aside).
    const phrase = period.matched.toLowerCase().replace(/\s+/g, ' ').trim();
    const at = lower.indexOf(phrase, from);
    if (at < 0 || !phrase) break;
    // The same words in the line as written keep the brackets ("(30/4/1975 - 30/4/2025)") that name the occasion's day.
    const writtenAt = writtenLower.indexOf(phrase, cursor);
    out.push({ period, lead: writtenAt >= 0 ? written.slice(cursor, writtenAt) : flat.slice(from, at), written: writtenAt >= 0 ? written.slice(writtenAt, writtenAt + phrase.length) : period.matched });
    if (writtenAt >= 0) cursor = writtenAt + phrase.length;
    from = at + phrase.length;
  }
  return out;
}

/** Where a period is read and what the notice's own date is, for periods counted from it. */
export interface TaskPeriodOptions {
  zone: string;
  defaultYear: number | undefined;
  /** The day the notice was issued (its header) or, failing that, received: "kể từ ngày ban hành" starts there. */
  issued?: Date | undefined;
  /** The sentence's line is a "Thời gian: …" line: a single day there is the task's day. */
  timeLine?: boolean;
  /** False where a single day is not the work's ("kiểm tra … vào ngày 09/10"): ranges only. */
  singleDays?: boolean;
}

/** "kể từ ngày ban hành (thông báo)", "từ ngày ký", "từ nay": the period starts on the notice's own date. */
const FROM_ISSUE = /(?:kể\s+)?từ\s+(?:(?:ngày|khi)\s+)?(?:ban hành|ký|nhận được)(?:\s+(?:thông báo|văn bản|kế hoạch|công văn))?(?:\s+này)?\s*$|(?:kể\s+)?từ\s+nay\s*$/iu;
/** A single day the work is done on: "trong ngày 1-1", "vào ngày 19-5", "sáng ngày 19/5". */
const DAY_LEAD_IN = /^(?:vào|trong|lúc)\b|^(?:\d{1,2}\s*(?:h|giờ)\b)/iu;
/** The words before a single day the work is done on; a count of days may stand between ("trong 01 ngày 01/01/2027"). */
const LEAD_DAY = /(?:\b(?:trong|vào|sáng|chiều|tối|trưa)\s+(?:các\s+)?(?:(?:\d{1,2}|một|hai|ba)\s+)?(?:ngày\s*)?|\bbắt đầu(?:\s+(?:từ|lúc|vào))?\s*)$/iu;
/**
 * The day named after the day's occasion ("trong ngày bầu cử 15/3/2026"), straight after the flags ("treo cờ Tổ quốc
 * ngày 2/9") or after the colon of an occasion's line ("- Ngày sinh Chủ tịch Hồ Chí Minh: ngày 19/5/2026").
 */
const LEAD_NAMED_DAY = /(?:\b(?:trong|vào)\s+ngày(?:\s+[^\s\d,.;:()]+){1,3}|\btreo\s+(?:cờ(?:\s+tổ\s+quốc|\s+rủ)?|quốc\s+kỳ)|\p{L}\s*:)\s*(?:ngày\s*)?$/iu;
/** A document's number just before the date ("Công văn số 3517/UBND ngày 18/7/2022"): that date is the document's. */
const DOCUMENT_DATE = /(?:\bsố\s*:?\s*[^\s,;]+|\d+\/[A-ZĐ][\w/.-]*)\s*,?\s*$/u;
/** An opening purpose clause ("Nhằm … đón Đoàn … vào ngày 12/7/2020, UBND huyện yêu cầu …"): its dates are the occasion's. */
const PURPOSE_CLAUSE = /^\s*(?:[-+•]\s*)?(?:nhằm|để|hướng tới|chuẩn bị|đón)\b[^]*?,\s*(?=(?:UBND|Ủy ban|Uỷ ban|ỦY BAN|UỶ BAN|Chủ tịch|Thành ủy|Đảng ủy|đề nghị|yêu cầu|các|tất cả)(?:\s|$))/iu;

/**
 * The periods a sentence gives a task, as a clerk reads them: a range ("từ … đến hết …"), a single day
 * the sentence does the work on ("trong ngày 1-1-2026", "vào ngày 19-5") or any day on a "Thời gian:"
 * line; never a cited document's date, an occasion's date in passing ("Quốc khánh 2/9") or a date in
 * the purpose clause before the sentence's subject. A period counted from the notice's own date takes
 * that date as its start, and is left out (the review asks) when the date is not known.
 */
export function taskPeriodsIn(sentence: string, o: TaskPeriodOptions): LinePeriod[] {
  const purpose = PURPOSE_CLAUSE.exec(sentence)?.[0].length ?? 0;
  const out: LinePeriod[] = [];
  // A date that is no period stays part of the next period's lead ("Ngày Giải phóng miền Nam (30/4): … từ ngày …").
  let carry = '';
  for (const found of periodsInLine(sentence.slice(purpose), { zone: o.zone, defaultYear: o.defaultYear })) {
    const p = { ...found, lead: carry + found.lead };
    carry = `${p.lead}${found.written ?? p.period.matched}`;
    if (DOCUMENT_DATE.test(found.lead)) continue;
    // A day long past ("Ngày sinh Bác: 19/5/1890") is an anniversary's origin, never the work's.
    if (o.defaultYear !== undefined && DateTime.fromJSDate(p.period.end, { zone: o.zone }).year < o.defaultYear - 1) continue;
    if (p.period.openStart && FROM_ISSUE.test(found.lead)) {
      const from = o.issued ? DateTime.fromJSDate(o.issued, { zone: o.zone }).startOf('day') : null;
      if (!from || from.toMillis() > p.period.end.getTime()) continue;
      out.push({ lead: p.lead, period: { ...p.period, start: from.toJSDate(), openStart: false, deadline: false } });
      carry = '';
      continue;
    }
    const ranged = !p.period.openStart && (p.period.end.getTime() - p.period.start.getTime() > 86_400_000 || /(?:^|\s)từ\s[^]*\sđến\s/iu.test(p.period.matched));
    const oneDay = o.singleDays !== false && !p.period.openStart && (DAY_LEAD_IN.test(p.period.matched.trim()) || LEAD_DAY.test(found.lead) || LEAD_NAMED_DAY.test(found.lead));
    if (ranged || oneDay || o.timeLine) {
      out.push(p);
      carry = '';
    }
  }
  return out;
}
