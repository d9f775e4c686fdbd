// `npm run bench -- ingest [--leaders N]`: N simulated leaders complete the confirmation flow at the
// same time through the fake Telegram (the task is two days old, so its announcement is not due);
// the bot runs as a child process (as `npm start` does) on
// PGlite, or on the real server when TEST_DATABASE_URL is set. The peer is a bare echo bot.
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { sql } from 'kysely';
import { openDatabase } from '../../src/core/db.js';
import { migrateToLatest } from '../../src/core/migrator.js';
import { type Child, ROOT, startBotProcess } from '../support/child.js';
import { openTestDatabase } from '../support/db.js';
import { FakeTelegram } from '../support/fake-telegram.js';
import type { SimUser } from '../support/fake-telegram-user.js';
import { flagForm } from '../support/factories.js';

const FIRST_USER = 100_000;

function option(args: string[], name: string, fallback: number): number {
  const i = args.indexOf(name);
  return i >= 0 ? Number(args[i + 1]) : fallback;
}

/** One step: act, then wait for the replies; returns ms from the update's arrival to the first reply. */
async function step(user: SimUser, act: () => void, replies: number): Promise<number> {
  const start = performance.now();
  act();
  const [first] = await user.nextMessages(replies, { timeoutMs: 120_000 });
  void first;
  return performance.now() - start;
}

async function leaderFlow(user: SimUser, echo: boolean): Promise<number[]> {
  const r = (n: number) => (echo ? 1 : n);
  const btn = (label: string | RegExp, fallback: string) => () => (echo ? user.pressCallbackData(fallback) : user.pressButton(label));
  return [
    await step(user, btn(/Báo cáo/, 'x'), r(2)),
    await step(user, btn('✅ Đã xong', 'x'), r(2)),
    await step(user, () => user.sendText('45'), 1),
    await step(user, () => user.sendPhoto({ fileUniqueId: `bench-${user.id}` }), 1),
    await step(user, btn('Xong', 'x'), 1),
    await step(user, btn('Bỏ qua', 'x'), 1),
    await step(user, btn('📤 Gửi', 'x'), 1),
  ];
}

async function seed(url: string | undefined, dataDir: string, leaders: number): Promise<void> {
  const handle = await openDatabase({ databaseUrl: url, dataDir });
  await migrateToLatest(handle.db);
  await sql`insert into units (kind, name, households) select 'block', 'Khối ' || g, 100 from generate_series(1, ${leaders}) g`.execute(handle.db);
  await sql`insert into members (telegram_id, chat_id, display_name, role) select ${FIRST_USER} + g, ${FIRST_USER} + g, 'Leader ' || g, 'leader' from generate_series(1, ${leaders}) g`.execute(handle.db);
  await sql`insert into unit_members (unit_id, member_id, position) select id, id, 'leader' from units`.execute(handle.db);
  await sql`insert into campaigns (name) values ('Bench')`.execute(handle.db);
  await sql`insert into tasks (campaign_id, title, due_at, created_at, form) values (1, 'Treo cờ Tổ quốc', now() + interval '7 days', now() - interval '2 days', ${JSON.stringify(flagForm)}::jsonb)`.execute(handle.db);
  await sql`insert into task_units (task_id, unit_id) select 1, id from units`.execute(handle.db);
  await handle.close();
}

async function measure(fake: FakeTelegram, child: Child, leaders: number, echo: boolean) {
  try {
    return await measureFlows(fake, child, leaders, echo);
  } finally {
    if (child.proc.exitCode === null) child.proc.kill('SIGKILL');
  }
}

