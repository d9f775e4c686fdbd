import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { prepared } from '../src/core/db.js';
import { dbTargets, openTestDatabase, type TestDatabase } from './support/db.js';

// Where a statement marked `prepared` runs (src/core/db.ts): on its own, on the server's
// connections that plan it once, generically (PGlite: with the mode set around it alone); inside a
// transaction, on the transaction's own connection, like every other statement of it.
describe.each(dbTargets())('hot statements (%s)', (target) => {
  let db: TestDatabase;
  beforeAll(async () => {
    db = await openTestDatabase(target);
  });
  afterAll(() => db.close());

  const marked = () => sql<{ plan_cache_mode: string; pid: number; tx: string | null }>`${prepared}
    select current_setting('plan_cache_mode') as plan_cache_mode, pg_backend_pid() as pid, txid_current_if_assigned()::text as tx`;
  const plain = () => sql<{ plan_cache_mode: string; pid: number; tx: string | null }>`
    select current_setting('plan_cache_mode') as plan_cache_mode, pg_backend_pid() as pid, txid_current_if_assigned()::text as tx`;

  it('when a marked statement runs on its own, then it is planned generically on the server, and every other query keeps the default', async () => {
    const hot = (await marked().execute(db.db)).rows[0]!;
    const other = (await plain().execute(db.db)).rows[0]!;
    expect(other.plan_cache_mode).toBe('auto');
    expect(hot.plan_cache_mode).toBe('force_generic_plan');
    if (target === 'postgres') expect(hot.pid).not.toBe(other.pid);
  });

  it('when a marked statement runs inside a transaction, then it runs on the transaction connection and sees its writes', async () => {
    await db.db.transaction().execute(async (trx) => {
      await sql`create temporary table hot_probe (x int) on commit drop`.execute(trx);
      await sql`insert into hot_probe values (1)`.execute(trx);
      const before = (await plain().execute(trx)).rows[0]!;
      const inside = (await marked().execute(trx)).rows[0]!;
      const seen = await sql<{ n: number }>`${prepared}select count(*)::int as n from hot_probe`.execute(trx);
      expect(inside.pid).toBe(before.pid);
      expect(inside.tx).not.toBeNull();
      expect(inside.tx).toBe(before.tx);
      // The server runs it on the transaction's connection as it is; PGlite sets the mode around it.
      expect(inside.plan_cache_mode).toBe(target === 'postgres' ? 'auto' : 'force_generic_plan');
      expect((await plain().execute(trx)).rows[0]?.plan_cache_mode).toBe('auto');
      expect(seen.rows[0]?.n).toBe(1);
    });
  });

  it('when a marked statement fails, then every query after it is planned as before', async () => {
    await expect(sql`${prepared}select 1 / ${0}::int as boom`.execute(db.db)).rejects.toThrow(/division by zero/);
    expect((await plain().execute(db.db)).rows[0]?.plan_cache_mode).toBe('auto');
    await expect(
      db.db.transaction().execute(async (trx) => {
        await sql`${prepared}select 1 / ${0}::int as boom`.execute(trx);
      }),
    ).rejects.toThrow(/division by zero/);
    expect((await plain().execute(db.db)).rows[0]?.plan_cache_mode).toBe('auto');
  });

  it('when a transaction is rolled back after a marked statement wrote in it, then nothing of it is stored', async () => {
    await sql`create table if not exists hot_probe_kept (x int)`.execute(db.db);
    await expect(
      db.db.transaction().execute(async (trx) => {
        await sql`${prepared}insert into hot_probe_kept values (7)`.execute(trx);
        throw new Error('rolled back on purpose');
      }),
    ).rejects.toThrow('rolled back on purpose');
    const n = await sql<{ n: number }>`select count(*)::int as n from hot_probe_kept`.execute(db.db);
    expect(n.rows[0]?.n).toBe(0);
    await sql`drop table hot_probe_kept`.execute(db.db);
  });

  it('when a session holds a connection for a lock and runs a marked statement, then both run on that one connection', async () => {
    await db.db.connection().execute(async (conn) => {
      const first = (await plain().execute(conn)).rows[0]!;
      const second = (await marked().execute(conn)).rows[0]!;
      expect(second.pid).toBe(first.pid);
    });
  });
});
