// `npm run bench -- ingest [--leaders N] [--dialogues N] [--no-build] [--memory-only | --closed-only]`: simulated leaders go through
// the confirmation flow (7 updates each) against the compiled bot (`npm run build`, then
// `node dist/src/main.js`, as the Dockerfile runs it), then against a bare echo bot in the same run.
// The bot uses the real server when TEST_DATABASE_URL is set, else PGlite.
// Measured: closed loop (N leaders at once: throughput; p99 there is queueing; run twice with other
// leaders, and the second is the one the goals read: the first carries V8's compiling of the hot
// code, which a bot pays once after start, not per update), open loop (flows
// started at 100 and 250 updates/s: latency), CPU time of the process per update (/proc), database
// round trips per update (counted on the wire, in a run of its own so the proxy adds no latency
// to the timed runs), Bot API calls per update, and, in a fresh bot process, the RSS 10 s after
// N leaders pressed Báo cáo at once (N dialogues in progress).
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { sql } from 'kysely';
import { openDatabase } from '../../src/core/db.js';
import type { Child } from '../support/child.js';
import { databaseUrl, withAdmin } from '../support/db.js';
import { buildLeaders, flagForm } from '../support/factories.js';
import { FakeTelegram } from '../support/fake-telegram.js';
import type { SimUser } from '../support/fake-telegram-user.js';
import { buildBot, cpuMs, dockerNodeFlags, dockerProcessEnv, loadAverage, machineBusyMs, runnableWaitMs, migrateBotDatabase, rssMb, startCompiledBot, startEcho, stopChild } from './bench-process.js';
import { closedLoop, isApology, type Latencies, openLoop, pressReportFromReminder, UPDATES_PER_FLOW, warmUp } from './ingest-flows.js';
import { startWireCounter } from './pg-wire-counter.js';

const FIRST_USER = 100_000;
const OPEN_SECONDS = 10;
const COUNTED_FLOWS = 200;
const RSS_SETTLE_MS = 10_000;
/** The send budget's rate in the bench: the highest the config allows with an emulator. */
const BENCH_SEND_RATE = 10_000;

function option(args: string[], name: string, fallback: number): number {
  const i = args.indexOf(name);
  return i >= 0 ? Number(args[i + 1]) : fallback;
}

async function seed(url: string | undefined, dataDir: string, leaders: number): Promise<void> {
  migrateBotDatabase(url ? { DATABASE_URL: url } : { DATA_DIR: dataDir });
  const handle = await openDatabase({ databaseUrl: url, dataDir });
  await buildLeaders(handle.db, leaders, { firstTelegramId: FIRST_USER });
  await sql`insert into campaigns (name) values ('Bench')`.execute(handle.db);
  await sql`insert into tasks (campaign_id, title, due_at, created_at, form) values (1, 'Treo cờ Tổ quốc', now() + interval '7 days', now() - interval '2 days', ${JSON.stringify(flagForm)}::jsonb)`.execute(handle.db);
  await sql`insert into task_units (task_id, unit_id) select 1, id from units`.execute(handle.db);
  await handle.close();
}

/** A fresh, empty database on the server (the measured code migrates it). */
async function emptyDatabase(serverUrl: string): Promise<{ url: string; close(): Promise<void> }> {
  const name = `khoipho_bench_${randomBytes(6).toString('hex')}`;
  await withAdmin(serverUrl, (c) => c.query(`create database ${name}`));
  return { url: databaseUrl(serverUrl, name), close: () => withAdmin(serverUrl, (c) => c.query(`drop database if exists ${name} with (force)`)).then(() => undefined) };
}

/** Leaders by position: each phase takes its own, so nobody's report is already on screen. */
class Cohorts {
  private next = 0;
  constructor(private readonly fake: FakeTelegram) {}
  take(n: number): SimUser[] {
    const users = Array.from({ length: n }, (_, i) => this.fake.user(FIRST_USER + this.next + i + 1));
    this.next += n;
    return users;
  }
}

const apiCalls = (fake: FakeTelegram) => Object.entries(fake.stats().calls).reduce((sum, [m, n]) => (m === 'getUpdates' ? sum : sum + n), 0);

