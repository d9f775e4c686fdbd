// temporary experiment (deleted afterwards)
import { randomBytes } from 'node:crypto';
import { sql } from 'kysely';
import { openDatabase } from '../../../src/core/db.js';
import { databaseUrl, withAdmin } from '../../support/db.js';
import { flagForm } from '../../support/factories.js';
import { FakeTelegram } from '../../support/fake-telegram.js';
import { migrateBotDatabase, rssMb, startCompiledBot, stopChild } from '../bench-process.js';
import { pressReportFromReminder } from '../ingest-flows.js';

const N = Number(process.argv[2] ?? 10000);
const server = process.env.TEST_DATABASE_URL ?? '';
const name = `khoipho_bench_${randomBytes(6).toString('hex')}`;
await withAdmin(server, (c) => c.query(`create database ${name}`));
const url = databaseUrl(server, name);
migrateBotDatabase({ DATABASE_URL: url });
const h = await openDatabase({ databaseUrl: url, dataDir: 'x' });
await sql`insert into units (kind, name, households) select 'block', 'Khối ' || g, 100 from generate_series(1, ${N}) g`.execute(h.db);
await sql`insert into members (telegram_id, chat_id, display_name, role) select 100000 + g, 100000 + g, 'Leader ' || g, 'leader' from generate_series(1, ${N}) g`.execute(h.db);
await sql`insert into unit_members (unit_id, member_id, position) select id, id, 'leader' from units`.execute(h.db);
await sql`insert into campaigns (name) values ('Bench')`.execute(h.db);
await sql`insert into tasks (campaign_id, title, due_at, created_at, form) values (1, 'Treo cờ Tổ quốc', now() + interval '7 days', now() - interval '2 days', ${JSON.stringify(flagForm)}::jsonb)`.execute(h.db);
await sql`insert into task_units (task_id, unit_id) select 1, id from units`.execute(h.db);
await h.close();
const fake = await FakeTelegram.start();
const child = startCompiledBot({ BOT_TOKEN: fake.token, TELEGRAM_API_ROOT: fake.apiRoot, LOG_LEVEL: 'warn', SEND_RATE_PER_SECOND: '1000', DATABASE_URL: url, NODE_OPTIONS: process.env.EXP_NODE_OPTIONS ?? '' });
await fake.waitFor(() => fake.callsOf('getUpdates').length > 0, 60_000);
await new Promise((r) => setTimeout(r, 2000));
console.log('idle', rssMb(child.proc.pid).toFixed(0));
const users = Array.from({ length: N }, (_, i) => fake.user(100000 + i + 1));
for (const [i, u] of users.entries()) pressReportFromReminder(fake, u, `rp:1:${i + 1}`);
await Promise.all(users.map((u) => u.nextMessages(2, { timeoutMs: 300_000 })));
console.log('burst done', rssMb(child.proc.pid).toFixed(0));
for (let s = 0; s < 4; s++) {
  await new Promise((r) => setTimeout(r, 5000));
  console.log(`+${(s + 1) * 5}s`, rssMb(child.proc.pid).toFixed(0));
}
child.proc.kill('SIGUSR2');
await new Promise((r) => setTimeout(r, 8000));
await stopChild(child);
await fake.close();
await withAdmin(server, (c) => c.query(`drop database if exists ${name} with (force)`));
console.log(child.output().split('\n').filter((l) => /Mark-Compact|Scavenge/.test(l)).slice(-6).join('\n'));
process.exit(0);
