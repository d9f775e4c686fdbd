import { PGlite, types } from '@electric-sql/pglite';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { prepared } from '../src/core/db.js';
import { leanParsers } from '../src/core/pglite-parsers.js';
import { openTestDatabase, type TestDatabase } from './support/db.js';

// PGlite copies its parser map for every result; the bot keeps that map to its own parsers and
// parses array columns itself (core/pglite-parsers.ts). The values must be what PGlite gave.
describe('values from the embedded database', () => {
  let database: TestDatabase;
  beforeAll(async () => {
    database = await openTestDatabase('pglite');
  });
  afterAll(() => database.close());

  const ARRAYS = `
    select array[1, 2, 3]::int4[] as ints, array['a', 'b,c', '"q"', null]::text[] as texts, array[10000000000]::int8[] as bigs,
      array['{"a":1}'::jsonb] as jsons, array[true, false] as bools, array['2026-12-06T01:02:03Z'::timestamptz] as times,
      array[[1, 2], [3, 4]]::int4[] as matrix, null::int4[] as none, array[]::text[] as empty, array['x']::name[] as names,
      array[1.5]::float8[] as floats, '1 2'::int2vector as vector, 5::int8 as big, '{"k":[1]}'::jsonb as doc, 'plain' as text`;
  const EXPECTED = {
    ints: [1, 2, 3],
    texts: ['a', 'b,c', '"q"', null],
    bigs: [10000000000],
    jsons: [{ a: 1 }],
    bools: [true, false],
    times: [new Date('2026-12-06T01:02:03Z')],
    matrix: [
      [1, 2],
      [3, 4],
    ],
    none: null,
    empty: [],
    // An element type PGlite has no parser for: its elements stay text.
    names: ['x'],
    floats: [1.5],
    // A type of category 'A' that is no element's array type: PGlite gives it no parser.
    vector: '1 2',
    big: 5,
    doc: { k: [1] },
    text: 'plain',
  };

  it('when a query returns arrays of many types, then each comes back as PGlite parses it: JS arrays of parsed elements, int8 as numbers', async () => {
    const { rows } = await sql.raw(ARRAYS).execute(database.db);
    expect(rows).toEqual([EXPECTED]);
  });

  it('when a prepared statement returns them, then the same', async () => {
    const { rows } = await sql`${prepared}${sql.raw(ARRAYS)} where ${1}::int = 1`.execute(database.db);
    expect(rows).toEqual([EXPECTED]);
  });

  it('when two columns share a name, then the row keeps the last, parsed by its own type', async () => {
    const { rows } = await sql.raw(`select 'text' as x, array[1]::int4[] as x, array[2]::int4[] as y, '{3}' as y`).execute(database.db);
    expect(rows).toEqual([{ x: [1], y: '{3}' }]);
  });

  it('when PGlite starts, then the parser map it copies for every result holds only the bot\'s own parsers', { timeout: 60_000 }, async () => {
    const pglite = new PGlite({ parsers: { [types.INT8]: (v: string) => Number(v) } });
    try {
      await pglite.waitReady;
      expect(Object.keys(pglite.parsers).length).toBeGreaterThan(200);
      await leanParsers(pglite, types, { [types.INT8]: (v: string) => Number(v) });
      expect(Object.keys(pglite.parsers)).toEqual([String(types.INT8)]);
    } finally {
      await pglite.close();
    }
  });
});