interface Phase extends Latencies {
  cpuPerUpdate: number;
  /** Time the peer's main thread waited for a core per update (runnable, not running). */
  waitPerUpdate: number;
  apiPerUpdate: number;
  /** getUpdates calls per update: how many updates each poll brought (the same fake serves both peers). */
  pollsPerUpdate: number;
  /** CPU of this process (the fake Bot API and the simulated leaders) per update. */
  harnessCpuPerUpdate: number;
  /** Busy CPU of the whole machine per update (the peer, its database, this process, and whatever else runs). */
  machineCpuPerUpdate: number;
  /** CPU of the server's backends for the bot's database per update (NaN: PGlite runs inside the bot; the echo has none). */
  dbCpuPerUpdate: number;
}

/** CPU time so far of each server process serving `database` (its backends, by pid). */
type DbCpu = () => Promise<Map<number, number>>;

function serverCpu(serverUrl: string, database: string): DbCpu {
  return async () => {
    const pids = await withAdmin(serverUrl, (c) => c.query<{ pid: number }>('select pid from pg_stat_activity where datname = $1', [database]));
    const cpu = new Map<number, number>();
    for (const { pid } of pids.rows) {
      try {
        cpu.set(pid, cpuMs(pid));
      } catch {
        // the backend ended meanwhile
      }
    }
    return cpu;
  };
}

/** CPU the backends used between two readings (a backend that started in between counts from zero). */
const cpuBetween = (before: Map<number, number>, after: Map<number, number>) => [...after].reduce((sum, [pid, ms]) => sum + ms - (before.get(pid) ?? 0), 0);

/** Runs one phase, with the process's CPU time and the Bot API calls it made. */
async function measured(fake: FakeTelegram, child: Child, run: () => Promise<Latencies>, dbCpu?: DbCpu): Promise<Phase> {
  fake.resetCalls();
  const db0 = await dbCpu?.();
  const cpu0 = cpuMs(child.proc.pid);
  const wait0 = runnableWaitMs(child.proc.pid);
  const harness0 = process.cpuUsage();
  const machine0 = machineBusyMs();
  const result = await run();
  const harness = process.cpuUsage(harness0);
  const db1 = await dbCpu?.();
  const perUpdate = (ms: number) => ms / result.updates;
  return {
    ...result,
    cpuPerUpdate: perUpdate(cpuMs(child.proc.pid) - cpu0),
    waitPerUpdate: perUpdate(runnableWaitMs(child.proc.pid) - wait0),
    apiPerUpdate: perUpdate(apiCalls(fake)),
    pollsPerUpdate: perUpdate(fake.stats().calls.getUpdates ?? 0),
    harnessCpuPerUpdate: perUpdate((harness.user + harness.system) / 1000),
    machineCpuPerUpdate: perUpdate(machineBusyMs() - machine0),
    dbCpuPerUpdate: db0 && db1 ? perUpdate(cpuBetween(db0, db1)) : NaN,
  };
}

interface PeerResult {
  /** The first closed loop after start: V8 is still compiling the hot code (optimizing it takes thousands of updates). */
  cold: Phase;
  /** The same loop again with other leaders, the code now compiled: what a running bot sustains. */
  closed: Phase;
  open100: Phase;
  open250: Phase;
}

async function runPeer(start: (fake: FakeTelegram) => Child, o: { echo: boolean; leaders: number; dbCpu?: DbCpu; closedOnly?: boolean }): Promise<PeerResult> {
  const fake = await FakeTelegram.start();
  const child = start(fake);
  try {
    await fake.waitFor(() => fake.callsOf('getUpdates').length > 0, 60_000);
    const cohorts = new Cohorts(fake);
    const phase = async (users: SimUser[], run: (u: SimUser[]) => Promise<Latencies>) => {
      await warmUp(users);
      return measured(fake, child, () => run(users), o.dbCpu);
    };
    const cold = await phase(cohorts.take(o.leaders), (u) => closedLoop(u, o.echo));
    const closed = await phase(cohorts.take(o.leaders), (u) => closedLoop(u, o.echo));
    if (o.closedOnly) return { cold, closed, open100: closed, open250: closed };
    const open100 = await phase(cohorts.take(Math.ceil((100 / UPDATES_PER_FLOW) * OPEN_SECONDS)), (u) => openLoop(u, o.echo, 100));
    const open250 = await phase(cohorts.take(Math.ceil((250 / UPDATES_PER_FLOW) * OPEN_SECONDS)), (u) => openLoop(u, o.echo, 250));
    return { cold, closed, open100, open250 };
  } catch (error) {
    console.error(`the ${o.echo ? 'echo peer' : 'bot'} said:\n${child.output().slice(-3000)}`);
    throw error;
  } finally {
    await stopChild(child);
    await fake.close();
  }
}

