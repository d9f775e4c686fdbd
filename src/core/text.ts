const ELLIPSIS = '…';
/** Separator left between the kept start and end of a label cut in the middle. */
const MIDDLE = ` ${ELLIPSIS} `;
/** A cut goes back to the last space only if that keeps at least this share of the room. */
const WORD_CUT_SHARE = 0.6;
/** Separators that should not dangle before an ellipsis ("Khối 7," → "Khối 7…"). */
const TRAILING = /[\s,;:.(/–—-]+$/u;

/**
 * The longest start of `text` that fits in `room` characters, cut after a whole word when that
 * loses little, never inside a surrogate pair or before a combining accent (NFD input), and
 * without a dangling separator ("Khối 7," → "Khối 7").
 */
function head(text: string, room: number, share = WORD_CUT_SHARE): string {
  if (text.length <= room) return text;
  if (room <= 0) return '';
  let cut = room;
  while (cut > 0 && /[\p{M}\uDC00-\uDFFF]/u.test(text.charAt(cut))) cut--;
  if (!/\s/.test(text.charAt(cut))) {
    const space = text.slice(0, cut).search(/\s\S*$/);
    if (space > 0 && space >= Math.ceil(room * share)) cut = space;
  }
  const kept = text.slice(0, cut);
  return kept.replace(TRAILING, '') || kept.trimEnd();
}

/**
 * Shortens text to at most `max` characters (UTF-16 units, as Telegram counts). When something
 * is cut, the result ends with "…", preferably after a whole word.
 */
export function clip(text: string, max: number): string {
  if (text.length <= max) return text;
  if (max <= 1) return max === 1 ? ELLIPSIS : '';
  return head(text, max - 1) + ELLIPSIS;
}

/**
 * Keeps the start of `text` and its end from the word holding `from` (where it differs from a
 * look-alike), around " … "; the end itself is clipped if it cannot fit with a useful start.
 */
function middle(text: string, max: number, from: number): string {
  let at = from;
  while (at < text.length && /\s/.test(text.charAt(at))) at++;
  let wordStart = text.slice(0, at).search(/\S*$/);
  // "… 1" says less than "… khối 1": a short differing word takes the word before it along.
  if (/^\S{1,3}(\s|$)/.test(text.slice(wordStart))) wordStart = Math.max(0, text.slice(0, wordStart).trimEnd().search(/\S*$/));
  const end = text.slice(wordStart);
  const room = max - MIDDLE.length;
  const minHead = Math.floor(room * 0.4);
  // The start is cut after any whole word: a " … " follows, so a stub like "Vệ sin" would read as a word.
  const start = head(text.slice(0, wordStart).replace(TRAILING, ''), Math.max(room - end.length, minHead), 0);
  if (!start) return clip(text, max);
  return `${start}${MIDDLE}${clip(end, room - start.length)}`;
}

function commonPrefix(a: string, b: string): number {
  let i = 0;
  while (i < a.length && i < b.length && a[i] === b[i]) i++;
  return i;
}

/** What a person reads on the button: the words, without the ellipsis. */
const visible = (label: string) => label.replace(/\s*…\s*/g, ' ').trim().toLocaleLowerCase('vi');

/**
 * Shortens button labels to `max` characters each so that different labels stay different:
 * a cut label first loses its end; if it then reads like another label ("Treo cờ dịp Quốc
 * khánh…" twice), it keeps its start and the part that differs ("Treo cờ dịp Quốc … khối 1");
 * if even that collides, it is numbered ("Treo cờ dịp Quốc… (2)"). Labels that fit are kept
 * as they are, and identical inputs stay identical.
 */
export function clipDistinct(labels: string[], max: number): string[] {
  const out = labels.map((label) => clip(label, max));
  const clashes = () => {
    const byVisible = new Map<string, Set<string>>();
    out.forEach((label, i) => byVisible.set(visible(label), (byVisible.get(visible(label)) ?? new Set()).add(labels[i] ?? '')));
    return out.map((label, i) => label !== labels[i] && (byVisible.get(visible(label))?.size ?? 0) > 1);
  };
  clashes().forEach((clash, i) => {
    if (!clash) return;
    const own = labels[i] ?? '';
    const differsAt = Math.max(0, ...labels.filter((o) => o !== own && visible(clip(o, max)) === visible(out[i] ?? '')).map((o) => commonPrefix(own, o)));
    out[i] = middle(own, max, differsAt);
  });
  const numbers = new Map<string, Map<string, number>>();
  clashes().forEach((clash, i) => {
    if (!clash) return;
    const own = labels[i] ?? '';
    const group = numbers.get(visible(out[i] ?? '')) ?? new Map<string, number>();
    numbers.set(visible(out[i] ?? ''), group.set(own, group.get(own) ?? group.size + 1));
    const suffix = ` (${group.get(own)})`;
    out[i] = clip(own, max - suffix.length).replace(/…$/, '') + `…${suffix}`;
  });
  return out;
}
