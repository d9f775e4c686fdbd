import { DummyDriver, Kysely, PostgresAdapter, PostgresIntrospector, PostgresQueryCompiler, sql } from 'kysely';
import { describe, expect, it } from 'vitest';
import { currentOfficeId, inOffice, officeScopeActive, OfficeScopePlugin, outsideOffices } from '../src/core/office-scope.js';
import type { Database } from '../src/core/schema.js';

// Compiles only (DummyDriver): what SQL the app's handle sends inside and outside an office.
const db = new Kysely<Database>({
  dialect: {
    createAdapter: () => new PostgresAdapter(),
    createDriver: () => new DummyDriver(),
    createIntrospector: (k) => new PostgresIntrospector(k),
    createQueryCompiler: () => new PostgresQueryCompiler(),
  },
}).withPlugin(new OfficeScopePlugin());

describe('office scope', () => {
  it('when a query runs outside an office, then it is left as written', () => {
    const q = db.selectFrom('units').select('id').where('id', '=', 5).compile();
    expect(q.sql).toBe('select "id" from "units" where "id" = $1');
  });

  it('when a select names tenant tables in FROM, JOIN and a subquery, then each gets its office filter (left joins in ON)', () => {
    const q = inOffice(7, () =>
      db
        .selectFrom('task_units as tu')
        .innerJoin('units as u', 'u.id', 'tu.unit_id')
        .leftJoin('reports as r', (j) => j.onRef('r.task_id', '=', 'tu.task_id'))
        .select('u.name')
        .where('tu.task_id', 'in', (eb) => eb.selectFrom('tasks').select('id').where('status', '=', 'open'))
        .compile(),
    );
    expect(q.sql).toBe(
      'select "u"."name" from "task_units" as "tu" inner join "units" as "u" on "u"."id" = "tu"."unit_id" and "u"."office_id" = $1 left join "reports" as "r" on "r"."task_id" = "tu"."task_id" and "r"."office_id" = $2 where "tu"."task_id" in (select "id" from "tasks" where "status" = $3 and "tasks"."office_id" = $4) and "tu"."office_id" = $5',
    );
    expect(q.parameters).toEqual([7, 7, 'open', 7, 7]);
  });

  it('when an update or delete names a tenant table, then only the office\'s rows can match', () => {
    const [u, d] = inOffice(3, () => [
      db.updateTable('tasks').set({ status: 'closed' }).where('id', '=', 9).compile(),
      db.deleteFrom('invites').where('id', '=', 4).compile(),
    ]);
    expect(u.sql).toBe('update "tasks" set "status" = $1 where "id" = $2 and "tasks"."office_id" = $3');
    expect(d.sql).toBe('delete from "invites" where "id" = $1 and "invites"."office_id" = $2');
  });

  it('when rows are inserted into a tenant table (a link table too), then they get the office, unless the query names one', () => {
    const [plain, named, child] = inOffice(4, () => [
      db.insertInto('units').values([{ kind: 'block', name: 'Thôn 1', households: null }, { kind: 'block', name: 'Thôn 2', households: 3 }]).compile(),
      db.insertInto('units').values({ kind: 'block', name: 'Thôn 3', households: null, office_id: 9 }).compile(),
      db.insertInto('task_units').values({ task_id: 1, unit_id: 2 }).compile(),
    ]);
    expect(plain.sql).toBe('insert into "units" ("kind", "name", "households", "office_id") values ($1, $2, $3, $4), ($5, $6, $7, $8)');
    expect(plain.parameters).toEqual(['block', 'Thôn 1', null, 4, 'block', 'Thôn 2', 3, 4]);
    expect(named.parameters).toEqual(['block', 'Thôn 3', null, 9]);
    expect(child.sql).toBe('insert into "task_units" ("task_id", "unit_id", "office_id") values ($1, $2, $3)');
    expect(child.parameters).toEqual([1, 2, 4]);
  });

  it('when tables are not tenant tables or the text is raw SQL, then nothing is added; outsideOffices leaves the scope', () => {
    const [kv, raw, out] = inOffice(2, () => [
      db.selectFrom('kv_store').select('key').compile(),
      sql`select id from units`.compile(db),
      outsideOffices(() => db.selectFrom('units').select('id').compile()),
    ]);
    expect(kv.sql).toBe('select "key" from "kv_store"');
    expect(raw.sql).toBe('select id from units');
    expect(out.sql).toBe('select "id" from "units"');
  });

  // The storage (and Node's promise hooks with it) is on only while some office's work is in
  // progress; these check that switching it off and on never takes an office from awaited work.
  const officeFilter = () => db.selectFrom('units').select('id').compile().parameters;
  const later = () => new Promise((resolve) => setTimeout(resolve, 5));

  it('when one office\'s work ends while another\'s still awaits, then the other keeps its office to its end, and the scope goes off only after both', async () => {
    let open!: () => void;
    const gate = new Promise<void>((resolve) => (open = resolve));
    const first = inOffice(1, async () => {
      await gate;
      await later();
      return { office: currentOfficeId(), params: officeFilter() };
    });
    const second = await inOffice(2, async () => {
      await later();
      return currentOfficeId();
    });
    expect(second).toBe(2);
    expect(officeScopeActive()).toBe(true);
    open();
    expect(await first).toEqual({ office: 1, params: [1] });
    await Promise.resolve();
    expect(officeScopeActive()).toBe(false);
    expect(currentOfficeId()).toBeUndefined();
    expect(officeFilter()).toEqual([]);
  });

  it('when the scope has gone off, then the next office\'s work turns it on again with its own office, nested calls and a failure included', async () => {
    await inOffice(5, async () => later());
    await Promise.resolve();
    expect(officeScopeActive()).toBe(false);
    const seen = await inOffice(6, async () => {
      const inner = await inOffice(7, async () => {
        await later();
        return currentOfficeId();
      });
      await later();
      return [inner, currentOfficeId(), officeScopeActive()];
    });
    expect(seen).toEqual([7, 6, true]);
    expect(() => inOffice(8, () => {
      throw new Error('boom');
    })).toThrow('boom');
    await expect(inOffice(9, async () => {
      await later();
      throw new Error('late boom');
    })).rejects.toThrow('late boom');
    await Promise.resolve();
    expect(officeScopeActive()).toBe(false);
    expect(inOffice(4, () => currentOfficeId())).toBe(4);
    expect(officeScopeActive()).toBe(false);
  });
});