/** Memory, in a bot process of its own (so earlier phases leave nothing behind): idle, then after the burst. */
async function memoryRun(start: (fake: FakeTelegram) => Child, dialogues: number): Promise<{ idle: number } & Burst> {
  const fake = await FakeTelegram.start();
  const child = start(fake);
  try {
    await fake.waitFor(() => fake.callsOf('getUpdates').length > 0, 60_000);
    await new Promise((resolve) => setTimeout(resolve, 2000));
    const idle = rssMb(child.proc.pid);
    return { idle, ...(await openDialogues(fake, child, dialogues)) };
  } finally {
    await stopChild(child);
    await fake.close();
  }
}

interface Burst {
  rss: number;
  opened: number;
  /** Leaders who got an apology (busy, disk full, generic) instead of the dialogue. */
  apologies: number;
  /** What the first leader whose dialogue did not open saw. */
  firstMiss?: string;
}

/** `n` leaders press Báo cáo at once (as after a reminder); RSS 10 s after the dialogues opened. */
async function openDialogues(fake: FakeTelegram, child: Child, n: number): Promise<Burst> {
  // The leaders are those of the earlier phases, on the same database: an update an earlier bot
  // process took and had not answered when it stopped is answered by this one at start (the update
  // inbox). That late answer is right, but it is not this burst's: it is counted and set aside.
  await fake.quiet(60_000);
  const users = Array.from({ length: n }, (_, i) => fake.user(FIRST_USER + i + 1));
  const late = users.reduce((sum, u) => sum + u.skipPending().length, 0);
  if (late > 0) console.log(`burst: ${late} late answers to updates an earlier phase's bot took before it stopped, set aside`);
  for (const [i, user] of users.entries()) pressReportFromReminder(fake, user, `rp:1:${i + 1}`);
  // Opened: the intro with the first question came (not an apology, not "a report is open").
  const outcomes = await Promise.all(
    users.map((u) =>
      u.nextMessage({ timeoutMs: 300_000 }).then(
        (m) => (m.text.includes('Tình hình') ? 'opened' : isApology(m.text) ? 'apology' : u.transcriptText()),
        (error: unknown) => (error instanceof Error ? error.message : String(error)),
      ),
    ),
  );
  await new Promise((resolve) => setTimeout(resolve, RSS_SETTLE_MS));
  const firstMiss = outcomes.find((o) => o !== 'opened');
  return {
    rss: rssMb(child.proc.pid),
    opened: outcomes.filter((o) => o === 'opened').length,
    apologies: outcomes.filter((o) => o === 'apology').length,
    ...(firstMiss ? { firstMiss: firstMiss.split('\n').slice(0, 8).join('\n') } : {}),
  };
}

/** What makes a run invalid, whatever its figures: a failed flow, an apology, a dialogue that did not open. */
function failures(bot: PeerResult, echo: PeerResult, memory: Burst, dialogues: number): string[] {
  const found: string[] = [];
  for (const [peer, r] of [['bot', bot], ['echo', echo]] as const) {
    for (const [phase, p] of [['first closed loop', r.cold], ['closed loop', r.closed], ['open 100/s', r.open100], ['open 250/s', r.open250]] as const) {
      if (p.failed) found.push(`${peer} ${phase}: ${p.failed} flows failed`);
    }
  }
  if (memory.apologies) found.push(`burst: ${memory.apologies} leaders got an apology instead of their dialogue`);
  if (memory.opened < dialogues) found.push(`burst: ${dialogues - memory.opened} of ${dialogues} dialogues did not open; the first saw:\n  ${memory.firstMiss ?? ''}`);
  return found;
}

