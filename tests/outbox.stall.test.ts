import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { finishDrained } from '../src/broadcasts/broadcast-lifecycle.js';
import { broadcastProgress } from '../src/broadcasts/progress.js';
import { loadConfig } from '../src/config.js';
import { systemClock } from '../src/core/clock.js';
import { createLogger } from '../src/core/logger.js';
import { Dispatcher } from '../src/outbox/dispatcher.js';
import { soloElector } from '../src/outbox/leader.js';
import { PER_CHAT_MS } from '../src/telegram/pacer.js';
import { createI18n, translator } from '../src/telegram/i18n.js';
import { createNotifier } from '../src/telegram/notifier.js';
import { dbTargets, openTestDatabase, type TestDatabase } from './support/db.js';
import { FakeTelegram } from './support/fake-telegram.js';
import { buildBroadcast } from './support/factories.js';

const RECIPIENTS = 60;
const CONTROL_ID = 410_000;
const FIRST_ID = 400_000;
const HUNG = FIRST_ID + 20;
const PROGRESS_CHAT = 399_999;
const RATE = 20;
/** The notifier's patience for sendMessage in this test (10 s in production). */
const TIMEOUT_MS = 1_500;

const target = dbTargets()[0] ?? 'pglite';

/**
 * Real time on purpose: this measures how the pacer spaces real HTTP calls while one of them
 * never answers (the fake records when each request arrived).
 */
describe(`a broadcast with one request that never answers (${target})`, () => {
  let database: TestDatabase;
  let fake: FakeTelegram;

  beforeAll(async () => {
    database = await openTestDatabase(target);
    fake = await FakeTelegram.start();
  });
  afterAll(async () => {
    await fake?.close();
    await database?.close();
  });

  /** Broadcast #n to `ids` (new members), drained by a fresh dispatcher; when each of their sends arrived (ms). */
  async function broadcastTo(ids: number[], n: number, hung: number | null) {
    const db = database.db;
    await db.updateTable('members').set({ status: 'left' }).execute(); // the previous run's recipients
    await db.insertInto('members').values(ids.map((id) => ({ telegram_id: id, chat_id: id, display_name: `Khối ${id}`, username: null, locale: null, role: 'leader' as const }))).execute();
    const config = loadConfig({ BOT_TOKEN: fake.token, TELEGRAM_API_ROOT: fake.apiRoot, QUIET_HOURS: 'off' });
    const text = `Thông báo ${n}: sáng mai 7 giờ tổng vệ sinh.`;
    await buildBroadcast(db, { config, text, target: { mode: 'everyone' }, key: `stall-test-${n}`, progressChatId: PROGRESS_CHAT });
    const logger = createLogger({ level: 'silent', secrets: [] });
    const notifier = createNotifier({ token: fake.token, apiRoot: fake.apiRoot, timeouts: { messageMs: TIMEOUT_MS, otherMs: 5_000 } });
    const i18n = createI18n('vi');
    const progress = broadcastProgress({ db, clock: systemClock, notifier, texts: (l) => translator(i18n, l), logger });
    const dispatcher = new Dispatcher({
      db,
      clock: systemClock,
      logger,
      notifier,
      elector: soloElector(),
      window: { zone: config.timezone, quiet: null },
      ratePerSecond: RATE,
      onProgress: async () => {
        await finishDrained(db);
        await progress();
      },
    });
    if (hung !== null) fake.hang(1, { method: 'sendMessage', chatId: hung });
    await dispatcher.drain();
    const mine = new Set(ids);
    const calls = fake.callsOf('sendMessage').filter((c) => !c.error && mine.has(Number(c.params.chat_id)));
    const others = calls.filter((c) => Number(c.params.chat_id) !== hung).map((c) => c.at);
    const gaps = others.slice(1).map((at, i) => at - (others[i] ?? at));
    const rate = (others.length - 1) / (((others.at(-1) ?? 0) - (others[0] ?? 0)) / 1000);
    return { calls, rate, longestGap: Math.max(...gaps), dispatcher };
  }

  it('when one send hangs, then the others go on at the rate without a stall, it is sent again after the timeout (one duplicate, counted), and the broadcast ends done with its figures', { timeout: 90_000 }, async () => {
    // The same broadcast without a hang first: what this machine's load allows right now.
    const control = await broadcastTo(Array.from({ length: RECIPIENTS }, (_, i) => CONTROL_ID + i), 1, null);
    const ids = Array.from({ length: RECIPIENTS }, (_, i) => FIRST_ID + i);
    const { calls, rate, longestGap, dispatcher } = await broadcastTo(ids, 2, HUNG);

    const perChat = new Map<number, number>();
    for (const c of calls) perChat.set(Number(c.params.chat_id), (perChat.get(Number(c.params.chat_id)) ?? 0) + 1);
    expect(perChat.size).toBe(RECIPIENTS);
    // The hung send was delivered but never answered: sending it again made the one duplicate.
    expect(perChat.get(HUNG)).toBe(2);
    const duplicates = [...perChat.values()].reduce((sum, n) => sum + n - 1, 0);
    expect(duplicates).toBe(dispatcher.stats.timedOut);
    expect(dispatcher.stats.timedOut).toBe(1);

    // The others: never a gap longer than the per-chat spacing, and the rate within 10% of the run without a hang (never above the configured one).
    console.log(`stall test (${target}): ${RECIPIENTS - 1} others at ${rate.toFixed(1)}/s, without a hang ${control.rate.toFixed(1)}/s (configured ${RATE}); longest gap ${longestGap} ms (${control.longestGap} ms); timeouts ${dispatcher.stats.timedOut}, duplicates ${duplicates}`);
    // A stall waits for the send timeout (10 s); a loaded machine alone can stretch a gap past the
    // per-chat spacing, so the bound also allows twice the longest gap of the run without a hang.
    expect(longestGap).toBeLessThan(Math.max(PER_CHAT_MS, 2 * control.longestGap));
    expect(rate).toBeGreaterThan(control.rate * 0.9);
    expect(rate).toBeLessThan(RATE * 1.1);

    const stored = await database.db.selectFrom('broadcasts').select(['status', 'progress_final_at']).where('id', '=', 2).executeTakeFirstOrThrow();
    expect(stored.status).toBe('done');
    expect(stored.progress_final_at).not.toBeNull();
    expect(fake.user(PROGRESS_CHAT).messages().at(-1)?.text).toBe(`✅ Thông báo #2 đã gửi xong: ${RECIPIENTS}/${RECIPIENTS} người đã nhận · 0 đã chặn bot · 0 không gửi được. Dùng /broadcasts để xem ai chưa nhận.`);
  });
});
