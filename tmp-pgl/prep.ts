import { sql, type CompiledQuery } from 'kysely';
import { openDatabase } from '../src/core/db.js';
import { migrateToLatest } from '../src/core/migrator.js';
import { submitInOneStatement } from '../src/reports/report-submit.queries.js';
import { flagForm } from '../tests/support/factories.js';

const h = await openDatabase({ dataDir: 'memory://' });
const db = h.db;
await migrateToLatest(db);
const n = 3000;
await sql`insert into units (kind, name, households) select 'block', 'Khối ' || g, 100 from generate_series(1, ${n}) g`.execute(db);
await sql`insert into members (telegram_id, chat_id, display_name, role) select 100000 + g, 100000 + g, 'Leader ' || g, 'leader' from generate_series(1, ${n}) g`.execute(db);
await sql`insert into unit_members (unit_id, member_id, position) select id, id, 'leader' from units`.execute(db);
await sql`insert into campaigns (name) values ('Bench')`.execute(db);
await sql`insert into tasks (campaign_id, title, due_at, created_at, form) values (1, 'Treo cờ', now() + interval '7 days', now() - interval '2 days', ${JSON.stringify(flagForm)}::jsonb)`.execute(db);
await sql`insert into task_units (task_id, unit_id) select 1, id from units`.execute(db);
await sql`analyze`.execute(db);
const pglite = (db as any).getExecutor().adapter ? null : null;
// capture compiled submit statements
const compiled: CompiledQuery[] = [];
const capturing = db.withPlugin({ transformQuery: (a) => a.node, transformResult: async (a) => a.result });
const answers = (i: number) => ({ status: 'done', number: 45, note: null, photos: [{ fileId: `f${i}`, fileUniqueId: `u${i}`, sentAt: new Date().toISOString() }], location: null }) as any;
const t0 = performance.now();
for (let i = 1; i <= 600; i++) await submitInOneStatement(db, { memberId: i, taskId: 1, unitId: i, submissionKey: `k${i}`, answers: answers(i), at: new Date() }, null);
const t1 = performance.now();
console.log('unnamed: ms per submit', ((t1 - t0) / 600).toFixed(3));
// raw access to PGlite
const { PGlite } = await import('@electric-sql/pglite');
void PGlite; void compiled; void capturing; void pglite;
await h.close();
