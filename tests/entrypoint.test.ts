import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openDatabase } from '../src/core/db.js';
import { type Child, startBotProcess } from './support/child.js';
import { dbTargets, openTestDatabase, type TestDatabase } from './support/db.js';
import { FakeTelegram } from './support/fake-telegram.js';
import { seedDataDir } from './support/pglite.js';

const ADMIN = 1001;

describe('the entry point', () => {
  it('when BOT_TOKEN is missing, then it prints one line naming BOT_TOKEN and exits 1', async () => {
    const cwd = mkdtempSync(join(tmpdir(), 'khoipho-noenv-'));
    const child = startBotProcess({ ADMIN_IDS: '1' }, { cwd });
    const { code } = await child.exited;
    rmSync(cwd, { recursive: true, force: true });
    const lines = child.output().trim().split('\n');
    expect(code).toBe(1);
    expect(lines, child.output()).toHaveLength(1);
    expect(lines[0]).toMatch(/^BOT_TOKEN .*@BotFather/);
  });
});

describe.each(dbTargets())('the entry point as a child process on %s', (target) => {
  let fake: FakeTelegram;
  let dataDir: string;
  let database: TestDatabase | undefined;
  let child: Child;

  beforeAll(async () => {
    fake = await FakeTelegram.start();
    dataDir = mkdtempSync(join(tmpdir(), 'khoipho-data-'));
    if (target === 'postgres') database = await openTestDatabase('postgres');
  });
  afterAll(async () => {
    child?.proc.kill('SIGKILL');
    await database?.close();
    await fake.close();
    rmSync(dataDir, { recursive: true, force: true });
  });

  // A child process that compiles with tsx and creates its database: slow on a busy machine.
  it('when started with only a token, admin ids and the API root, then the whole onboarding works and SIGTERM stops it cleanly', { timeout: 120_000 }, async () => {
    const env: Record<string, string> = { BOT_TOKEN: fake.token, ADMIN_IDS: String(ADMIN), TELEGRAM_API_ROOT: fake.apiRoot, DATA_DIR: join(dataDir, 'db') };
    if (database?.url) env.DATABASE_URL = database.url;
    child = startBotProcess(env);
    await fake.waitFor(() => fake.callsOf('getUpdates').length > 0, 90_000).catch((e: unknown) => {
      throw new Error(`${String(e)}\n${child.output()}`);
    });
    expect(child.output()).not.toContain(fake.token);
    expect(child.output(), 'ADMIN_IDS is set: no setup link').not.toContain('?start=');

    const admin = fake.user(ADMIN, { firstName: 'Văn phòng' });
    admin.sendText('/start');
    expect((await admin.nextMessage({ timeoutMs: 15_000 })).text).toContain('quản trị viên');
    admin.sendText('/units');
    await admin.nextMessage();
    admin.pressButton('➕ Khối phố');
    await admin.nextMessage();
    admin.sendText('Khối 1; 120\nKhối 2; 95');
    expect((await admin.nextMessage()).text).toContain('Đã thêm 2 đơn vị (Khối phố):\n• Khối 1 (120 hộ)\n• Khối 2 (95 hộ)');
    admin.sendText('/invite');
    await admin.nextMessage();
    admin.pressButton('Người phụ trách một đơn vị');
    await fake.waitFor(() => admin.lastMessage()?.text === 'Mời người phụ trách của đơn vị nào?');
    admin.pressButton('Khối 1');
    const [link] = await admin.nextMessages(2);
    const code = /start=([A-Za-z0-9_-]+)/.exec(link?.text ?? '')?.[1] ?? '';

    const leader = fake.user(2002, { firstName: 'Bình' });
    leader.sendText(`/start ${code}`);
    expect((await leader.nextMessage()).text).toContain('khối trưởng của Khối 1');
    await fake.waitFor(() => leader.commands());
    expect(leader.commands()?.map((c) => c.command)).toContain('tasks');
    expect(child.output()).not.toContain(code);

    child.proc.kill('SIGTERM');
    const exit = await child.exited;
    expect(exit.code, child.output()).toBe(0);

    // What was stored survives the process, in the embedded database or on the server.
    if (target === 'pglite') expect(existsSync(join(dataDir, 'db', 'PG_VERSION'))).toBe(true);
    const reopened = database ?? (await openDatabase({ dataDir: join(dataDir, 'db') }));
    const members = await reopened.db.selectFrom('members').select(['telegram_id', 'role']).orderBy('telegram_id').execute();
    expect(members).toEqual([
      { telegram_id: ADMIN, role: 'admin' },
      { telegram_id: 2002, role: 'leader' },
    ]);
    if (!database) await reopened.close();
  });
});

describe.each(dbTargets())('the first start without ADMIN_IDS, as a child process on %s', (target) => {
  let fake: FakeTelegram;
  let dataDir: string;
  let database: TestDatabase | undefined;
  let child: Child;

  beforeAll(async () => {
    fake = await FakeTelegram.start();
    dataDir = mkdtempSync(join(tmpdir(), 'khoipho-setup-'));
    // The test above creates a database from nothing; this one starts on a migrated, empty one (seconds faster).
    if (target === 'postgres') database = await openTestDatabase('postgres');
    else await seedDataDir(join(dataDir, 'db'));
  });
  afterAll(async () => {
    child?.proc.kill('SIGKILL');
    await database?.close();
    await fake.close();
    rmSync(dataDir, { recursive: true, force: true });
  });

  it('when started with no admin and no ADMIN_IDS, then it prints one setup link, outside the logs, that makes its first opener admin once', { timeout: 120_000 }, async () => {
    const env: Record<string, string> = { BOT_TOKEN: fake.token, TELEGRAM_API_ROOT: fake.apiRoot, DATA_DIR: join(dataDir, 'db') };
    if (database?.url) env.DATABASE_URL = database.url;
    child = startBotProcess(env);
    await fake.waitFor(() => /\?start=[A-Za-z0-9_-]+/.test(child.output()), 90_000).catch((e: unknown) => {
      throw new Error(`${String(e)}\n${child.output()}`);
    });
    const code = /\?start=([A-Za-z0-9_-]+)/.exec(child.output())?.[1] ?? '';
    const lines = child.output().split('\n');
    const printed = lines.filter((l) => l.includes(code));
    expect(printed, child.output()).toEqual([`Bot chưa có quản trị viên. Mở link này trên Telegram trong vòng 24 giờ để trở thành quản trị viên (chỉ dùng được một lần): https://t.me/${fake.botInfo.username}?start=${code}`]);
    expect(printed[0]?.startsWith('{'), 'not a log line').toBe(false);

    const clerk = fake.user(2001, { firstName: 'Chị Hoa' });
    clerk.sendText(`/start ${code}`);
    expect((await clerk.nextMessage({ timeoutMs: 15_000 })).text).toContain('Anh/chị đã được đăng ký là quản trị viên.');
    const other = fake.user(2002);
    other.sendText(`/start ${code}`);
    expect((await other.nextMessage()).text).toContain('Link cài đặt này đã được dùng rồi');
    clerk.sendText('/units');
    expect((await clerk.nextMessage()).text).toContain('Chưa có đơn vị nào');

    child.proc.kill('SIGTERM');
    expect((await child.exited).code, child.output()).toBe(0);
    expect(child.output().split(code)).toHaveLength(2);
  });
});
