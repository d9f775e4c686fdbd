import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { sql } from 'kysely';
import { afterAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../src/config.js';
import { type DatabaseHandle, openDatabase } from '../src/core/db.js';
import { migrateToLatest } from '../src/core/migrator.js';
import { dbTargets, openTestDatabase, type TestDatabase } from './support/db.js';
import { FakeTelegram } from './support/fake-telegram.js';
import { type Child, startBotProcess } from './support/child.js';
import { seedDataDir } from './support/pglite.js';
import { buildBroadcast } from './support/factories.js';

const RECIPIENTS = 600;
/** Killed once this many have their message: after every injected 429 and 500 (all among the first 100). */
const KILL_AFTER = 200;
const FIRST_ID = 300_000;
const PROGRESS_CHAT = 299_999;
/**
 * The documented bound on duplicates: the dispatcher's maxInFlight (requests Telegram may have
 * answered before the kill was recorded) per crash, plus one per timed-out send (none here).
 */
const IN_FLIGHT_WINDOW = 8;
/** Early recipients whose first send gets a 500 (retried a minute later), or a 429 (everyone pauses). */
const SERVER_ERRORS = [5, 17, 33, 48, 61, 77, 89, 92, 95, 99].map((k) => FIRST_ID + k);
const RATE_LIMITED = [10, 11, 12].map((k) => FIRST_ID + k);

const target = dbTargets()[0] ?? 'pglite';

describe(`a bot killed during a broadcast (${target})`, () => {
  const dataDir = mkdtempSync(join(tmpdir(), 'khoipho-crash-'));
  let server: TestDatabase | undefined;
  let fake: FakeTelegram | undefined;
  let child: Child | undefined;
  /** Both runs' output, for a failure message. */
  const starts: Child[] = [];
  const output = () => starts.map((c) => c.output()).join('');

  afterAll(async () => {
    if (child && child.proc.exitCode === null) child.proc.kill('SIGKILL');
    await fake?.close();
    await server?.close();
    rmSync(dataDir, { recursive: true, force: true });
  });

  /** A database only this test uses: a server database, or a PGlite directory (one process at a time). */
  async function open(): Promise<DatabaseHandle> {
    if (target === 'postgres') return (server ??= await openTestDatabase('postgres'));
    // Start from the suite's migrated copy: PGlite's first start is the slowest part of this test.
    if (!existsSync(join(dataDir, 'PG_VERSION'))) await seedDataDir(dataDir);
    return openDatabase({ dataDir });
  }

  async function seed(): Promise<void> {
    const handle = await open();
    await migrateToLatest(handle.db);
    const ids = Array.from({ length: RECIPIENTS }, (_, i) => FIRST_ID + i);
    for (let i = 0; i < ids.length; i += 500) {
      const rows = ids.slice(i, i + 500).map((id) => ({ telegram_id: id, chat_id: id, display_name: `Trưởng khối ${id}`, username: null, locale: null, role: 'leader' as const }));
      await handle.db.insertInto('members').values(rows).execute();
    }
    const config = loadConfig({ BOT_TOKEN: '1:seed-token', QUIET_HOURS: 'off' });
    const text = 'Kính gửi các khối: 7 giờ sáng mai tổng vệ sinh.';
    await buildBroadcast(handle.db, { config, text, target: { mode: 'everyone' }, key: 'crash-test', progressChatId: PROGRESS_CHAT });
    if (target === 'pglite') await handle.close();
  }

  function startBot(fakeTelegram: FakeTelegram): Child {
    const env: Record<string, string> = {
      BOT_TOKEN: fakeTelegram.token,
      TELEGRAM_API_ROOT: fakeTelegram.apiRoot,
      SEND_RATE_PER_SECOND: '400',
      QUIET_HOURS: 'off',
      LOG_LEVEL: 'warn',
      ...(target === 'postgres' ? { DATABASE_URL: server?.url ?? '' } : { DATA_DIR: dataDir }),
    };
    const started = startBotProcess(env);
    starts.push(started);
    return started;
  }

  /** Moves what waits in the queue earlier, as if the bot had stayed down that much longer. */
  async function shiftQueuedBack(ms: number): Promise<void> {
    const handle = await open();
    await handle.db
      .updateTable('deliveries')
      .set({ next_attempt_at: sql<Date>`next_attempt_at - make_interval(secs => ${ms / 1000})` })
      .where('status', '=', 'queued')
      .execute();
    if (target === 'pglite') await handle.close();
  }


  it('when sends get 429s and 500s and the bot is SIGKILLed mid-broadcast and restarted, then every recipient gets the message, duplicates stay within the bound, and the broadcast ends done with its figures', { timeout: 180_000 }, async () => {
    await seed();
    fake = await FakeTelegram.start();
    fake.rateLimit({ global: 500, perChat: 1 });
    for (const chatId of SERVER_ERRORS) fake.failNext(1, { code: 500, method: 'sendMessage', chatId });
    for (const chatId of RATE_LIMITED) fake.failNext(1, { code: 429, retryAfter: 1, method: 'sendMessage', chatId });
    const f = fake;
    const received = () => {
      const perChat = new Map<number, number>();
      for (const c of f.callsOf('sendMessage')) {
        const chat = Number(c.params.chat_id);
        if (!c.error && chat >= FIRST_ID) perChat.set(chat, (perChat.get(chat) ?? 0) + 1);
      }
      return perChat;
    };

    child = startBot(f);
    await f.waitFor(() => received().size >= KILL_AFTER, 60_000).catch((e: unknown) => {
      throw new Error(`${String(e)}\n${output()}`);
    });
    child.proc.kill('SIGKILL');
    await child.exited;
    const beforeKill = received().size;
    const refused = f.callsOf('sendMessage').filter((c) => c.error && Number(c.params.chat_id) >= FIRST_ID).map((c) => c.error?.code);
    expect(refused.filter((code) => code === 500)).toHaveLength(SERVER_ERRORS.length);
    expect(refused.filter((code) => code === 429).length).toBeGreaterThanOrEqual(RATE_LIMITED.length);
    // The restart comes two minutes later: the 500s' one-minute backoff has run out by then.
    await shiftQueuedBack(2 * 60_000);

    child = startBot(f);
    await f.waitFor(() => received().size >= RECIPIENTS, 90_000).catch((e: unknown) => {
      throw new Error(`${String(e)}\n${output()}`);
    });
    // The creator's progress message ends with the final figures.
    await f.waitFor(() => f.user(PROGRESS_CHAT).messages().at(-1)?.text.startsWith(`✅ Thông báo #1 đã gửi xong: ${RECIPIENTS}/${RECIPIENTS}`), 10_000).catch((e: unknown) => {
      throw new Error(`${String(e)}: ${f.user(PROGRESS_CHAT).transcriptText()}\n${output()}`);
    });
    child.proc.kill('SIGTERM');
    expect((await child.exited).code).toBe(0);

    const perChat = received();
    const duplicates = [...perChat.values()].reduce((sum, n) => sum + n - 1, 0);
    console.log(`crash test (${target}): ${beforeKill}/${RECIPIENTS} delivered before SIGKILL; after restart all ${perChat.size} received; duplicates ${duplicates} (bound ${IN_FLIGHT_WINDOW}); 500s ${SERVER_ERRORS.length}, injected 429s ${RATE_LIMITED.length}, flood-control 429s ${f.stats().violations}`);
    expect(perChat.size).toBe(RECIPIENTS);
    expect(duplicates).toBeLessThanOrEqual(IN_FLIGHT_WINDOW);

    const handle = await open();
    const statuses = await handle.db.selectFrom('deliveries').select(['status']).select((eb) => eb.fn.countAll<number>().as('n')).groupBy('status').execute();
    expect(statuses).toEqual([{ status: 'sent', n: RECIPIENTS }]);
    const broadcast = await handle.db.selectFrom('broadcasts').select('status').executeTakeFirstOrThrow();
    expect(broadcast.status).toBe('done');
    if (target === 'pglite') await handle.close();
  });
});
