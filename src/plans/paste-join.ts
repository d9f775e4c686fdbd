/**
 * Joining a long paste that arrives as several messages. Telegram cuts a text longer than 4096
 * characters into parts, sometimes mid-line or mid-word, and trims each part, so the space or
 * line break at a cut is lost. Each seam is decided from the two sides:
 * - a break ("\n") after a sentence end followed by a capital, before a list entry or heading
 *   ("- ", "2. ", "1.3. ", "II. "), or after a heading or all-capitals line;
 * - nothing ("") inside a word or number: the two fragments are not words but together they are
 *   (judged first by the words of the paste itself, then by the shape of a Vietnamese syllable);
 * - otherwise one space.
 */
export function joinPastedParts(parts: string[]): string {
  const pieces = parts.map((p) => p.normalize('NFC').trim()).filter(Boolean);
  const counts = wordCounts(pieces.join('\n'));
  let text = pieces[0] ?? '';
  for (const next of pieces.slice(1)) text += seam(text, next, counts) + next;
  return text;
}

/** The start of a list entry or numbered heading; a numbered one starts with a capital. */
const ENTRY = /^(?:[-–•+]\s|\d{1,2}(?:\.\d{1,2})*\s*[.,/)]\s*[\p{Lu}*]|[IVX]{1,4}\s*[.)]\s|[a-zđ]\)\s)/u;
/** A line so far holding only a list number: "1.", "1.1.", "II." */
const NUMBER_ONLY = /^(?:\d{1,2}(?:\.\d{1,2})*\.?|[IVX]{1,4}\.)$/;
const HEADING = /^(?:\d{1,2}(?:\.\d{1,2})*\s*[.,/)]|[IVX]{1,4}\s*[.)])\s/;
const SENTENCE_END = /[.;!?…]["”’)*]*$/;
const WORD_END = /[\p{L}\p{N}]+$/u;
const WORD_START = /^[\p{L}\p{N}]+/u;

function seam(before: string, after: string, counts: Map<string, number>): string {
  const line = before.slice(before.lastIndexOf('\n') + 1);
  const tail = WORD_END.exec(before)?.[0];
  const head = WORD_START.exec(after)?.[0];
  // Markdown emphasis ("- *Thời gian:*") is glued to the word it marks.
  if ((/^\*/.test(after) && !/(?:^|\n)[-–•+]$/.test(before)) || /(?:^|\s)\*+$/.test(before)) return '';
  if (NUMBER_ONLY.test(line)) return /^[\d.)]/.test(after) ? '' : ' ';
  if (tail && head && /\d$/.test(tail) && /^\d/.test(head)) return '';
  if (ENTRY.test(after) && endsLine(before, line)) return '\n';
  if (tail && head) return isSplitWord(tail, head, counts) ? '' : capitalsAbove(line, head) ? '\n' : ' ';
  if (/^[,.;:)\]]|^[-–/]\S/.test(after) || /[/(]$/.test(before)) return '';
  if (SENTENCE_END.test(before)) return /^\p{Ll}/u.test(after) ? ' ' : '\n';
  if (/\)$/.test(before) && /^\p{Lu}/u.test(after)) return '\n';
  if (/\S[-–]$/.test(before)) return '';
  return ' ';
}

/** A title in capitals ("KẾ HOẠCH") ends its line when ordinary text follows. */
function capitalsAbove(line: string, head: string): boolean {
  return /\p{Lu}{2}/u.test(line) && line === line.toUpperCase() && /^\p{Lu}\p{Ll}/u.test(head);
}

/** Whether the text before a list marker can end a line: after a sentence end or a numbered heading. */
function endsLine(before: string, line: string): boolean {
  const openParen = (line.match(/\(/g)?.length ?? 0) > (line.match(/\)/g)?.length ?? 0);
  if (openParen) return false;
  return SENTENCE_END.test(before) || /[:)]$/.test(before) || (HEADING.test(line) && line.length <= 120);
}

/**
 * True when `tail` + `head` is one word cut in two rather than two words: the joined word occurs
 * in the paste at least as often as the rarer fragment does on its own; with no evidence, when
 * the joined form is a word at all (a cut lands inside a word more often than on a space), or
 * neither fragment is a word seen elsewhere and one is not even word-shaped ("inte" + "rnet").
 */
function isSplitWord(tail: string, head: string, counts: Map<string, number>): boolean {
  // Each fragment occurs once at the seam itself; only its other occurrences count.
  // A one-letter fragment is never taken for a word (Vietnamese has almost none; "I" is a numeral).
  const elsewhere = (w: string) => (w.length < 2 ? 0 : Math.max(0, (counts.get(w.toLowerCase()) ?? 0) - 1));
  const joined = counts.get((tail + head).toLowerCase()) ?? 0;
  const rarer = Math.min(elsewhere(tail), elsewhere(head));
  if (joined > 0 && joined >= rarer) return true;
  if (joined === 0 && rarer > 0) return false;
  if (wordLike(tail + head)) return true;
  return elsewhere(tail) === 0 && elsewhere(head) === 0 && !(wordLike(tail) && wordLike(head));
}

function wordCounts(text: string): Map<string, number> {
  const counts = new Map<string, number>();
  for (const w of text.toLowerCase().match(/[\p{L}\p{N}]+/gu) ?? []) counts.set(w, (counts.get(w) ?? 0) + 1);
  return counts;
}

const TONES = /[\u0300\u0301\u0303\u0309\u0323]/g;
const SYLLABLE = /^(?:ngh|ng|nh|ch|gh|gi|kh|ph|qu|th|tr|[bcdđghklmnprstvx])?[aăâeêioôơuưy]{1,3}(?:ch|ng|nh|[cmnpt])?$/;

/** A Vietnamese syllable (onset, vowels, final), an abbreviation in capitals, or a number. */
function wordLike(w: string): boolean {
  if (/^[\p{Lu}\d]{2,}$/u.test(w) || /^\d+$/.test(w)) return true;
  const bare = w.toLowerCase().normalize('NFD').replace(TONES, '').normalize('NFC');
  return SYLLABLE.test(bare);
}
