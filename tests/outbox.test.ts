import { beforeEach, describe, expect, it } from 'vitest';
import { createLogger } from '../src/core/logger.js';
import { enqueueDeliveries } from '../src/outbox/deliveries.queries.js';
import { Dispatcher } from '../src/outbox/dispatcher.js';
import { soloElector } from '../src/outbox/leader.js';
import { createNotifier, type Notifier, type SendResult } from '../src/telegram/notifier.js';
import { dbTargets } from './support/db.js';
import { buildMember } from './support/factories.js';
import { useApp } from './support/suite.js';
import { VirtualTime } from './support/virtual-time.js';

const MINUTE = 60_000;

describe.each(dbTargets())('outbox dispatcher on %s', (target) => {
  const { database, h } = useApp(target, { localTime: '10/06/2026 09:00' });
  let time: VirtualTime;
  /** Every send as the dispatcher made it: the chat, when it left and when it was answered (virtual ms), how it ended. */
  let sends: { chatId: number; at: number; answeredAt: number; result: SendResult }[];
  let dispatcher: Dispatcher;
  beforeEach(async () => {
    time = new VirtualTime();
    sends = [];
    const notifier = createNotifier({ token: h.fake.token, apiRoot: h.fake.apiRoot });
    const watched: Notifier = {
      send: async (chatId, message) => {
        const at = time.now();
        const result = await notifier.send(chatId, message);
        sends.push({ chatId, at, answeredAt: time.now(), result });
        return result;
      },
      edit: (chatId, messageId, text) => notifier.edit(chatId, messageId, text),
    };
    dispatcher = new Dispatcher({
      db: database.db,
      clock: h.clock,
      logger: createLogger({ level: 'silent', secrets: [] }),
      notifier: watched,
      elector: soloElector(),
      window: { zone: h.config.timezone, quiet: h.config.quietHours },
      ratePerSecond: h.config.sendRatePerSecond,
      time,
    });
  });

  async function queue(source: string, chatIds: number[]) {
    const members = [];
    for (const id of chatIds) members.push(await buildMember(database.db, { telegramId: id }));
    await enqueueDeliveries(
      database.db,
      members.map((m) => ({ source, kind: 'notice' as const, chatId: m.chat_id, memberId: m.id, payload: { text: `tin ${source}` }, notBefore: h.clock.now(), expiresAt: null })),
    );
  }
  const row = (chatId: number) => database.db.selectFrom('deliveries').selectAll().where('chat_id', '=', chatId).executeTakeFirstOrThrow();
  const calls = (chatId: number) => h.fake.callsOf('sendMessage').filter((c) => c.params.chat_id === chatId);

  it('when the same delivery is queued twice, then it is stored and sent once', async () => {
    await queue('test:1', [8001]);
    await enqueueDeliveries(database.db, [{ source: 'test:1', kind: 'notice', chatId: 8001, memberId: null, payload: { text: 'again' }, notBefore: h.clock.now(), expiresAt: null }]);
    expect(await dispatcher.drain()).toBe(1);
    expect(await dispatcher.drain()).toBe(0);
    expect(h.fake.user(8001).messages().map((m) => m.text)).toEqual(['tin test:1']);
    expect(await row(8001)).toMatchObject({ status: 'sent', attempts: 1, message_id: expect.any(Number) });
  });

  it('when Telegram answers 429, then the dispatcher waits retry_after and sends it again, without counting an attempt', async () => {
    await queue('test:429', [8101, 8102]);
    h.fake.failNext(1, { code: 429, retryAfter: 1, chatId: 8101, method: 'sendMessage' });
    await dispatcher.drain();
    expect(calls(8101).map((c) => c.error?.code ?? 200)).toEqual([429, 200]);
    const [limited, retried] = sends.filter((s) => s.chatId === 8101);
    expect(limited?.result).toMatchObject({ ok: false, outcome: 'rate-limited', retryAfterSec: 1 });
    const pausedAt = limited?.answeredAt ?? 0;
    expect((retried?.at ?? 0) - pausedAt).toBeGreaterThanOrEqual(1000);
    // Nobody else was sent to during the pause either.
    expect(sends.filter((s) => s.at > pausedAt && s.at < pausedAt + 1000)).toEqual([]);
    expect(h.fake.user(8101).messages()).toHaveLength(1);
    expect(h.fake.user(8102).messages()).toHaveLength(1);
    expect(await row(8101)).toMatchObject({ status: 'sent', attempts: 1 });
    expect(dispatcher.stats.rateLimited).toBe(1);
  });

  it('when Telegram answers 403, then the member becomes unreachable and it is not retried', async () => {
    await queue('test:403', [8201]);
    h.fake.failNext(1, { code: 403, chatId: 8201 });
    await dispatcher.drain();
    h.clock.advance(24 * 60 * MINUTE);
    await dispatcher.drain();
    expect(calls(8201)).toHaveLength(1);
    expect(await row(8201)).toMatchObject({ status: 'unreachable', attempts: 1, last_error: '403: Forbidden: bot was blocked by the user' });
    const member = await database.db.selectFrom('members').select('status').where('chat_id', '=', 8201).executeTakeFirstOrThrow();
    expect(member.status).toBe('unreachable');
  });

  it('when Telegram answers 400 chat not found, then it is failed at once', async () => {
    await queue('test:400', [8301]);
    h.fake.failNext(1, { code: 400, chatId: 8301, description: 'Bad Request: chat not found' });
    await dispatcher.drain();
    h.clock.advance(60 * MINUTE);
    await dispatcher.drain();
    expect(calls(8301)).toHaveLength(1);
    expect(await row(8301)).toMatchObject({ status: 'failed', last_error: '400: Bad Request: chat not found' });
  });

  it('when Telegram answers 500, then it is retried with growing backoff, and failed after 5 attempts', async () => {
    await queue('test:500', [8401, 8402]);
    h.fake.failNext(1, { code: 500, chatId: 8401 });
    h.fake.failNext(10, { code: 500, chatId: 8402 });
    await dispatcher.drain();
    const first = await row(8401);
    expect(first).toMatchObject({ status: 'queued', attempts: 1, last_error: '500: Internal Server Error' });
    expect(first.next_attempt_at.getTime() - h.clock.now().getTime()).toBe(MINUTE);
    h.clock.advance(30_000);
    await dispatcher.drain();
    expect(calls(8401)).toHaveLength(1); // not yet due
    h.clock.advance(30_000);
    await dispatcher.drain();
    expect(await row(8401)).toMatchObject({ status: 'sent', attempts: 2 });
    expect(h.fake.user(8401).messages()).toHaveLength(1);

    // 8402 failed at the first drain (wait 1 min) and again when 8401 was retried.
    const waits: string[] = [];
    for (let i = 0; i < 6; i++) {
      const r = await row(8402);
      if (r.status !== 'queued') break;
      waits.push(`attempt ${r.attempts}: ${(r.next_attempt_at.getTime() - h.clock.now().getTime()) / MINUTE} min`);
      h.clock.set(r.next_attempt_at);
      await dispatcher.drain();
    }
    expect(waits).toEqual(['attempt 2: 2 min', 'attempt 3: 4 min', 'attempt 4: 8 min']);
    expect(await row(8402)).toMatchObject({ status: 'failed', attempts: 5 });
    expect(calls(8402)).toHaveLength(5);
  });

  it('when a delivery expires before it can be sent, then it is skipped and not sent', async () => {
    const m = await buildMember(database.db, { telegramId: 8501 });
    await enqueueDeliveries(database.db, [{ source: 'test:expired', kind: 'notice', chatId: 8501, memberId: m.id, payload: { text: 'late' }, notBefore: h.clock.now(), expiresAt: new Date(h.clock.now().getTime() + MINUTE) }]);
    h.clock.advance(2 * MINUTE);
    await dispatcher.drain();
    expect(calls(8501)).toHaveLength(0);
    expect(await row(8501)).toMatchObject({ status: 'skipped' });
  });
});
