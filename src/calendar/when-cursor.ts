import type { LocalTime, Token } from './when-tokens.js';

const SPLIT = new Map<string, string[]>();
const ACCENTED_TEXT = new WeakMap<readonly Token[], boolean>();

/**
 * A position in the tokens of a phrase, for the grammar rules: each rule moves it forward when it
 * matches and leaves it where it was when it does not (see `attempt`).
 */
export class Cursor {
  constructor(
    readonly tokens: readonly Token[],
    public i = 0,
  ) {}

  get done(): boolean {
    return this.i >= this.tokens.length;
  }

  peek(ahead = 0): Token | undefined {
    return this.tokens[this.i + ahead];
  }

  /** Where the token at `i` starts in the text (the end of the text after the last one). */
  atOf(i: number): number {
    return this.tokens[i]?.at ?? this.tokens.at(-1)?.end ?? 0;
  }

  /** Where the last consumed token ends. */
  get lastEnd(): number {
    return this.tokens[this.i - 1]?.end ?? 0;
  }

  /** Runs `rule`; when it yields null, the cursor goes back to where it was. */
  attempt<T>(rule: (c: Cursor) => T | null): T | null {
    const start = this.i;
    const found = rule(this);
    if (found === null) this.i = start;
    return found;
  }

  /** Whether any word of the text carries an accent (then unaccented look-alikes are other words). */
  get accented(): boolean {
    let known = ACCENTED_TEXT.get(this.tokens);
    if (known === undefined) ACCENTED_TEXT.set(this.tokens, (known = this.tokens.some((x) => x.k === 'word' && x.accented)));
    return known;
  }

  /** Takes the words of `phrase` ("am lich") in order, or none of them. */
  words(phrase: string): boolean {
    const first = this.tokens[this.i];
    if (first?.k !== 'word' || !phrase.startsWith(first.w)) return false;
    let parts = SPLIT.get(phrase);
    if (!parts) SPLIT.set(phrase, (parts = phrase.split(' ')));
    const ok = parts.every((w, n) => {
      const t = this.tokens[this.i + n];
      return t?.k === 'word' && t.w === w;
    });
    if (ok) this.i += parts.length;
    return ok;
  }

  /** Takes the first of `phrases` that is next (list the longer ones first); null when none is. */
  oneOf(phrases: readonly string[]): string | null {
    return phrases.find((p) => this.words(p)) ?? null;
  }

  /** Takes a number in [min, max] written with at most `maxDigits` digits. */
  num(min: number, max: number, maxDigits = 2): number | null {
    const t = this.peek();
    if (t?.k !== 'num' || t.v < min || t.v > max || t.digits > maxDigits) return null;
    this.i++;
    return t.v;
  }

  /** Takes a separator from `chars`; with `tight`, only when nothing stands between it and its neighbours. */
  sep(chars: string, tight = false): string | null {
    const t = this.peek();
    if (t?.k !== 'sep' || !chars.includes(t.s)) return null;
    if (tight && !(this.tokens[this.i - 1]?.end === t.at && this.tokens[this.i + 1]?.at === t.end)) return null;
    this.i++;
    return t.s;
  }

  time(): LocalTime | null {
    const t = this.peek();
    if (t?.k !== 'time') return null;
    this.i++;
    return t.time;
  }
}

/** The longest of several readings from the same place (the cursor is left after it). */
export function longest<T>(c: Cursor, rules: ((c: Cursor) => T | null)[]): T | null {
  const start = c.i;
  let best: { found: T; end: number } | null = null;
  for (const rule of rules) {
    c.i = start;
    const found = rule(c);
    if (found !== null && (!best || c.i > best.end)) best = { found, end: c.i };
  }
  c.i = best ? best.end : start;
  return best ? best.found : null;
}
