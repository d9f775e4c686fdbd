import { sql } from 'kysely';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { SendBudget } from '../src/telegram/send-budget.js';
import { type Receiver, startPolling } from '../src/telegram/lifecycle.js';
import { createNotifier } from '../src/telegram/notifier.js';
import { type BotInstance, startBotInstance } from './support/bot-instance.js';
import { ManualClock } from './support/clock.js';
import { dbTargets, openTestDatabase, type TestDatabase } from './support/db.js';
import { flagForm } from './support/factories.js';
import { FakeTelegram } from './support/fake-telegram.js';
import type { SimUser } from './support/fake-telegram-user.js';

/** Telegram's flood limit as the fake applies it (sends per sliding second), scaled up so the run takes seconds, not minutes. */
const LIMIT = 100;
const LEADERS = 2000;
const ANSWERING = 200;
const FIRST = 500_000;
const SENDS_IN_FLIGHT = 8;

/**
 * The outbox's side of the wave, as the dispatcher does it (a slot from the bulk lane, up to 8
 * requests open, a 429 pauses everyone and the message goes again). A stand-in until the
 * dispatcher takes `sendBudget.bulk` instead of its own pacer.
 */
async function reminderWave(budget: SendBudget, fake: FakeTelegram, chats: number[]): Promise<{ failed: number; rateLimited: number }> {
  const notifier = createNotifier({ token: fake.token, apiRoot: fake.apiRoot });
  const pending = [...chats];
  const open = new Set<Promise<void>>();
  let failed = 0;
  let rateLimited = 0;
  while (pending.length > 0 || open.size > 0) {
    const ready = pending.findIndex((chat) => budget.bulk.chatWait(chat) === 0);
    if (open.size >= SENDS_IN_FLIGHT || ready < 0) {
      await Promise.race([...open, new Promise((resolve) => setTimeout(resolve, 5))]);
      continue;
    }
    const [chat] = pending.splice(ready, 1);
    if (chat === undefined) continue;
    const answered = await budget.bulk.take(chat);
    const payload = { text: 'Nhắc việc: Treo cờ Tổ quốc', buttons: [[{ text: '📝 Báo cáo', data: `rp:1:${chat - FIRST}` }]] };
    const job = notifier.send(chat, payload).then((result) => {
      answered?.();
      if (result.ok) return;
      if (result.outcome !== 'rate-limited') return void failed++;
      rateLimited++;
      budget.bulk.pause(result.retryAfterSec);
      pending.unshift(chat);
    });
    open.add(job);
    void job.finally(() => open.delete(job));
  }
  return { failed, rateLimited };
}

/** Sends the bot attempted (accepted or refused with 429) in the busiest sliding second. */
function busiestSecond(fake: FakeTelegram): number {
  const sends = fake.calls.filter((c) => c.method.startsWith('send')).map((c) => c.at);
  let most = 0;
  for (let i = 0, j = 0; i < sends.length; i++) {
    while ((sends[j] ?? 0) <= (sends[i] ?? 0) - 1000) j++;
    most = Math.max(most, i - j + 1);
  }
  return most;
}