/** Database round trips per update, in a run of its own through the counting proxy (server only). */
async function countRoundTrips(serverUrl: string, botEnv: (fake: FakeTelegram, dbUrl: string) => Record<string, string>, skip: number): Promise<number> {
  const counter = await startWireCounter(serverUrl);
  const fake = await FakeTelegram.start();
  const child = startCompiledBot(botEnv(fake, counter.url));
  try {
    await fake.waitFor(() => fake.callsOf('getUpdates').length > 0, 60_000);
    const users = Array.from({ length: COUNTED_FLOWS }, (_, i) => fake.user(FIRST_USER + skip + i + 1));
    await warmUp(users);
    counter.reset();
    const result = await closedLoop(users, false);
    return counter.roundTrips() / result.updates;
  } finally {
    await stopChild(child);
    await fake.close();
    await counter.close();
  }
}

const line = (name: string, p: Phase) =>
  `${name}: ${p.updates} updates in ${p.seconds.toFixed(1)} s = ${(p.updates / p.seconds).toFixed(0)} updates/s, p50 ${p.p50.toFixed(1)} ms, p99 ${p.p99.toFixed(1)} ms, cpu ${p.cpuPerUpdate.toFixed(2)} ms/update (waited for a core ${p.waitPerUpdate.toFixed(2)}), ${p.apiPerUpdate.toFixed(2)} Bot API calls/update, ${p.pollsPerUpdate.toFixed(2)} getUpdates/update; harness cpu ${p.harnessCpuPerUpdate.toFixed(2)},${Number.isNaN(p.dbCpuPerUpdate) ? '' : ` server cpu ${p.dbCpuPerUpdate.toFixed(2)},`} machine cpu ${p.machineCpuPerUpdate.toFixed(2)} ms/update` +
  (p.failed ? `\n  ${p.failed} flows FAILED; the first:\n  ${p.firstFailure ?? ''}` : '');

