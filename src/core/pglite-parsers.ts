import type { PGlite, types as PgliteTypes } from '@electric-sql/pglite';

type Parser = (x: string, typeId?: number) => unknown;

/** A query's result as PGlite gives it (object rows). */
export interface PgliteResult {
  rows: unknown[];
  fields?: ReadonlyArray<{ name: string; dataTypeID: number }>;
}

/** Parses a result's array columns in place (see {@link leanParsers}). */
export type ArrayColumns = <R extends PgliteResult>(result: R) => R;

/**
 * PGlite copies its instance's whole parser map into a new object (`{ ...this.parsers }`) for
 * every result it parses. That map holds PGlite's default parsers, ours (int8), and one array
 * parser for every array type of the catalog: 316 integer keys, which V8 keeps as a dictionary,
 * so each copy cost ~76 µs and tens of kB of garbage. In the leader's report path on PGlite it was
 * 39% of all the bot's allocation (heap sampling), with garbage collection 17% of its CPU.
 *
 * PGlite falls back to its default parsers by itself, so the map keeps only `own` (ours). Array
 * columns, which the defaults do not cover, are parsed after the query instead, exactly as
 * PGlite's own array parsers would: `types.arrayParser` with the element type's parser (ours,
 * else PGlite's default; an element type without one leaves the elements as text). No query of
 * the bot returns an array today; this keeps any that does working as before.
 */
export async function leanParsers(pglite: PGlite, types: typeof PgliteTypes, own: Record<number, Parser>): Promise<ArrayColumns> {
  // The array types PGlite gave parsers at start-up, by its own query: for each element type of a
  // type of category 'A', that element's array type (so int2vector and oidvector get none).
  const { rows } = await pglite.query<{ typarray: number | null; typelem: number | null }>(`
    select b.typarray::int8 as typarray, b.oid::int8 as typelem
    from pg_catalog.pg_type a left join pg_catalog.pg_type b on b.oid = a.typelem
    where a.typcategory = 'A'
    group by b.oid, b.typarray`);
  const elementOf = new Map(rows.flatMap((r) => (r.typarray === null || r.typelem === null ? [] : [[Number(r.typarray), Number(r.typelem)] as const])));
  pglite.parsers = { ...own };
  const defaults = types.parsers as Record<number, Parser | undefined>;
  const parserOf = (oid: number): Parser | undefined => own[oid] ?? defaults[oid];
  return (result) => {
    const fields = result.fields;
    if (!fields) return result;
    for (const [i, field] of fields.entries()) {
      const element = elementOf.get(field.dataTypeID);
      // An object row keeps the last column of a name.
      if (element === undefined || fields.findLastIndex((f) => f.name === field.name) !== i) continue;
      const parseElement = parserOf(element);
      for (const row of result.rows as Array<Record<string, unknown>>) {
        const value = row[field.name];
        if (typeof value === 'string') row[field.name] = types.arrayParser(value, parseElement as Parser, field.dataTypeID);
      }
    }
    return result;
  };
}