async function measureFlows(fake: FakeTelegram, child: Child, leaders: number, echo: boolean) {
  await fake.waitFor(() => fake.callsOf('getUpdates').length > 0, 60_000);
  const users = Array.from({ length: leaders }, (_, i) => fake.user(FIRST_USER + i + 1));
  // Warm-up, not measured: the leader opens /tasks (the echo bot just answers).
  await Promise.all(users.map((u) => step(u, () => u.sendText('/tasks'), 1)));
  const t0 = performance.now();
  const latencies = (await Promise.all(users.map((u) => leaderFlow(u, echo)))).flat();
  const seconds = (performance.now() - t0) / 1000;
  child.proc.kill('SIGTERM');
  await child.exited;
  latencies.sort((a, b) => a - b);
  const pct = (p: number) => latencies[Math.min(latencies.length - 1, Math.floor((p / 100) * latencies.length))] ?? 0;
  return { updatesPerSecond: latencies.length / seconds, p50: pct(50), p99: pct(99), updates: latencies.length, seconds };
}

export async function run(args: string[]): Promise<void> {
  const leaders = option(args, '--leaders', 1000);
  const url = process.env.TEST_DATABASE_URL;
  const dataDir = mkdtempSync(join(tmpdir(), 'khoipho-ingest-'));
  const db = url ? await openTestDatabase('postgres') : undefined;
  await seed(db?.url, join(dataDir, 'db'), leaders);
  const target = url ? 'PostgreSQL' : 'PGlite';
  console.log(`ingest: ${leaders} leaders × 7 updates on ${target}`);

  const fake = await FakeTelegram.start();
  const env = { BOT_TOKEN: fake.token, TELEGRAM_API_ROOT: fake.apiRoot, LOG_LEVEL: 'warn', DATA_DIR: join(dataDir, 'db') };
  const dbEnv: Record<string, string> = url && db?.url ? { DATABASE_URL: db.url } : {};
  // BENCH_PROFILE=<dir> writes a CPU profile of the bot process there.
  const nodeArgs = process.env.BENCH_PROFILE ? ['--cpu-prof', `--cpu-prof-dir=${process.env.BENCH_PROFILE}`] : undefined;
  const bot = await measure(fake, startBotProcess({ ...env, ...dbEnv }, nodeArgs ? { nodeArgs, cwd: ROOT } : {}), leaders, false);
  await fake.close();

  const fakeEcho = await FakeTelegram.start();
  const echoProc = spawn(`${ROOT}node_modules/.bin/tsx`, [`${ROOT}tests/bench/echo-bot.ts`], {
    env: { PATH: process.env.PATH ?? '', BOT_TOKEN: fakeEcho.token, TELEGRAM_API_ROOT: fakeEcho.apiRoot },
    stdio: 'ignore',
  });
  const echoChild: Child = { proc: echoProc, output: () => '', exited: new Promise((r) => echoProc.on('exit', (code, signal) => r({ code, signal }))) };
  const echo = await measure(fakeEcho, echoChild, leaders, true);
  await fakeEcho.close();
  rmSync(dataDir, { recursive: true, force: true });
  await db?.close();

  const ratio = bot.updatesPerSecond / echo.updatesPerSecond;
  console.log(`bot:  ${bot.updates} updates in ${bot.seconds.toFixed(1)} s = ${bot.updatesPerSecond.toFixed(0)} updates/s, p50 ${bot.p50.toFixed(1)} ms, p99 ${bot.p99.toFixed(1)} ms`);
  console.log(`echo: ${echo.updates} updates in ${echo.seconds.toFixed(1)} s = ${echo.updatesPerSecond.toFixed(0)} updates/s, p50 ${echo.p50.toFixed(1)} ms, p99 ${echo.p99.toFixed(1)} ms`);
  console.log(`goal: ≥ 1000 updates/s (${(bot.updatesPerSecond / 1000).toFixed(2)}×), p99 < 50 ms, ratio_to_echo ≥ 0.5`);
  console.log(`ingest: ${bot.updatesPerSecond.toFixed(0)} updates/s, p99 ${bot.p99.toFixed(1)} ms, ratio_to_echo ${ratio.toFixed(2)}`);
}
