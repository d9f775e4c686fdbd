/**
 * Callback data for one kind of button: a prefix and typed fields, packed as "prefix:a:b".
 * Every slice declares its kinds once (in its `*.buttons.ts`) and uses only pack/unpack, so no
 * handler parses callback data by hand and no unbounded id ever reaches a query.
 */

/** A field: a database id (1–9 digits, so it always fits a Postgres integer), a small integer, or one of fixed words. */
export type ButtonField = 'id' | 'int' | readonly string[];

type FieldValue<F> = F extends 'id' | 'int' ? number : F extends readonly (infer S)[] ? S : never;
export type ButtonValues<F extends readonly ButtonField[]> = { -readonly [K in keyof F]: FieldValue<F[K]> };

export interface ButtonKind<F extends readonly ButtonField[]> {
  readonly prefix: string;
  /** The fields, in order (tests pack the largest values to check the 64-byte limit). */
  readonly fields: F;
  /** Matches exactly the data this kind packs; use it to route presses. */
  readonly pattern: RegExp;
  pack(...values: ButtonValues<F>): string;
  /** The values, or null for data of another kind, a forged value or an out-of-range id. */
  unpack(data: string | undefined): ButtonValues<F> | null;
}

const MAX_CALLBACK_BYTES = 64;
const escapeRegExp = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

function fieldPattern(field: ButtonField): string {
  if (field === 'id') return '([1-9]\\d{0,8})';
  if (field === 'int') return '(0|[1-9]\\d{0,5})';
  return `(${field.map(escapeRegExp).join('|')})`;
}

/** Declares a button kind; the prefix must be unique across the bot (a test checks it). */
export function buttonKind<const F extends readonly ButtonField[]>(prefix: string, fields: F): ButtonKind<F> {
  const body = fields.map(fieldPattern).join(':');
  const pattern = new RegExp(`^${escapeRegExp(prefix)}${fields.length > 0 ? `:${body}` : ''}$`);
  registered.push(prefix);
  return {
    prefix,
    fields,
    pattern,
    pack: (...values) => {
      const data = [prefix, ...values.map(String)].join(':');
      if (Buffer.byteLength(data) > MAX_CALLBACK_BYTES || !pattern.test(data)) throw new Error(`button ${prefix}: cannot pack ${data}`);
      return data;
    },
    unpack: (data) => {
      const m = data === undefined ? null : pattern.exec(data);
      if (!m) return null;
      return fields.map((f, i) => (f === 'id' || f === 'int' ? Number(m[i + 1]) : m[i + 1])) as ButtonValues<F>;
    },
  };
}

const registered: string[] = [];

/** Every prefix declared so far (for the uniqueness test). */
export function declaredButtonPrefixes(): readonly string[] {
  return registered;
}

/** Reads a press: the value it carries, or null for data this question did not offer. */
export type PressReader<T> = (data: string | undefined) => T | null;

/** A kind of one field, read as its value (a question that offers one kind of button). */
export function choice<F extends ButtonField>(kind: ButtonKind<readonly [F]>): PressReader<ButtonValues<readonly [F]>[0]> {
  return (data) => {
    const values = kind.unpack(data);
    return values ? values[0] : null;
  };
}

/** A kind without fields, read as `value` (e.g. "new" beside a list of ids). */
export function choiceAs<const T>(kind: ButtonKind<readonly []>, value: T): PressReader<T> {
  return (data) => (kind.unpack(data) ? value : null);
}

/** The first of several readings that accepts the press. */
export function eitherChoice<A, B>(a: PressReader<A>, b: PressReader<B>): PressReader<A | B> {
  return (data) => a(data) ?? b(data);
}
