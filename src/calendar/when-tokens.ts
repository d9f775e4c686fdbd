import { foldVietnamese } from '../core/fold.js';

/** A time of day, local. */
export interface LocalTime {
  hour: number;
  minute: number;
}

/**
 * One lexeme of a date phrase, with where it stands in the text as typed (`at`…`end`), so a
 * refusal can quote the exact words it could not read.
 */
export type Token =
  | { k: 'num'; v: number; digits: number; at: number; end: number }
  /** A word folded for matching: no accents, đ → d, lower case ("Chạp" → "chap"). */
  | { k: 'word'; w: string; raw: string; accented: boolean; at: number; end: number }
  /** "19h30", "19:30", "7 giờ 30 phút", "7h30’", "17h": one token, read before the numbers. */
  | { k: 'time'; time: LocalTime; at: number; end: number }
  /** Any other character: / . - , ( ) … (dashes of every width are "-"). */
  | { k: 'sep'; s: string; at: number; end: number };

const LEXEME = new RegExp(
  [
    String.raw`(?<th>\d{1,2})\s*(?:giờ|gio|h|g)(?:\s*(?<tm>\d{2})(?![\d/.-])(?:\s*['’])?)?(?:\s*(?:phút|phut|pút))?(?![\p{L}\d])`,
    String.raw`(?<ch>\d{1,2}):(?<cm>\d{2})(?!\d)`,
    String.raw`(?<num>\d+)`,
    String.raw`(?<word>[\p{L}\p{M}]+)`,
    String.raw`(?<sep>\S)`,
  ].join('|'),
  'uy',
);

const DASHES = /[‐-―−]/g;

/** Splits a phrase into numbers, words, times and separators; whitespace only separates. */
export function tokenize(text: string): Token[] {
  const source = text.normalize('NFC').replace(DASHES, '-');
  const out: Token[] = [];
  let i = 0;
  while (i < source.length) {
    const space = /\s+/y;
    space.lastIndex = i;
    if (space.exec(source)) {
      i = space.lastIndex;
      continue;
    }
    LEXEME.lastIndex = i;
    const m = LEXEME.exec(source);
    const g = m?.groups;
    if (!m || !g) break;
    const at = i;
    const end = (i = LEXEME.lastIndex);
    if (g.th !== undefined) out.push({ k: 'time', time: { hour: Number(g.th), minute: Number(g.tm ?? 0) }, at, end });
    else if (g.ch !== undefined) out.push({ k: 'time', time: { hour: Number(g.ch), minute: Number(g.cm) }, at, end });
    else if (g.num !== undefined) out.push({ k: 'num', v: Number(g.num), digits: g.num.length, at, end });
    else if (g.word !== undefined) out.push({ k: 'word', w: foldVietnamese(g.word), raw: g.word.toLowerCase(), accented: /[^a-z]/i.test(g.word), at, end });
    else out.push({ k: 'sep', s: g.sep ?? '', at, end });
  }
  return out;
}

export function isValidTime(t: LocalTime): boolean {
  return Number.isInteger(t.hour) && Number.isInteger(t.minute) && t.hour >= 0 && t.hour <= 23 && t.minute >= 0 && t.minute <= 59;
}
