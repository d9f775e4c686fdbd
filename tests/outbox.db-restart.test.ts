import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type RunningApp, startApp } from '../src/app.js';
import { loadConfig } from '../src/config.js';
import { type DatabaseHandle, openDatabase } from '../src/core/db.js';
import { createLogger } from '../src/core/logger.js';
import { migrateToLatest } from '../src/core/migrator.js';
import { type Child, freePort, startBotProcess } from './support/child.js';
import { buildBroadcast, buildMember, buildTask, buildUnit } from './support/factories.js';
import { FakeTelegram, type SimUser } from './support/fake-telegram.js';
import { PgCluster } from './support/pg-cluster.js';
import { leaderReportsFlag, openReportToHouseholds } from './support/reports.js';

const runnable = Boolean(process.env.TEST_DATABASE_URL) && PgCluster.available();
const LEADERS = Array.from({ length: 16 }, (_, i) => 510_001 + i);
const OFFICIALS = Array.from({ length: 120 }, (_, i) => 520_001 + i);
const PROGRESS_CHAT = 530_001;
const BROADCAST_TEXT = 'Kính gửi lãnh đạo: họp giao ban lúc 14 giờ.';
/** maxInFlight: the most a lost outcome could send twice (outcomes wait in memory for the database, so none are expected). */
const DUPLICATE_BOUND = 8;
const DAY = 86_400_000;
const RECEIPT = '✅ Đã nhận báo cáo';
const silent = createLogger({ level: 'silent', secrets: [] });

