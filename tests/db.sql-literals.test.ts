import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { prepared, sqlLiterals } from '../src/core/db.js';
import { dbTargets, openTestDatabase, type TestDatabase } from './support/db.js';

// On PGlite a marked statement runs as `execute kp_…(<literals>)` (src/core/db.ts): every value
// must reach Postgres exactly as a bound parameter would, whatever its characters.
const AWKWARD = ["it's", 'a "quoted" word', 'back\\slash', "'; drop table units; --", 'Khối 5 – Tổ dân phố', '{braces,commas}', 'NULL', '', '😀 emoji'];

describe.each(dbTargets())('marked statements with awkward values (%s)', (target) => {
  let db: TestDatabase;
  beforeAll(async () => {
    db = await openTestDatabase(target);
  });
  afterAll(() => db.close());

  it('when a marked statement gets quotes, backslashes, braces, NULL-like text, dates, numbers and arrays, then Postgres sees each value as given', async () => {
    const at = new Date('2026-12-05T22:41:07.123Z');
    const r = await sql<{ texts: string[]; one: string; n: number; big: number; flag: boolean; at: Date; nothing: string | null; ints: number[] }>`${prepared}
      select ${AWKWARD}::text[] as texts, ${AWKWARD[0]}::text as one, ${-12.5}::float8 as n, ${9007199254740991}::bigint as big,
        ${false}::boolean as flag, ${at}::timestamptz as at, ${null}::text as nothing, ${[1, null, 3]}::int[] as ints`.execute(db.db);
    expect(r.rows[0]).toEqual({ texts: AWKWARD, one: "it's", n: -12.5, big: 9007199254740991, flag: false, at, nothing: null, ints: [1, null, 3] });
    if (target === 'pglite') {
      // One session: the marked statements above are its prepared statements now.
      const names = await sql<{ n: number }>`select count(*)::int as n from pg_prepared_statements where name like 'kp\_%' and statement like '%as texts%'`.execute(db.db);
      expect(names.rows[0]?.n).toBe(1);
    }
    for (const value of AWKWARD) {
      const one = await sql<{ v: string; len: number }>`${prepared}select ${value}::text as v, length(${value}::text) as len`.execute(db.db);
      expect(one.rows[0]).toEqual({ v: value, len: [...value].length });
    }
  });

  it('when a value is of a type not written as a literal, then there is no literal for it (the statement runs unprepared)', () => {
    expect(sqlLiterals([{ a: 1 }])).toBeNull();
    expect(sqlLiterals([[{ a: 1 }]])).toBeNull();
    expect(sqlLiterals([Number.NaN])).toBeNull();
    expect(sqlLiterals(["o'clock", ['a"b', null]])).toEqual(["'o''clock'", `'{"a\\"b",NULL}'`]);
  });
});

describe.each(dbTargets())('a marked statement first seen in a transaction that fails (%s)', (target) => {
  let db: TestDatabase;
  beforeAll(async () => {
    db = await openTestDatabase(target);
  });
  afterAll(() => db.close());

  it('when the transaction rolls back, then the statement still runs afterwards, inside and outside transactions', async () => {
    const marked = () => sql<{ v: number }>`${prepared}select ${41}::int + 1 as v /* first seen in a failed transaction */`;
    await expect(
      db.db.transaction().execute(async (trx) => {
        expect((await marked().execute(trx)).rows[0]?.v).toBe(42);
        throw new Error('rolled back on purpose');
      }),
    ).rejects.toThrow('rolled back on purpose');
    expect((await marked().execute(db.db)).rows[0]?.v).toBe(42);
    await db.db.transaction().execute(async (trx) => expect((await marked().execute(trx)).rows[0]?.v).toBe(42));
  });

  it('when a transaction has already failed, then a marked statement first seen there fails with it, and runs afterwards', async () => {
    const marked = () => sql<{ v: number }>`${prepared}select ${1}::int as v /* first seen after a failure */`;
    await expect(
      db.db.transaction().execute(async (trx) => {
        await sql`select 1/0`.execute(trx).catch(() => undefined);
        await marked().execute(trx);
      }),
    ).rejects.toThrow();
    expect((await marked().execute(db.db)).rows[0]?.v).toBe(1);
  });
});
