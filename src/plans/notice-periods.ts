import { parsePeriod, type ParsedPeriod } from './period-parse.js';

/** A period found in a line, and the words before it that name its occasion ("Kỷ niệm Cách mạng tháng Tám:"). */
export interface LinePeriod {
  period: ParsedPeriod;
  /** The line's text from the previous period (or the line's start) to this one, as written (brackets kept when found). */
  lead: string;
}

/** Spacing and dashes as period-parse normalises them, the case kept, so positions match its lower-cased text. */
function flatten(text: string): string {
  return text
    .normalize('NFC')
    // A bracket that is a period ("(từ ngày 24/5 đến hết ngày 25/5/2025)") is read; anniversaries and lunar dates are not.
    .replace(/\(([^)]*)\)?/g, (_, inner: string) => (/^\s*(?:từ|trong)\s|đến hết|\d\s+và\s+(?:ngày\s+)?\d/iu.test(inner) && !/^\s*(?:tức|nhằm)/iu.test(inner) ? ` ${inner} ` : ' '))
    // A year mistyped with three digits ("30/8/219") is left out: the other end of the period gives it.
    .replace(/(\d{1,2}\/\d{1,2})\/\d{3}(?!\d)/gu, '$1')
    // "Đợt 1: Ngày 21/4" is not one o'clock; "ngày 03 và 04 tháng 5" are two days in a row.
    .replace(/(^|\s)đợt\s*\d+\s*:/giu, ' ')
    .replace(/\b(\d{1,2})(\/\d{1,2})?\s+và\s+(?:ngày\s+)?(\d{1,2})(\/\d{1,2}\/\d{4}|\s+tháng\s+\d{1,2}\s+năm\s+\d{4})/giu, (_, a: string, am: string | undefined, b: string, rest: string) =>
      Number(b) === Number(a) + 1 ? `${a}${am ?? ''} đến ${b}${rest}` : _,
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
    out.push({ period, lead: writtenAt >= 0 ? written.slice(cursor, writtenAt) : flat.slice(from, at) });
    if (writtenAt >= 0) cursor = writtenAt + phrase.length;
    from = at + phrase.length;
  }
  return out;
}