/** Polls an outside condition (an HTTP status) until it holds. */
async function until(condition: () => Promise<boolean>, timeoutMs: number, what: string): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await condition())) {
    if (Date.now() > deadline) throw new Error(`not within ${timeoutMs} ms: ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
}

/**
 * PostgreSQL stopped and started again under load (a private cluster on a free port, never the
 * shared server): the bot process lives through it, what it acknowledged is stored, the outbox
 * leader steps down and takes over again, /healthz says 503 meanwhile, and reports complete after.
 */
describe.skipIf(!runnable)('a database restart under load (throwaway PostgreSQL cluster)', () => {
  let cluster: PgCluster;
  let handle: DatabaseHandle;
  let fake: FakeTelegram;
  let bot: Child | undefined;
  let health: { app: RunningApp; fake: FakeTelegram; url: string } | undefined;

  beforeAll(async () => {
    cluster = await PgCluster.create();
    await cluster.start();
    const admin = new pg.Client({ connectionString: cluster.url('postgres') });
    await admin.connect();
    await admin.query('create database khoipho');
    await admin.end();
    handle = await openDatabase({ databaseUrl: cluster.url('khoipho'), dataDir: 'unused' });
    await migrateToLatest(handle.db);
  }, 60_000);

  afterAll(async () => {
    if (bot && bot.proc.exitCode === null) bot.proc.kill('SIGKILL');
    await health?.app.stop().catch(() => undefined);
    await health?.fake.close();
    await handle?.close().catch(() => undefined);
    await fake?.close();
    await cluster?.destroy();
  }, 60_000);

  async function seed(): Promise<void> {
    const db = handle.db;
    const unitIds: number[] = [];
    for (const [i, id] of LEADERS.entries()) {
      const unit = await buildUnit(db, { name: `Khối ${i + 1}`, households: 120 });
      await buildMember(db, { telegramId: id, name: `Trưởng khối ${i + 1}`, unitId: unit.id });
      unitIds.push(unit.id);
    }
    for (const id of OFFICIALS) await buildMember(db, { telegramId: id, role: 'official', name: `Lãnh đạo ${id}` });
    // Created days ago and due next week: no reminder falls due while the test runs.
    const now = Date.now();
    await buildTask(db, { title: 'Treo cờ Tổ quốc', unitIds, createdAt: new Date(now - 5 * DAY), dueAt: new Date(now + 7 * DAY) });
  }

  /** An in-process instance in webhook mode, only for its /healthz (no timers: it never sends). */
  async function startHealthProbe(): Promise<void> {
    const probeFake = await FakeTelegram.start();
    const port = await freePort();
    const env = { BOT_TOKEN: probeFake.token, TELEGRAM_API_ROOT: probeFake.apiRoot, WEBHOOK_URL: 'https://bot.example.org/hook', WEBHOOK_SECRET: 'probe_secret', PORT: String(port), LOG_LEVEL: 'silent' };
    const config = { ...loadConfig(env), databaseUrl: cluster.url('khoipho') };
    const app = await startApp(config, silent, { timers: false });
    health = { app, fake: probeFake, url: `http://127.0.0.1:${port}/healthz` };
  }

  const healthStatus = async () => (await fetch(health?.url ?? '')).status;

  /** One attempt at the whole report dialogue; false when it did not end with the receipt. */
  async function tryReport(leader: SimUser, n: number): Promise<boolean> {
    try {
      leader.sendText('/tasks');
      await leader.nextMessage();
      const receipt = await leaderReportsFlag(leader, /Báo cáo: Treo cờ/, { status: '✅ Đã xong', households: 100, photos: [{ id: `K${n}-${Date.now()}` }] });
      return receipt.startsWith(RECEIPT);
    } catch {
      return false;
    }
  }

  /** The dialogue up to the households question. */
  async function startReport(leader: SimUser): Promise<void> {
    leader.sendText('/tasks');
    await leader.nextMessage();
    await openReportToHouseholds(leader, /Báo cáo: Treo cờ/);
  }

  /** From the households question on; false when the dialogue did not carry on from there. */
  async function finishReport(leader: SimUser, n: number): Promise<boolean> {
    try {
      leader.sendText('100');
      await leader.nextMessage();
      leader.sendPhoto({ fileUniqueId: `K${n}-${Date.now()}` });
      await leader.nextMessage();
      leader.pressButton('Xong');
      await leader.nextMessage();
      leader.pressButton('Bỏ qua');
      await leader.nextMessage();
      leader.pressButton('📤 Gửi');
      return (await leader.nextMessage()).text.startsWith(RECEIPT);
    } catch {
      return false;
    }
  }

  const acknowledged = (leader: SimUser) => leader.messages().some((m) => m.text.startsWith(RECEIPT));

  it('when PostgreSQL stops and starts again mid-broadcast and mid-report, then the bot never exits, every acknowledged report is stored, the broadcast completes, /healthz says 503 meanwhile, and reports complete after', { timeout: 240_000 }, async () => {
    await seed();
    fake = await FakeTelegram.start();
    const f = fake;
    bot = startBotProcess({ BOT_TOKEN: f.token, TELEGRAM_API_ROOT: f.apiRoot, DATABASE_URL: cluster.url('khoipho'), QUIET_HOURS: 'off', LOG_LEVEL: 'warn', SEND_RATE_PER_SECOND: '30' });
    const child = bot;
    const failWith = (e: unknown) => {
      throw new Error(`${String(e)}\n${child.output()}`);
    };
    await f.waitFor(() => f.callsOf('getUpdates').length > 0, 30_000).catch(failWith);
    await startHealthProbe();
    expect(await healthStatus()).toBe(200);

    // Load: half the leaders report in full, the other half stop at the households question;
    // then a broadcast to 120 officials (about 4 s at the rate) starts.
    const leaders = LEADERS.map((id) => f.user(id));
    const [early, cutOff] = [leaders.slice(0, 8), leaders.slice(8)];
    const earlyResults = await Promise.all(early.map((l, i) => tryReport(l, i + 1)));
    await Promise.all(cutOff.map((l) => startReport(l)));
    const config = loadConfig({ BOT_TOKEN: f.token, QUIET_HOURS: 'off' });
    await buildBroadcast(handle.db, { config, text: BROADCAST_TEXT, target: { mode: 'officials' }, key: 'restart-test', progressChatId: PROGRESS_CHAT });
    const officialsServed = () => OFFICIALS.filter((id) => f.user(id).messages().some((m) => m.text === BROADCAST_TEXT)).length;
    await f.waitFor(() => officialsServed() >= 15, 30_000).catch(failWith);

    await cluster.stop('fast');
    const stoppedAt = Date.now();
    await until(async () => (await healthStatus()) === 503, 15_000, '/healthz says 503').catch(failWith);
    const servedBeforeStop = officialsServed();
    // Every step sent meanwhile gets an answer (an apology), and nothing is lost of what was entered.
    const answeredDuringOutage = await Promise.all(
      cutOff.map(async (l) => {
        l.sendText('100');
        return (await l.nextMessage({ timeoutMs: 15_000 }).catch(() => null))?.text ?? null;
      }),
    );
    await new Promise((resolve) => setTimeout(resolve, Math.max(0, 4_000 - (Date.now() - stoppedAt)))); // an outage of a few seconds at least
    await cluster.start();
    await until(async () => (await healthStatus()) === 200, 30_000, '/healthz says 200 again').catch(failWith);
    expect(answeredDuringOutage.filter((text) => text === null)).toEqual([]);

    // The cut-off dialogues carry on where they were; one that cannot starts again.
    const resumed = await Promise.all(cutOff.map((l, i) => finishReport(l, i + 9)));
    for (const l of cutOff) l.skipPending();
    const redone = await Promise.all(
      cutOff.filter((_, i) => !resumed[i]).map(async (l) => {
        l.sendText('/cancel');
        await l.nextMessage();
        return tryReport(l, LEADERS.indexOf(l.id) + 100);
      }),
    );
    expect(redone.every(Boolean)).toBe(true);

    // Every acknowledged report is stored; every unit has reported.
    const stored = new Set((await handle.db.selectFrom('reports as r').innerJoin('unit_members as um', 'um.unit_id', 'r.unit_id').innerJoin('members as m', 'm.id', 'um.member_id').select('m.telegram_id').execute()).map((r) => r.telegram_id));
    expect(leaders.filter(acknowledged).map((l) => l.id).filter((id) => !stored.has(id))).toEqual([]);
    expect(stored.size).toBe(LEADERS.length);

    // The outbox leader stepped down and came back: every official served, the broadcast done with its figures.
    await f.waitFor(() => f.user(PROGRESS_CHAT).messages().at(-1)?.text.startsWith('✅ Thông báo #1 đã gửi xong: 120/120'), 60_000).catch(failWith);
    const copies = OFFICIALS.map((id) => f.user(id).messages().filter((m) => m.text === BROADCAST_TEXT).length);
    const duplicates = copies.reduce((sum, n) => sum + Math.max(0, n - 1), 0);
    expect(copies.every((n) => n >= 1)).toBe(true);
    expect(duplicates).toBeLessThanOrEqual(DUPLICATE_BOUND);
    expect((await handle.db.selectFrom('broadcasts').select('status').executeTakeFirstOrThrow()).status).toBe('done');

    // The process never exited, and nothing went unhandled.
    expect(child.proc.exitCode).toBeNull();
    expect(child.proc.signalCode).toBeNull();
    expect(child.output()).not.toMatch(/Unhandled|uncaught/i);
    console.log(
      `db restart: ${earlyResults.filter(Boolean).length}/8 reported before the stop; the 8 cut off mid-dialogue all got an answer during the outage, ` +
        `${resumed.filter(Boolean).length} carried on after it, ${redone.length} started again; officials served before the stop ${servedBeforeStop}/120, all after; duplicates ${duplicates}`,
    );
  });
});
