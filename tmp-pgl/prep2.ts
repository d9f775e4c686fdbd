import { Kysely, sql } from 'kysely';
import { PGlite, types } from '@electric-sql/pglite';
import { PGliteDialect } from 'kysely-pglite-dialect';
import { migrateToLatest } from '../src/core/migrator.js';
import { submitInOneStatement } from '../src/reports/report-submit.queries.js';
import { flagForm } from '../tests/support/factories.js';

const pg = new PGlite(undefined, { parsers: { [types.INT8]: (v: string) => Number(v) } });
await pg.waitReady;
let captured: { sql: string; params: readonly unknown[] } | null = null;
const db = new Kysely<any>({ dialect: new PGliteDialect(pg), log: (e) => { if (e.level === 'query') captured = { sql: e.query.sql, params: e.query.parameters }; } });
await migrateToLatest(db);
const n = 3000;
await sql`insert into units (kind, name, households) select 'block', 'Khối ' || g, 100 from generate_series(1, ${n}) g`.execute(db);
await sql`insert into members (telegram_id, chat_id, display_name, role) select 100000 + g, 100000 + g, 'Leader ' || g, 'leader' from generate_series(1, ${n}) g`.execute(db);
await sql`insert into unit_members (unit_id, member_id, position) select id, id, 'leader' from units`.execute(db);
await sql`insert into campaigns (name) values ('Bench')`.execute(db);
await sql`insert into tasks (campaign_id, title, due_at, created_at, form) values (1, 'Treo cờ', now() + interval '7 days', now() - interval '2 days', ${JSON.stringify(flagForm)}::jsonb)`.execute(db);
await sql`insert into task_units (task_id, unit_id) select 1, id from units`.execute(db);
await sql`analyze`.execute(db);
const answers = (i: number) => ({ status: 'done', number: 45, note: null, photos: [{ fileId: `f${i}`, fileUniqueId: `u${i}`, sentAt: new Date().toISOString() }], location: null }) as any;
await submitInOneStatement(db as any, { memberId: 7, taskId: 1, unitId: 7, submissionKey: 'k7', answers: answers(7), at: new Date() }, null);
const q = captured!;
// Parameters for unit i: replace the ones that vary (unit id, member id, key, photo ids)
const paramsFor = (i: number) => q.params.map((v) => (v === 7 ? i : typeof v === 'string' ? v.replace(/^(k|f|u)7$/, `$1${i}`).replace('unit:7', `unit:${i}`) : Array.isArray(v) ? v.map((x) => (typeof x === 'string' ? x.replace(/^(f|u)7$/, `$1${i}`) : x)) : v));
let unit = 10;
async function run(label: string, one: (p: unknown[]) => Promise<unknown>, count = 400) {
  const t0 = performance.now();
  for (let k = 0; k < count; k++) await one(paramsFor(unit++));
  console.log(label, ((performance.now() - t0) / count).toFixed(3), 'ms per submit');
}
await run('unnamed query      ', (p) => pg.query(q.sql, p));
await pg.exec(`prepare s as ${q.sql}`);
const esc = (v: string) => `'${v.replaceAll("'", "''")}'`;
const lit = (v: unknown): string => v === null || v === undefined ? 'null' : Array.isArray(v) ? esc(`{${v.map((x) => (x === null ? 'NULL' : `"${String(x).replaceAll('\\', '\\\\').replaceAll('"', '\\"')}"`)).join(',')}}`) : v instanceof Date ? esc(v.toISOString()) : typeof v === 'string' ? esc(v) : String(v);
const execOf = (p: unknown[]) => `execute s(${p.map(lit).join(',')})`;
await run('prepare/execute    ', (p) => pg.query(execOf(p)));
await pg.exec('set plan_cache_mode = force_generic_plan');
await pg.exec('deallocate s'); await pg.exec(`prepare s as ${q.sql}`);
await run('prepare/exec generic', (p) => pg.query(execOf(p)));
await pg.exec('reset plan_cache_mode');
await run('unnamed again      ', (p) => pg.query(q.sql, p));
const stored = await pg.query<{ n: number }>('select count(*)::int as n from reports');
console.log('reports stored', stored.rows[0]);
await pg.close();
