import { createServer } from 'node:net';
import { Api, GrammyError, HttpError } from 'grammy';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { telegramFetch } from '../src/telegram/http-client.js';
import { directJsonCalls } from '../src/telegram/json-calls.js';
import { FakeTelegram } from './support/fake-telegram.js';

// The bot's own sending of its step messages (telegram/json-calls.ts), against the fake Bot API.
describe('Bot API calls sent as JSON by the bot itself', () => {
  let fake: FakeTelegram;
  beforeEach(async () => {
    fake = await FakeTelegram.start();
  });
  afterEach(async () => {
    await fake.close();
  });

  const api = (apiRoot = fake.apiRoot) => {
    const a = new Api(fake.token, { apiRoot, fetch: telegramFetch });
    a.config.use(directJsonCalls(fake.token, apiRoot));
    return a;
  };

  it('when a message with buttons is sent, then Telegram gets what grammY would send, null values left out, and the sent message comes back', async () => {
    const markup = { inline_keyboard: [[{ text: '✅ Đã xong', callback_data: 'a:1' }]] };
    const sent = await api().sendMessage(4001, 'Tình hình ở <b>Khối 1</b>?', { parse_mode: 'HTML', reply_markup: markup, message_thread_id: null as unknown as number });
    expect(sent).toMatchObject({ chat: { id: 4001 }, text: 'Tình hình ở Khối 1?' });
    const [call] = fake.callsOf('sendMessage');
    expect(call?.params).toEqual({ chat_id: 4001, text: 'Tình hình ở <b>Khối 1</b>?', parse_mode: 'HTML', reply_markup: markup });
  });

  it("when Telegram refuses the call, then the caller gets grammY's GrammyError with Telegram's code and description", async () => {
    fake.failNext(1, { method: 'sendMessage', code: 400, description: 'Bad Request: message is too long' });
    const error = await api().sendMessage(4001, 'x'.repeat(10)).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(GrammyError);
    expect(error).toMatchObject({ error_code: 400, description: 'Bad Request: message is too long', method: 'sendMessage' });
  });

  it("when the Bot API cannot be reached, then the caller gets grammY's HttpError (the one auto-retry retries), without the token in its message", async () => {
    const closed = createServer();
    await new Promise<void>((resolve) => closed.listen(0, '127.0.0.1', resolve));
    const address = closed.address();
    await new Promise<void>((resolve) => closed.close(() => resolve()));
    const port = typeof address === 'object' && address ? address.port : 0;
    const error = await api(`http://127.0.0.1:${port}`).answerCallbackQuery('q1').catch((e: unknown) => e);
    expect(error).toBeInstanceOf(HttpError);
    expect((error as HttpError).message).toBe("Network request for 'answerCallbackQuery' failed!");
    expect((error as HttpError).message).not.toContain(fake.token);
  });

  it('when a call carries an abort signal or is not a plain-JSON method, then it goes the usual way, through the next transformer', async () => {
    const passed: string[] = [];
    const transformer = directJsonCalls(fake.token, fake.apiRoot);
    const next = (method: string) => {
      passed.push(method);
      return Promise.resolve({ ok: true as const, result: true });
    };
    await transformer(next as never, 'sendPhoto', { chat_id: 1, photo: 'file-id' });
    await transformer(next as never, 'sendMessage', { chat_id: 1, text: 'x' }, new AbortController().signal as never);
    await transformer(next as never, 'getUpdates', { offset: 0 });
    expect(passed).toEqual(['sendPhoto', 'sendMessage', 'getUpdates']);
    expect(fake.calls).toEqual([]);
  });
});