describe.each(dbTargets())('one send budget under flood control on %s', (target) => {
  let database: TestDatabase;
  let fake: FakeTelegram;
  let bot: BotInstance;
  let receiver: Receiver;
  beforeAll(async () => {
    database = await openTestDatabase(target);
  });
  afterAll(async () => {
    await database.close();
  });
  beforeEach(async () => {
    await database.reset();
    const db = database.db;
    await sql`insert into units (kind, name, households) select 'block', 'Khối ' || g, 100 from generate_series(1, ${LEADERS}) g`.execute(db);
    await sql`insert into members (telegram_id, chat_id, display_name, role) select ${FIRST} + g, ${FIRST} + g, 'Tổ trưởng ' || g, 'leader' from generate_series(1, ${LEADERS}) g`.execute(db);
    await sql`insert into unit_members (unit_id, member_id, position) select id, id, 'leader' from units`.execute(db);
    await sql`insert into campaigns (name) values ('Quốc khánh')`.execute(db);
    await sql`insert into tasks (campaign_id, title, due_at, created_at, form) values (1, 'Treo cờ Tổ quốc', now() + interval '7 days', now() - interval '2 days', ${JSON.stringify(flagForm)}::jsonb)`.execute(db);
    await sql`insert into task_units (task_id, unit_id) select 1, id from units`.execute(db);
    fake = await FakeTelegram.start();
    fake.rateLimit({ global: LIMIT });
  });
  afterEach(async () => {
    await receiver?.stop();
    await fake.close();
  });

  it('when 200 leaders answer a 2,000-leader reminder wave at once, then every reply arrives, no handler fails, and no second holds more sends than the limit', { timeout: 180_000 }, async () => {
    const budget = new SendBudget(LIMIT);
    bot = await startBotInstance(fake, database.db, new ManualClock(), { env: { SEND_RATE_PER_SECOND: String(LIMIT) }, sendBudget: budget });
    receiver = await startPolling(bot.created.bot, bot.created.inFlight);
    const chats = Array.from({ length: LEADERS }, (_, i) => FIRST + i + 1);
    const answering: SimUser[] = chats.slice(0, ANSWERING).map((id) => fake.user(id));
    const wave = reminderWave(budget, fake, chats);

    // Once the first 200 have their reminder, they all answer at the same moment.
    await Promise.all(answering.map((u) => u.nextMessage({ timeoutMs: 60_000 })));
    let waveDoneAt = Infinity;
    void wave.then(() => (waveDoneAt = performance.now()));
    const answers = await Promise.all(
      answering.map(async (u) => {
        u.pressButton('📝 Báo cáo');
        const opened = await u.nextMessages(2, { timeoutMs: 60_000 });
        u.pressButton('✅ Đã xong');
        const asked = await u.nextMessages(2, { timeoutMs: 60_000 });
        u.sendText('45');
        const photos = await u.nextMessage({ timeoutMs: 60_000 });
        return [...opened, ...asked, photos].map((m) => m.text);
      }),
    );
    const repliesDoneAt = performance.now();
    const outbox = await wave;

    for (const texts of answers) {
      expect(texts[1]).toContain('Tình hình thực hiện');
      expect(texts[2]).toBe('→ ✅ Đã xong');
      expect(texts[3]).toContain('Số hộ treo cờ?');
      expect(texts[4]).toContain('Gửi ảnh');
    }
    // Replies went first: the people talking to the bot were done while the wave still ran.
    expect(repliesDoneAt).toBeLessThan(waveDoneAt);
    expect(outbox.failed).toBe(0);
    expect(chats.every((id) => fake.user(id).messages().some((m) => m.text.startsWith('Nhắc việc')))).toBe(true);
    expect(bot.logs.filter((l) => /"level":(50|60)/.test(l))).toEqual([]);
    expect(busiestSecond(fake)).toBeLessThanOrEqual(LIMIT);
    expect(fake.stats().violations).toBe(0);
    expect(fake.stats().sent).toBe(LEADERS + ANSWERING * 5);
  });

  it('when Telegram answers a reply with 429 five times in a row, then the reply still arrives and the handler does not fail', { timeout: 60_000 }, async () => {
    bot = await startBotInstance(fake, database.db, new ManualClock());
    receiver = await startPolling(bot.created.bot, bot.created.inFlight);
    const leader = fake.user(FIRST + 1);
    fake.failNext(5, { code: 429, retryAfter: 1, method: 'sendMessage', chatId: leader.id });
    leader.sendText('/tasks');
    expect((await leader.nextMessage({ timeoutMs: 30_000 })).text).toContain('Treo cờ Tổ quốc');
    expect(fake.callsOf('sendMessage').filter((c) => c.error?.code === 429)).toHaveLength(5);
    expect(bot.logs.filter((l) => /"level":(50|60)/.test(l))).toEqual([]);
    expect(bot.logs.filter((l) => l.includes('reply met a 429'))).toHaveLength(5);
  });
});
