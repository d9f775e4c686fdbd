import { Bot, GrammyError, InlineKeyboard, InputFile, Keyboard } from 'grammy';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { FakeTelegram } from './support/fake-telegram.js';

const PNG = Buffer.from(
  'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAQAAAC1HAwCAAAAC0lEQVR42mNkYAAAAAYAAjCB0C8AAAAASUVORK5CYII=',
  'base64',
);

/** A small bot exercising the features the fake supports. */
function makeBot(fake: FakeTelegram): { bot: Bot; seen: string[] } {
  const bot = new Bot(fake.token, { client: { apiRoot: fake.apiRoot } });
  const seen: string[] = [];
  bot.command('start', (ctx) =>
    ctx.reply(`Xin chào <b>${ctx.from?.first_name ?? ''}</b> &amp; chào mừng! (${ctx.match || 'không mã'})`, {
      parse_mode: 'HTML',
      reply_markup: new InlineKeyboard().text('Đã xong', 'done:1').text('Huỷ', 'cancel'),
    }),
  );
  bot.command('menu', (ctx) => ctx.reply('Chọn:', { reply_markup: new Keyboard().text('Báo cáo').resized() }));
  bot.hears('Báo cáo', (ctx) => ctx.reply('Gửi ảnh báo cáo nhé'));
  bot.callbackQuery('done:1', async (ctx) => {
    await ctx.answerCallbackQuery({ text: 'Đã ghi nhận' });
    await ctx.editMessageText('Đã xong ✅');
  });
  bot.on('callback_query:data', (ctx) => ctx.answerCallbackQuery({ text: 'Nút đã cũ', show_alert: true }));
  bot.on('message:photo', async (ctx) => {
    const file = await ctx.getFile();
    const res = await fetch(`${fake.apiRoot}/file/bot${fake.token}/${file.file_path ?? ''}`);
    const bytes = Buffer.from(await res.arrayBuffer());
    await ctx.reply(`Ảnh ${bytes.subarray(1, 4).toString('latin1')} ${ctx.msg.photo.length} cỡ`);
  });
  bot.on('my_chat_member', (ctx) => {
    seen.push(`member:${ctx.myChatMember.new_chat_member.status}`);
  });
  bot.on('message:text', (ctx) => ctx.reply(`Bạn nói: ${ctx.msg.text}`));
  bot.catch((err) => seen.push(`error:${String(err.error)}`));
  return { bot, seen };
}

/** Long polls ask for 600 s: anything that waited for a poll to time out would time the test out. */
const POLL_SECONDS = 600;

function startBot(bot: Bot): Promise<void> {
  return new Promise((resolve, reject) => {
    bot.start({ onStart: () => resolve(), timeout: POLL_SECONDS }).catch(reject);
  });
}

async function apiError(p: Promise<unknown>): Promise<GrammyError> {
  try {
    await p;
  } catch (e) {
    if (e instanceof GrammyError) return e;
    throw e;
  }
  throw new Error('expected a GrammyError');
}

