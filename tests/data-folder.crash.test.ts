import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openDatabase } from '../src/core/db.js';
import { migrateToLatest } from '../src/core/migrator.js';
import { BACKUP_DIR, listSnapshots } from '../src/core/snapshot-files.js';
import { type Child, freePort, runScript, startBotProcess } from './support/child.js';
import { buildMember, buildTask, buildUnit } from './support/factories.js';
import { FakeTelegram, type SimUser } from './support/fake-telegram.js';
import { seedDataDir } from './support/pglite.js';

const LEADERS = 8;
const FIRST_ID = 710_000;
const SIMPLE_FORM = { number: null, photos: 'none', location: false, note: false } as const;

/**
 * The default install (`npm start`, embedded database) run as an office would, with the faults
 * an office meets: a second start on the same folder, another poller on the token, a backup while
 * leaders report and a restore onto a wiped folder, a kill -9 right after a leader's press, and a
 * damaged folder. Child processes against the fake Telegram, one data folder throughout.
 */
describe('the embedded database under an office’s faults (child processes)', () => {
  const dataDir = mkdtempSync(join(tmpdir(), 'khoipho-folder-'));
  let fake: FakeTelegram;
  let port: number;
  let bot: Child | undefined;
  const runs: Child[] = [];
  const output = () => runs.map((c) => c.output()).join('\n----\n');
  const leaders: SimUser[] = [];
  /** Receipts shown to leaders, by leader id. */
  const receipts = new Map<number, string>();

  beforeAll(async () => {
    await seedDataDir(dataDir);
    const handle = await openDatabase({ dataDir });
    await migrateToLatest(handle.db);
    await buildMember(handle.db, { telegramId: FIRST_ID - 1, role: 'admin' });
    const units = [];
    for (let i = 0; i < LEADERS; i++) {
      const unit = await buildUnit(handle.db, { name: `Khối ${i + 1}` });
      units.push(unit.id);
      await buildMember(handle.db, { telegramId: FIRST_ID + i, unitId: unit.id });
    }
    await buildTask(handle.db, { title: 'Tổng vệ sinh', unitIds: units, dueAt: new Date('2099-06-01T10:00:00Z'), form: SIMPLE_FORM });
    await handle.close();
    fake = await FakeTelegram.start();
    port = await freePort();
    for (let i = 0; i < LEADERS; i++) leaders.push(fake.user(FIRST_ID + i, { firstName: `Trưởng khối ${i + 1}` }));
  }, 120_000);

  afterAll(async () => {
    if (bot && bot.proc.exitCode === null) bot.proc.kill('SIGKILL');
    await fake?.close();
    rmSync(dataDir, { recursive: true, force: true });
  });

  const env = () => ({ BOT_TOKEN: fake.token, TELEGRAM_API_ROOT: fake.apiRoot, DATA_DIR: dataDir, PORT: String(port), QUIET_HOURS: 'off', LOG_LEVEL: 'info' });
  const fail = (e: unknown): never => {
    throw new Error(`${String(e)}\n${output()}`);
  };

  async function startBot(): Promise<Child> {
    const child = startBotProcess(env());
    runs.push(child);
    await fake.waitFor(() => child.output().includes('polling for updates') || child.proc.exitCode !== null, 90_000).catch(fail);
    if (child.proc.exitCode !== null) fail(new Error('the bot exited at start'));
    return child;
  }

  /** Goes to the summary: /tasks → Báo cáo → ✅ Đã xong. */
  async function toSummary(leader: SimUser): Promise<void> {
    leader.sendText('/tasks');
    await leader.nextMessage({ timeoutMs: 20_000 });
    leader.pressButton(/Báo cáo/);
    await leader.nextMessage({ timeoutMs: 20_000 });
    leader.pressButton('✅ Đã xong');
    await leader.nextMessage({ timeoutMs: 20_000 });
  }

  async function report(leader: SimUser): Promise<string> {
    await toSummary(leader);
    leader.pressButton('📤 Gửi');
    const receipt = (await leader.nextMessage({ timeoutMs: 20_000 })).text;
    expect(receipt).toContain('Đã nhận báo cáo');
    receipts.set(leader.id, receipt);
    return receipt;
  }

  /** Reads the folder while no bot runs (one process per folder: the test too). */
  async function storedReports(): Promise<Map<number, number>> {
    const handle = await openDatabase({ dataDir });
    try {
      const rows = await handle.db
        .selectFrom('report_revisions as r')
        .innerJoin('members as m', 'm.id', 'r.member_id')
        .select(['m.telegram_id'])
        .select((eb) => eb.fn.countAll<number>().as('n'))
        .groupBy('m.telegram_id')
        .execute();
      return new Map(rows.map((r) => [r.telegram_id, Number(r.n)]));
    } finally {
      await handle.close();
    }
  }

  /** Polls an async condition (fake.waitFor takes synchronous ones). */
  async function until(check: () => Promise<boolean>, timeoutMs: number, what: string): Promise<void> {
    const end = Date.now() + timeoutMs;
    while (!(await check())) {
      if (Date.now() > end) fail(new Error(`timed out waiting until ${what}`));
      await new Promise((r) => setTimeout(r, 50));
    }
  }

  const health = async () => {
    const res = await fetch(`http://127.0.0.1:${port}/healthz`);
    return { status: res.status, body: (await res.json()) as { polling?: string } };
  };

  it('when a second bot starts on the same data folder, then it exits non-zero with one line naming the folder and the first one’s process id, and the first keeps every receipt', { timeout: 180_000 }, async () => {
    bot = await startBot();
    await report(leaders[0] as SimUser);
    const second = startBotProcess({ ...env(), PORT: String(await freePort()) });
    runs.push(second);
    const { code } = await second.exited;
    const lines = second.output().trim().split('\n');
    expect(code, second.output()).not.toBe(0);
    expect(lines, second.output()).toHaveLength(1);
    expect(lines[0]).toContain(resolve(dataDir));
    expect(lines[0]).toContain(`process id ${bot.proc.pid}`);
    await report(leaders[1] as SimUser);
    expect(bot.proc.exitCode).toBeNull();
  });

  it('when Telegram answers 409 Conflict for a while, then one warning names the cause, /healthz says so, the bot does not exit and handles the updates afterwards', { timeout: 120_000 }, async () => {
    const child = bot as Child;
    fake.failNext(4, { code: 409, method: 'getUpdates' });
    const [a, b] = [leaders[2] as SimUser, leaders[3] as SimUser];
    a.sendText('/tasks'); // ends the open long poll: the next getUpdates meets the 409s
    await a.nextMessage({ timeoutMs: 20_000 });
    await until(async () => (await health()).body.polling === 'conflict', 20_000, '/healthz says conflict');
    expect((await health()).status).toBe(503);
    b.sendText('/tasks'); // sent while the other poller holds the token
    expect((await b.nextMessage({ timeoutMs: 30_000 })).text).toContain('Tổng vệ sinh');
    await until(async () => (await health()).status === 200, 20_000, '/healthz says 200');
    const lines = child.output().split('\n');
    expect(lines.filter((l) => l.includes("another process is polling this bot's token")), child.output()).toHaveLength(1);
    expect(lines.filter((l) => l.includes('polling resumed'))).toHaveLength(1);
    expect(child.proc.exitCode).toBeNull();
  });

  it('when `npm run backup` runs while reports arrive and the folder is then wiped, then `npm run restore` (refused while the bot runs) brings back every receipted report', { timeout: 240_000 }, async () => {
    const child = bot as Child;
    await report(leaders[2] as SimUser);
    const receiptedBefore = [...receipts.keys()];
    const [backup] = await Promise.all([runScript('src/backup.ts', [], env()), report(leaders[3] as SimUser)]);
    expect(backup.code, backup.output).toBe(0);
    const file = backup.output.trim();
    expect(file).toMatch(/khoipho-\d{4}-\d{2}-\d{2}-\d{6}\.tar\.gz$/);

    const refused = await runScript('src/restore.ts', [file], env());
    expect(refused.code).not.toBe(0);
    expect(refused.output).toContain(`process id ${child.proc.pid}`);

    child.proc.kill('SIGTERM');
    expect((await child.exited).code).toBe(0);
    for (const name of readdirSync(dataDir)) if (name !== BACKUP_DIR) rmSync(join(dataDir, name), { recursive: true, force: true });
    const restored = await runScript('src/restore.ts', [file], env());
    expect(restored.code, restored.output).toBe(0);
    const stored = await storedReports();
    for (const id of receiptedBefore) expect(stored.get(id), `leader ${id}`).toBe(1);
  });

  it('when the bot is killed with -9 right after a leader pressed Gửi, then after the restart that press is answered and the report stored once', { timeout: 240_000 }, async () => {
    bot = await startBot();
    const leader = leaders[4] as SimUser;
    await toSummary(leader);
    // The leader's next reply never arrives, so the Gửi pressed after it waits behind it (one chat, in order).
    fake.hang(1, { method: 'sendMessage', chatId: leader.id, deliver: false });
    const sendsTo = () => fake.callsOf('sendMessage').filter((c) => Number(c.params.chat_id) === leader.id).length;
    const before = sendsTo();
    leader.sendText('xong rồi');
    leader.pressButton('📤 Gửi');
    // Both taken from Telegram and confirmed there (the next getUpdates moved past them), the reply hanging.
    await fake.waitFor(() => fake.pendingUpdates === 0 && fake.pollWaiting && sendsTo() > before, 20_000).catch(fail);
    bot.proc.kill('SIGKILL');
    await bot.exited;
    expect(leader.unread().some((m) => m.text.includes('Đã nhận báo cáo'))).toBe(false);

    bot = await startBot();
    const receipt = await fake.waitFor(() => leader.unread().find((m) => m.text.includes('Đã nhận báo cáo')), 30_000).catch((e: unknown) => fail(`${String(e)}\n${leader.transcriptText()}`));
    expect(receipt.text).toContain('Tổng vệ sinh');
    bot.proc.kill('SIGTERM');
    expect((await bot.exited).code).toBe(0);
    expect((await storedReports()).get(leader.id)).toBe(1);
  });

  it('when the data folder cannot be opened at start, then the bot exits non-zero naming the newest snapshot and the restore command', { timeout: 120_000 }, async () => {
    const newest = listSnapshots(dataDir).at(-1);
    expect(newest).toBeDefined();
    const control = join(dataDir, 'global', 'pg_control');
    const bytes = readFileSync(control);
    bytes.fill(7, 0, 64);
    writeFileSync(control, bytes);
    const child = startBotProcess(env());
    runs.push(child);
    const { code } = await child.exited;
    expect(code).not.toBe(0);
    expect(child.output()).toContain(`npm run restore ${resolve(dataDir, BACKUP_DIR, newest ?? '')}`);
  });
});