export async function run(args: string[]): Promise<void> {
  const leaders = option(args, '--leaders', 1000);
  const dialogues = option(args, '--dialogues', 10_000);
  if (!args.includes('--no-build')) buildBot();
  const url = process.env.TEST_DATABASE_URL;
  const dataDir = mkdtempSync(join(tmpdir(), 'khoipho-ingest-'));
  const db = url ? await emptyDatabase(url) : undefined;
  const seeded = Math.max(dialogues, 2 * leaders + COUNTED_FLOWS + 600);
  await seed(db?.url, join(dataDir, 'db'), seeded);
  console.log(`ingest: ${leaders} leaders × ${UPDATES_PER_FLOW} updates on ${url ? 'PostgreSQL' : 'PGlite'}; bot run as the Dockerfile runs it: ${Object.entries(dockerProcessEnv()).map(([k, v]) => `${k}=${v} `).join('')}node ${[...dockerNodeFlags(), 'dist/src/main.js'].join(' ')}; load average ${loadAverage()}`);
  const botEnv = (fake: FakeTelegram, dbUrl: string | undefined): Record<string, string> => ({
    BOT_TOKEN: fake.token,
    TELEGRAM_API_ROOT: fake.apiRoot,
    LOG_LEVEL: 'warn',
    // The emulator has no flood control: the send budget runs (every reply still takes a slot) at
    // a rate the run never reaches, so what is measured is the bot's own cost. At 1,000/s the
    // budget itself was the ceiling: 9 sends per 7 updates cap the closed loop at ~750 updates/s.
    // (Against Telegram, ~30 sends/s cap every bot; see README "The send budget".)
    SEND_RATE_PER_SECOND: String(BENCH_SEND_RATE),
    DATA_DIR: join(dataDir, 'db'),
    ...(dbUrl ? { DATABASE_URL: dbUrl } : {}),
  });
  try {
    if (args.includes('--memory-only')) {
      const memory = await memoryRun((fake) => startCompiledBot(botEnv(fake, db?.url)), dialogues);
      console.log(`bot: RSS ${memory.idle.toFixed(0)} MB idle after start; ${memory.opened} of ${dialogues} dialogues opened at once, RSS ${memory.rss.toFixed(0)} MB 10 s after`);
      if (memory.opened < dialogues) throw new Error(`ingest FAILED: ${dialogues - memory.opened} of ${dialogues} dialogues did not open (${memory.apologies} apologies); the first saw:\n  ${memory.firstMiss ?? ''}`);
      return;
    }
    const dbCpu = url && db ? serverCpu(url, new URL(db.url).pathname.slice(1)) : undefined;
    if (args.includes('--closed-only')) {
      // For a profile (BENCH_PROFILE=<dir>) of the closed loop alone: the bot, no echo, no memory run.
      const bot = await runPeer((fake) => startCompiledBot(botEnv(fake, db?.url)), { echo: false, leaders, closedOnly: true, ...(dbCpu ? { dbCpu } : {}) });
      console.log(line('bot  closed, first after start', bot.cold));
      console.log(line('bot  closed', bot.closed));
      return;
    }
    const bot = await runPeer((fake) => startCompiledBot(botEnv(fake, db?.url)), { echo: false, leaders, ...(dbCpu ? { dbCpu } : {}) });
    const echo = await runPeer((fake) => startEcho({ BOT_TOKEN: fake.token, TELEGRAM_API_ROOT: fake.apiRoot }), { echo: true, leaders });
    const memory = await memoryRun((fake) => startCompiledBot(botEnv(fake, db?.url)), dialogues);
    const trips = db?.url ? await countRoundTrips(db.url, botEnv, seeded - COUNTED_FLOWS) : NaN;
    for (const [name, p] of [['bot  closed, first after start', bot.cold], ['echo closed, first after start', echo.cold], ['bot  closed', bot.closed], ['echo closed', echo.closed], ['bot  open 100/s', bot.open100], ['echo open 100/s', echo.open100], ['bot  open 250/s', bot.open250], ['echo open 250/s', echo.open250]] as const) {
      console.log(line(name, p));
    }
    console.log(`bot: ${Number.isNaN(trips) ? 'n/a (PGlite runs inside the bot)' : trips.toFixed(2)} database round trips/update; echo: 0`);
    console.log(`bot: RSS ${memory.idle.toFixed(0)} MB idle after start; ${memory.opened} of ${dialogues} dialogues opened at once, RSS ${memory.rss.toFixed(0)} MB 10 s after; load average ${loadAverage()}`);
    const u = bot.closed.updates / bot.closed.seconds;
    const ratio = u / (echo.closed.updates / echo.closed.seconds);
    // Both runs share the machine's cores with their own helpers: the bot with its database and
    // the harness, the echo with the harness. Where both fill the machine, throughput goes as the
    // inverse of all the CPU an update costs, so this quotient bounds the ratio whatever the bot's latency.
    const total = (p: Phase) => p.cpuPerUpdate + p.harnessCpuPerUpdate + (Number.isNaN(p.dbCpuPerUpdate) ? 0 : p.dbCpuPerUpdate);
    console.log(
      `closed loop, all CPU per update: bot run ${total(bot.closed).toFixed(2)} ms, echo run ${total(echo.closed).toFixed(2)} ms; on a machine both runs fill, ratio_to_echo ≤ ${(total(echo.closed) / total(bot.closed)).toFixed(2)}`,
    );
    console.log('goal: ratio_to_echo ≥ 0.5, cpu_per_update ≤ 1.3 ms, p99_at_250 < 50 ms, rss_10k < 200 MB');
    console.log(
      `ingest: ${u.toFixed(0)} updates/s, ratio_to_echo ${ratio.toFixed(2)}, cpu_per_update ${bot.closed.cpuPerUpdate.toFixed(2)} ms, p99_at_250 ${bot.open250.p99.toFixed(1)} ms, rss_10k ${memory.rss.toFixed(0)} MB`,
    );
    // Figures from a run where leaders were turned away mean nothing: say so, and exit non-zero.
    const failed = failures(bot, echo, memory, dialogues);
    if (failed.length) throw new Error(`ingest FAILED (the figures above are not valid):\n- ${failed.join('\n- ')}`);
  } finally {
    rmSync(dataDir, { recursive: true, force: true });
    await db?.close();
  }
}