describe('FakeTelegram with a real grammY bot', () => {
  let fake: FakeTelegram;
  let bot: Bot;
  let seen: string[];
  /** Flood control's time (ms), moved by hand. */
  let rateMs: number;

  beforeEach(async () => {
    rateMs = 0;
    fake = await FakeTelegram.start({ rateNow: () => rateMs });
    ({ bot, seen } = makeBot(fake));
    await startBot(bot);
  });

  afterEach(async () => {
    if (bot.isRunning()) await bot.stop();
    await fake.close();
  });

  it('when a user sends /start with a payload, then the HTML reply arrives as plain text with its buttons', async () => {
    const an = fake.user(42, { firstName: 'An' });
    an.sendText('/start ma_moi_123');
    const msg = await an.nextMessage();
    expect(msg.text).toBe('Xin chào An & chào mừng! (ma_moi_123)');
    expect(msg.html).toContain('<b>An</b>');
    expect(msg.buttons).toEqual([['Đã xong', 'Huỷ']]);
    expect(msg.callbackData).toEqual([['done:1', 'cancel']]);
    expect(an.transcript().map((e) => e.from)).toEqual(['user', 'bot']);
    expect(fake.stats().calls).toMatchObject({ getMe: 1, deleteWebhook: 1, sendMessage: 1 });
  });

  it('when the user presses an inline button, then the callback is answered and the message edited', async () => {
    const an = fake.user(42);
    an.sendText('/start');
    const first = await an.nextMessage();
    an.pressButton('Đã xong');
    await fake.waitFor(() => an.messages()[0]?.editCount === 1);
    expect(an.messages()[0]).toMatchObject({ message_id: first.message_id, text: 'Đã xong ✅', buttons: [] });
    expect(an.callbackAnswers()).toEqual([expect.objectContaining({ data: 'done:1', text: 'Đã ghi nhận' })]);
    expect(an.transcript().map((e) => e.text)).toContain('[button] Đã xong');
    expect(() => an.pressButton('Huỷ')).toThrow(/no button matching Huỷ[\s\S]*Available buttons/);
  });

  it('when a forged callback arrives, then the bot answers it and a second answer is refused', async () => {
    const an = fake.user(42);
    an.sendText('/start');
    const msg = await an.nextMessage();
    an.pressCallbackData('forged:999', msg.message_id);
    await fake.waitFor(() => an.callbackAnswers().length === 1);
    expect(an.callbackAnswers()[0]).toMatchObject({ data: 'forged:999', show_alert: true });
    const id = an.callbackAnswers()[0]?.callback_query_id ?? '';
    const err = await apiError(bot.api.answerCallbackQuery(id));
    expect(err.description).toMatch(/query is too old/);
  });

  it('when the user taps a reply-keyboard button, then its label is sent as text', async () => {
    const an = fake.user(42);
    an.sendText('/menu');
    expect((await an.nextMessage()).buttons).toEqual([['Báo cáo']]);
    an.pressButton(/báo cáo/i);
    expect((await an.nextMessage()).text).toBe('Gửi ảnh báo cáo nhé');
  });

  it('when a user sends a photo, then the bot can getFile and download its bytes', async () => {
    const an = fake.user(42);
    an.sendPhoto({ fileUniqueId: 'same-pic' });
    expect((await an.nextMessage()).text).toBe('Ảnh PNG 2 cỡ');
  });

  it('when the bot uploads a PNG via InputFile, then the stored bytes and download match', async () => {
    const sent = await bot.api.sendPhoto(42, new InputFile(PNG, 'qr.png'), { caption: 'Mã <i>QR</i>', parse_mode: 'HTML' });
    const msg = await fake.user(42).nextMessage();
    expect(msg).toMatchObject({ kind: 'photo', caption: 'Mã QR', text: 'Mã QR' });
    expect(msg.file?.bytes.subarray(0, 8)).toEqual(PNG.subarray(0, 8));
    const photo = sent.photo.at(-1);
    const file = await bot.api.getFile(photo?.file_id ?? '');
    const res = await fetch(`${fake.apiRoot}/file/bot${fake.token}/${file.file_path ?? ''}`);
    expect(Buffer.from(await res.arrayBuffer())).toEqual(PNG);
    const again = await bot.api.sendPhoto(42, photo?.file_id ?? '');
    expect(again.photo[0]?.file_unique_id).toBe(photo?.file_unique_id);
    const bad = await apiError(bot.api.sendPhoto(42, new InputFile(Buffer.from('not an image'), 'x.png')));
    expect(bad.description).toBe('Bad Request: IMAGE_PROCESS_FAILED');
  });

  it('when the bot sends a document and an album, then kinds, files and media are recorded', async () => {
    await bot.api.sendDocument(42, new InputFile(Buffer.from('a,b\n1,2\n'), 'bao-cao.csv'));
    const album = await bot.api.sendMediaGroup(42, [
      { type: 'photo', media: new InputFile(PNG, 'a.png'), caption: 'Ảnh 1' },
      { type: 'photo', media: new InputFile(PNG, 'b.png') },
    ]);
    expect(album.map((m) => m.message_id)).toEqual([2, 3]);
    const [doc, group] = await fake.user(42).nextMessages(2);
    expect(doc?.file).toMatchObject({ filename: 'bao-cao.csv', mime: 'text/csv' });
    expect(doc?.file?.bytes.toString()).toBe('a,b\n1,2\n');
    expect(group).toMatchObject({ kind: 'media_group', message_ids: [2, 3], caption: 'Ảnh 1' });
    expect(group?.media?.map((m) => m.file.filename)).toEqual(['a.png', 'b.png']);
    expect((await apiError(bot.api.sendMediaGroup(42, [{ type: 'photo', media: new InputFile(PNG) }]))).error_code).toBe(400);
  });

  it('when callback_data is over 64 bytes, then Telegram-style BUTTON_DATA_INVALID is raised', async () => {
    const send = (data: string) => bot.api.sendMessage(42, 'x', { reply_markup: new InlineKeyboard().text('Nút', data) });
    expect((await apiError(send('a'.repeat(65)))).description).toBe('Bad Request: BUTTON_DATA_INVALID');
    // 22 Vietnamese letters × 3 UTF-8 bytes = 66 bytes, although only 22 characters.
    expect((await apiError(send('ế'.repeat(22)))).description).toBe('Bad Request: BUTTON_DATA_INVALID');
    await expect(send('ế'.repeat(21))).resolves.toMatchObject({ message_id: 1 });
    await expect(send('a'.repeat(64))).resolves.toMatchObject({ message_id: 2 });
  });

  it('when texts are too long, empty or badly formatted, then 400 errors match Telegram', async () => {
    expect((await apiError(bot.api.sendMessage(42, 'a'.repeat(4097)))).description).toBe('Bad Request: message is too long');
    await expect(bot.api.sendMessage(42, 'ô'.repeat(4096))).resolves.toMatchObject({ text: 'ô'.repeat(4096) });
    expect((await apiError(bot.api.sendMessage(42, ''))).description).toBe('Bad Request: message text is empty');
    const html = (t: string) => apiError(bot.api.sendMessage(42, t, { parse_mode: 'HTML' }));
    expect((await html('dòng 1<br>dòng 2')).description).toMatch(/^Bad Request: can't parse entities: Unsupported start tag "br"/);
    expect((await html('<b>đậm')).description).toMatch(/can't parse entities: Can't find end tag/);
    expect((await html('3 < 5')).description).toMatch(/can't parse entities/);
    expect((await html('Tom & Jerry')).description).toMatch(/can't parse entities/);
    const caption = await apiError(bot.api.sendPhoto(42, new InputFile(PNG), { caption: 'c'.repeat(1025) }));
    expect(caption.description).toBe('Bad Request: message caption is too long');
    expect((await apiError(bot.api.raw.sendMessage({ text: 'x' } as never))).description).toBe('Bad Request: chat_id is empty');
  });

  it('when the bot edits a message badly, then not-found and not-modified errors are raised', async () => {
    const m = await bot.api.sendMessage(42, 'Một', { reply_markup: new InlineKeyboard().text('A', 'a') });
    const same = await apiError(bot.api.editMessageText(42, m.message_id, 'Một', { reply_markup: new InlineKeyboard().text('A', 'a') }));
    expect(same.description).toMatch(/^Bad Request: message is not modified/);
    expect((await apiError(bot.api.editMessageText(42, 999, 'x'))).description).toBe('Bad Request: message to edit not found');
    await bot.api.editMessageText(42, m.message_id, 'Một'); // dropping the keyboard is a modification
    expect(fake.user(42).messages()[0]?.buttons).toEqual([]);
    await bot.api.deleteMessage(42, m.message_id);
    expect(fake.user(42).messages()).toEqual([]);
    expect((await apiError(bot.api.deleteMessage(42, m.message_id))).description).toBe('Bad Request: message to delete not found');
  });

  it('when failNext injects a 429, then grammY sees retry_after and the next call succeeds', async () => {
    fake.failNext(1, { method: 'sendMessage', code: 429, retryAfter: 3 });
    const err = await apiError(bot.api.sendMessage(42, 'a'));
    expect(err.error_code).toBe(429);
    expect(err.parameters.retry_after).toBe(3);
    await expect(bot.api.sendMessage(42, 'b')).resolves.toMatchObject({ text: 'b' });
    fake.failNext(1, { chatId: 7, code: 500 });
    await expect(bot.api.sendMessage(42, 'c')).resolves.toMatchObject({ text: 'c' });
    expect((await apiError(bot.api.sendMessage(7, 'd'))).error_code).toBe(500);
  });

  it('when a user blocks the bot, then sends fail with 403 until the user writes again', async () => {
    const an = fake.user(42);
    an.block();
    await fake.waitFor(() => seen.includes('member:kicked'));
    const err = await apiError(bot.api.sendMessage(42, 'Nhắc việc'));
    expect(err.error_code).toBe(403);
    expect(err.description).toBe('Forbidden: bot was blocked by the user');
    an.sendText('/start'); // the app unblocks before sending
    expect((await an.nextMessage()).text).toMatch(/^Xin chào/);
    expect(seen).toContain('member:member');
    expect(an.transcript().map((e) => e.text)).toEqual(['[blocked the bot]', '[unblocked the bot]', '/start', expect.any(String)]);
  });

  it('when the bot floods one chat, then flood control answers 429 and escalates repeat offences', async () => {
    fake.rateLimit({ perChat: 2 });
    const results = await Promise.allSettled([1, 2, 3, 4].map((i) => bot.api.sendMessage(42, `tin ${i}`)));
    expect(results.filter((r) => r.status === 'fulfilled')).toHaveLength(2);
    const errors = results.flatMap((r) => (r.status === 'rejected' && r.reason instanceof GrammyError ? [r.reason] : []));
    expect(errors.map((e) => e.error_code)).toEqual([429, 429]);
    expect(errors.map((e) => e.parameters.retry_after)).toEqual([1, 1]); // one burst, one wait
    await expect(bot.api.sendMessage(43, 'chat khác')).resolves.toMatchObject({ chat: { id: 43 } });
    rateMs += 400; // past the burst, still inside retry_after
    const again = await apiError(bot.api.sendMessage(42, 'tin 5')); // retry_after ignored: escalated
    expect(again.parameters.retry_after).toBe(2);
    expect(fake.stats()).toMatchObject({ violations: 3, sent: 3 });
    expect(fake.user(42).messages()).toHaveLength(2);
  });

  it('when nothing arrives, then nextMessage rejects with the transcript and recent API errors', async () => {
    const an = fake.user(42);
    fake.failNext(1, { method: 'sendMessage', chatId: 42, code: 400, description: 'Bad Request: boom' });
    an.sendText('xin chào');
    await fake.quiet();
    await expect(an.nextMessage({ timeoutMs: 1 })).rejects.toThrow(/user: xin chào[\s\S]*sendMessage: 400 Bad Request: boom/);
    await fake.expectNothingSentTo(an);
  });

  it('when bot.stop() is called during a long poll, then it returns without waiting for the poll to end', async () => {
    await fake.waitFor(() => fake.pollWaiting);
    expect(fake.callsOf('getUpdates').at(-1)?.params).toMatchObject({ timeout: POLL_SECONDS });
    await bot.stop(); // waiting out the poll would take 600 s
    const last = fake.callsOf('getUpdates').at(-1);
    expect(last?.params).toMatchObject({ limit: 1 });
  });

  it('when setMyCommands is scoped to a chat, then the user and default command lists differ', async () => {
    await bot.api.setMyCommands([{ command: 'start', description: 'Bắt đầu' }]);
    await bot.api.setMyCommands([{ command: 'tasks', description: 'Việc của tôi' }], { scope: { type: 'chat', chat_id: 42 } });
    expect(fake.defaultCommands()?.map((c) => c.command)).toEqual(['start']);
    expect(fake.user(42).commands()?.map((c) => c.command)).toEqual(['tasks']);
    expect((await apiError(bot.api.setMyCommands([{ command: 'Tasks', description: 'x' }]))).description).toBe('Bad Request: BOT_COMMAND_INVALID');
  });
});

describe('FakeTelegram protocol', () => {
  let fake: FakeTelegram;
  beforeEach(async () => {
    fake = await FakeTelegram.start({ strictChats: true, now: () => Date.UTC(2026, 5, 1) });
  });
  afterEach(() => fake.close());

  const call = async (method: string, body: unknown, token = fake.token) => {
    const res = await fetch(`${fake.apiRoot}/bot${token}/${method}`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(body),
    });
    return { status: res.status, json: (await res.json()) as { ok: boolean; result?: unknown; description?: string } };
  };

  it('when the token is wrong or the method unknown, then 401 and 404 are answered', async () => {
    expect(await call('getMe', {}, '1:bad')).toEqual({ status: 401, json: { ok: false, error_code: 401, description: 'Unauthorized' } });
    expect((await call('sendRocket', {})).status).toBe(404);
    expect((await call('getMe', {})).json.result).toMatchObject({ is_bot: true, username: 'khoipho_test_bot' });
  });

  it('when strictChats is on, then unknown chats are not found and dates follow the clock', async () => {
    expect((await call('sendMessage', { chat_id: 5, text: 'x' })).json.description).toBe('Bad Request: chat not found');
    fake.user(5);
    const ok = await call('sendMessage', { chat_id: 5, text: 'x' });
    expect(ok.json.result).toMatchObject({ date: Date.UTC(2026, 5, 1) / 1000, chat: { id: 5, type: 'private' } });
  });

  it('when an update arrives during a long poll, then getUpdates returns it at once and offset confirms it', async () => {
    const pending = call('getUpdates', { timeout: 600 }); // a poll that ran to its end would time the test out
    await fake.waitFor(() => fake.pollWaiting);
    fake.user(9).sendText('/start');
    const first = (await pending).json.result as Array<{ update_id: number; message: { entities: unknown[] } }>;
    expect(first.map((u) => u.update_id)).toEqual([1]);
    expect(first[0]?.message.entities).toEqual([{ type: 'bot_command', offset: 0, length: 6 }]);
    expect((await call('getUpdates', { offset: 2, timeout: 0 })).json.result).toEqual([]);
    expect(fake.pendingUpdates).toBe(0);
  });

  it('when a webhook is set, then getUpdates conflicts until it is deleted', async () => {
    await call('setWebhook', { url: 'https://example.com/hook' });
    expect((await call('getWebhookInfo', {})).json.result).toMatchObject({ url: 'https://example.com/hook' });
    expect((await call('getUpdates', {})).status).toBe(409);
    await call('deleteWebhook', {});
    expect((await call('getUpdates', {})).status).toBe(200);
  });

  it('when closed during a long poll, then the poll ends empty and no TCP handles stay open', async () => {
    // The worker's process may hold connections of its own (an earlier file's database pool): the
    // fake's listening socket and every connection this test made must be gone, the rest may stay.
    const tcp = () => process.getActiveResourcesInfo().filter((r) => r.startsWith('TCP'));
    const before = tcp().length;
    const bot = new Bot(fake.token, { client: { apiRoot: fake.apiRoot } });
    bot.on('message:text', (ctx) => ctx.reply('ok'));
    await startBot(bot);
    fake.user(1).sendText('chào');
    await fake.user(1).nextMessage();
    await bot.stop();
    const pending = call('getUpdates', { timeout: 30 });
    await fake.waitFor(() => fake.pollWaiting);
    await fake.close();
    await fake.close();
    expect((await pending).json).toEqual({ ok: true, result: [] });
    await expect.poll(() => tcp().length).toBeLessThan(before);
  });

  it('when 2000 messages go through a real bot, then every reply arrives, in order within each chat', async () => {
    const bot = new Bot(fake.token, { client: { apiRoot: fake.apiRoot } });
    bot.on('message:text', (ctx) => ctx.reply(`ok ${ctx.msg.text}`));
    await startBot(bot);
    const users = Array.from({ length: 20 }, (_, i) => fake.user(1000 + i));
    for (let i = 0; i < 100; i++) for (const u of users) u.sendText(String(i));
    const replies = await Promise.all(users.map(async (u) => (await u.nextMessages(100, { timeoutMs: 20_000 })).map((m) => m.text)));
    await bot.stop();
    const expected = Array.from({ length: 100 }, (_, i) => `ok ${i}`);
    for (const texts of replies) expect(texts).toEqual(expected);
    expect(fake.stats().sent).toBe(2000);
  });
});
